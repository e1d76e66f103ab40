// The export reads attachments' bytes (Blobs from IndexedDB) a few records ahead instead of one after another: the
// reads overlap, the archive is the same, and a record without bytes or whose read fails still fails the export.
import { describe, expect, it } from 'vitest'
import { buildArchive, readArchive, type ArchiveAttachmentInput } from '../../../src/core/archive'
import { attachment, randomBytes, sampleInput } from './support'

/** A Blob stand-in whose read resolves only when the test says so, recording when each read started. */
class SlowBlob {
  static started: string[] = []
  static pending: (() => void)[] = []
  constructor(
    private readonly id: string,
    private readonly bytes: Uint8Array,
    private readonly fails = false,
  ) {}
  arrayBuffer(): Promise<ArrayBuffer> {
    SlowBlob.started.push(this.id)
    return new Promise((resolve, reject) =>
      SlowBlob.pending.push(() => (this.fails ? reject(new Error('read failed')) : resolve(this.bytes.slice().buffer as ArrayBuffer))),
    )
  }
}

function images(count: number, failing?: number): ArchiveAttachmentInput[] {
  const input = sampleInput()
  const itemId = (input.items as readonly { id: string }[])[0]!.id
  return Array.from({ length: count }, (_, i) => {
    const meta = attachment(`01JIMG${String(i).padStart(20, '0')}`, itemId, randomBytes(300 + i, i))
    return { ...meta, data: new SlowBlob(meta.id, meta.data, i === failing) as unknown as Blob }
  })
}

/** Releases reads as they come, noting how many had started while the oldest was still pending. */
async function releasing(build: Promise<unknown>): Promise<number> {
  let most = 0
  let done = false
  void build.finally(() => (done = true)).catch(() => undefined)
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 1))
    most = Math.max(most, SlowBlob.pending.length)
    SlowBlob.pending.shift()?.()
  }
  return most
}

describe('attachment bytes read ahead', () => {
  it('overlap several reads and give the same archive as bytes at hand', async () => {
    SlowBlob.started = []
    SlowBlob.pending = []
    const input = sampleInput()
    const slow = images(20)
    const building = buildArchive({ ...input, attachments: slow })
    const inFlight = await releasing(building)
    expect(inFlight).toBeGreaterThan(1)
    expect(inFlight).toBeLessThanOrEqual(9)
    expect(SlowBlob.started).toEqual(slow.map((a) => a.id))
    const atHand = slow.map((a) => ({ ...a, data: (a.data as unknown as { bytes: Uint8Array }).bytes }))
    const expected = await buildArchive({ ...input, attachments: atHand })
    expect(await building).toEqual(expected)
    expect((await readArchive(await building)).attachments.map((a) => a.id)).toEqual(slow.map((a) => a.id))
  })

  it('a read that fails, or a record without bytes, fails the export with a typed error', async () => {
    SlowBlob.started = []
    SlowBlob.pending = []
    const input = sampleInput()
    const failing = buildArchive({ ...input, attachments: images(12, 5) })
    await releasing(failing)
    await expect(failing).rejects.toMatchObject({ code: 'write-failed' })
    const noBytes = images(3).map((a, i) => (i === 1 ? { ...a, data: undefined as unknown as Blob } : a))
    const refused = buildArchive({ ...input, attachments: noBytes })
    await releasing(refused)
    await expect(refused).rejects.toMatchObject({ code: 'invalid-record', info: { recordId: noBytes[1]!.id } })
  })
})

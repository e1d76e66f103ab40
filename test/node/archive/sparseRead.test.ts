// A restore reads an archive without its content/ Markdown (sparseRead.ts): what it gets back is the same as from
// the whole file, every other entry is still checked, and nothing it did not read can be used.
import { describe, expect, it } from 'vitest'
import { buildArchive, readArchive, type ArchiveError } from '../../../src/core/archive'
import { DEFAULT_LIMITS } from '../../../src/core/archive/format'
import { readSkippingContent } from '../../../src/core/archive/sparseRead'
import { extractEntry, readZipDirectory, type AbsentRanges } from '../../../src/core/archive/zipReader'
import { syntheticItems } from '../../support/syntheticKb'
import { filesOf, sampleInput, testRenderer, text, zipFiles } from './support'

async function archive(): Promise<Uint8Array> {
  const input = sampleInput()
  return buildArchive({ ...input, items: [...(input.items as never[]), ...syntheticItems({ count: 200, seed: 5 })] }, { renderMarkdown: testRenderer, shardMaxRecords: 60 })
}

/** Reads `file` as the restore does; returns the buffer, what was left out and the ranges asked for. */
async function sparse(file: Uint8Array, worthSkipping = 1): Promise<{ bytes: Uint8Array; absent: AbsentRanges; reads: [number, number][] }> {
  const bytes = new Uint8Array(file.length)
  const reads: [number, number][] = []
  const absent = await readSkippingContent(
    bytes,
    async (start, end) => {
      reads.push([start, end])
      bytes.set(file.subarray(start, end), start)
    },
    { worthSkipping },
  )
  return { bytes, absent, reads }
}

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work()
  } catch (error) {
    return (error as ArchiveError).code
  }
  return 'accepted'
}

describe('readSkippingContent', () => {
  it('leaves out exactly the content/ entries, and the restore reads the same records from what is left', async () => {
    const file = await archive()
    const { bytes, absent, reads } = await sparse(file)
    expect(absent.length).toBeGreaterThan(0)
    const directory = readZipDirectory(file, DEFAULT_LIMITS)
    const left = (offset: number) => absent.some(([from, to]) => offset >= from && offset < to)
    for (const entry of directory.entries) expect(left(entry.localOffset)).toBe(entry.name.startsWith('content/'))
    // Every byte outside the ranges left out was read.
    const covered = new Uint8Array(file.length)
    for (const [from, to] of reads) covered.fill(1, from, to)
    let missed = -1
    for (let i = 0; i < file.length && missed < 0; i++) if (!covered[i] && !left(i)) missed = i
    expect(missed).toBe(-1)
    const whole = await readArchive(file, { verifyContent: false })
    const part = await readArchive(bytes, { verifyContent: false, absent })
    expect(part.items).toEqual(whole.items)
    expect(part.attachments).toEqual(whole.attachments)
    expect(part.manifest).toEqual(whole.manifest)
  })

  it('reads the whole file when there is little content/ to skip, or when it is not a zip it understands', async () => {
    const file = await archive()
    expect((await sparse(file, Number.MAX_SAFE_INTEGER)).absent).toEqual([])
    const junk = new Uint8Array(300_000).map((_, i) => i % 251)
    const read = await sparse(junk)
    expect(read.absent).toEqual([])
    expect(Buffer.from(read.bytes).equals(Buffer.from(junk))).toBe(true)
  })

  it('a damaged entry that was read is still refused; content/ cannot be verified when it was not read', async () => {
    const file = await archive()
    const files = filesOf(file)
    const shard = [...files.keys()].find((name) => name.startsWith('data/items/'))!
    const data = files.get(shard)!.slice()
    data[10] = data[10] === 0x61 ? 0x62 : 0x61
    const damaged = zipFiles(new Map([...files, [shard, data]]))
    const { bytes, absent } = await sparse(damaged)
    expect(await refusal(() => readArchive(bytes, { verifyContent: false, absent }))).toBe('checksum')
    const good = await sparse(file)
    expect(await refusal(() => readArchive(good.bytes, { absent: good.absent }))).toBe('corrupt')
  })

  it('an entry the restore needs whose bytes were not read is refused, never inflated from zeros', async () => {
    const file = await archive()
    const { bytes, absent } = await sparse(file)
    const directory = readZipDirectory(bytes, DEFAULT_LIMITS, absent)
    const markdown = directory.entries.find((e) => e.name.startsWith('content/'))!
    expect(markdown.unread).toBe(true)
    expect(() => extractEntry(bytes, markdown)).toThrow(expect.objectContaining({ code: 'corrupt' }))
    // Ranges that (wrongly) cover a shard: the read refuses the archive rather than parse zeros.
    const shard = directory.entries.find((e) => e.name.startsWith('data/items/'))!
    const covering: AbsentRanges = [...absent, [shard.localOffset, shard.localOffset + 1] as const].sort((a, b) => a[0] - b[0])
    expect(await refusal(() => readArchive(bytes, { verifyContent: false, absent: covering }))).toBe('corrupt')
  })

  it('a zip-slip name is refused even when its entry is not read', async () => {
    const file = await archive()
    const evil = zipFiles(filesOf(file), {}, [{ name: 'content/../../evil.md', data: text('x'.repeat(5000)) }])
    const { bytes, absent } = await sparse(evil)
    expect(await refusal(() => readArchive(bytes, { verifyContent: false, absent }))).toBe('unsafe-path')
  })
})

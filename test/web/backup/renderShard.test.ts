// The export's Markdown rendered by the pool a shard at a time (renderShard.ts, what export.worker.ts does):
// the archive it gives is verified whole by the reader, holds the same records, and its content/ files are the
// very files the item-by-item renderer writes (same paths, same text), collisions numbered the same way.
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isArchiveError, readArchive } from '../../../src/core/archive'
import { shardPath } from '../../../src/core/archive/format'
import { exportDatabase } from '../../../src/features/backup/jobs'
import { pooledItemsShardPreparer, prepareItemsShard, renderShard, renderShardTask, shardText, type HashedItemsShard } from '../../../src/features/backup/renderShard'
import type { RenderedMarkdown } from '../../../src/core/archive'
import { fflateCompressor } from '../../../src/core/archive/zipWriter'
import { closeAll, doc, freshDb, item, seedSample, T0 } from './support'

afterEach(closeAll)

const originalParse = JSON.parse

async function exportWith(db: Awaited<ReturnType<typeof freshDb>>, shardRenderer: boolean | 'prepared', compressionLevel?: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  await exportDatabase(db, (chunk) => void chunks.push(chunk), {
    appVersion: '0.1.0-test',
    createdAt: T0,
    // Small shards: several renders in flight and written in turn.
    shardMaxRecords: 7,
    ...(compressionLevel === undefined ? {} : { compressionLevel }),
    ...(shardRenderer === 'prepared'
      ? { prepareItemsShard: (records: readonly string[], paths: ReadonlyMap<string, string>, level: number) => prepareItemsShard(records, paths, level) }
      : shardRenderer
        ? { renderMarkdownShard: (shard: Uint8Array, paths: ReadonlyMap<string, string>) => renderShard(shard, paths) }
        : {}),
  })
  return Buffer.concat(chunks)
}

const contentOf = (bytes: Uint8Array): Record<string, string> =>
  Object.fromEntries(
    Object.entries(unzipSync(bytes))
      .filter(([path]) => path.startsWith('content/'))
      .map(([path, data]) => [path, new TextDecoder().decode(data)]),
  )

describe('Markdown rendered a shard at a time', () => {
  it('gives a verified archive with the same records and the same content/ files as rendering item by item', async () => {
    const db = await freshDb()
    await seedSample(db)
    // Titles that collide (numbered), one that cannot be a file name, enough items for several shards.
    await db.items.bulkAdd([
      ...Array.from({ length: 30 }, (_, i) => item('note', `01SAME${String(i).padStart(3, '0')}`, { title: 'Same title', body: doc(`text ${i}`) })),
      item('post', '01CON', { title: 'CON', body: doc('reserved name') }),
    ])
    const inline = await exportWith(db, false)
    const pooled = await exportWith(db, true)
    const [a, b] = await Promise.all([readArchive(inline), readArchive(pooled)])
    expect(b.items).toEqual(a.items)
    expect(b.attachments).toEqual(a.attachments)
    expect(b.manifest.counts).toEqual(a.manifest.counts)
    const expected = contentOf(inline)
    expect(Object.keys(expected)).toHaveLength(36)
    expect(contentOf(pooled)).toEqual(expected)
    // Every content file's checksum is in the manifest and right (the reader verifies them all).
    await expect(readArchive(pooled, { verifyContent: true })).resolves.toBeTruthy()
    expect(Object.keys(b.manifest.entries).filter((p) => p.startsWith('content/'))).toHaveLength(36)
  })

  it('items shards prepared elsewhere (joined, deflated, hashed, rendered) give the same verified archive', async () => {
    const db = await freshDb()
    await seedSample(db)
    await db.items.bulkAdd([
      ...Array.from({ length: 30 }, (_, i) => item('note', `01SAME${String(i).padStart(3, '0')}`, { title: 'Same title', body: doc(`text ${i} `.repeat(50)) })),
      item('post', '01CON', { title: 'CON', body: doc('reserved name') }),
    ])
    const inline = await exportWith(db, false)
    const sizes: number[] = []
    for (const level of [undefined, 0]) {
      const prepared = await exportWith(db, 'prepared', level)
      sizes.push(prepared.length)
      // The reader checks every entry's CRC-32 and SHA-256 against the manifest, content/ included.
      const [a, b] = await Promise.all([readArchive(inline), readArchive(prepared, { verifyContent: true })])
      expect(b.items).toEqual(a.items)
      expect(b.manifest.counts).toEqual(a.manifest.counts)
      expect(b.manifest.tables).toEqual(a.manifest.tables)
      expect(contentOf(prepared)).toEqual(contentOf(inline))
      // Shards deflated by default, stored at level 0.
      const shards = Object.entries(unzipSync(prepared)).filter(([path]) => path.startsWith(shardPath('items', 0).slice(0, -'0001.json'.length)))
      expect(shards.length).toBeGreaterThan(2)
      const { entries } = b.manifest
      for (const [path, data] of shards) expect(entries[path]!.size).toBe(data.length)
    }
    // Same entries, but the shards deflated by default (level 1) and stored at level 0.
    expect(sizes[0]).toBeLessThan(sizes[1]!)
  })

  it('items shards left to main to deflate (the pool joins, hashes and renders) give the same verified archive', async () => {
    const db = await freshDb()
    await seedSample(db)
    await db.items.bulkAdd(Array.from({ length: 30 }, (_, i) => item('note', `01MAIN${String(i).padStart(3, '0')}`, { title: `Note ${i}`, body: doc(`text ${i} `.repeat(50)) })))
    const inline = await exportWith(db, false)
    // The pool's task run in process; "main" deflates with fflate here and counts what it was given.
    const run = async <T,>(task: unknown): Promise<T> => (await renderShardTask(task)).result as T
    const deflated: number[] = []
    const chunks: Uint8Array[] = []
    await exportDatabase(db, (chunk) => void chunks.push(chunk), {
      appVersion: '0.1.0-test',
      createdAt: T0,
      shardMaxRecords: 7,
      prepareItemsShard: pooledItemsShardPreparer(run, async (data, level) => (deflated.push(data.length), fflateCompressor(data, level))),
    })
    const viaMain = Buffer.concat(chunks)
    const [a, b] = await Promise.all([readArchive(inline), readArchive(viaMain, { verifyContent: true })])
    expect(b.items).toEqual(a.items)
    expect(b.manifest.tables).toEqual(a.manifest.tables)
    expect(contentOf(viaMain)).toEqual(contentOf(inline))
    // Every items shard went to "main", and was stored deflated.
    expect(deflated).toHaveLength(b.manifest.tables['items']!.files.length)
    expect(viaMain.length).toBeLessThan((await exportWith(db, 'prepared', 0)).length)
  })

  it("hands each shard's bytes over to the pool (transferred, not cloned), the shard as the archive holds it", async () => {
    const db = await freshDb()
    await seedSample(db)
    await db.items.bulkAdd(Array.from({ length: 20 }, (_, i) => item('post', `01XFER${String(i).padStart(3, '0')}`, { title: `Post ${i}`, body: doc(`corps ${i} é 👩‍👩‍👧`) })))
    // The shards prepared on the export's own thread from the records' texts: the same bytes are expected.
    const expected = await exportWith(db, 'prepared')
    const sent: { json: Uint8Array; text: unknown; transferred: boolean }[] = []
    const run = async <T,>(task: unknown, transfer?: ArrayBuffer[]): Promise<T> => {
      const { json, text } = task as { json: Uint8Array; text?: unknown }
      const transferred = transfer?.includes(json.buffer as ArrayBuffer) === true
      // As a worker gets it and answers: a clone, the listed buffers moved (detached on the export's side).
      const received = structuredClone(task, { transfer: transfer ?? [] })
      sent.push({ json: (received as { json: Uint8Array }).json.slice(), text, transferred })
      const answer = await renderShardTask(received)
      return structuredClone(answer.result, { transfer: answer.transfer ?? [] }) as T
    }
    for (const deflate of [undefined, fflateCompressor]) {
      sent.length = 0
      const chunks: Uint8Array[] = []
      await exportDatabase(db, (chunk) => void chunks.push(chunk), {
        appVersion: '0.1.0-test',
        createdAt: T0,
        shardMaxRecords: 7,
        prepareItemsShard: pooledItemsShardPreparer(run, deflate),
      })
      const archive = Buffer.concat(chunks)
      const shards = Object.entries(unzipSync(archive)).filter(([path]) => path.startsWith(shardPath('items', 0).slice(0, -'0001.json'.length)))
      expect(sent).toHaveLength(shards.length)
      sent.forEach((task, i) => {
        // Neither the records' texts nor the joined text: the very bytes of the shard the archive holds, handed over.
        expect(task.text).toBeUndefined()
        expect(task.transferred).toBe(true)
        expect(Buffer.from(task.json)).toEqual(Buffer.from(shards[i]![1]))
      })
      // Byte for byte the archive made from the records' texts on the export's own thread (the shard's bytes are
      // written from what the pool handed back, the ones sent being detached).
      expect(archive).toEqual(expected)
    }
  })

  it("hands a shard's content/ files back in one buffer, listed once, each file its own bytes", async () => {
    const items = Array.from({ length: 12 }, (_, i) => item('note', `01ONEBUF${String(i).padStart(3, '0')}`, { title: `Note ${i} é`, body: doc(`corps ${i} 👩‍👩‍👧 `.repeat(i + 1)) }))
    const text = shardText(items.map((one) => JSON.stringify(one)))
    const expected = await renderShard(new TextEncoder().encode(text), new Map())
    for (const task of [
      { type: 'items-shard', json: new TextEncoder().encode(text), attachmentPaths: [], level: 1, deflateElsewhere: true },
      { type: 'render-markdown', shard: new TextEncoder().encode(text), attachmentPaths: [] },
    ]) {
      const { result, transfer = [] } = await renderShardTask(task)
      const markdown = 'markdown' in (result as object) ? (result as HashedItemsShard).markdown : (result as RenderedMarkdown[])
      // One buffer for the files (and one for the shard's JSON), each listed once: a buffer listed twice fails postMessage.
      expect(new Set(markdown.map((file) => file.data.buffer)).size).toBe(1)
      expect(transfer).toHaveLength(task.type === 'items-shard' ? 2 : 1)
      expect(new Set(transfer).size).toBe(transfer.length)
      expect(markdown.map((file) => new TextDecoder().decode(file.data))).toEqual(expected.map((file) => new TextDecoder().decode(file.data)))
      expect(markdown.map((file) => [file.path, file.crc, file.sha256])).toEqual(expected.map((file) => [file.path, file.crc, file.sha256]))
      // As the worker hands them over: the files survive the trip.
      const cloned = structuredClone(markdown, { transfer })
      expect(cloned.map((file) => file.data.length)).toEqual(expected.map((file) => file.data.length))
    }
  })

  it('writes items with their body as stored, never parsing a body on the export thread, and the same shard bytes', async () => {
    const db = await freshDb()
    await seedSample(db)
    await db.items.bulkAdd(Array.from({ length: 20 }, (_, i) => item('post', `01BODY${String(i).padStart(3, '0')}`, { title: `Post ${i}`, body: doc(`corps ${i} é 👩‍👩‍👧`) })))
    const inline = await exportWith(db, false, 0)
    // Parses of a body's text (what reading `body` of a row does) outside the preparer: none is expected.
    const parse = vi.spyOn(JSON, 'parse')
    let preparing = false
    let bodiesParsedHere = 0
    parse.mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (!preparing && typeof text === 'string' && text.startsWith('{"type":"doc"')) bodiesParsedHere++
      return originalParse(text, reviver) as unknown
    })
    const chunks: Uint8Array[] = []
    try {
      await exportDatabase(db, (chunk) => void chunks.push(chunk), {
        appVersion: '0.1.0-test',
        createdAt: T0,
        shardMaxRecords: 7,
        compressionLevel: 0,
        prepareItemsShard: (records, paths, level) => {
          // The preparer parses the shard synchronously before its first await.
          preparing = true
          try {
            return prepareItemsShard(records, paths, level)
          } finally {
            preparing = false
          }
        },
      })
    } finally {
      parse.mockRestore()
    }
    expect(bodiesParsedHere).toBe(0)
    const viaStoredBodies = Buffer.concat(chunks)
    const [a, b] = await Promise.all([readArchive(inline), readArchive(viaStoredBodies, { verifyContent: true })])
    expect(b.items).toEqual(a.items)
    const shards = (bytes: Uint8Array) => Object.entries(unzipSync(bytes)).filter(([path]) => path.startsWith(shardPath('items', 0).slice(0, -'0001.json'.length)))
    expect(shards(viaStoredBodies).length).toBeGreaterThan(2)
    expect(shards(viaStoredBodies)).toEqual(shards(inline))
  })

  it('an item that fails its checks in a pool worker fails the export with the error the writer gives it', async () => {
    const bad = [
      { id: '01BADDOC', fields: { body: { type: 'doc', content: 'not a list' } }, code: 'invalid-record' },
      { id: '01PROTO', fields: { body: JSON.parse('{"type":"doc","content":[],"__proto__":{"x":1}}') as unknown }, code: 'forbidden-key' },
      { id: '01SECRET', fields: { apiToken: 'abc' }, code: 'secret' },
    ]
    // The pool's task run in process, its answer cloned as a worker's message is.
    const run = async <T,>(task: unknown): Promise<T> => structuredClone((await renderShardTask(task)).result) as T
    for (const { id, fields, code } of bad) {
      const db = await freshDb()
      await seedSample(db)
      await db.items.bulkAdd(Array.from({ length: 10 }, (_, i) => item('note', `01OK${String(i).padStart(3, '0')}`, { title: `Note ${i}` })))
      await db.items.add({ ...item('note', id, { title: 'bad' }), ...fields } as unknown as Parameters<typeof db.items.add>[0])
      const inline = exportDatabase(db, () => undefined, { appVersion: '0.1.0-test', createdAt: T0 })
      await expect(inline).rejects.toMatchObject({ code, info: { table: 'items', recordId: id } })
      const pooled = exportDatabase(db, () => undefined, {
        appVersion: '0.1.0-test',
        createdAt: T0,
        shardMaxRecords: 4,
        prepareItemsShard: pooledItemsShardPreparer(run, fflateCompressor),
      })
      const error: unknown = await pooled.catch((e: unknown) => e)
      expect(isArchiveError(error, code as 'secret')).toBe(true)
      expect(error).toMatchObject({ info: { table: 'items', recordId: id } })
    }
  })

  it('keeps as many shards in flight as asked, and writes them in order', async () => {
    const db = await freshDb()
    await seedSample(db)
    await db.items.bulkAdd(Array.from({ length: 40 }, (_, i) => item('note', `01FLY${String(i).padStart(3, '0')}`, { title: `Note ${i}` })))
    const inline = await readArchive(await exportWith(db, false))
    for (const shardsInFlight of [undefined, 4]) {
      let pending = 0
      let most = 0
      const chunks: Uint8Array[] = []
      await exportDatabase(db, (chunk) => void chunks.push(chunk), {
        appVersion: '0.1.0-test',
        createdAt: T0,
        shardMaxRecords: 3,
        ...(shardsInFlight === undefined ? {} : { shardsInFlight }),
        prepareItemsShard: async (records, paths, level) => {
          most = Math.max(most, ++pending)
          // Answers come back in a shuffled order; the archive still holds the shards in order.
          await new Promise((resolve) => setTimeout(resolve, (records.length * 7) % 5))
          pending--
          return prepareItemsShard(records, paths, level)
        },
      })
      expect(most).toBe(shardsInFlight ?? 2)
      const read = await readArchive(Buffer.concat(chunks))
      expect(read.items).toEqual(inline.items)
    }
  })

  it('a shard whose preparation fails fails the export with a typed error', async () => {
    const db = await freshDb()
    await seedSample(db)
    const failing = exportDatabase(db, () => undefined, {
      appVersion: '0.1.0-test',
      createdAt: T0,
      prepareItemsShard: () => Promise.reject(new Error('worker gone')),
    })
    await expect(failing).rejects.toMatchObject({ code: 'write-failed' })
  })

  it('a render that fails fails the export with a typed error', async () => {
    const db = await freshDb()
    await seedSample(db)
    const failing = exportDatabase(db, () => undefined, {
      appVersion: '0.1.0-test',
      createdAt: T0,
      renderMarkdownShard: () => Promise.reject(new Error('worker gone')),
    })
    await expect(failing).rejects.toMatchObject({ code: 'write-failed' })
  })
})

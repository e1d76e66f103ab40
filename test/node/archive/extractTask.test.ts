// A restore inflates and hashes the big shards on a pool worker (extractTask.ts): the contents are the same as
// inflating them on the reading thread, and a damaged or lying shard is refused with the same typed error.
import { deflateSync } from 'fflate'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildArchive, readArchive, type ArchiveError } from '../../../src/core/archive'
import { runExtractTask, pooledExtractor, type ExtractTask } from '../../../src/core/archive/extractTask'
import { readZipDirectory, type ZipEntry } from '../../../src/core/archive/zipReader'
import { DEFAULT_LIMITS } from '../../../src/core/archive/format'
import { syntheticItems } from '../../support/syntheticKb'
import { filesOf, rehash, sampleInput, testRenderer, zipFiles } from './support'

/** A pool's `run` in this thread: the task and its answer go through a structured clone, as postMessage does. */
let tasks = 0
/** Entries the pool decoded (the JSON shards), by name. */
let decoded: string[] = []
const run = async <T>(task: unknown): Promise<T> => {
  tasks++
  const answer = await runExtractTask(structuredClone(task) as ExtractTask)
  if ((answer.result as { text?: unknown }).text !== undefined) decoded.push((task as ExtractTask).entry.name)
  return structuredClone(answer.result) as T
}

async function bigArchive(): Promise<Uint8Array> {
  const input = sampleInput()
  // Enough items for shards well over the 64 KB from which entries go to the pool.
  return buildArchive({ ...input, items: [...(input.items as never[]), ...syntheticItems({ count: 400, seed: 21 })] }, { renderMarkdown: testRenderer, shardMaxRecords: 150 })
}

async function refusal(bytes: Uint8Array, withPool: boolean): Promise<{ code: string; entry?: string }> {
  try {
    await readArchive(bytes, withPool ? { extract: pooledExtractor(run) } : {})
  } catch (error) {
    const { code, info } = error as ArchiveError
    return { code, ...(info.entry === undefined ? {} : { entry: info.entry }) }
  }
  throw new Error('the archive was accepted')
}

describe('shards inflated on a pool worker', () => {
  it('give the same contents as inflating them here', async () => {
    const bytes = await bigArchive()
    tasks = 0
    const pooled = await readArchive(bytes, { extract: pooledExtractor(run) })
    expect(tasks).toBeGreaterThan(1)
    const local = await readArchive(bytes)
    expect(pooled.items).toEqual(local.items)
    expect(pooled.revisions).toEqual(local.revisions)
    expect(pooled.attachments).toEqual(local.attachments)
    expect(pooled.tables).toEqual(local.tables)
  })

  it('decode the JSON shards there, so the reading thread parses their text without decoding it again', async () => {
    const bytes = await bigArchive()
    decoded = []
    const pooled = await readArchive(bytes, { extract: pooledExtractor(run) })
    const shards = pooled.manifest.tables['items']!.files.filter((path) => readZipDirectory(bytes, DEFAULT_LIMITS).byName.get(path)!.compressedSize >= 64 * 1024)
    expect(shards.length).toBeGreaterThan(1)
    expect(decoded.sort()).toEqual([...shards].sort())
    expect(pooled.items).toEqual((await readArchive(bytes)).items)
  })

  it('refuse a big shard that is not UTF-8 (checksums right) with the same error as here', async () => {
    const files = filesOf(await bigArchive())
    const directory = readZipDirectory(await bigArchive(), DEFAULT_LIMITS)
    const name = directory.entries.find((e) => e.name.startsWith('data/items/') && e.method === 8 && e.compressedSize >= 64 * 1024)!.name
    const shard = files.get(name)!.slice()
    // An overlong encoding of "/" inside a string: valid JSON once decoded loosely, never as strict UTF-8.
    const at = shard.indexOf(0x22, 1000) + 1
    shard.set([0xc0, 0xaf], at)
    files.set(name, shard)
    const bytes = zipFiles(rehash(files))
    const expected = await refusal(bytes, false)
    expect(expected).toEqual({ code: 'invalid-json', entry: name })
    expect(await refusal(bytes, true)).toEqual(expected)
  })

  it('refuse a damaged shard with the same error as here', async () => {
    const bytes = await bigArchive()
    const directory = readZipDirectory(bytes, DEFAULT_LIMITS)
    const shard = directory.entries.find((e) => e.name.startsWith('data/items/') && e.method === 8 && e.compressedSize >= 64 * 1024)!
    expect(shard).toBeDefined()
    // Garbage in the middle of the deflate stream.
    const damaged = bytes.slice()
    for (let i = 0; i < 64; i++) damaged[shard.dataStart + Math.floor(shard.compressedSize / 2) + i] = 0xff
    const expected = await refusal(damaged, false)
    expect(expected.entry).toBe(shard.name)
    expect(await refusal(damaged, true)).toEqual(expected)
  })
})

describe('inflating on a pool worker with the platform\'s zlib', () => {
  afterEach(() => vi.unstubAllGlobals())

  const text = new TextEncoder().encode('{"title":"Économie de l’attention","body":"' + 'performance '.repeat(40_000) + '"}')
  const compressed = deflateSync(text, { level: 6 })
  const entryOf = (size: number): ZipEntry => ({ name: 'data/items/0001.json', method: 8, crc: 0, compressedSize: compressed.length, size, localOffset: 0, dataStart: 0, isDirectory: false })
  const answerFor = async (size: number) => (await runExtractTask({ type: 'extract-entry', compressed, entry: entryOf(size), decode: true })).result as { ok: boolean; text?: string; code?: string; info?: { detail?: string } }
  /** Counts the native inflaters made (DecompressionStream, as Chromium and Node have it). */
  const countNative = (): { made: number } => {
    const counter = { made: 0 }
    const Native = globalThis.DecompressionStream
    vi.stubGlobal(
      'DecompressionStream',
      class extends Native {
        constructor(format: ConstructorParameters<typeof DecompressionStream>[0]) {
          super(format)
          counter.made++
        }
      },
    )
    return counter
  }

  it('uses it where there is one, with the same text as fflate', async () => {
    const counter = countNative()
    const answer = await answerFor(text.length)
    expect(counter.made).toBeGreaterThan(0)
    expect(answer.ok).toBe(true)
    expect(answer.text).toBe(new TextDecoder().decode(text))
  })

  it.each([
    ['larger', text.length - 1],
    ['smaller', text.length + 1],
  ])('refuses an entry %s than declared, as fflate does', async (word, size) => {
    const counter = countNative()
    const native = await answerFor(size)
    expect(counter.made).toBeGreaterThan(0)
    vi.stubGlobal('DecompressionStream', undefined)
    const fflate = await answerFor(size)
    expect(native).toEqual({ ok: false, code: 'corrupt', info: { entry: 'data/items/0001.json', detail: `entry ${word} than declared` } })
    expect(fflate).toEqual(native)
  })

  it('refuses damaged compressed data, as fflate does', async () => {
    const damaged = compressed.slice()
    for (let i = 0; i < 64; i++) damaged[Math.floor(damaged.length / 2) + i] = 0xff
    const run = async () => (await runExtractTask({ type: 'extract-entry', compressed: damaged, entry: entryOf(text.length) })).result
    const native = await run()
    vi.stubGlobal('DecompressionStream', undefined)
    expect(native).toEqual(await run())
    expect(native).toMatchObject({ ok: false, code: 'corrupt' })
  })
})

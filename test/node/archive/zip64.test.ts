// The container: our writer's output must be a zip other tools read (fflate's reader stands in for
// them here), with Zip64 records once past 65,535 entries or 4 GiB.
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, buildArchive, readArchive } from '../../../src/core/archive'
import { dosDateTime, fflateCompressor, ZipWriter, type EntryCompressor } from '../../../src/core/archive/zipWriter'
import { extractEntry, readZipDirectory } from '../../../src/core/archive/zipReader'
import { rng } from '../../support/syntheticKb'
import { CREATED_AT, randomBytes, sampleInput, testRenderer } from './support'

async function writeZip(files: [string, Uint8Array, number][], zip64: 'auto' | 'always' = 'auto'): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const writer = new ZipWriter((chunk) => void chunks.push(chunk.slice()), { mtime: CREATED_AT, zip64 })
  for (const [name, data, level] of files) await writer.add(name, data, level)
  const size = await writer.finish()
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

const FILES: [string, Uint8Array, number][] = [
  ['a.txt', new TextEncoder().encode('hello '.repeat(1000)), 6],
  ['b.bin', randomBytes(5000, 4), 6], // incompressible: stored although deflate was asked
  ['empty', new Uint8Array(0), 1],
  ['dir/été.md', new TextEncoder().encode('# Été'), 0],
]

describe('ZipWriter', () => {
  it.each(['auto', 'always'] as const)('writes zips that fflate and our reader agree on (zip64 %s)', async (zip64) => {
    const bytes = await writeZip(FILES, zip64)
    const theirs = unzipSync(bytes)
    const directory = readZipDirectory(bytes, DEFAULT_LIMITS)
    expect(Object.keys(theirs)).toEqual(FILES.map(([name]) => name))
    for (const [name, data] of FILES) {
      expect(theirs[name]).toEqual(data)
      expect(extractEntry(bytes, directory.byName.get(name)!, { checkCrc: true })).toEqual(data)
    }
    expect(directory.byName.get('b.bin')!.method).toBe(0)
    expect(directory.byName.get('a.txt')!.method).toBe(8)
  })

  it('switches to Zip64 past 65,535 entries, readable by both readers', async () => {
    const many: [string, Uint8Array, number][] = Array.from({ length: 70_000 }, (_, i) => [`e/${i}`, new Uint8Array([i & 255]), 0])
    const bytes = await writeZip(many)
    const eocd = new DataView(bytes.buffer, bytes.length - 22)
    expect(eocd.getUint16(10, true)).toBe(0xffff)
    const directory = readZipDirectory(bytes, DEFAULT_LIMITS)
    expect(directory.entries).toHaveLength(70_000)
    expect(extractEntry(bytes, directory.byName.get('e/69999')!)).toEqual(new Uint8Array([69999 & 255]))
    expect(Object.keys(unzipSync(bytes))).toHaveLength(70_000)
  }, 60_000)

  it('a whole archive round trips with Zip64 records', async () => {
    const input = sampleInput()
    const back = await readArchive(await buildArchive(input, { renderMarkdown: testRenderer, zip64: 'always' }))
    expect(back.items).toEqual(input.items)
  })

  it('with an asynchronous compressor finishing out of order, still writes entries in order, same bytes', async () => {
    const random = rng(17)
    const slow: EntryCompressor = (data, level) =>
      new Promise((resolve) => setTimeout(() => resolve(fflateCompressor(data, level)), Math.floor(random() * 20)))
    const input = sampleInput()
    const sync = await buildArchive(input, { renderMarkdown: testRenderer, shardMaxRecords: 1 })
    const parallel = await buildArchive(input, { renderMarkdown: testRenderer, shardMaxRecords: 1, compress: slow, concurrency: 4 })
    expect(parallel).toEqual(sync)
  })

  it('a compressor that fails makes the export fail (write-failed), with no unhandled rejection', async () => {
    let calls = 0
    const failing: EntryCompressor = async (data, level) => {
      if (++calls === 3) throw new Error('worker died')
      return fflateCompressor(data, level)
    }
    await expect(buildArchive(sampleInput(), { renderMarkdown: testRenderer, compress: failing })).rejects.toMatchObject({ code: 'write-failed', info: { detail: 'worker died' } })
  })

  it('refuses names it would refuse to read', async () => {
    await expect(writeZip([['../x', new Uint8Array(1), 0]])).rejects.toMatchObject({ code: 'unsafe-path' })
    await expect(writeZip([['a', new Uint8Array(1), 0], ['a', new Uint8Array(1), 0]])).rejects.toMatchObject({ code: 'duplicate-entry' })
  })

  it('stamps entries with the archive time in UTC (same input, same bytes on any machine)', () => {
    const [time, date] = dosDateTime(Date.UTC(2026, 2, 14, 9, 30, 58))
    expect(date).toBe(((2026 - 1980) << 9) | (3 << 5) | 14)
    expect(time).toBe((9 << 11) | (30 << 5) | 29)
    expect(dosDateTime(Date.UTC(1970, 0, 1))).toEqual([0, (1 << 5) | 1])
  })
})

// Reads a zip's central directory and extracts entries, refusing anything unsafe BEFORE inflating a byte.
// Hand-written on purpose: fflate's unzip hides what the checks need (external attributes that mark
// symlinks, duplicate names, which it silently merges, local/central header disagreements, entry
// overlap) and trusts declared sizes. fflate still does the inflating, in small pieces, so the real
// output is counted and a size that lies is caught after at most one piece.
import { Inflate, inflateSync } from 'fflate'
import { crc32 } from './crc32'
import { ArchiveError } from './errors'
import type { ArchiveLimits } from './format'
import { pathProblem } from './paths'

export interface ZipEntry {
  name: string
  method: 0 | 8
  crc: number
  compressedSize: number
  /** Uncompressed size as declared by the central directory (checked against the real output). */
  size: number
  localOffset: number
  /** Where the entry's compressed bytes start (after its local header). */
  dataStart: number
  isDirectory: boolean
  /** Its bytes were not read (`absent`, see readZipDirectory): extracting it is refused. */
  unread?: boolean
}

/** Byte ranges [start, end) of a file that were not read (left as zeros), sorted, not overlapping. */
export type AbsentRanges = readonly (readonly [number, number])[]

function inAbsent(absent: AbsentRanges, at: number): boolean {
  let low = 0
  let high = absent.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const [start, end] = absent[mid]!
    if (at < start) high = mid - 1
    else if (at >= end) low = mid + 1
    else return true
  }
  return false
}

export interface ZipDirectory {
  entries: readonly ZipEntry[]
  byName: ReadonlyMap<string, ZipEntry>
  /** Sum of the declared uncompressed sizes. */
  totalSize: number
}

const SIG_LOCAL = 0x04034b50
const SIG_CENTRAL = 0x02014b50
const SIG_EOCD = 0x06054b50
const SIG_ZIP64_EOCD = 0x06064b50
const SIG_ZIP64_LOCATOR = 0x07064b50
const UINT32_MAX = 0xffffffff
const UINT16_MAX = 0xffff
const S_IFMT = 0o170000
const S_IFLNK = 0o120000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000
const HOST_UNIX = 3
const HOST_DARWIN = 19
/** Compressed bytes handed to the inflater at a time: bounds how far past a lying size output can run. */
const INFLATE_PIECE = 32 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()

function corrupt(detail: string, entry?: string): ArchiveError {
  return new ArchiveError('corrupt', entry === undefined ? { detail } : { entry, detail })
}

class Reader {
  readonly view: DataView
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  u16(at: number): number {
    return this.view.getUint16(at, true)
  }
  u32(at: number): number {
    return this.view.getUint32(at, true)
  }
  u64(at: number): number {
    const high = this.view.getUint32(at + 4, true)
    // Past 2^53 a number is no longer exact; no real archive is that large.
    if (high >= 0x200000) throw corrupt('64-bit field out of range')
    return high * 0x100000000 + this.view.getUint32(at, true)
  }
}

interface EndRecord {
  count: number
  cdOffset: number
  cdSize: number
  /** Where the central directory must end: the Zip64 end record, or the classic one. */
  cdEnd: number
}

function findEnd(r: Reader): EndRecord {
  const { bytes } = r
  const looksLikeZip = bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b
  const lastStart = bytes.length - 22
  const firstStart = Math.max(0, lastStart - UINT16_MAX)
  let eocd = -1
  let trailing = false
  for (let at = lastStart; at >= firstStart; at--) {
    if (bytes[at] !== 0x50 || r.u32(at) !== SIG_EOCD) continue
    if (at + 22 + r.u16(at + 20) === bytes.length) {
      eocd = at
      break
    }
    trailing = true
  }
  if (eocd === -1) {
    if (trailing) throw corrupt('data after the end of the archive')
    throw new ArchiveError(looksLikeZip ? 'truncated' : 'not-zip')
  }
  const disk = r.u16(eocd + 4)
  const cdDisk = r.u16(eocd + 6)
  let onDisk = r.u16(eocd + 8)
  let count = r.u16(eocd + 10)
  let cdSize = r.u32(eocd + 12)
  let cdOffset = r.u32(eocd + 16)
  let cdEnd = eocd

  const locator = eocd - 20
  if (locator >= 0 && r.u32(locator) === SIG_ZIP64_LOCATOR) {
    if (r.u32(locator + 4) !== 0 || r.u32(locator + 16) > 1) throw new ArchiveError('unsupported', { detail: 'multi-disk archive' })
    const z = r.u64(locator + 8)
    if (z + 56 > locator || r.u32(z) !== SIG_ZIP64_EOCD) throw corrupt('bad Zip64 end record')
    if (z + 12 + r.u64(z + 4) !== locator) throw corrupt('bad Zip64 end record size')
    if (r.u32(z + 16) !== 0 || r.u32(z + 20) !== 0) throw new ArchiveError('unsupported', { detail: 'multi-disk archive' })
    const z64 = { onDisk: r.u64(z + 24), count: r.u64(z + 32), cdSize: r.u64(z + 40), cdOffset: r.u64(z + 48) }
    // A classic field that is not the "see Zip64" marker must agree with the Zip64 one.
    if ((onDisk !== UINT16_MAX && onDisk !== z64.onDisk) || (count !== UINT16_MAX && count !== z64.count)) throw corrupt('end records disagree')
    if ((cdSize !== UINT32_MAX && cdSize !== z64.cdSize) || (cdOffset !== UINT32_MAX && cdOffset !== z64.cdOffset)) throw corrupt('end records disagree')
    ;({ onDisk, count, cdSize, cdOffset } = z64)
    cdEnd = z
  } else if (disk !== 0 || cdDisk !== 0) {
    throw new ArchiveError('unsupported', { detail: 'multi-disk archive' })
  }
  if (onDisk !== count) throw new ArchiveError('unsupported', { detail: 'multi-disk archive' })
  if (cdOffset + cdSize !== cdEnd) throw corrupt(cdOffset + cdSize > cdEnd ? 'central directory runs past its end' : 'unexpected data before the central directory end')
  return { count, cdOffset, cdSize, cdEnd }
}

/**
 * Every entry of the zip, after checking, from the central directory alone plus local headers:
 * structure, entry count, names (zip-slip, forbidden names, duplicates), types (no symlinks or
 * special files), encryption and methods, declared sizes against the caps and the ratio, local
 * headers agreeing with the central directory, and entries that do not overlap (overlapping entries
 * are how "better zip bombs" reuse one compressed payload thousands of times).
 */
export function readZipDirectory(bytes: Uint8Array, limits: ArchiveLimits, absent: AbsentRanges = []): ZipDirectory {
  const r = new Reader(bytes)
  const end = findEnd(r)
  if (end.count > limits.maxEntries) throw new ArchiveError('too-many-entries', { limit: limits.maxEntries, actual: end.count })
  if (end.count * 46 > end.cdSize) throw corrupt('central directory too small for its entry count')

  const entries: ZipEntry[] = []
  const byName = new Map<string, ZipEntry>()
  let totalSize = 0
  let at = end.cdOffset
  for (let i = 0; i < end.count; i++) {
    if (at + 46 > end.cdEnd || r.u32(at) !== SIG_CENTRAL) throw corrupt(`central directory entry ${i} is damaged`)
    const madeBy = r.u16(at + 4)
    const flags = r.u16(at + 8)
    const method = r.u16(at + 10)
    const crc = r.u32(at + 16)
    let compressedSize = r.u32(at + 20)
    let size = r.u32(at + 24)
    const nameLength = r.u16(at + 28)
    const extraLength = r.u16(at + 30)
    const commentLength = r.u16(at + 32)
    let diskStart = r.u16(at + 34)
    const external = r.u32(at + 38)
    let localOffset = r.u32(at + 42)
    const next = at + 46 + nameLength + extraLength + commentLength
    if (next > end.cdEnd) throw corrupt(`central directory entry ${i} runs past the directory`)
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength)
    const name = decodeName(nameBytes, (flags & 0x0800) !== 0)

    if (compressedSize === UINT32_MAX || size === UINT32_MAX || localOffset === UINT32_MAX || diskStart === UINT16_MAX) {
      const extra = findExtra(r, at + 46 + nameLength, extraLength, 0x0001)
      if (!extra) throw corrupt('Zip64 sizes missing', name)
      let p = extra.start
      const take = (width: 8 | 4): number => {
        if (p + width > extra.end) throw corrupt('Zip64 field too short', name)
        const value = width === 8 ? r.u64(p) : r.u32(p)
        p += width
        return value
      }
      if (size === UINT32_MAX) size = take(8)
      if (compressedSize === UINT32_MAX) compressedSize = take(8)
      if (localOffset === UINT32_MAX) localOffset = take(8)
      if (diskStart === UINT16_MAX) diskStart = take(4)
    }

    const problem = pathProblem(name, true)
    if (problem) throw new ArchiveError(problem.problem, { entry: name, detail: problem.detail })
    const fileType = (external >>> 16) & S_IFMT
    if (fileType === S_IFLNK) throw new ArchiveError('symlink', { entry: name })
    const host = madeBy >> 8
    if ((host === HOST_UNIX || host === HOST_DARWIN) && fileType !== 0 && fileType !== S_IFREG && fileType !== S_IFDIR) {
      throw new ArchiveError('unsupported', { entry: name, detail: 'special file' })
    }
    if (byName.has(name)) throw new ArchiveError('duplicate-entry', { entry: name })
    if (flags & 0x0001 || flags & 0x0040 || flags & 0x2000) throw new ArchiveError('unsupported', { entry: name, detail: 'encrypted entry' })
    if (method !== 0 && method !== 8) throw new ArchiveError('unsupported', { entry: name, detail: `compression method ${method}` })
    if (diskStart !== 0) throw new ArchiveError('unsupported', { entry: name, detail: 'multi-disk archive' })
    const isDirectory = name.endsWith('/')
    if (isDirectory && size !== 0) throw corrupt('directory with content', name)
    if (method === 0 && compressedSize !== size) throw corrupt('stored entry whose sizes differ', name)
    if (size > limits.maxEntryBytes) throw new ArchiveError('too-large', { entry: name, limit: limits.maxEntryBytes, actual: size })
    totalSize += size
    if (totalSize > limits.maxTotalBytes) throw new ArchiveError('too-large', { limit: limits.maxTotalBytes, actual: totalSize, detail: 'total uncompressed size' })
    if (size > limits.ratioFloorBytes && size / Math.max(1, compressedSize) > limits.maxRatio) {
      throw new ArchiveError('suspicious-ratio', { entry: name, limit: limits.maxRatio, actual: Math.round(size / Math.max(1, compressedSize)) })
    }

    const entry: ZipEntry = { name, method, crc, compressedSize, size, localOffset, dataStart: 0, isDirectory }
    entries.push(entry)
    byName.set(name, entry)
    at = next
  }
  if (at !== end.cdEnd) throw corrupt('central directory longer than its entries')

  for (const entry of entries) {
    const local = entry.localOffset
    if (local + 30 > end.cdOffset) throw corrupt('local header missing', entry.name)
    if (absent.length > 0 && inAbsent(absent, local)) {
      // Not read (a restore skips the content/ Markdown it never uses): never extracted, so its local header does
      // not matter; where its data starts at the earliest, for the overlap check below.
      entry.unread = true
      entry.dataStart = local + 30 + encoder.encode(entry.name).length
      continue
    }
    if (r.u32(local) !== SIG_LOCAL) throw corrupt('local header missing', entry.name)
    const nameLength = r.u16(local + 26)
    const extraLength = r.u16(local + 28)
    const localName = bytes.subarray(local + 30, local + 30 + nameLength)
    if (!sameBytes(localName, encoder.encode(entry.name))) throw corrupt('local and central names differ', entry.name)
    if (r.u16(local + 8) !== entry.method) throw corrupt('local and central methods differ', entry.name)
    entry.dataStart = local + 30 + nameLength + extraLength
    if (entry.dataStart + entry.compressedSize > end.cdOffset) throw corrupt('entry data runs past the central directory', entry.name)
  }
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset)
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1]!
    // An unread entry's data end is not known for sure (its local extra field was not read): it is never inflated.
    if (!previous.unread && previous.dataStart + previous.compressedSize > byOffset[i]!.localOffset) throw corrupt('overlapping entries', byOffset[i]!.name)
  }
  return { entries, byName, totalSize }
}

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (!utf8Flag && bytes.some((b) => b >= 0x80)) {
    // Without the UTF-8 flag the name is in a DOS code page we cannot know: refuse rather than guess.
    throw new ArchiveError('unsafe-path', { detail: 'name not in UTF-8' })
  }
  try {
    return utf8.decode(bytes)
  } catch {
    throw new ArchiveError('unsafe-path', { detail: 'name not in UTF-8' })
  }
}

function findExtra(r: Reader, start: number, length: number, id: number): { start: number; end: number } | null {
  const end = start + length
  let at = start
  while (at + 4 <= end) {
    const fieldId = r.u16(at)
    const size = r.u16(at + 2)
    if (at + 4 + size > end) return null
    if (fieldId === id) return { start: at + 4, end: at + 4 + size }
    at += 4 + size
  }
  return null
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export interface ExtractOptions {
  /** Verify the CRC-32 too (the manifest, which no SHA-256 covers). */
  checkCrc?: boolean
}

/**
 * The bytes of one entry, inflated in pieces: the output may never exceed the size the central
 * directory declared (which the caps already accepted), and must reach it exactly.
 */
export function extractEntry(bytes: Uint8Array, entry: ZipEntry, options: ExtractOptions = {}): Uint8Array {
  if (entry.unread) throw corrupt('entry not read', entry.name)
  const compressed = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
  let out: Uint8Array
  if (entry.method === 0) {
    out = compressed.slice()
  } else if (compressed.length <= INFLATE_PIECE) {
    // Small entries (most Markdown files) in one call, into a buffer one byte larger than declared:
    // fflate does not grow a buffer it is given, so filling that extra byte means the size lied. The
    // work is bounded as for the streaming path below, by one piece of compressed input.
    const buffer = new Uint8Array(entry.size + 1)
    let written: Uint8Array
    try {
      written = inflateSync(compressed, { out: buffer })
    } catch (error) {
      throw new ArchiveError('corrupt', { entry: entry.name, detail: 'invalid compressed data' }, { cause: error })
    }
    if (written.length > entry.size) throw corrupt('entry larger than declared', entry.name)
    if (written.length < entry.size) throw corrupt('entry smaller than declared', entry.name)
    out = buffer.subarray(0, entry.size)
  } else {
    out = new Uint8Array(entry.size)
    let written = 0
    let ended = false
    const inflater = new Inflate((chunk, final) => {
      if (written + chunk.length > entry.size) throw corrupt('entry larger than declared', entry.name)
      out.set(chunk, written)
      written += chunk.length
      if (final) ended = true
    })
    try {
      if (compressed.length === 0) inflater.push(compressed, true)
      for (let at = 0; at < compressed.length; at += INFLATE_PIECE) {
        inflater.push(compressed.subarray(at, at + INFLATE_PIECE), at + INFLATE_PIECE >= compressed.length)
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw error
      throw new ArchiveError('corrupt', { entry: entry.name, detail: 'invalid compressed data' }, { cause: error })
    }
    if (!ended || written !== entry.size) throw corrupt('entry smaller than declared', entry.name)
  }
  if (options.checkCrc && crc32(out) !== entry.crc) throw corrupt('CRC-32 mismatch', entry.name)
  return out
}

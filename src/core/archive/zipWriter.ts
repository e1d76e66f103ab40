// Writes a zip container, entry by entry, to a sink (a file in main, an array in tests).
// fflate compresses and computes CRC-32 (ZipDeflate / ZipPassThrough); the container framing is
// written here because fflate's writers cannot write Zip64: past 65,535 entries (one Markdown file
// per item in content/ gets there) or 4 GiB (images) their central directory silently overflows.
// Zip64 records are added only when needed, so ordinary archives stay plain zips every tool opens.
import { deflateSync, ZipDeflate } from 'fflate'
import { crc32 } from './crc32'
import { ArchiveError } from './errors'
import { DEFAULT_LIMITS } from './format'
import { assertSafePath } from './paths'

export type ZipSink = (chunk: Uint8Array) => void | Promise<void>

/** An entry's raw DEFLATE bytes and the CRC-32 of its uncompressed bytes (zip needs both). */
export interface CompressedEntry {
  crc: number
  /** Raw DEFLATE (no zlib or gzip header); null when the entry is stored. */
  data: Uint8Array | null
  /** Lowercase hex SHA-256 of the uncompressed bytes, when the compressor computed it (off the main thread). */
  sha256?: string
  /**
   * With `data` null: the raw DEFLATE bytes were kept by whoever deflated them (main, for a backup), only their
   * length and a number are here; the writer frames the entry and hands the number to its `placeHeld` where the
   * bytes go. Why: an items shard's deflated bytes then never travel from main to the export worker and back.
   */
  held?: HeldEntry
}

/** Deflated bytes kept elsewhere (see CompressedEntry.held). */
export interface HeldEntry {
  id: number
  length: number
}

/**
 * Compresses one entry. The default runs fflate on the calling thread; the app may pass one that
 * uses a pool of workers (fflate in each) or Node's zlib in main, so entries compress in parallel.
 */
export type EntryCompressor = (data: Uint8Array, level: number) => CompressedEntry | Promise<CompressedEntry>

/** fflate's DEFLATE and CRC-32, synchronous. */
export const fflateCompressor: EntryCompressor = (data, level) => {
  const lvl = Math.min(9, Math.max(1, Math.round(level))) as 1
  // One call up to a shard's size (16 MB): fflate's streaming deflater allocates a 96 KB buffer per entry, which
  // is a third of the cost of a 2 KB Markdown file, and computes the CRC a byte at a time (crc32.ts is about three
  // times faster). The stream is kept for larger ones (images), whose output it does not hold twice.
  if (data.length <= 16 * 1024 * 1024) return { crc: crc32(data), data: deflateSync(data, { level: lvl }) }
  const chunks: Uint8Array[] = []
  let size = 0
  const stream = new ZipDeflate('', { level: lvl })
  stream.ondata = (error, chunk) => {
    if (error) throw error
    chunks.push(chunk)
    size += chunk.length
  }
  stream.push(data, true)
  // fflate gives the CRC as a signed 32-bit integer.
  return { crc: stream.crc >>> 0, data: chunks.length === 1 ? chunks[0]! : concat(chunks, size) }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

export interface ZipWriterOptions {
  /** Modification time stamped on every entry (the archive's creation time: same input, same bytes). */
  mtime: number
  /** 'always' writes Zip64 records even when not needed (tests exercise that path with small archives). */
  zip64?: 'auto' | 'always'
  /** Bytes gathered before one call to the sink (fewer, larger writes). */
  flushBytes?: number
  compress?: EntryCompressor
  /** Entries compressed at once when `compress` is asynchronous (bounds the memory held). */
  concurrency?: number
  /**
   * Where a held entry's bytes go (see CompressedEntry.held), in order with the sink's chunks: called after every
   * byte before them went to the sink. Required when `compress` may answer with held entries.
   */
  placeHeld?: (held: HeldEntry) => void | Promise<void>
}

interface Job {
  name: string
  data: Uint8Array
  compressed: CompressedEntry | Promise<CompressedEntry>
  onWritten: ((entry: CompressedEntry) => void) | undefined
  /** The compressed result once known (at once for a synchronous one). */
  ready?: CompressedEntry
}

/** Bytes of entries (input sizes) waiting behind one still compressing, before `add` waits for it. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024

interface CentralRecord {
  name: Uint8Array
  method: 0 | 8
  crc: number
  compressedSize: number
  size: number
  offset: number
}

const UINT32_MAX = 0xffffffff
const encoder = new TextEncoder()
const UINT16_MAX = 0xffff
const FLAG_UTF8 = 0x0800
/** Made by Unix (3), spec 4.5: lets extractors apply the regular-file mode below. */
const VERSION_MADE_BY = (3 << 8) | 45
/** Regular file, rw-r--r--, in the high half of the external attributes. */
const EXTERNAL_ATTRS = (0o100644 << 16) >>> 0

export class ZipWriter {
  private readonly sink: ZipSink
  private readonly options: Required<Omit<ZipWriterOptions, 'placeHeld'>> & Pick<ZipWriterOptions, 'placeHeld'>
  private readonly dosTime: number
  private readonly dosDate: number
  private readonly central: CentralRecord[] = []
  private readonly names = new Set<string>()
  private readonly queue: Job[] = []
  /** Queued entries whose compression has not finished. */
  private compressing = 0
  private queuedBytes = 0
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  private offset = 0
  private finished = false

  constructor(sink: ZipSink, options: ZipWriterOptions) {
    this.sink = sink
    this.options = { zip64: 'auto', flushBytes: 1024 * 1024, compress: fflateCompressor, concurrency: 8, ...options }
    ;[this.dosTime, this.dosDate] = dosDateTime(options.mtime)
  }

  /** Bytes written so far (flushed or not). */
  get bytesWritten(): number {
    return this.offset
  }

  /**
   * Adds an entry. `level` 0 stores the bytes as they are; 1-9 deflates them, falling back to storing
   * when deflate would not make them smaller (already-compressed data). With an asynchronous
   * compressor, up to `concurrency` entries are compressed at once; they are written in call order.
   */
  async add(name: string, data: Uint8Array, level: number, onWritten?: (entry: CompressedEntry) => void): Promise<void> {
    this.accept(name, data)
    let compressed: CompressedEntry | Promise<CompressedEntry>
    if (level > 0 && data.length > 0) {
      compressed = this.options.compress(data, level)
      // Rejections are handled when the entry's turn to be written comes; until then, keep them quiet.
      if (compressed instanceof Promise) compressed.catch(() => {})
    } else {
      compressed = { crc: crc32(data), data: null }
    }
    await this.enqueue({ name, data, compressed, onWritten })
  }

  /**
   * Adds an entry stored as it is, whose CRC-32 (and SHA-256) were computed elsewhere (a worker that made the
   * bytes, e.g. the backup's Markdown): same checks and order as `add`.
   */
  async addStored(name: string, data: Uint8Array, crc: number, sha256: string | undefined, onWritten?: (entry: CompressedEntry) => void): Promise<void> {
    await this.addCompressed(name, data, sha256 === undefined ? { crc, data: null } : { crc, data: null, sha256 }, onWritten)
  }

  /**
   * Adds an entry compressed elsewhere (a worker that also made the bytes, e.g. the backup's item shards): `entry`
   * holds its CRC-32 and raw DEFLATE bytes (null: stored). Same checks and order as `add`, and stored all the same
   * when deflate did not make it smaller or made it look like a zip bomb.
   */
  async addCompressed(name: string, data: Uint8Array, entry: CompressedEntry, onWritten?: (entry: CompressedEntry) => void): Promise<void> {
    this.accept(name, data)
    await this.enqueue({ name, data, compressed: entry, onWritten })
  }

  private accept(name: string, data: Uint8Array): void {
    if (this.finished) throw new Error('ZipWriter: add after finish')
    assertSafePath(name)
    if (this.names.has(name)) throw new ArchiveError('duplicate-entry', { entry: name })
    this.names.add(name)
    if (data.length >= UINT32_MAX) throw new ArchiveError('too-large', { entry: name, actual: data.length, limit: UINT32_MAX - 1 })
  }

  private async enqueue(job: Job): Promise<void> {
    if (job.compressed instanceof Promise) {
      this.compressing++
      job.compressed.then(
        (entry) => void (job.ready = entry),
        () => undefined,
      )
      void job.compressed.finally(() => this.compressing--).catch(() => undefined)
    } else {
      job.ready = job.compressed
    }
    this.queue.push(job)
    this.queuedBytes += job.data.length
    // Entries are written in order: the head as soon as it is ready; otherwise `add` waits only when
    // `concurrency` entries are still compressing or too many bytes wait behind them (bounded memory).
    // Entries that need no compression (stored images, Markdown made elsewhere) queue behind one that is
    // still compressing instead of stopping the caller at each one.
    while (
      this.queue.length > 0 &&
      (this.queue[0]!.ready !== undefined || this.compressing >= this.options.concurrency || this.queuedBytes >= MAX_QUEUED_BYTES)
    ) {
      await this.writeNext()
    }
  }

  /** Writes every entry still being compressed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0) await this.writeNext()
  }

  private async writeNext(): Promise<void> {
    const job = this.queue.shift()!
    this.queuedBytes -= job.data.length
    const result = job.ready ?? (await job.compressed)
    const { crc, data: deflated } = result
    if (result.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(result.sha256)) throw new Error(`ZipWriter: compressor gave an invalid SHA-256 for ${job.name}`)
    const held = deflated === null ? result.held : undefined
    if (held !== undefined && !this.options.placeHeld) throw new Error(`ZipWriter: ${job.name} is held elsewhere and there is no placeHeld`)
    const deflatedLength = deflated !== null ? deflated.length : held?.length
    const { data } = job
    // Stored too when deflate shrinks it more than readers accept from a zip (the zip-bomb ratio check):
    // a long run of one character in a document must never make a backup that cannot be restored.
    const bombLike =
      deflatedLength !== undefined && data.length > DEFAULT_LIMITS.ratioFloorBytes && data.length / Math.max(1, deflatedLength) > DEFAULT_LIMITS.maxRatio
    const stored = deflatedLength === undefined || deflatedLength >= data.length || bombLike
    const method = stored ? 0 : 8
    const bodyLength = stored ? data.length : deflatedLength!
    const nameBytes = encoder.encode(job.name)
    const header = new Uint8Array(30 + nameBytes.length)
    const view = new DataView(header.buffer)
    view.setUint32(0, 0x04034b50, true)
    view.setUint16(4, 20, true)
    view.setUint16(6, FLAG_UTF8, true)
    view.setUint16(8, method, true)
    view.setUint16(10, this.dosTime, true)
    view.setUint16(12, this.dosDate, true)
    view.setUint32(14, crc, true)
    view.setUint32(18, bodyLength, true)
    view.setUint32(22, data.length, true)
    view.setUint16(26, nameBytes.length, true)
    view.setUint16(28, 0, true)
    header.set(nameBytes, 30)

    this.central.push({ name: nameBytes, method, crc, compressedSize: bodyLength, size: data.length, offset: this.offset })
    await this.write(header)
    if (stored || deflated !== null) {
      await this.write(stored ? data : deflated!)
    } else {
      // Every byte before it goes first, then the place of the held bytes.
      await this.flush()
      this.offset += bodyLength
      await this.options.placeHeld!(held!)
    }
    job.onWritten?.(result)
  }

  /** Writes the central directory and flushes. Returns the archive's total size. */
  async finish(): Promise<number> {
    if (this.finished) throw new Error('ZipWriter: finished twice')
    this.finished = true
    await this.drain()
    const cdStart = this.offset
    const force = this.options.zip64 === 'always'
    for (const entry of this.central) {
      const zip64Offset = force || entry.offset >= UINT32_MAX
      const extraLength = zip64Offset ? 12 : 0
      const record = new Uint8Array(46 + entry.name.length + extraLength)
      const view = new DataView(record.buffer)
      view.setUint32(0, 0x02014b50, true)
      view.setUint16(4, VERSION_MADE_BY, true)
      view.setUint16(6, zip64Offset ? 45 : 20, true)
      view.setUint16(8, FLAG_UTF8, true)
      view.setUint16(10, entry.method, true)
      view.setUint16(12, this.dosTime, true)
      view.setUint16(14, this.dosDate, true)
      view.setUint32(16, entry.crc, true)
      view.setUint32(20, entry.compressedSize, true)
      view.setUint32(24, entry.size, true)
      view.setUint16(28, entry.name.length, true)
      view.setUint16(30, extraLength, true)
      view.setUint16(32, 0, true) // comment
      view.setUint16(34, 0, true) // disk
      view.setUint16(36, 0, true) // internal attributes
      view.setUint32(38, EXTERNAL_ATTRS, true)
      view.setUint32(42, zip64Offset ? UINT32_MAX : entry.offset, true)
      record.set(entry.name, 46)
      if (zip64Offset) {
        const at = 46 + entry.name.length
        view.setUint16(at, 0x0001, true)
        view.setUint16(at + 2, 8, true)
        setUint64(view, at + 4, entry.offset)
      }
      await this.write(record)
    }
    const cdSize = this.offset - cdStart
    const count = this.central.length
    const needZip64 = force || count >= UINT16_MAX || cdSize >= UINT32_MAX || cdStart >= UINT32_MAX
    if (needZip64) {
      const zip64EocdOffset = this.offset
      const record = new Uint8Array(56 + 20)
      const view = new DataView(record.buffer)
      view.setUint32(0, 0x06064b50, true)
      setUint64(view, 4, 44)
      view.setUint16(12, VERSION_MADE_BY, true)
      view.setUint16(14, 45, true)
      view.setUint32(16, 0, true)
      view.setUint32(20, 0, true)
      setUint64(view, 24, count)
      setUint64(view, 32, count)
      setUint64(view, 40, cdSize)
      setUint64(view, 48, cdStart)
      // Locator
      view.setUint32(56, 0x07064b50, true)
      view.setUint32(60, 0, true)
      setUint64(view, 64, zip64EocdOffset)
      view.setUint32(72, 1, true)
      await this.write(record)
    }
    const eocd = new Uint8Array(22)
    const view = new DataView(eocd.buffer)
    view.setUint32(0, 0x06054b50, true)
    view.setUint16(8, needZip64 ? UINT16_MAX : count, true)
    view.setUint16(10, needZip64 ? UINT16_MAX : count, true)
    view.setUint32(12, needZip64 ? UINT32_MAX : cdSize, true)
    view.setUint32(16, needZip64 ? UINT32_MAX : cdStart, true)
    await this.write(eocd)
    await this.flush()
    return this.offset
  }

  private async write(chunk: Uint8Array): Promise<void> {
    this.offset += chunk.length
    // Big chunks (images) go straight through instead of being copied into a batch.
    if (chunk.length >= this.options.flushBytes / 4) {
      await this.flush()
      await this.sink(chunk)
      return
    }
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    if (this.pendingBytes >= this.options.flushBytes) await this.flush()
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return
    const out = concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    await this.sink(out)
  }
}

function setUint64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 0x100000000, true)
  view.setUint32(at + 4, Math.floor(value / 0x100000000), true)
}

/** MS-DOS date and time (2-second precision), from UTC so the same archive is the same bytes anywhere. */
export function dosDateTime(ms: number): [time: number, date: number] {
  const d = new Date(ms)
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()))
  if (year !== d.getUTCFullYear()) return [0, year === 1980 ? (0 << 9) | (1 << 5) | 1 : (127 << 9) | (12 << 5) | 31]
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1)
  const date = ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate()
  return [time, date]
}

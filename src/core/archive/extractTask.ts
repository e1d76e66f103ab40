// Inflating and hashing an entry in a pool worker (compressPool.ts `run`): a restore hands the items' JSON shards
// to the pool, so the thread that parses and checks records is not also the one inflating them. The same checks
// as on the calling thread (extractEntry: never more output than declared), and the same typed refusals.
import { ArchiveError, type ArchiveErrorCode, type ArchiveErrorInfo } from './errors'
import { sha256Hex } from './hash'
import type { TaskAnswer } from './poolWorker'
import { extractEntry, type ZipEntry } from './zipReader'

export interface ExtractTask {
  type: 'extract-entry'
  /** The entry's compressed bytes alone (a copy: a view would carry the whole archive across). */
  compressed: Uint8Array
  entry: ZipEntry
  /** Also decode it as UTF-8 (a JSON shard): see ExtractedEntry.text. */
  decode?: boolean
}

/**
 * An inflated entry and its SHA-256; `text`: its UTF-8 text when asked and valid (invalid UTF-8 leaves it out: the
 * reader decodes again and refuses the shard with its usual error). Why decode here: Chromium's strict UTF-8 decoder
 * took as long as JSON.parse on a restore's 70 MB of shards (0.6-1.1 s), on the one thread that parses and checks
 * records; a pool worker decodes the next shards meanwhile, and a string crosses postMessage as a plain copy.
 */
export interface ExtractedEntry {
  data: Uint8Array
  sha256: string
  text?: string
}

export type ExtractAnswer = ({ ok: true } & ExtractedEntry) | { ok: false; code: ArchiveErrorCode; info: ArchiveErrorInfo }

/** Inflates `bytes`' entry and hashes it (and decodes it with `decode`): `extractEntry` then SHA-256, here or on a pool worker. */
export type EntryExtractor = (bytes: Uint8Array, entry: ZipEntry, options?: { decode?: boolean }) => Promise<ExtractedEntry>

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

function decodedOrNothing(data: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(data)
  } catch {
    return undefined
  }
}

export function isExtractTask(task: unknown): task is ExtractTask {
  return (task as { type?: unknown } | null)?.type === 'extract-entry'
}

/** Compressed bytes handed to the native inflater at a time: bounds how far past a lying size its output can run. */
const NATIVE_INFLATE_PIECE = 16 * 1024

interface NativeDecompression {
  readonly readable: ReadableStream<Uint8Array>
  readonly writable: WritableStream<Uint8Array>
}
type NativeDecompressionConstructor = new (format: 'deflate-raw') => NativeDecompression

/** The platform's inflater (zlib: Chromium, Node), if it has one that reads raw deflate. */
function nativeInflater(): NativeDecompressionConstructor | null {
  const found = (globalThis as { DecompressionStream?: NativeDecompressionConstructor }).DecompressionStream
  if (typeof found !== 'function') return null
  try {
    new found('deflate-raw')
    return found
  } catch {
    return null
  }
}

function corrupt(entry: string, detail: string): ArchiveError {
  return new ArchiveError('corrupt', { entry, detail })
}

/**
 * A deflated entry inflated by the platform's zlib, with extractEntry's checks: never more output than declared
 * (the input goes in small pieces, pulled as the output is read, so a lying entry is stopped a piece past its size),
 * and exactly that much. Why not fflate here: the restore's pool inflates about 70 MB of shards at 10,000 items, and
 * zlib did it in about half fflate's time (16 MB of JSON: 130-200 ms against 290-320 ms, Node).
 */
async function inflateNatively(Inflater: NativeDecompressionConstructor, compressed: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  const out = new Uint8Array(entry.size)
  let written = 0
  let at = 0
  const input = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= compressed.length) return controller.close()
        controller.enqueue(compressed.subarray(at, at + NATIVE_INFLATE_PIECE))
        at += NATIVE_INFLATE_PIECE
      },
    },
    { highWaterMark: 0 },
  )
  const reader = input.pipeThrough(new Inflater('deflate-raw')).getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (written + value.length > entry.size) throw corrupt(entry.name, 'entry larger than declared')
      out.set(value, written)
      written += value.length
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined)
    if (error instanceof ArchiveError) throw error
    throw new ArchiveError('corrupt', { entry: entry.name, detail: 'invalid compressed data' }, { cause: error })
  }
  if (written !== entry.size) throw corrupt(entry.name, 'entry smaller than declared')
  return out
}

/** extractEntry, with the platform's inflater where there is one (see inflateNatively). */
async function inflated(compressed: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  const Inflater = entry.method === 8 && !entry.unread ? nativeInflater() : null
  return Inflater ? inflateNatively(Inflater, compressed, entry) : extractEntry(compressed, { ...entry, dataStart: 0 })
}

/** The worker's side. Refusals come back as data (an ArchiveError does not survive postMessage). */
export async function runExtractTask(task: ExtractTask): Promise<TaskAnswer> {
  try {
    const data = await inflated(task.compressed, task.entry)
    const sha256 = await sha256Hex(data)
    const text = task.decode === true ? decodedOrNothing(data) : undefined
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
    const result: ExtractAnswer = text === undefined ? { ok: true, data, sha256 } : { ok: true, data, sha256, text }
    return { result, ...(own ? { transfer: [data.buffer as ArrayBuffer] } : {}) }
  } catch (error) {
    const answer: ExtractAnswer =
      error instanceof ArchiveError
        ? { ok: false, code: error.code, info: { ...error.info } }
        : { ok: false, code: 'corrupt', info: { entry: task.entry.name, detail: 'invalid compressed data' } }
    return { result: answer }
  }
}

/** The caller's side: hands each entry to the pool's `run`. */
export function pooledExtractor(run: <T>(task: unknown) => Promise<T>): EntryExtractor {
  return async (bytes, entry, options) => {
    const compressed = bytes.slice(entry.dataStart, entry.dataStart + entry.compressedSize)
    const answer = await run<ExtractAnswer>({ type: 'extract-entry', compressed, entry, ...(options?.decode ? { decode: true } : {}) } satisfies ExtractTask)
    if (!answer.ok) throw new ArchiveError(answer.code, answer.info)
    return answer.text === undefined ? { data: answer.data, sha256: answer.sha256 } : { data: answer.data, sha256: answer.sha256, text: answer.text }
  }
}

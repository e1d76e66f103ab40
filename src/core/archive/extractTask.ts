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
}

export type ExtractAnswer = { ok: true; data: Uint8Array; sha256: string } | { ok: false; code: ArchiveErrorCode; info: ArchiveErrorInfo }

/** Inflates `bytes`' entry and hashes it: `extractEntry` then SHA-256, here or on a pool worker. */
export type EntryExtractor = (bytes: Uint8Array, entry: ZipEntry) => Promise<{ data: Uint8Array; sha256: string }>

export function isExtractTask(task: unknown): task is ExtractTask {
  return (task as { type?: unknown } | null)?.type === 'extract-entry'
}

/** The worker's side. Refusals come back as data (an ArchiveError does not survive postMessage). */
export async function runExtractTask(task: ExtractTask): Promise<TaskAnswer> {
  try {
    const data = extractEntry(task.compressed, { ...task.entry, dataStart: 0 })
    const sha256 = await sha256Hex(data)
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
    return { result: { ok: true, data, sha256 } satisfies ExtractAnswer, ...(own ? { transfer: [data.buffer as ArrayBuffer] } : {}) }
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
  return async (bytes, entry) => {
    const compressed = bytes.slice(entry.dataStart, entry.dataStart + entry.compressedSize)
    const answer = await run<ExtractAnswer>({ type: 'extract-entry', compressed, entry } satisfies ExtractTask)
    if (!answer.ok) throw new ArchiveError(answer.code, answer.info)
    return { data: answer.data, sha256: answer.sha256 }
  }
}

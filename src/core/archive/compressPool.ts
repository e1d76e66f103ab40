// Compressing entries on several cores. Deflate is most of an export's time and fflate runs on the
// thread that calls it; a pool of workers (each running fflate and hashing with Web Crypto) makes a
// 50,000-item export several times faster on a multi-core machine. Pure: the caller spawns the
// workers (a Web Worker from `compress.worker.ts` in the app, worker_threads in Node).
import { ArchiveError } from './errors'
import { sha256Hex } from './hash'
import { fflateCompressor, type CompressedEntry, type EntryCompressor } from './zipWriter'

export interface CompressRequest {
  id: number
  data: Uint8Array
  level: number
}

export type CompressResponse = { id: number; ok: true; crc: number; data: Uint8Array | null; sha256: string } | { id: number; ok: false; error: string }

/** What a compression worker does with each request. */
export async function answerCompressRequest(request: CompressRequest): Promise<CompressResponse> {
  try {
    const { crc, data } = fflateCompressor(request.data, request.level) as CompressedEntry
    return { id: request.id, ok: true, crc, data, sha256: await sha256Hex(request.data) }
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : 'compression failed' }
  }
}

/** The few things the pool needs from a worker, whatever the platform. */
export interface CompressWorker {
  post(request: CompressRequest): void
  listen(onResponse: (response: CompressResponse) => void, onFailure: (error: unknown) => void): void
  terminate(): void
}

/** A browser Web Worker (or anything shaped like one), running `compress.worker.ts`. */
export interface WebWorkerLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown }) => void): void
  terminate(): void
}

export function fromWebWorker(worker: WebWorkerLike): CompressWorker {
  return {
    // The request's bytes are copied, not transferred: the writer still needs them (hash, stored fallback).
    post: (request) => worker.postMessage(request),
    listen: (onResponse, onFailure) => {
      worker.addEventListener('message', (event) => onResponse(event.data as CompressResponse))
      worker.addEventListener('error', onFailure)
      worker.addEventListener('messageerror', onFailure)
    },
    terminate: () => worker.terminate(),
  }
}

export interface PooledCompressor {
  compress: EntryCompressor
  /** Entries to keep in flight so every worker stays busy (pass as the writer's `concurrency`). */
  concurrency: number
  /** Terminates the workers; pending requests fail. */
  close(): void
}

interface Slot {
  worker: CompressWorker
  pending: Map<number, { resolve: (entry: CompressedEntry) => void; reject: (error: unknown) => void }>
}

/**
 * A compressor that spreads entries over up to `size` workers (spawned on first use), each request to
 * the least busy one. Small entries are compressed right here: a message round trip costs more.
 * If a worker fails, every request it held fails, and so does the export using it.
 */
export function createPooledCompressor(spawn: () => CompressWorker, size: number, inlineBelowBytes = 512): PooledCompressor {
  const slots: Slot[] = []
  let nextId = 1
  let failure: unknown = null

  const fail = (slot: Slot, error: unknown): void => {
    failure ??= error
    for (const { reject } of slot.pending.values()) reject(new ArchiveError('write-failed', { detail: 'a compression worker failed' }, { cause: error }))
    slot.pending.clear()
  }

  const slotFor = (): Slot => {
    const idle = slots.find((slot) => slot.pending.size === 0)
    if (idle) return idle
    if (slots.length < Math.max(1, size)) {
      const slot: Slot = { worker: spawn(), pending: new Map() }
      slot.worker.listen(
        (response) => {
          const waiting = slot.pending.get(response.id)
          if (!waiting) return
          slot.pending.delete(response.id)
          if (response.ok) waiting.resolve({ crc: response.crc, data: response.data, sha256: response.sha256 })
          else waiting.reject(new Error(response.error))
        },
        (error) => fail(slot, error),
      )
      slots.push(slot)
      return slot
    }
    return slots.reduce((least, slot) => (slot.pending.size < least.pending.size ? slot : least))
  }

  const compress: EntryCompressor = (data, level) => {
    if (data.length < inlineBelowBytes) return fflateCompressor(data, level)
    if (failure !== null) return Promise.reject(new ArchiveError('write-failed', { detail: 'a compression worker failed' }, { cause: failure }))
    const slot = slotFor()
    const id = nextId++
    return new Promise<CompressedEntry>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject })
      slot.worker.post({ id, data, level })
    })
  }

  return {
    compress,
    concurrency: Math.max(2, 2 * size),
    close: () => {
      for (const slot of slots) {
        fail(slot, new Error('pool closed'))
        slot.worker.terminate()
      }
      slots.length = 0
    },
  }
}

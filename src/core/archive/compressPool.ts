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

/**
 * Other work for the same workers (`PooledCompressor.run`): what `task` means is between the caller and the
 * worker's entry point (the backup export renders the content/ Markdown of a shard of items there).
 */
export interface TaskRequest {
  id: number
  task: unknown
}

export type TaskResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }

export type PoolRequest = CompressRequest | TaskRequest
export type PoolResponse = CompressResponse | TaskResponse

export function isTaskRequest(request: PoolRequest): request is TaskRequest {
  return 'task' in request
}

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
  /** `transfer`: buffers of the request handed over rather than copied (a task's own bytes). */
  post(request: PoolRequest, transfer?: ArrayBuffer[]): void
  listen(onResponse: (response: PoolResponse) => void, onFailure: (error: unknown) => void): void
  terminate(): void
}

/** A browser Web Worker (or anything shaped like one), running `compress.worker.ts`. */
export interface WebWorkerLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown }) => void): void
  terminate(): void
}

export function fromWebWorker(worker: WebWorkerLike): CompressWorker {
  return {
    // A compression request's bytes are copied, not transferred: the writer still needs them (hash, stored
    // fallback). A task's are handed over when its caller says so (`run`'s transfer).
    post: (request, transfer) => worker.postMessage(request, transfer ?? []),
    listen: (onResponse, onFailure) => {
      worker.addEventListener('message', (event) => onResponse(event.data as PoolResponse))
      worker.addEventListener('error', onFailure)
      worker.addEventListener('messageerror', onFailure)
    },
    terminate: () => worker.terminate(),
  }
}

export interface PooledCompressor {
  compress: EntryCompressor
  /**
   * Runs a task on the least busy worker (see TaskRequest); rejects if the worker answers with an error. `transfer`:
   * buffers of the task handed over to the worker (detached here) instead of copied.
   */
  run<T>(task: unknown, transfer?: ArrayBuffer[]): Promise<T>
  /** Spawns every worker now rather than at first use: their code loads while the caller does other work. */
  warm(): void
  /** Entries to keep in flight so every worker stays busy (pass as the writer's `concurrency`). */
  concurrency: number
  /** Terminates the workers; pending requests fail. */
  close(): void
}

interface Slot {
  worker: CompressWorker
  pending: Map<number, { resolve: (response: PoolResponse & { ok: true }) => void; reject: (error: unknown) => void }>
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

  const addSlot = (): Slot => {
    const slot: Slot = { worker: spawn(), pending: new Map() }
    slot.worker.listen(
      (response) => {
        const waiting = slot.pending.get(response.id)
        if (!waiting) return
        slot.pending.delete(response.id)
        if (response.ok) waiting.resolve(response)
        else waiting.reject(new Error(response.error))
      },
      (error) => fail(slot, error),
    )
    slots.push(slot)
    return slot
  }

  const slotFor = (): Slot => {
    const idle = slots.find((slot) => slot.pending.size === 0)
    if (idle) return idle
    if (slots.length < Math.max(1, size)) return addSlot()
    return slots.reduce((least, slot) => (slot.pending.size < least.pending.size ? slot : least))
  }

  const send = (request: (id: number) => PoolRequest, transfer?: ArrayBuffer[]): Promise<PoolResponse & { ok: true }> => {
    if (failure !== null) return Promise.reject(new ArchiveError('write-failed', { detail: 'a compression worker failed' }, { cause: failure }))
    const slot = slotFor()
    const id = nextId++
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject })
      slot.worker.post(request(id), transfer)
    })
  }

  const compress: EntryCompressor = (data, level) => {
    if (data.length < inlineBelowBytes) return fflateCompressor(data, level)
    return send((id) => ({ id, data, level })).then((response) => {
      if (!('crc' in response)) throw new Error('a compression worker answered something else')
      return { crc: response.crc, data: response.data, sha256: response.sha256 }
    })
  }

  return {
    compress,
    run: <T>(task: unknown, transfer?: ArrayBuffer[]) =>
      send((id) => ({ id, task }), transfer).then((response) => {
        if (!('result' in response)) throw new Error('a worker answered a task with something else')
        return response.result as T
      }),
    warm: () => {
      while (failure === null && slots.length < Math.max(1, size)) addSlot()
    },
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

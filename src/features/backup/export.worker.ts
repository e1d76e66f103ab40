// Builds a backup archive off the UI thread: reads the database page by page, deflates on a pool of
// compression workers, and hands the bytes to the UI thread in chunks of a few MB, waiting for each to be
// written by main before making more (memory stays bounded whatever the size of the base).
import { createPooledCompressor, fromWebWorker, type PooledCompressor } from '../../core/archive/compressPool'
import type { CompressedEntry } from '../../core/archive/zipWriter'
import { BACKUP_DEFLATE_MAX_BYTES, BACKUP_HELD_MAX } from '../../core/ipc/limits'
import { BaluchonDb } from '../../db/schema'
import { exportDatabase } from './jobs'
import { leavingFilter } from './leavingScope'
import { problemOf } from './problems'
import { pooledItemsShardPreparer } from './renderShard'
import type { ExportMessage, ExportRequest } from './protocol'

interface WorkerScope {
  postMessage(message: ExportMessage, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ExportRequest>) => void): void
  close(): void
}
const scope = self as unknown as WorkerScope

/** Bytes gathered before one hand-over to main: fewer bridge calls, bounded memory. */
const CHUNK_BYTES = 4 * 1024 * 1024
/** Items JSON per shard (about 1,000 items): a shard is what one pool worker deflates and renders at a time. */
const SHARD_BYTES = 4 * 1024 * 1024

/** Entries from this size are deflated by main when it can (smaller ones cost more in messages than in deflate). */
const MAIN_DEFLATE_FROM = 256 * 1024

/** One export's state: the worker is kept between exports (see keptExportWorker in client.ts), one export at a time. */
interface Run {
  abort: AbortController
  acknowledge: (() => void) | null
  /** Entries sent to main to deflate (see ExportRequest), by request id. */
  deflating: Map<number, { resolve: (entry: CompressedEntry) => void; reject: (error: Error) => void }>
}

let current: Run | null = null
let nextDeflate = 1
/**
 * The pool of the last export that finished, kept for the next one with this worker. Why: spawning its workers,
 * fetching and compiling their code, and running it cold cost each export again; a failed export closes its pool
 * (a worker may have died), so the next one starts a fresh one.
 */
let keptPool: PooledCompressor | null = null

/** Held entries a chunk places before it is handed over: a quarter of what main accepts in one chunk. */
const HELD_PER_CHUNK = BACKUP_HELD_MAX / 4

/**
 * Main's zlib through the UI thread: about five times faster than fflate here. Main keeps the deflated bytes (only
 * their length comes back) and writes them where the writer places them (`held` of the next chunk): they never
 * travel back through the UI thread to this one and then again to main inside a chunk.
 */
function deflateInMain(run: Run, data: Uint8Array, level: number): Promise<CompressedEntry> {
  if (run.abort.signal.aborted) return Promise.reject(new Error('aborted'))
  return new Promise((resolve, reject) => {
    const id = nextDeflate++
    run.deflating.set(id, { resolve, reject })
    // A copy, handed over: the writer keeps `data` (its size, the stored fallback when deflate does not pay).
    const copy = data.slice()
    scope.postMessage({ type: 'deflate', id, data: copy, level, hold: true }, [copy.buffer])
  })
}

function settleDeflate(run: Run, request: Extract<ExportRequest, { type: 'deflated' | 'deflate-failed' }>): void {
  const waiting = run.deflating.get(request.id)
  if (!waiting) return
  run.deflating.delete(request.id)
  if (request.type === 'deflated') waiting.resolve(request.held ? { crc: request.crc, data: null, held: request.held } : { crc: request.crc, data: request.data })
  else waiting.reject(new Error(request.message))
}

scope.addEventListener('message', (event) => {
  const request = event.data
  if (request.type === 'start') {
    void run(request)
    return
  }
  const active = current
  if (!active) return
  if (request.type === 'ack') {
    const resolve = active.acknowledge
    active.acknowledge = null
    resolve?.()
  } else if (request.type === 'deflated' || request.type === 'deflate-failed') {
    settleDeflate(active, request)
  } else if (request.type === 'cancel') {
    active.abort.abort()
    for (const { reject } of active.deflating.values()) reject(new Error('aborted'))
    active.deflating.clear()
    const resolve = active.acknowledge
    active.acknowledge = null
    resolve?.()
  }
})

function spawnPool(): PooledCompressor {
  // Two workers even on two cores: this thread reads, checks and serialises records while the pool deflates,
  // renders the Markdown and hashes; with one pool worker that work queued behind itself.
  const poolSize = Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2))
  return createPooledCompressor(
    () => fromWebWorker(new Worker(new URL('./archive.worker.ts', import.meta.url), { type: 'module', name: 'backup-pool' })),
    poolSize,
  )
}

async function run(request: Extract<ExportRequest, { type: 'start' }>): Promise<void> {
  const state: Run = { abort: new AbortController(), acknowledge: null, deflating: new Map() }
  current = state
  const { abort } = state
  const db = new BaluchonDb(request.dbName)
  const mainDeflate = request.deflateInMain === true ? (data: Uint8Array, level: number) => deflateInMain(state, data, level) : undefined
  const pool = keptPool ?? spawnPool()
  keptPool = null
  let finished = false
  // Spawned now (a kept pool's workers are running already), not when the first items shard is ready (after the attachments): each worker's code is fetched,
  // compiled and run while this thread reads the attachments, instead of before the first shard can start.
  pool.warm()
  let parts: Uint8Array[] = []
  let gathered = 0
  /** Entries main holds, placed in the chunk being gathered (offsets in it). */
  let placed: { at: number; id: number }[] = []
  let inFlight: Promise<void> = Promise.resolve()
  const handOver = async (): Promise<void> => {
    if (gathered === 0 && placed.length === 0) return
    const data = new Uint8Array(gathered)
    let at = 0
    for (const part of parts) {
      data.set(part, at)
      at += part.length
    }
    const held = placed
    parts = []
    gathered = 0
    placed = []
    // One chunk in flight, and only one: the next is built while main writes this one (the worker used to
    // stop until each write was acknowledged), but it is posted only after that ack, so main never has
    // two writes of one file going at once and at most two chunks are held.
    await inFlight
    if (abort.signal.aborted) return
    inFlight = new Promise<void>((resolve) => (state.acknowledge = resolve))
    scope.postMessage({ type: 'chunk', data, ...(held.length > 0 ? { held } : {}) }, [data.buffer])
  }
  try {
    // The wizard's personal archive: decided from the database as it is now (see leavingScope.ts).
    const leaving = request.scope === 'may-leave' ? await leavingFilter(db) : null
    const summary = await exportDatabase(
      db,
      async (chunk) => {
        // Not copied here: handOver copies every part into the chunk it posts, and the writer reuses nothing it hands over.
        parts.push(chunk)
        gathered += chunk.length
        if (gathered >= CHUNK_BYTES) await handOver()
      },
      {
        appVersion: request.appVersion,
        createdAt: request.createdAt,
        contentCompressionLevel: request.contentCompressionLevel,
        compress: mainDeflate ? (data, level) => (data.length >= MAIN_DEFLATE_FROM && data.length <= BACKUP_DEFLATE_MAX_BYTES ? mainDeflate(data, level) : pool.compress(data, level)) : pool.compress,
        concurrency: pool.concurrency,
        // The items' shards joined, encoded, deflated, hashed and their content/ Markdown rendered by the pool a
        // shard at a time, while this thread reads and checks the next (stored Markdown: automatic backups, which
        // deflate it, render it here). Smaller shards than the format's default keep the pool fed from the start.
        ...(request.contentCompressionLevel === 0 ? { prepareItemsShard: pooledItemsShardPreparer(pool.run, mainDeflate), shardMaxBytes: SHARD_BYTES } : {}),
        // With main deflating, a shard leaves its pool worker before it is written: two per worker keep the pool busy
        // meanwhile (with one, each worker sat idle through main's deflate and the trip there and back).
        ...(mainDeflate ? { shardsInFlight: pool.concurrency } : {}),
        ...(mainDeflate
          ? {
              placeHeld: async ({ id }: { id: number }) => {
                placed.push({ at: gathered, id })
                // A chunk places a bounded number of entries: placed ones are written with this chunk.
                if (placed.length >= HELD_PER_CHUNK) await handOver()
              },
            }
          : {}),
        signal: abort.signal,
        onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
        ...(leaving ? { filter: leaving.filter } : {}),
      },
    )
    await handOver()
    await inFlight
    if (abort.signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    finished = true
    scope.postMessage({
      type: 'done',
      size: summary.size,
      items: summary.manifest.counts.tables.items ?? 0,
      ...(leaving ? { leaving: leaving.summary } : {}),
    })
  } catch (error) {
    scope.postMessage({ type: 'failed', problem: abort.signal.aborted ? { source: 'archive', code: 'aborted', info: {} } : problemOf(error) })
  } finally {
    if (finished) keptPool = pool
    else pool.close()
    // Closed after every export: a connection held between exports would hold up a database upgrade in another tab.
    db.close()
    if (current === state) current = null
  }
}

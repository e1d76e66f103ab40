// Reads and checks an archive, plans the merge against the database, and applies it when asked: all off the
// UI thread (parsing a large archive takes seconds). The checked contents stay here between the dry run and
// the apply, so they cross no thread boundary.
import { fromWebWorker, type PooledCompressor } from '../../core/archive/compressPool'
import { pooledExtractor } from '../../core/archive/extractTask'
import type { AbsentRanges } from '../../core/archive/zipReader'
import { BaluchonDb } from '../../db/schema'
import { ulid } from 'ulid'
import { announceRestoreCommitted, dropStagedRestore, stageRestoredItems } from '../search/restored'
import type { Attachment } from '../../db'
import { applyPlan, attachmentRecordsOf } from './apply'
import { prepareRestore, type PreparedRestore } from './jobs'
import { listedEntries, planChangesNothing } from './plan'
import { problemOf } from './problems'
import { spawnRestorePool } from './restorePool'
import type { RestoreMessage, RestoreRequest } from './protocol'

interface WorkerScope {
  postMessage(message: RestoreMessage): void
  addEventListener(type: 'message', listener: (event: MessageEvent<RestoreRequest>) => void): void
}
const scope = self as unknown as WorkerScope

let db: BaluchonDb | null = null
let prepared: PreparedRestore | null = null
/** The plan's attachments as Blobs, made once the dry run is posted (see attachmentRecordsOf). */
let attachmentRecords: Attachment[] | null = null
/** Names the plan's items staged with the search worker (restored.ts). */
let stagedToken: string | null = null

scope.addEventListener('message', (event) => {
  const request = event.data
  if (request.type === 'prepare') void prepare(request.dbName, request.bytes, request.absent ?? [])
  else void apply()
})

/** Workers that inflate and hash the archive's shards while this one parses and checks their records. */
function spawnPool(): PooledCompressor {
  return spawnRestorePool(() => fromWebWorker(new Worker(new URL('./archive.worker.ts', import.meta.url), { type: 'module', name: 'backup-pool' })), navigator.hardwareConcurrency)
}

/** Spawned as this worker starts, while the UI thread is still reading the file: ready by the time the bytes come. */
let idlePool: PooledCompressor | null = spawnPool()

async function prepare(dbName: string, bytes: Uint8Array, absent: AbsentRanges): Promise<void> {
  const pool = idlePool ?? spawnPool()
  idlePool = null
  try {
    db = new BaluchonDb(dbName)
    // Opened while the archive is read and checked (the plan reads the database only after that).
    db.open().catch(() => undefined)
    prepared = await prepareRestore(db, bytes, {
      extract: pooledExtractor(pool.run),
      absent,
      onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
    })
    const { plan, manifest, sourceFormatVersion, warnings } = prepared
    scope.postMessage({
      type: 'planned',
      summary: {
        counts: plan.counts,
        entries: listedEntries(plan.entries),
        archive: { createdAt: manifest.createdAt, appVersion: manifest.appVersion, formatVersion: sourceFormatVersion, items: manifest.counts.tables.items ?? 0 },
        warnings: warnings.length,
        changesNothing: planChangesNothing(plan),
      },
    })
    // While the person reads the dry run: the attachments' Blobs, and the items handed to search ahead of the write.
    attachmentRecords = attachmentRecordsOf(plan)
    stagedToken = ulid()
    stageRestoredItems(db.name, stagedToken, plan.writes.items)
  } catch (error) {
    scope.postMessage({ type: 'failed', problem: problemOf(error) })
  } finally {
    pool.close()
  }
}

async function apply(): Promise<void> {
  try {
    if (!db || !prepared) throw new Error('nothing prepared')
    const written = await applyPlan(db, prepared.plan, attachmentRecords ?? attachmentRecordsOf(prepared.plan))
    attachmentRecords = null
    // Committed: search takes the staged items rather than reading them all back (restored.ts).
    if (stagedToken !== null) announceRestoreCommitted(db.name, stagedToken)
    stagedToken = null
    prepared = null
    scope.postMessage({ type: 'applied', written })
  } catch (error) {
    // Rolled back: nothing of it may become searchable.
    if (db && stagedToken !== null) dropStagedRestore(db.name)
    stagedToken = null
    scope.postMessage({ type: 'failed', problem: problemOf(error) })
  }
}

// The export worker is kept between exports with its pool (keptWorkers in client.ts, keptPool in export.worker.ts):
// a second export through the same worker writes the very same archive, without spawning its pool again; an export
// that was cancelled closes its pool, and the next one starts a fresh pool and still writes the same archive.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readArchive } from '../../../src/core/archive'
import { BaluchonDb } from '../../../src/db'
import { BackupFailure, runExport, type JobWorker } from '../../../src/features/backup/client'
import type { ExportMessage, ExportRequest } from '../../../src/features/backup/protocol'
import { seedLeavingFixture } from '../changingEmployer/fixture'
import { InProcessPoolWorker, memoryApi, spawnRealExportWorker } from './inProcessExportWorker'

let db: BaluchonDb
let worker: JobWorker<ExportRequest, ExportMessage>

/** One export through the one in-process worker, at a fixed time (same base and time: same bytes). */
async function exportOnce(cancelOnProgress?: AbortController, memory = memoryApi()): Promise<Uint8Array> {
  await runExport({
    api: memory.api,
    dbName: db.name,
    appVersion: '0.1.0-test',
    target: { target: 'choose', suggestedName: 'kept.baluchon' },
    spawn: () => worker,
    now: () => Date.UTC(2026, 10, 28),
    ...(cancelOnProgress
      ? { signal: cancelOnProgress.signal, onProgress: () => cancelOnProgress.abort() }
      : {}),
  })
  return memory.file.bytes
}

beforeAll(async () => {
  db = new BaluchonDb(`kept-export-${Date.now()}`)
  await db.open()
  await seedLeavingFixture(db, 300)
  worker = await spawnRealExportWorker()
}, 120_000)

afterAll(async () => {
  vi.unstubAllGlobals()
  db.close()
  await db.delete()
})

describe('an export worker kept between exports', () => {
  it('writes the same archive again with the pool it kept, and a fresh pool after a cancelled export', async () => {
    const spawnedBefore = InProcessPoolWorker.spawned
    const first = await exportOnce()
    const poolSize = InProcessPoolWorker.spawned - spawnedBefore
    expect(poolSize).toBeGreaterThan(0)
    const contents = await readArchive(first)
    expect(contents.manifest.counts.tables.items).toBe(300)

    const second = await exportOnce()
    expect(InProcessPoolWorker.spawned - spawnedBefore).toBe(poolSize)
    expect(second).toEqual(first)

    // Cancelled once it is under way (its first progress): the worker stops with "aborted" and closes its pool.
    const failure = await exportOnce(new AbortController()).then(
      () => null,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(BackupFailure)
    expect((failure as BackupFailure).problem).toMatchObject({ source: 'archive', code: 'aborted' })

    const third = await exportOnce()
    expect(InProcessPoolWorker.spawned - spawnedBefore).toBe(2 * poolSize)
    expect(third).toEqual(first)
  }, 120_000)

  it("writes the same archive when main deflates the items' shards and holds their bytes until a chunk places them", async () => {
    // Fresh workers each: the in-process worker keeps every export's listeners (an api without backupDeflate would
    // answer the deflate requests too).
    worker = await spawnRealExportWorker()
    const plain = await exportOnce()
    worker = await spawnRealExportWorker()
    const holding = memoryApi({ deflateInMain: true })
    const held = await exportOnce(undefined, holding)
    const contents = await readArchive(held, { verifyContent: true })
    expect(contents.manifest.counts.tables.items).toBe(300)
    // Every shard main held was placed (none travelled back to the worker), and the archive is the same bytes.
    expect(holding.counts.held).toBe(contents.manifest.tables['items']!.files.length)
    expect(holding.counts.placed).toBe(holding.counts.held)
    expect(held).toEqual(plain)
  }, 120_000)
})

// What the search indexer's tests share: a fresh database for each test, and every indexer a test starts stopped
// after it, the database then closed and deleted.
import { afterEach, beforeEach } from 'vitest'
import { BaluchonDb } from '../../../src/db/schema'
import { SearchIndexer, type IndexerOptions } from '../../../src/features/search/indexer'

export interface IndexerFixture {
  /** An indexer on this test's database, stopped after the test. By default saving waits for a test to ask (an hour) and change batches go through at once. */
  indexer(options?: IndexerOptions): SearchIndexer
  /** Stops `ix` after the test (an indexer built by hand). */
  track(ix: SearchIndexer): SearchIndexer
}

/** Registers the hooks; `opened` gets each test's database (named after `prefix`) before the test runs. */
export function indexerFixture(prefix: string, opened: (db: BaluchonDb) => void): IndexerFixture {
  let db: BaluchonDb
  let n = 0
  const open: SearchIndexer[] = []
  beforeEach(async () => {
    db = new BaluchonDb(`${prefix}-${Date.now()}-${n++}`)
    await db.open()
    opened(db)
  })
  afterEach(async () => {
    for (const ix of open.splice(0)) ix.stop()
    db.close()
    await db.delete()
  })
  const track = (ix: SearchIndexer): SearchIndexer => {
    open.push(ix)
    return ix
  }
  return { track, indexer: (options = {}) => track(new SearchIndexer(db, { persistDelayMs: 3_600_000, batchDelayMs: 1, ...options })) }
}

/**
 * The ids of items read by `bulkGet` on `db` from now on (a restart from the saved index must read none): the list
 * fills as the indexer reads.
 */
export function recordItemReads(db: BaluchonDb): string[] {
  const reads: string[] = []
  const bulkGet = db.items.bulkGet.bind(db.items)
  ;(db.items as unknown as { bulkGet: typeof bulkGet }).bulkGet = ((keys: string[]) => {
    reads.push(...keys)
    return bulkGet(keys)
  }) as typeof bulkGet
  return reads
}

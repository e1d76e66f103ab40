// A restore hands the items it will write to the search worker (restored.ts), staged at the dry run and searchable
// once its transaction commits: search answers from them without reading them back, and the database stays the
// reference (the catch-up reconciles).
import { expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { SearchIndexer } from '../../../src/features/search/indexer'
import { announceRestoreCommitted, dropStagedRestore, stageRestoredItems } from '../../../src/features/search/restored'
import { indexerFixture } from './indexerFixture'

let db: BaluchonDb
const fixture = indexerFixture('search-restored', (opened) => (db = opened))

const COUNT = 300

function items(): Item[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const body = `paragraph ${i % 2 === 0 ? 'zeppelin' : 'quokka'} text`
    return { ...newItem('note', `item-${String(i).padStart(5, '0')}`, Date.UTC(2026, 0, 1) + i), title: `Harbour note ${i}`, body: docFromText(body), bodyText: body, tags: ['marine'] } as Item
  })
}

async function started(batchDelayMs = 1): Promise<SearchIndexer> {
  const ix = new SearchIndexer(db, { persistDelayMs: 3_600_000, batchDelayMs })
  fixture.track(ix)
  await ix.start()
  return ix
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(check()).toBe(true)
}

/** What a restore does around its transaction: stage at the dry run, announce the commit. */
function restored(list: Item[], token = 'restore-1'): void {
  stageRestoredItems(db.name, token, list)
  announceRestoreCommitted(db.name, token)
}

async function settled(ix: SearchIndexer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30))
  await ix.flush()
  await ix.whenIdle()
}

it('answers from the items a restore hands over, then keeps only what the database holds', async () => {
  const ix = await started()
  // Handed over without being in the database: what search shows can only come from the hand-over...
  restored(items())
  await until(() => ix.engine.search('harbour', {}, 10).total === COUNT)
  // ...and the catch-up it sets off removes them again, as the database does not have them.
  await settled(ix)
  expect(ix.engine.size).toBe(0)
})

it('indexes the bodies of the items handed over, and a save then a fresh start finds them all', async () => {
  const ix = await started()
  const all = items()
  await db.items.bulkPut(all)
  restored(all)
  await settled(ix)
  expect(ix.engine.search('zeppelin', {}, 10).total).toBe(COUNT / 2)
  expect(ix.engine.search('marine', {}, 10).total).toBe(COUNT)
  await ix.persistNow()
  ix.stop()
  const again = await started()
  expect(again.engine.search('quokka', {}, 10).total).toBe(COUNT / 2)
})

it('a version the database changed since is not kept: the catch-up re-reads it', async () => {
  const ix = await started()
  const all = items()
  await db.items.bulkPut(all)
  await settled(ix)
  // The hand-over brings an older text than the database now holds (an edit right after the restore).
  const edited = { ...all[0]!, title: 'Lighthouse keeper', updatedAt: all[0]!.updatedAt + 1000 } as Item
  await db.items.put(edited)
  restored(all)
  await settled(ix)
  expect(ix.engine.search('lighthouse', {}, 10).total).toBe(1)
  expect(ix.engine.search('harbour', {}, 10).total).toBe(COUNT - 1)
})

it('staged items are not searchable before their restore commits, nor after it is dropped', async () => {
  const ix = await started(3_600_000)
  const all = items()
  stageRestoredItems(db.name, 'restore-1', all)
  // Long enough for the stage to arrive and its short fields to be indexed apart (20 ms would do).
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(ix.engine.search('harbour', {}, 10).total).toBe(0)
  }
  dropStagedRestore(db.name)
  // A commit whose items were dropped: nothing comes from the stage (the catch-up would read the database instead).
  announceRestoreCommitted(db.name, 'restore-1')
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(ix.engine.size).toBe(0)
  // Another restore's commit does not adopt this one's stage either.
  stageRestoredItems(db.name, 'restore-2', all)
  announceRestoreCommitted(db.name, 'restore-3')
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(ix.engine.size).toBe(0)
})

it('an item indexed between the stage and the commit is kept beside the restored ones', async () => {
  // The catch-up waits (batch delay): what search shows right after the commit comes from the hand-over alone.
  const ix = await started(1_000)
  const all = items()
  stageRestoredItems(db.name, 'restore-1', all)
  await new Promise((resolve) => setTimeout(resolve, 50))
  // Written and indexed while the person reads the dry run: the index is no longer the empty one the stage saw.
  await db.items.put({ ...newItem('note', 'item-lighthouse', Date.UTC(2026, 1, 1)), title: 'Lighthouse keeper', body: docFromText('x'), bodyText: 'x' } as Item)
  await ix.flush()
  await ix.whenIdle()
  expect(ix.engine.search('lighthouse', {}, 10).total).toBe(1)
  await db.items.bulkPut(all)
  announceRestoreCommitted(db.name, 'restore-1')
  await until(() => ix.engine.search('harbour', {}, 10).total === COUNT)
  expect(ix.engine.search('lighthouse', {}, 10).total).toBe(1)
})

// After a restore, the restore worker hands the items it wrote to the search worker (restored.ts): search answers
// from them without reading them back, and the database stays the reference (the catch-up reconciles).
import { afterEach, beforeEach, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { SearchIndexer } from '../../../src/features/search/indexer'
import { announceRestoredItems } from '../../../src/features/search/restored'

let db: BaluchonDb
let n = 0
const open: SearchIndexer[] = []

beforeEach(async () => {
  db = new BaluchonDb(`search-restored-${Date.now()}-${n++}`)
  await db.open()
})

afterEach(async () => {
  for (const ix of open.splice(0)) ix.stop()
  db.close()
  await db.delete()
})

const COUNT = 300

function items(): Item[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const body = `paragraph ${i % 2 === 0 ? 'zeppelin' : 'quokka'} text`
    return { ...newItem('note', `item-${String(i).padStart(5, '0')}`, Date.UTC(2026, 0, 1) + i), title: `Harbour note ${i}`, body: docFromText(body), bodyText: body, tags: ['marine'] } as Item
  })
}

async function started(): Promise<SearchIndexer> {
  const ix = new SearchIndexer(db, { persistDelayMs: 3_600_000, batchDelayMs: 1 })
  open.push(ix)
  await ix.start()
  return ix
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(check()).toBe(true)
}

async function settled(ix: SearchIndexer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30))
  await ix.flush()
  await ix.whenIdle()
}

it('answers from the items a restore hands over, then keeps only what the database holds', async () => {
  const ix = await started()
  // Handed over without being in the database: what search shows can only come from the hand-over...
  announceRestoredItems(db.name, items())
  await until(() => ix.engine.search('harbour', {}, 10).total === COUNT)
  // ...and the catch-up it sets off removes them again, as the database does not have them.
  await settled(ix)
  expect(ix.engine.size).toBe(0)
})

it('indexes the bodies of the items handed over, and a save then a fresh start finds them all', async () => {
  const ix = await started()
  const all = items()
  await db.items.bulkPut(all)
  announceRestoredItems(db.name, all)
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
  announceRestoredItems(db.name, all)
  await settled(ix)
  expect(ix.engine.search('lighthouse', {}, 10).total).toBe(1)
  expect(ix.engine.search('harbour', {}, 10).total).toBe(COUNT - 1)
})

// A burst of thousands of writes (a restore applies every item in one bulkPut) is indexed in two passes:
// titles and tags answer as soon as every item's short fields are in (one new generation), the bodies follow.
import { expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { SearchIndexer } from '../../../src/features/search/indexer'
import type { SearchStatus } from '../../../src/features/search/protocol'
import { indexerFixture } from './indexerFixture'

let db: BaluchonDb
const fixture = indexerFixture('search-bulk', (opened) => (db = opened))

const COUNT = 2100

function items(): Item[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const body = `paragraph ${i % 2 === 0 ? 'zeppelin' : 'quokka'} text`
    const at = Date.UTC(2026, 0, 1) + i
    return { ...newItem('note', `item-${String(i).padStart(5, '0')}`, at), title: `Harbour note ${i}`, body: docFromText(body), bodyText: body, tags: ['marine'] } as Item
  })
}

async function settled(ix: SearchIndexer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20))
  await ix.flush()
  await ix.whenIdle()
}

it('answers titles and tags of a bulk write before its bodies are indexed, then everything', async () => {
  const seen: { generation: number; titles: number; tags: number; bodies: number }[] = []
  const holder: { ix?: SearchIndexer } = {}
  const ix = new SearchIndexer(db, {
    persistDelayMs: 3_600_000,
    batchDelayMs: 1,
    onStatus: (status: SearchStatus) => {
      const engine = holder.ix?.engine
      if (!engine || engine.size < COUNT) return
      seen.push({
        generation: status.generation,
        titles: engine.search('harbour', {}, 10).total,
        tags: engine.search('marine', {}, 10).total,
        bodies: engine.search('zeppelin', {}, 10).total,
      })
    },
  })
  holder.ix = ix
  fixture.track(ix)
  await ix.start()
  await db.items.bulkPut(items())
  await settled(ix)
  // The first status with every item in: short fields searchable, no body yet.
  expect(seen[0]).toMatchObject({ titles: COUNT, tags: COUNT, bodies: 0 })
  expect(seen.at(-1)).toMatchObject({ titles: COUNT, tags: COUNT, bodies: COUNT / 2 })
  expect(seen.at(-1)!.generation).toBe(seen[0]!.generation + 1)
  expect(ix.engine.search('quokka', {}, 10).total).toBe(COUNT / 2)
})

it('drops items a bulk write trashes and re-indexes the ones it changes', async () => {
  const ix = new SearchIndexer(db, { persistDelayMs: 3_600_000, batchDelayMs: 1 })
  fixture.track(ix)
  await ix.start()
  const all = items()
  await db.items.bulkPut(all)
  await settled(ix)
  // Later times than anything indexed, as edits after the first write have (a catch-up finds changes by updatedAt).
  await db.items.bulkPut(all.map((item, i) => (i < 1000 ? { ...item, trashed: 1, trashedAt: item.updatedAt + COUNT, updatedAt: item.updatedAt + COUNT } : { ...item, title: `Lighthouse note ${i}`, updatedAt: item.updatedAt + COUNT })) as Item[])
  await settled(ix)
  expect(ix.engine.size).toBe(COUNT - 1000)
  expect(ix.engine.search('harbour', {}, 10).total).toBe(0)
  expect(ix.engine.search('lighthouse', {}, 10).total).toBe(COUNT - 1000)
  expect(ix.engine.search('zeppelin', {}, 10).total).toBe((COUNT - 1000) / 2)
})

it('re-indexes items a bulk write changes to dates older than the newest indexed (a merge restore, an import)', async () => {
  const ix = new SearchIndexer(db, { persistDelayMs: 3_600_000, batchDelayMs: 1 })
  fixture.track(ix)
  await ix.start()
  const all = items()
  await db.items.bulkPut(all)
  await settled(ix)
  // The archive's versions of the 100 oldest items win a merge: newer than each local one, older than the newest
  // item indexed. Written in one bulkPut, which Dexie reports as the whole table changed.
  await db.items.bulkPut(all.slice(0, 100).map((item) => ({ ...item, title: `Restored buoy ${item.id}`, updatedAt: item.updatedAt + 1 })) as Item[])
  await settled(ix)
  expect(ix.engine.search('buoy', {}, 10).total).toBe(100)
  expect(ix.engine.search('harbour', {}, 10).total).toBe(COUNT - 100)
  expect(ix.engine.size).toBe(COUNT)
})

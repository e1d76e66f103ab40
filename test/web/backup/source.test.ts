// The export reads every table in pages (keyset pagination on the primary key), asking for the next page while the
// current one is written: every record comes exactly once, in key order, whatever the count (below, at and over a
// multiple of the page size), a filter leaves its records out, and stopping early leaves no failing read behind.
import { afterEach, describe, expect, it } from 'vitest'
import type { Item } from '../../../src/core/items'
import { archiveInputFromDb } from '../../../src/features/backup/source'
import { closeAll, freshDb, item } from './support'

afterEach(closeAll)

const meta = { appVersion: '0.1.0-test', createdAt: Date.UTC(2026, 10, 28) }

async function seeded(count: number) {
  const db = await freshDb()
  const items: Item[] = Array.from({ length: count }, (_, i) => item('note', `item-${String(i).padStart(5, '0')}`, { title: `Note ${i}` }))
  // Added in shuffled order: the pages follow the keys, not the insertion order.
  await db.items.bulkAdd([...items].sort((a, b) => (a.title.length % 3) - (b.title.length % 3) || (a.id < b.id ? 1 : -1)))
  return { db, ids: items.map((i) => i.id) }
}

async function readPages(source: Awaited<ReturnType<typeof archiveInputFromDb>>['items']): Promise<string[][]> {
  if (!('pages' in source)) throw new Error('expected a paged source')
  const pages: string[][] = []
  for await (const page of source.pages()) pages.push(page.map((i) => i.id))
  return pages
}

describe('archiveInputFromDb: items read page by page, the next one ahead', () => {
  it.each([999, 2000, 2345])('yields %i items once each, in key order, in pages of 1,000', async (count) => {
    const { db, ids } = await seeded(count)
    const pages = await readPages((await archiveInputFromDb(db, meta)).items)
    expect(pages.flat()).toEqual(ids)
    expect(pages.map((p) => p.length)).toEqual([...Array(Math.floor(count / 1000)).fill(1000), ...(count % 1000 ? [count % 1000] : [])])
  })

  it('leaves out what the filter refuses, page after page', async () => {
    const { db, ids } = await seeded(2345)
    const keep = new Set(ids.filter((_, i) => i % 7 !== 0))
    const filter = {
      counts: { items: keep.size, revisions: 0, attachments: 0, settings: 0, tables: { publications: 0, variants: 0, affiliations: 0, plans: 0 } },
      item: (i: Item) => keep.has(i.id),
      revision: () => true,
      attachment: (a: never) => a,
      setting: () => true,
      record: () => true,
    }
    const pages = await readPages((await archiveInputFromDb(db, meta, filter)).items)
    expect(pages.flat()).toEqual(ids.filter((id) => keep.has(id)))
  })

  it('stops when the reader stops, with the page read ahead dropped quietly', async () => {
    const { db, ids } = await seeded(2345)
    const source = (await archiveInputFromDb(db, meta)).items
    if (!('pages' in source)) throw new Error('expected a paged source')
    const seen: string[] = []
    for await (const page of source.pages()) {
      seen.push(...page.map((i) => i.id))
      break
    }
    db.close()
    expect(seen).toEqual(ids.slice(0, 1000))
  })
})

// Contribution insights are counted by the search worker over the rows it keeps per item: they must follow
// the database (new items, a label chosen by hand, the Trash, a restart from the saved index) without a read.
import { describe, expect, it } from 'vitest'
import type { Affiliation, CareerContext } from '../../../src/core/career'
import type { Item, ItemKind } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, trashItem } from '../../../src/features/items/repository'
import { setItemLabel } from '../../../src/features/career'
import { SearchIndexer } from '../../../src/features/search/indexer'
import { indexerFixture, recordItemReads } from './indexerFixture'

let db: BaluchonDb
const fixture = indexerFixture('search-insights', (opened) => (db = opened))

const acme: Affiliation = {
  id: 'acme', organisation: 'Acme', role: 'Dev', start: '2024-01-01', end: '2024-12-31',
  logoAttachmentId: null, defaultLabel: 'employer-public', createdAt: 0, updatedAt: 0,
}
const context: CareerContext = { affiliations: [acme], defaultLabel: 'personal' }

const newIndexer = (): SearchIndexer => fixture.indexer()

const at = (iso: string): number => new Date(`${iso}T12:00:00`).getTime()

async function add(kind: ItemKind, iso: string, extra: Partial<Item> = {}): Promise<Item> {
  return createItem(db, kind, { title: `${kind} ${iso}`, createdAt: at(iso), tags: ['Web'], ...extra } as Partial<Item>)
}

async function settled(ix: SearchIndexer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10))
  await ix.flush()
  await ix.whenIdle()
}

describe('insights from the search index', () => {
  it('counts what the database holds and follows its changes', async () => {
    const post = await add('post', '2024-03-10')
    await add('talk', '2023-05-05', { date: '2024-06-20' } as Partial<Item>)
    const note = await add('note', '2022-01-01')
    await db.publications.add({ id: 'p1', itemId: post.id, channel: 'wordpress', status: 'published' } as never)

    const ix = newIndexer()
    await ix.start()
    let r = ix.insights({ context, year: 2024 })
    expect(r.yearTotals).toMatchObject({ post: 1, talk: 1, total: 2 })
    expect(r.months[5]).toMatchObject({ talk: 1 })
    expect(r.byAffiliation.map((b) => [b.organisation, b.total])).toEqual([
      ['Acme', 2],
      [null, 1],
    ])
    expect(r.topTags).toEqual([{ tag: 'Web', count: 3 }])
    // The ledger is counted by the page, not from the index.
    expect(r.channels).toEqual([])

    await setItemLabel(db, post.id, 'employer-confidential')
    await trashItem(db, note.id)
    await settled(ix)
    r = ix.insights({ context, year: 2024 })
    expect(r.labels).toEqual({ personal: 0, 'employer-public': 1, 'employer-confidential': 1 })
    expect(r.totals.total).toBe(2)
  })

  it('gives the same figures after a restart from the saved index, without reading items', async () => {
    await add('post', '2024-03-10')
    await add('link', '2024-03-11', { savedAt: at('2024-03-11') } as Partial<Item>)
    const first = newIndexer()
    await first.start()
    await first.persistNow()
    const before = first.insights({ context, year: 2024 })
    first.stop()

    const second = newIndexer()
    const reads = recordItemReads(db)
    await second.start()
    expect(second.insights({ context, year: 2024 })).toEqual(before)
    expect(reads).toEqual([])
  })
})

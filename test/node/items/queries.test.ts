// List, count and sidebar queries at a few thousand items: ordering, combined filters, paging, Trash exclusion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, POST_STATUSES, TALK_STATUSES, type Item, type ItemKind } from '../../../src/core/items'
import { foldText } from '../../../src/core/text'
import { BaluchonDb } from '../../../src/db/schema'
import {
  countList,
  countListWithoutDates,
  countUnreadLinks,
  findByTitle,
  listPage,
  pendingLinkIds,
  sidebarCounts,
  tagCounts,
  trashPage,
  type ListFilter,
} from '../../../src/features/items/queries'

const N = 3000
const TAGS = ['alpha', 'beta', 'gamma', 'Delta']
let db: BaluchonDb
let all: Item[]

/** A deterministic library: kinds, statuses, tags, read state and trash spread by index. */
function makeItem(i: number): Item {
  const kind = ITEM_KINDS[i % 4] as ItemKind
  const item = newItem(kind, `id${String(i).padStart(6, '0')}`, 1_000_000 + i) as Item & Record<string, unknown>
  item.title = i % 10 === 0 ? `Économie ${i}` : `Item ${i}`
  // updatedAt is a permutation of the index, so list order differs from creation order.
  item.updatedAt = 2_000_000 + ((i * 7919) % N)
  // j decorrelates the other attributes from the kind (i % 4).
  const j = Math.floor(i / 4)
  item.tags = TAGS.filter((_, t) => (j + t) % (t + 2) === 0)
  if (kind === 'post') item.status = POST_STATUSES[j % POST_STATUSES.length]!
  if (kind === 'talk') item.status = TALK_STATUSES[j % TALK_STATUSES.length]!
  if (kind === 'link') {
    item.url = `https://example.org/${i}`
    item.read = j % 3 === 0
    item.fetchState = j % 5 === 0 ? 'pending' : 'done'
  }
  if (i % 11 === 0) {
    item.trashed = 1
    item.trashedAt = 3_000_000 + i
  }
  return item
}

function expected(filter: ListFilter): Item[] {
  return all
    .filter((i) => i.trashed === 0)
    .filter((i) => !filter.kind || i.kind === filter.kind)
    .filter((i) => !filter.status || i.status === filter.status)
    .filter((i) => !filter.tag || i.tags.includes(filter.tag))
    .filter((i) => !filter.unread || (i.kind === 'link' && !i.read))
    .sort((a, b) => b.updatedAt - a.updatedAt)
}

beforeAll(async () => {
  db = new BaluchonDb(`queries-test-${Date.now()}`)
  all = Array.from({ length: N }, (_, i) => makeItem(i))
  await db.items.bulkAdd(all)
})
afterAll(async () => {
  db.close()
  await db.delete()
})

describe('list queries', () => {
  const filters: [string, ListFilter][] = [
    ['everything', {}],
    ['a kind', { kind: 'talk' }],
    ['a kind and status', { kind: 'post', status: 'draft' }],
    ['a tag', { tag: 'beta' }],
    ['a tag and a kind', { tag: 'alpha', kind: 'note' }],
    ['a tag, kind and status', { tag: 'alpha', kind: 'talk', status: 'accepted' }],
    ['unread links', { unread: true }],
    ['unread links with a tag', { unread: true, tag: 'gamma' }],
    ['a case-sensitive tag', { tag: 'Delta' }],
  ]

  it.each(filters)('counts and pages %s in order of last change, Trash excluded', async (_name, filter) => {
    const want = expected(filter)
    expect(want.length).toBeGreaterThan(0)
    expect(await countList(db, filter)).toBe(want.length)
    // Counted apart on the date-free indexes where it can be (no tag, not unread): the same length.
    const apart = countListWithoutDates(db, filter)
    expect(apart === undefined).toBe(!!filter.tag || !!filter.unread)
    if (apart) expect(await apart).toBe(want.length)
    const first = await listPage(db, filter, 0, 50)
    expect(first.map((i) => i.id)).toEqual(want.slice(0, 50).map((i) => i.id))
    const middle = Math.floor(want.length / 2)
    const page = await listPage(db, filter, middle, 40)
    expect(page.map((i) => i.id)).toEqual(want.slice(middle, middle + 40).map((i) => i.id))
    expect(await listPage(db, filter, want.length, 10)).toEqual([])
    // fake-indexeddb walks offsets one record at a time: generous time on a loaded machine.
  }, 60_000)

  it('counts the sidebar from indexes', async () => {
    const counts = await sidebarCounts(db)
    const live = all.filter((i) => i.trashed === 0)
    expect(counts.all).toBe(live.length)
    expect(counts.trash).toBe(all.length - live.length)
    for (const kind of ITEM_KINDS) expect(counts.byKind[kind]).toBe(live.filter((i) => i.kind === kind).length)
    for (const s of POST_STATUSES) expect(counts.byStatus.post[s]).toBe(live.filter((i) => i.kind === 'post' && i.status === s).length)
    for (const s of TALK_STATUSES) expect(counts.byStatus.talk[s]).toBe(live.filter((i) => i.kind === 'talk' && i.status === s).length)
    expect(await countUnreadLinks(db)).toBe(expected({ unread: true }).length)
  })

  it('counts tags outside the Trash, most used first', async () => {
    const counts = await tagCounts(db)
    const live = all.filter((i) => i.trashed === 0)
    const want = TAGS.map((tag) => ({ tag, count: live.filter((i) => i.tags.includes(tag)).length })).sort((a, b) => b.count - a.count)
    expect(counts).toEqual(want)
  })

  it('lists the Trash most recently trashed first', async () => {
    const trashed = all.filter((i) => i.trashed === 1).sort((a, b) => b.trashedAt! - a.trashedAt!)
    expect((await trashPage(db, 0, 20)).map((i) => i.id)).toEqual(trashed.slice(0, 20).map((i) => i.id))
    expect((await trashPage(db, 20, 5)).map((i) => i.id)).toEqual(trashed.slice(20, 25).map((i) => i.id))
  })

  it('finds titles ignoring case and accents, newest first', async () => {
    const found = await findByTitle(db, 'economie', 5, foldText)
    const want = expected({}).filter((i) => i.title.startsWith('Économie')).slice(0, 5)
    expect(found.map((i) => i.id)).toEqual(want.map((i) => i.id))
  })

  it('lists links still waiting for their page details', async () => {
    const want = expected({ kind: 'link' }).filter((i) => i.kind === 'link' && i.fetchState === 'pending')
    expect((await pendingLinkIds(db)).sort()).toEqual(want.map((i) => i.id).sort())
  })
})

describe('tag counts with a large Trash', () => {
  it('subtracts trashed items with keys-only scans past the load limit', async () => {
    const big = new BaluchonDb(`queries-bigtrash-${Date.now()}`)
    const items = Array.from({ length: 1200 }, (_, i) => {
      const it = newItem('note', `t${String(i).padStart(5, '0')}`, i) as Item
      it.tags = i % 2 ? ['odd'] : ['even']
      if (i < 700) Object.assign(it, { trashed: 1, trashedAt: 10 + i })
      return it
    })
    await big.items.bulkAdd(items)
    expect(await tagCounts(big)).toEqual([
      { tag: 'even', count: 250 },
      { tag: 'odd', count: 250 },
    ])
    big.close()
    await big.delete()
  })
})

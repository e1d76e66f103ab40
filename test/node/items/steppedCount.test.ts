// The list's count apart (countListWithoutDates) goes in steps: exact at every step size, never one request walking
// the whole range, and a read asked for during a count is answered before the count ends (IndexedDB answers one
// request at a time: a view's rows used to wait behind a whole count, 0.7 s at 50,000 items).
import 'fake-indexeddb/auto'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, POST_STATUSES, type Item, type ItemKind } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { countListWithoutDates, listPage, type ListFilter } from '../../../src/features/items/queries'
import { steppedIndexCount, type CountableDatabase } from '../../../src/features/items/steppedCount'

const N = 1200
let db: BaluchonDb
let all: Item[]

function makeItem(i: number): Item {
  const kind = ITEM_KINDS[i % 4] as ItemKind
  const item = newItem(kind, `id${String((i * 7919) % 100_003).padStart(6, '0')}`, 1_000_000 + i) as Item
  item.updatedAt = 2_000_000 + ((i * 613) % N)
  if (kind === 'post') (item as Item & { status: string }).status = POST_STATUSES[Math.floor(i / 4) % POST_STATUSES.length]!
  // Every 9th item in the Trash: outside every count.
  item.trashed = i % 9 === 0 ? 1 : 0
  return item
}

const expected = (filter: ListFilter): number =>
  all.filter((i) => i.trashed === 0 && (!filter.kind || i.kind === filter.kind) && (!filter.status || (i as Item & { status?: string }).status === filter.status)).length

beforeAll(async () => {
  db = new BaluchonDb(`stepped-count-${Date.now()}`)
  all = Array.from({ length: N }, (_, i) => makeItem(i))
  await db.items.bulkAdd(all)
})
afterAll(async () => {
  db.close()
  await db.delete()
})
afterEach(() => vi.restoreAllMocks())

// fake-indexeddb's globals (this file is typechecked without DOM types).
const idb = globalThis as unknown as {
  IDBIndex: { prototype: { count(): unknown } }
  IDBCursor: { prototype: { advance(count: number): void } }
}

describe('a count in steps', () => {
  const filters: ListFilter[] = [{}, { kind: 'post' }, { kind: 'link' }, { kind: 'post', status: POST_STATUSES[1]! }]

  it.each([1, 2, 7, 100, 500, N, N * 3])('is exact with steps of %i entries', async (step) => {
    for (const filter of filters) expect(await countListWithoutDates(db, filter, { step })).toBe(expected(filter))
    // Empty ranges.
    expect(await countListWithoutDates(db, { kind: 'post', status: 'no such status' as never }, { step })).toBe(0)
  })

  it('is exact when the last step ends on the range\'s last entry, or one before it', async () => {
    const n = expected({ kind: 'note' })
    // Entries counted = 1 + k·step at the last full step: steps that end exactly on the last entry and just before it.
    for (const step of [n - 1, n - 2, Math.floor((n - 1) / 2), Math.floor((n - 1) / 3)]) {
      if (step > 0) expect(await countListWithoutDates(db, { kind: 'note' }, { step })).toBe(n)
    }
  })

  it('never asks IndexedDB for a whole count, and no request walks more than one step', async () => {
    const count = vi.spyOn(idb.IDBIndex.prototype, 'count')
    const advance = vi.spyOn(idb.IDBCursor.prototype, 'advance')
    expect(await countListWithoutDates(db, {}, { step: 50 })).toBe(expected({}))
    expect(count).not.toHaveBeenCalled()
    expect(advance.mock.calls.length).toBeGreaterThan(5)
    for (const [n] of advance.mock.calls) expect(n).toBeLessThanOrEqual(50)
  })

  it('lets a view\'s rows, asked for during a count, be read before the count ends', async () => {
    const order: string[] = []
    const counting = countListWithoutDates(db, {}, { step: 50 })!.then(() => order.push('count'))
    // The next view's first page, asked for just after the count started.
    await new Promise((resolve) => setTimeout(resolve, 0))
    const rows = listPage(db, { kind: 'note' }, 0, 50).then((items) => {
      order.push('rows')
      return items
    })
    expect((await rows).length).toBe(50)
    await counting
    expect(order).toEqual(['rows', 'count'])
  })

  it('stops, undefined, once the view it was for is no longer wanted', async () => {
    let steps = 0
    const result = await steppedIndexCount(db.backendDB() as unknown as CountableDatabase, 'items', '[trashed+kind]', [0, 'link'], [0, 'link'], { step: 10, wanted: () => ++steps < 3 })
    expect(result).toBeUndefined()
    expect(steps).toBe(3)
  })
})

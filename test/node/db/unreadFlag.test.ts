// The `unread` index flag must follow `read` on every write path, and the v2 upgrade must derive it for old links.
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src/db/migrations'
import { BaluchonDb } from '../../../src/db/schema'
import type { Item, LinkItem } from '../../../src/core/items'
import { newItem } from '../../../src/core/itemFactory'
import { countUnreadLinks, listPage } from '../../../src/features/items/queries'
import { createItem, trashItem, updateFields } from '../../../src/features/items/repository'

let n = 0
const open: BaluchonDb[] = []
function fresh(migrations = MIGRATIONS): BaluchonDb {
  const db = new BaluchonDb(`unread-flag-${Date.now()}-${n++}`, migrations)
  open.push(db)
  return db
}
afterEach(() => open.splice(0).forEach((db) => db.close()))

const link = (id: string, read: boolean, updatedAt: number): LinkItem =>
  ({ ...newItem('link', id, updatedAt), url: `https://example.org/${id}`, read, updatedAt }) as LinkItem

describe('the unread flag', () => {
  it('is set on new unread links only, and follows read through update, put, modify and bulkPut', async () => {
    const db = fresh()
    await db.items.bulkAdd([link('a', false, 1), link('b', true, 2)])
    await createItem(db, 'note', { title: 'not a link' })
    expect(((await db.items.get('a')) as LinkItem).unread).toBe(1)
    expect((await db.items.get('b')) as LinkItem).not.toHaveProperty('unread')
    expect(await countUnreadLinks(db)).toBe(1)

    await updateFields(db, 'b', { read: false })
    expect(await countUnreadLinks(db)).toBe(2)
    await db.items.update('a', { read: true })
    expect(await countUnreadLinks(db)).toBe(1)
    await db.items.put(link('a', false, 3))
    expect(await countUnreadLinks(db)).toBe(2)
    await db.items.where('kind').equals('link').modify({ read: true })
    expect(await countUnreadLinks(db)).toBe(0)
    await db.items.bulkPut([link('a', false, 4), link('c', false, 5)])
    expect(await countUnreadLinks(db)).toBe(2)

    // The Trash is not counted, and the list is newest first.
    await trashItem(db, 'a')
    expect(await countUnreadLinks(db)).toBe(1)
    expect((await listPage(db, { unread: true }, 0, 10)).map((i: Item) => i.id)).toEqual(['c'])
  })

  it('is derived for every unread link when a version 1 database upgrades', async () => {
    const name = `unread-upgrade-${Date.now()}-${n++}`
    const old = new BaluchonDb(name, MIGRATIONS.filter((m) => m.version === 1))
    await old.open()
    // Write raw rows as version 1 stored them, without the flag.
    await old.items.bulkAdd([link('x', false, 1), link('y', true, 2), link('z', false, 3)])
    await old.items.toCollection().modify((item: { unread?: number }) => void delete item.unread)
    expect((await old.items.toArray()).some((i) => 'unread' in i)).toBe(false)
    old.close()

    const db = new BaluchonDb(name)
    open.push(db)
    expect(await countUnreadLinks(db)).toBe(2)
    expect((await listPage(db, { unread: true }, 0, 10)).map((i: Item) => i.id)).toEqual(['z', 'x'])
  })
})

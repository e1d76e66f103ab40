// An item's version (db/itemVersions.ts) says which autosave wrote its row: written with the autosave's token and
// the version before it, and dropped by every other write to the item, on every write path, in the same transaction.
import { afterEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { MIGRATIONS } from '../../../src/db/migrations'
import { BaluchonDb } from '../../../src/db/schema'
import {
  createItem,
  deleteForever,
  restoreFromTrash,
  saveContent,
  trashItem,
  updateFields,
} from '../../../src/features/items/repository'

let n = 0
const open: BaluchonDb[] = []
function fresh(migrations = MIGRATIONS): BaluchonDb {
  const db = new BaluchonDb(`item-versions-${Date.now()}-${n++}`, migrations)
  open.push(db)
  return db
}
afterEach(() => open.splice(0).forEach((db) => db.close()))

const content = (title: string, text: string) => ({ title, body: docFromText(text), bodyText: text })
const note = (id: string, updatedAt: number): Item => ({ ...newItem('note', id, updatedAt), title: id }) as Item

describe('item versions', () => {
  it('an autosave writes its token and the version before it; a save without a token, or writing nothing, leaves none of its own', async () => {
    const db = fresh()
    const item = await createItem(db, 'note', { title: 'Draft' }, 1000)
    expect(await db.itemVersions.get(item.id)).toBeUndefined()

    await saveContent(db, item.id, content('Draft', 'one'), 2000, 'v1')
    expect(await db.itemVersions.get(item.id)).toEqual({ id: item.id, v: 'v1' })
    await saveContent(db, item.id, content('Draft', 'two'), 3000, 'v2')
    expect(await db.itemVersions.get(item.id)).toEqual({ id: item.id, v: 'v2', prev: 'v1' })
    // The same content again: nothing is written, the version stays.
    await saveContent(db, item.id, content('Draft', 'two'), 4000, 'v3')
    expect(await db.itemVersions.get(item.id)).toEqual({ id: item.id, v: 'v2', prev: 'v1' })
    // A save without a token (not this window's autosave): the version is unknown.
    await saveContent(db, item.id, content('Draft', 'three'), 5000)
    expect(await db.itemVersions.get(item.id)).toBeUndefined()
    expect((await db.items.get(item.id))?.bodyText).toBe('three')
  })

  it('every other write to the item drops its version, whichever path it takes', async () => {
    const db = fresh()
    const item = await createItem(db, 'post', { title: 'Draft' }, 1000)
    const other = await createItem(db, 'note', { title: 'Other' }, 1000)
    let stamp = 2000
    const versioned = async (id: string): Promise<void> => {
      stamp += 1000
      await saveContent(db, id, content(`Title ${id}`, `text ${stamp}`), stamp, `v${stamp}`)
      expect(await db.itemVersions.get(id)).toBeDefined()
    }
    const writes: [string, () => Promise<unknown>][] = [
      ['updateFields', () => updateFields(db, item.id, { excerpt: 'An excerpt' })],
      ['trash (updatedAt unchanged)', () => trashItem(db, item.id)],
      ['restore from Trash', () => restoreFromTrash(db, item.id)],
      ['Table.update', () => db.items.update(item.id, { title: 'Updated' })],
      ['Collection.modify', () => db.items.where('id').equals(item.id).modify({ title: 'Modified' })],
      ['put of the whole row', async () => db.items.put({ ...(await db.items.get(item.id))!, title: 'Put' })],
      ['bulkPut with another row', async () => db.items.bulkPut([{ ...(await db.items.get(item.id))!, title: 'Bulk' }, note('zzz-bulk', 9)])],
    ]
    for (const [name, write] of writes) {
      await versioned(item.id)
      await versioned(other.id)
      await write()
      expect(await db.itemVersions.get(item.id), name).toBeUndefined()
      // A single-row write leaves other items' versions alone.
      if (!name.startsWith('bulk')) expect(await db.itemVersions.get(other.id), name).toBeDefined()
    }
    await versioned(item.id)
    await deleteForever(db, [item.id])
    expect(await db.itemVersions.get(item.id)).toBeUndefined()
    await versioned(other.id)
    await db.items.clear()
    expect(await db.itemVersions.count()).toBe(0)
  })

  it('a failed write writes no version either', async () => {
    const db = fresh()
    const item = await createItem(db, 'note', { title: 'Draft' }, 1000)
    await saveContent(db, item.id, content('Draft', 'one'), 2000, 'v1')
    await expect(
      db.transaction('rw', db.items, async () => {
        await updateFields(db, item.id, { tags: ['x'] })
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await db.itemVersions.get(item.id)).toEqual({ id: item.id, v: 'v1' })
  })

  it('a database opened at an older version (no itemVersions table) is written as before', async () => {
    const db = fresh(MIGRATIONS.filter((m) => m.version <= 6))
    const item = await createItem(db, 'note', { title: 'Draft' }, 1000)
    await saveContent(db, item.id, content('Draft', 'one'), 2000, 'v1')
    expect((await db.items.get(item.id))?.bodyText).toBe('one')
    expect(db.tables.map((t) => t.name)).not.toContain('itemVersions')
  })
})

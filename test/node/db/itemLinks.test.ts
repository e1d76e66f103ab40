// `linksTo` (schema v7) must follow the body's links to other items on every write path, so "Linked from" is true
// whatever wrote the row: a new item, an autosave, a field edit (its body never parsed), a revision put back, a bulk
// write, a modify.
import { afterEach, describe, expect, it } from 'vitest'
import type { RichDoc } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, listRevisions, restoreRevision, saveContent, updateFields } from '../../../src/features/items/repository'

let n = 0
const open: BaluchonDb[] = []
function fresh(): BaluchonDb {
  const db = new BaluchonDb(`item-links-${Date.now()}-${n++}`)
  open.push(db)
  return db
}
afterEach(() => open.splice(0).forEach((db) => db.close()))

const linking = (...ids: string[]): RichDoc => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'quote "href":"item:FAKE" in text' },
        ...ids.map((id) => ({ type: 'text', text: ` to ${id}`, marks: [{ type: 'bold' }, { type: 'link', attrs: { href: `item:${id}`, title: null } }] })),
        { type: 'text', text: 'web', marks: [{ type: 'link', attrs: { href: 'https://example.org/item:NOT' } }] },
      ],
    },
  ],
})

const linkedFrom = (db: BaluchonDb, id: string) => db.items.where('linksTo').equals(id).primaryKeys()

describe('links between items, indexed', () => {
  it('follow the body on every write path; a link to itself, a web link and text that looks like one are not counted', async () => {
    const db = fresh()
    const a = await createItem(db, 'note', { title: 'A' })
    const b = await createItem(db, 'note', { title: 'B', body: linking(a.id, a.id) })
    expect((await db.items.get(b.id))!.linksTo).toEqual([a.id])
    expect(await linkedFrom(db, 'FAKE')).toEqual([])
    expect(await linkedFrom(db, 'NOT')).toEqual([])

    // Autosave: the link removed, then another added.
    await saveContent(db, b.id, { title: 'B', body: linking(), bodyText: 'x' }, 2000)
    expect(await linkedFrom(db, a.id)).toEqual([])
    expect(await db.items.get(b.id)).not.toHaveProperty('linksTo')
    const c = await createItem(db, 'talk', { title: 'C' })
    await saveContent(db, b.id, { title: 'B', body: linking(c.id, b.id), bodyText: 'y' }, 3000)
    expect(await linkedFrom(db, c.id)).toEqual([b.id])
    expect(await linkedFrom(db, b.id)).toEqual([])

    // A field edit rewrites the row without parsing its body: the links stay.
    await updateFields(db, b.id, { tags: ['t'] }, 4000)
    expect(await linkedFrom(db, c.id)).toEqual([b.id])

    // An older version put back brings its links back (and drops the newer ones).
    const withA = (await listRevisions(db, b.id)).find((r) => JSON.stringify(r.body).includes(`item:${a.id}`))
    expect(withA).toBeDefined()
    await restoreRevision(db, withA!.id, 5000)
    expect(await linkedFrom(db, a.id)).toEqual([b.id])
    expect(await linkedFrom(db, c.id)).toEqual([])

    // Bulk writes and modify.
    await db.items.bulkPut([{ ...newItem('note', 'D', 1), body: linking(a.id) }, { ...newItem('note', 'E', 1), body: linking(c.id) }])
    expect(await linkedFrom(db, c.id)).toEqual(['E'])
    await db.items.where('id').equals('E').modify((item) => {
      item.body = linking(a.id)
    })
    expect(await linkedFrom(db, c.id)).toEqual([])
    expect((await linkedFrom(db, a.id)).sort()).toEqual([b.id, 'D', 'E'].sort())
  })
})

// Items store their body as JSON text and give it back as the same object, on every read and write path;
// rows stored with a body object (before) read as they are; the autosave never parses a stored body to compare it.
import { afterEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { BaluchonDb } from '../../../src/db/schema'
import { BODY_JSON, bodyJsonOf, decodeRow } from '../../../src/db/bodyAsJson'
import type { RichDoc } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import { newItem } from '../../../src/core/itemFactory'
import { findByTitle, listPage } from '../../../src/features/items/queries'
import { createItem, getItem, restoreRevision, listRevisions, saveContent, updateFields } from '../../../src/features/items/repository'

let n = 0
const open: Dexie[] = []
function fresh(): BaluchonDb {
  const db = new BaluchonDb(`body-json-${Date.now()}-${n++}`)
  open.push(db)
  return db
}
afterEach(() => open.splice(0).forEach((db) => db.close()))

const doc = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'bold' }] }] }] })

/** The row as IndexedDB holds it, read without the app's middleware. */
async function storedRow(db: BaluchonDb, id: string): Promise<Record<string, unknown>> {
  const bare = new Dexie(db.name)
  open.push(bare)
  await bare.open()
  return (await bare.table('items').get(id)) as Record<string, unknown>
}

describe('item bodies stored as JSON text', () => {
  it('are written as text and read back as the same document, by get, bulkGet, queries and cursors', async () => {
    const db = fresh()
    const item = await createItem(db, 'note', { title: 'Économie', body: doc('Bonjour') } as Partial<Item>)
    const stored = await storedRow(db, item.id)
    expect(stored).not.toHaveProperty('body')
    expect(JSON.parse(stored[BODY_JSON] as string)).toEqual(doc('Bonjour'))

    expect((await getItem(db, item.id))?.body).toEqual(doc('Bonjour'))
    expect((await db.items.bulkGet([item.id]))[0]?.body).toEqual(doc('Bonjour'))
    expect((await listPage(db, {}, 0, 10))[0]?.body).toEqual(doc('Bonjour'))
    // filter() walks a cursor.
    expect((await findByTitle(db, 'econ', 5, (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()))[0]?.body).toEqual(doc('Bonjour'))
    const seen: RichDoc[] = []
    await db.items.each((row) => void seen.push(row.body))
    expect(seen).toEqual([doc('Bonjour')])
    // Keys-only reads are left alone.
    expect(await db.items.toCollection().primaryKeys()).toEqual([item.id])
  })

  it('keeps the body through update, modify and put of a row read back (parsed or not)', async () => {
    const db = fresh()
    const item = await createItem(db, 'post', { title: 'T', body: doc('one') } as Partial<Item>)
    await updateFields(db, item.id, { tags: ['x'] })
    expect((await getItem(db, item.id))?.body).toEqual(doc('one'))
    await db.items.where('id').equals(item.id).modify({ title: 'U' })
    expect((await getItem(db, item.id))?.body).toEqual(doc('one'))

    // A row whose body was never read is written back with the text it was read with.
    const untouched = (await getItem(db, item.id))!
    await db.items.put({ ...untouched, title: 'V' })
    expect(await getItem(db, item.id)).toMatchObject({ title: 'V', body: doc('one') })

    // A body assigned on a row read back replaces it.
    const changed = (await getItem(db, item.id))!
    changed.body = doc('two')
    await db.items.put(changed)
    expect((await getItem(db, item.id))?.body).toEqual(doc('two'))
    expect(JSON.parse((await storedRow(db, item.id))[BODY_JSON] as string)).toEqual(doc('two'))
  })

  it('reads rows stored with a body object (before) as they are, and stores them as text once written', async () => {
    const db = fresh()
    await db.open()
    const legacy = { ...newItem('note', 'LEGACY', 1), title: 'Old', body: doc('old'), bodyText: 'old' }
    const bare = new Dexie(db.name)
    open.push(bare)
    await bare.open()
    await bare.table('items').add(legacy)
    expect((await getItem(db, 'LEGACY'))?.body).toEqual(doc('old'))

    await saveContent(db, 'LEGACY', { title: 'Old', body: doc('new'), bodyText: 'new' }, 10)
    const stored = await storedRow(db, 'LEGACY')
    expect(stored).not.toHaveProperty('body')
    expect(JSON.parse(stored[BODY_JSON] as string)).toEqual(doc('new'))
    expect((await getItem(db, 'LEGACY'))?.body).toEqual(doc('new'))
  })

  it('saves, snapshots and restores revisions of text-stored bodies', async () => {
    const db = fresh()
    const item = await createItem(db, 'note', { title: 'A', body: doc('first'), bodyText: 'first' } as Partial<Item>, 1)
    await saveContent(db, item.id, { title: 'A', body: doc('second'), bodyText: 'second' }, 2)
    const [oldest] = (await listRevisions(db, item.id)).slice(-1)
    expect(oldest?.body).toEqual(doc('first'))
    await restoreRevision(db, oldest!.id, 3)
    expect((await getItem(db, item.id))?.body).toEqual(doc('first'))
  })

  it('gives a stored body’s text without parsing it, and never changes the row read from below', async () => {
    const stored = { id: 'x', title: 't', [BODY_JSON]: JSON.stringify(doc('z')) }
    const row = decodeRow(stored) as unknown as { body: RichDoc }
    expect(bodyJsonOf(row)).toBe(stored[BODY_JSON])
    expect(Object.getOwnPropertyDescriptor(row, 'body')?.get).toBeTypeOf('function')
    expect(stored).toEqual({ id: 'x', title: 't', [BODY_JSON]: JSON.stringify(doc('z')) })
    expect(row.body).toEqual(doc('z'))
    expect(Object.getOwnPropertyDescriptor(row, 'body')?.value).toEqual(doc('z'))
    expect(JSON.parse(JSON.stringify(row))).toEqual({ id: 'x', title: 't', body: doc('z') })
  })
})

// rowWrites: the writes to each row heard of since a mark, and this window's own saves as written, which the list
// compares to take a row from the save that wrote it (library/listRefresh.ts). When it cannot tell, it says so.
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, saveContent } from '../../../src/features/items/repository'
import { noteOwnRowWritten, ownRowsWrittenSince, rowWritesMark, rowWritesSince } from '../../../src/features/library/rowWrites'
import { docFromText } from '../../../src/core/doc'

let n = 0
const open: BaluchonDb[] = []
async function fresh(): Promise<BaluchonDb> {
  const db = new BaluchonDb(`row-writes-${Date.now()}-${n++}`)
  open.push(db)
  await db.open()
  return db
}
afterEach(() => open.splice(0).forEach((db) => db.close()))

/** Resolves after the next `storagemutated` Dexie fires (a write is heard of a moment after it commits). */
function heard(): Promise<void> {
  return new Promise((resolve) => {
    const once = () => {
      Dexie.on('storagemutated').unsubscribe(once)
      setTimeout(resolve, 0)
    }
    Dexie.on('storagemutated', once)
  })
}

describe('rowWrites', () => {
  it('counts the writes to a row since a mark, and the own saves written since', async () => {
    const db = await fresh()
    const mark0 = rowWritesMark()
    const a = await createItem(db, 'note', { title: 'A' })
    const b = await createItem(db, 'note', { title: 'B' })
    const mark = rowWritesMark()
    expect(rowWritesSince(db.name, a.id, mark)).toBe(0)
    expect(rowWritesSince(db.name, a.id, mark0)).toBe(1)

    const wrote = heard()
    const row = await saveContent(db, a.id, { title: 'A2', body: docFromText('text'), bodyText: 'text' }, a.updatedAt + 1)
    await wrote
    noteOwnRowWritten(db.name, row!)
    expect(rowWritesSince(db.name, a.id, mark)).toBe(1)
    expect(rowWritesSince(db.name, b.id, mark)).toBe(0)
    expect(ownRowsWrittenSince(db.name, a.id, mark)).toEqual([row])
    expect(ownRowsWrittenSince(db.name, b.id, mark)).toEqual([])
    // Another database's row of the same id is another row.
    expect(rowWritesSince('another', a.id, mark)).toBe(0)
  })

  it('cannot tell after a write that names no rows, nor once it forgot them', async () => {
    const db = await fresh()
    const a = await createItem(db, 'note', { title: 'A' })
    let mark = rowWritesMark()
    let wrote = heard()
    await db.items.where(':id').between('', '\uffff').delete()
    await wrote
    expect(rowWritesSince(db.name, a.id, mark)).toBeUndefined()

    // Thousands of rows written (an import): the rows' writes before are forgotten, not taken as none.
    const b = await createItem(db, 'note', { title: 'B' })
    mark = rowWritesMark()
    wrote = heard()
    await db.items.update(b.id, { title: 'B2' })
    await wrote
    expect(rowWritesSince(db.name, b.id, mark)).toBe(1)
    wrote = heard()
    await db.items.bulkPut(Array.from({ length: 2100 }, (_, i) => ({ ...b, id: `bulk-${i}` })))
    await wrote
    expect(rowWritesSince(db.name, b.id, mark)).toBeUndefined()
  })
})

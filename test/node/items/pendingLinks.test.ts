// The links still to complete (saved offline, or main unreachable) are found at start and when the connection comes
// back. One keys-only index read: before schema v8 every link was read, which held IndexedDB and a thread for
// seconds at 50,000 items, under the person's first clicks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DBCoreTable } from 'dexie'
import { BaluchonDb } from '../../../src/db/schema'
import { pendingLinkIds } from '../../../src/features/items/queries'
import { addLink, applyLinkPreview, createItem, markLinkFetch, trashItem, updateFields } from '../../../src/features/items/repository'

let db: BaluchonDb
let n = 0
/** Rows the items table handed out (not keys): any read of a value counts. */
let rowsRead = 0

beforeEach(async () => {
  db = new BaluchonDb(`pending-links-${Date.now()}-${n++}`)
  db.use({
    stack: 'dbcore',
    name: 'CountRowReads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        if (name !== 'items') return table
        const counting: DBCoreTable = {
          ...table,
          get: (req) => table.get(req).then((row) => (rowsRead++, row)),
          getMany: (req) => table.getMany(req).then((rows) => ((rowsRead += rows.length), rows)),
          query: (req) => table.query(req).then((res) => (req.values && (rowsRead += res.result.length), res)),
          openCursor: (req) => table.openCursor(req).then((cursor) => (req.values && cursor && rowsRead++, cursor)),
        }
        return counting
      },
    }),
  })
  await db.open()
})

afterEach(async () => {
  db.close()
  await db.delete()
})

describe('pendingLinkIds', () => {
  it('lists the links whose details are still to fetch, newest change first, and no other item', async () => {
    const older = (await addLink(db, 'https://example.org/older')).link
    const done = (await addLink(db, 'https://example.org/done')).link
    await applyLinkPreview(db, done.id, { url: 'https://example.org/done', title: 'Done', description: '', siteName: '' })
    const failed = (await addLink(db, 'https://example.org/gone')).link
    await markLinkFetch(db, failed.id, 'failed', { code: 'http-status', status: 404 })
    const offline = (await addLink(db, 'https://exemple.fr/hors-ligne')).link
    await markLinkFetch(db, offline.id, 'pending', { code: 'offline' })
    const trashed = (await addLink(db, 'https://example.org/trashed')).link
    await trashItem(db, trashed.id)
    await createItem(db, 'note', { title: 'Not a link' })
    await createItem(db, 'post', { title: 'Nor this' })
    // A later change to the older one brings it first.
    await new Promise((resolve) => setTimeout(resolve, 2))
    await updateFields(db, older.id, { title: 'Older, commented' })
    expect(await pendingLinkIds(db)).toEqual([older.id, offline.id])
  })

  it('reads keys only, however many links are stored', async () => {
    for (let i = 0; i < 60; i++) {
      const { link } = await addLink(db, `https://example.org/${i}`)
      if (i % 20 !== 0) await applyLinkPreview(db, link.id, { url: link.url, title: `Page ${i}`, description: '', siteName: '' })
    }
    rowsRead = 0
    expect(await pendingLinkIds(db)).toHaveLength(3)
    expect(rowsRead).toBe(0)
  })
})

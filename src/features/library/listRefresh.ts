// A window of the list read again after a write, without reading again the rows this window's own editor saves
// wrote. The list's live query runs again after every autosave (the saved row's updatedAt moves on the list's
// index): reading its rows again read the 200 KB draft's row too, its body deserialised on the UI thread after
// each autosave. Here the window's ids are read from the index alone, a row that only this window's own editor
// saves wrote since the list last read it is taken as the last of them wrote it (its fields, library/rowWrites.ts,
// with the body the list already held: a row never shows its body), and the other rows are read as before.
import type { Item } from '../../core/items'
import type { BaluchonDb } from '../../db'
import { listPage, listPageIds, type ListFilter } from '../items/queries'
import { ownRowSavesSettled, ownRowsWrittenSince, rowWritesMark, rowWritesSince } from './rowWrites'

/** Rows of the list as read, with the moment (rowWritesMark) their read began. */
export interface ReadRows {
  offset: number
  items: Item[]
  mark: number
  /** False when a row holds an older body than the database's (taken from an own save): never opened from. */
  exact: boolean
}

/**
 * The row as this window's own saves wrote it since `mark` (`old`: as read after `mark`), when every write to it
 * heard of since was one of them; undefined when it must be read. A write heard of just before the save worker's
 * answer (a message on another channel) is waited for.
 */
async function ownSavedRow(db: BaluchonDb, old: Item, mark: number): Promise<Item | undefined> {
  let heard = rowWritesSince(db.name, old.id, mark)
  if (!heard) return undefined
  let own = ownRowsWrittenSince(db.name, old.id, mark)
  const settled = own !== undefined && own.length < heard ? ownRowSavesSettled(db.name, old.id) : undefined
  if (settled) {
    await settled
    heard = rowWritesSince(db.name, old.id, mark)
    own = ownRowsWrittenSince(db.name, old.id, mark)
  }
  if (!heard || !own || own.length !== heard) return undefined
  return { ...own[own.length - 1]!, body: old.body } as Item
}

/**
 * The list's rows from `offset` (`limit` of them), taking the rows only this window's own saves wrote since
 * `previous` (the same list's rows read before, from the same offset) from those saves; the others are read
 * (all of them without `previous`, as listPage does). Resolves with the rows and the mark to keep with them.
 */
export async function refreshListPage(db: BaluchonDb, filter: ListFilter, offset: number, limit: number, previous: ReadRows | undefined): Promise<ReadRows> {
  const mark = rowWritesMark()
  const ids = previous && previous.offset === offset ? await listPageIds(db, filter, offset, limit) : undefined
  if (!previous || !ids) return { offset, items: await listPage(db, filter, offset, limit), mark, exact: true }
  const before = new Map<string, Item>(previous.items.map((item) => [item.id, item]))
  const saved = new Map<string, Item>()
  for (const id of ids) {
    const old = before.get(id)
    // Rows no write was heard of since are read as before (rowWritesSince 0): only written rows are looked at.
    const row = old && rowWritesSince(db.name, id, previous.mark) ? await ownSavedRow(db, old, previous.mark) : undefined
    if (row) saved.set(id, row)
  }
  const toRead = saved.size ? ids.filter((id) => !saved.has(id)) : ids
  // A row taken from a save is not read, so Dexie would not run the live query again for a later write to it that
  // leaves its date (and so the list's index) as it was: a count of its key has Dexie watch it, without reading it.
  // One transaction for both (each read outside one opens its own).
  const read = await db.transaction('r', db.items, async () => {
    const watched = Promise.all([...saved.keys()].map((id) => db.items.where(':id').equals(id).count()))
    const rows = await db.items.bulkGet(toRead)
    await watched
    return rows
  })
  const fetched = new Map<string, Item>()
  for (const item of read) if (item) fetched.set(item.id, item)
  const items = ids.map((id) => saved.get(id) ?? fetched.get(id)).filter((item): item is Item => !!item)
  return { offset, items, mark, exact: saved.size === 0 }
}

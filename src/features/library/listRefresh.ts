// A window of the list read again after a write, reading again only the rows something else than this window's own
// editor saves wrote. Reading its rows again after an autosave read the 200 KB draft's row too, its body deserialised
// on the UI thread, and the 49 rows beside it, one IndexedDB request each. Here the window's ids are read from the index
// alone; a row that only this window's own editor saves wrote since the list last read it is taken as the last of them
// wrote it (its fields, library/rowWrites.ts, with the body the list already held: a row never shows its body); a row
// no write was heard of since is kept as it was read; the others (new in the window, written elsewhere) are read.
// And an own autosave of the row the list shows first, the one written while a person types, reads nothing at all
// (refreshAfterOwnSave): the row stays first, and no other row changed.
import type { Item } from '../../core/items'
import type { BaluchonDb } from '../../db'
import { listPage, listPageIds, type ListFilter } from '../items/queries'
import { ownWrittenRowSince, rowWritesMark, rowWritesSince, takeOwnSaves } from './rowWrites'

/** Rows of the list as read, with the moment (rowWritesMark) their read began. */
export interface ReadRows {
  offset: number
  items: Item[]
  mark: number
  /** False when a row holds an older body than the database's (taken from an own save): never opened from. */
  exact: boolean
  /** The ids of those rows (kept with their older body while nothing else writes them). */
  stale: ReadonlySet<string>
}

/** The row as this window's own saves wrote it since `mark` (`old`: as read after `mark`), with the body the list holds. */
async function ownSavedRow(db: BaluchonDb, old: Item, mark: number): Promise<Item | undefined> {
  const row = await ownWrittenRowSince(db.name, old.id, mark)
  return row && ({ ...row, body: old.body } as Item)
}

/**
 * The list's rows from `offset` (`limit` of them), taking the rows only this window's own saves wrote since
 * `previous` (the same list's rows read before, from the same offset) from those saves and keeping those nothing
 * wrote since as they were read; the others are read (all of them without `previous`, as listPage does). Resolves
 * with the rows and the mark to keep with them.
 */
export async function refreshListPage(db: BaluchonDb, filter: ListFilter, offset: number, limit: number, previous: ReadRows | undefined): Promise<ReadRows> {
  const mark = rowWritesMark()
  const ids = previous && previous.offset === offset ? await listPageIds(db, filter, offset, limit) : undefined
  if (!previous || !ids) return { offset, items: await listPage(db, filter, offset, limit), mark, exact: true, stale: new Set() }
  const before = new Map<string, Item>(previous.items.map((item) => [item.id, item]))
  /** Rows not read again: taken from own saves, or as read before. */
  const known = new Map<string, Item>()
  const stale = new Set<string>()
  for (const id of ids) {
    const old = before.get(id)
    if (!old) continue
    const writes = rowWritesSince(db.name, id, previous.mark)
    // No write heard of since the row was read (undefined: it cannot be told): the row as read.
    if (writes === 0) {
      known.set(id, old)
      if (previous.stale.has(id)) stale.add(id)
      continue
    }
    const row = writes ? await ownSavedRow(db, old, previous.mark) : undefined
    if (row) {
      known.set(id, row)
      stale.add(id)
    }
  }
  const toRead = known.size ? ids.filter((id) => !known.has(id)) : ids
  const read = toRead.length ? await db.items.bulkGet(toRead) : []
  const fetched = new Map<string, Item>()
  for (const item of read) if (item) fetched.set(item.id, item)
  const items = ids.map((id) => known.get(id) ?? fetched.get(id)).filter((item): item is Item => !!item)
  return { offset, items, mark, exact: stale.size === 0, stale }
}

/** The fields that place a row in a list counted apart (countedApart in useListWindow.ts): which list, and where. */
function samePlaceApartFromDate(a: Omit<Item, 'body'>, b: Omit<Item, 'body'>): boolean {
  return a.kind === b.kind && a.status === b.status && a.trashed === b.trashed
}

/**
 * The first window of a list (`rows`, read from offset 0) after a write to its first row (`id`), when every write to
 * that row since it was read was this window's own editor save: the row as the newest of them wrote it, in the same
 * place, without reading anything. Undefined (read the window again) when the row moved (its date is not newer than
 * the next row's), left the list (kind, status, Trash) or was written by anything else. The caller offers only writes
 * that named that row alone (useItemsRead.ts), so no other row changed.
 */
export async function refreshAfterOwnSave(db: BaluchonDb, rows: ReadRows, id: string): Promise<ReadRows | undefined> {
  const first = rows.items[0]
  if (rows.offset !== 0 || !first || first.id !== id) return undefined
  const taken = await takeOwnSaves(db.name, id, rows.mark)
  const next = rows.items[1]
  if (!taken || !samePlaceApartFromDate(first, taken.row) || (next && !(taken.row.updatedAt > next.updatedAt))) return undefined
  const row = { ...taken.row, body: first.body } as Item
  return { offset: 0, items: [row, ...rows.items.slice(1)], mark: taken.mark, exact: false, stale: new Set([...rows.stale, id]) }
}

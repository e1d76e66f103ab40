// Data of the virtualised list: the total count and the rows around what is on screen, live.
import { useLiveQuery } from 'dexie-react-hooks'
import { useRef } from 'react'
import type { Item } from '../../core/items'
import { getDb, type BaluchonDb } from '../../db'
import { countListWithoutDates, filterKey, listWindow, trashWindow, type ListFilter } from '../items/queries'
import { useLibraryCounts, type LibraryCounts } from '../search'
import { sameRowItem } from './ItemRow'
import { refreshAfterOwnSave, refreshListPage, type ReadRows } from './listRefresh'
import { onlyItemWritten, useItemsRead } from './useItemsRead'
import { cacheKey, itemWritesSeen, recallWindow, rememberWindow, type ShownWindow } from './prefetch'

/** Rows are read in pages of this size; the window spans the pages the screen touches plus one. */
export const PAGE_SIZE = 50
const MARGIN = 10

export type ListSource = { type: 'items'; filter: ListFilter } | { type: 'trash' }

export function sourceKey(source: ListSource): string {
  if (source.type === 'items') return `items:${filterKey(source.filter)}`
  return 'trash'
}

export interface ListData {
  /** The whole list's length; undefined until it has been counted (a read-ahead window has rows only). */
  count: number | undefined
  /** Rows that can be shown now: the count, or until it is known, as far as the rows read reach. */
  shown: number
  rowAt(index: number): Item | undefined
}

export function windowBounds(firstVisible: number, lastVisible: number): [number, number] {
  // Page-aligned, with a margin of rows either side, so small scrolls reuse the window already read.
  const start = Math.max(0, Math.floor((firstVisible - MARGIN) / PAGE_SIZE) * PAGE_SIZE)
  const end = (Math.floor((lastVisible + MARGIN) / PAGE_SIZE) + 1) * PAGE_SIZE
  return [start, end]
}

/** Filters whose length is counted apart, on indexes an autosave does not touch (countListWithoutDates). */
function countedApart(source: ListSource): ListFilter | null {
  return source.type === 'items' && !source.filter.tag && !source.filter.unread ? source.filter : null
}

/**
 * The length of a list counted apart, from the search worker's counts (search/counts.ts): the sidebar's figure for
 * that view. Undefined where they do not say (a status they do not count).
 */
export function countFromSearch(counts: LibraryCounts, filter: ListFilter): number | undefined {
  const { sidebar } = counts
  const kind = filter.kind ?? null
  if (kind && filter.status) return kind === 'post' || kind === 'talk' ? sidebar.byStatus[kind][filter.status] : undefined
  if (kind) return sidebar.byKind[kind]
  return sidebar.all
}

/** The rows a window was read with, and whether they are the database's own copies (freshListRow may hand them out). */
interface WindowRead {
  window: ShownWindow
  exact: boolean
}

/** `previous`: this list's last read, so that only rows that may have changed are read again (listRefresh.ts). */
async function readWindow(db: BaluchonDb, source: ListSource, start: number, end: number, previous: ReadRows | undefined): Promise<WindowRead & { rows?: ReadRows }> {
  const apart = countedApart(source)
  if (apart) {
    const rows = await refreshListPage(db, apart, start, end - start, previous)
    return { window: { count: undefined, offset: start, items: rows.items }, exact: rows.exact, rows }
  }
  if (source.type === 'items') return { window: await listWindow(db, source.filter, start, end - start), exact: true }
  return { window: await trashWindow(db, start, end - start), exact: true }
}

/** True when the list would show the same thing from either window (same rows, as a row shows them). */
export function sameShownWindow(a: ShownWindow, b: ShownWindow): boolean {
  return a.count === b.count && a.offset === b.offset && a.items.length === b.items.length && a.items.every((item, i) => sameRowItem(item, b.items[i]))
}

export function useListWindow(source: ListSource, firstVisible: number, lastVisible: number): ListData {
  const key = sourceKey(source)
  const [start, end] = windowBounds(firstVisible, lastVisible)
  const last = useRef<{ key: string; window: ShownWindow } | null>(null)
  /** The rows last read for this list and window (not what is shown: equal rows keep the older objects on screen). */
  const lastRead = useRef<{ db: BaluchonDb; key: string; start: number; end: number; rows: ReadRows } | null>(null)
  // The length, where it is counted apart (see countedApart): once search answers, from its counts (in memory,
  // live), else in a live query of its own: it runs again when items come, go or change kind or status, not after
  // every autosave as the rows' query does. Why not that query once search answers: at 50,000 items it walks up to
  // 50,000 index entries at each view switch, and the view's rows, read just after it, waited behind it.
  const apart = countedApart(source)
  const searchCounts = useLibraryCounts(apart !== null)
  const fromSearch = apart && searchCounts ? countFromSearch(searchCounts, apart) : undefined
  /** The rows last read, when they were read from `db` for this very window (same list, same range). */
  const rowsReadHere = (db: BaluchonDb): ReadRows | undefined => {
    const before = lastRead.current
    return before?.db === db && before.key === key && before.start === start && before.end === end ? before.rows : undefined
  }
  /** What the list shows from a window read (or taken from an own save) after `writesBefore` item writes. */
  const shownFrom = (db: BaluchonDb, read: WindowRead & { rows?: ReadRows }, writesBefore: number): { key: string; window: ShownWindow } => {
    if (read.rows) lastRead.current = { db, key, start, end, rows: read.rows }
    const { window } = read
    // A write that changes nothing the list shows (an autosave, mostly: the row's preview and minute stay)
    // gives back what is shown, so the list does not render and commit again; every such React commit,
    // with the caret in the editor, also walks the document's DOM to measure the selection. (That window
    // keeps the count of item writes it was read after: freshListRow no longer takes rows from it.)
    const shown = last.current
    if (shown?.key === key && sameShownWindow(shown.window, window)) return shown
    // Rows with a body older than the database's (taken from an own save) are never handed out to open an item.
    rememberWindow(db, cacheKey(key, start, end), window, read.exact ? writesBefore : undefined)
    return { key, window }
  }
  const result = useItemsRead(
    async () => {
      const db = getDb()
      const writesBefore = itemWritesSeen(db)
      return shownFrom(db, await readWindow(db, source, start, end, rowsReadHere(db)), writesBefore)
    },
    // This window's own autosave of the row it shows first, taken without reading (listRefresh.ts).
    async (parts) => {
      const db = getDb()
      const writesBefore = itemWritesSeen(db)
      const before = rowsReadHere(db)
      const id = onlyItemWritten(parts, db.name)
      if (!id || !before) return undefined
      const rows = await refreshAfterOwnSave(db, before, id)
      return rows && shownFrom(db, { window: { count: undefined, offset: rows.offset, items: rows.items }, exact: rows.exact, rows }, writesBefore)
    },
    // `source` is described by `key`.
    [key, start, end],
  )
  // The rows come first: the count is asked for once this view's rows are read, so they never wait behind it in
  // IndexedDB's one queue (at 50,000 items, the count of a kind took up to 0.7 s early after a start; it goes in
  // steps now, and stops once the person has moved to another view).
  const wanted = useRef(key)
  wanted.current = key
  const rowsRead = result?.key === key
  const counted = useLiveQuery(
    async () => {
      const apart = countedApart(source)
      if (!apart || fromSearch !== undefined || !rowsRead) return null
      return { key, count: await countListWithoutDates(getDb(), apart, { wanted: () => wanted.current === key }) }
    },
    // `source` is described by `key`.
    [key, fromSearch === undefined, rowsRead],
  )
  let current: { key: string; window: ShownWindow } | null = result && result.key === key ? result : null
  if (!current && last.current?.key === key) current = last.current
  if (!current) {
    // A view shown before (or read ahead): paint it now, the live query refreshes it in a moment.
    const remembered = recallWindow(getDb(), cacheKey(key, start, end))
    if (remembered) current = { key, window: remembered }
  }
  if (current) last.current = current
  const window = current?.window
  // The worker's figure follows a write a moment after the rows do: never fewer rows than those read.
  const count = fromSearch !== undefined ? Math.max(fromSearch, window ? window.offset + window.items.length : 0) : counted?.key === key ? counted.count : window?.count
  return {
    count,
    shown: window ? (count ?? window.offset + window.items.length) : 0,
    rowAt: (index) => (window ? window.items[index - window.offset] : undefined),
  }
}

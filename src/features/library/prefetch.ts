// Windows of the list read ahead of need: the default view's first window while the app starts (in parallel
// with everything else, so the list paints its newest items on the very first render), and the last windows
// each view showed, so going back to a view paints at once while its live query refreshes it.
//
// Read-ahead windows carry rows only, no count: IndexedDB counts an index range by walking it (measured in
// Chromium: 50 newest rows in 40–60 ms, counting 10,000 items 110–360 ms more, several times that at 50,000),
// so a count on the way to the first paint would cost more than the rows. The list's live query brings the
// count a moment later.
import Dexie, { type ObservabilitySet } from 'dexie'
import type { BaluchonDb } from '../../db'
import { ITEM_KINDS, type Item } from '../../core/items'
import { filterKey, listPage, type ListFilter } from '../items/queries'

export const FIRST_WINDOW_SIZE = 50
const CACHE_SIZE = 24

/** Rows of the list from `offset`; `count` (the whole list's) is undefined until it has been counted. */
export interface ShownWindow {
  count: number | undefined
  offset: number
  items: Item[]
}

/**
 * Recently shown windows by `sourceKey|start|end` (oldest first: a Map keeps insertion order), per database:
 * a read that lands after the database was swapped (a restore, a test's fresh database) cannot show its rows
 * in the new one's list.
 */
let caches = new WeakMap<BaluchonDb, Map<string, ShownWindow>>()

function cacheOf(db: BaluchonDb): Map<string, ShownWindow> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  return cache
}

export function cacheKey(source: string, start: number, end: number): string {
  return `${source}|${start}|${end}`
}

/**
 * Writes to the items table seen, per database name (Dexie's `storagemutated`: this window's writes and the
 * other contexts', the save worker's included). A window read before one may hold an older copy of a row.
 */
const itemWrites = new Map<string, number>()
let watching = false
/** The count of item writes each remembered window was read after (windows remembered without one are never used for it). */
const readAfter = new WeakMap<ShownWindow, number>()

function onMutated(parts: ObservabilitySet): void {
  const everything = 'all' in parts
  for (const part of Object.keys(parts)) {
    const match = /^idb:\/\/(.+)\/items\//.exec(part)
    if (match) itemWrites.set(match[1]!, (itemWrites.get(match[1]!) ?? 0) + 1)
  }
  // A change Dexie does not detail: every database may have changed.
  if (everything) for (const name of itemWrites.keys()) itemWrites.set(name, itemWrites.get(name)! + 1)
}

/** Item writes seen so far in `db`: taken before a window's read, so a write during it counts as after. */
export function itemWritesSeen(db: BaluchonDb): number {
  if (!watching) {
    watching = true
    Dexie.on('storagemutated', onMutated)
  }
  if (!itemWrites.has(db.name)) itemWrites.set(db.name, 0)
  return itemWrites.get(db.name)!
}

/**
 * The row of item `id` as a window of the list read it, if no item has been written since that read began:
 * as fresh as reading it now would be, without waiting for the database. In the first seconds after start,
 * the search worker loading its index and the list's counts keep IndexedDB busy, and a read for the item a
 * person clicked waited 80-150 ms behind them (bench open-item, first opens of a session).
 */
export function freshListRow(db: BaluchonDb, id: string): Item | undefined {
  const cache = caches.get(db)
  if (!cache || !watching) return undefined
  const writes = itemWrites.get(db.name) ?? 0
  for (const window of cache.values()) {
    if (readAfter.get(window) !== writes) continue
    const row = window.items.find((item) => item.id === id)
    if (row) return row
  }
  return undefined
}

/** `writesBefore`: itemWritesSeen(db) just before the window was read, so freshListRow may use its rows. */
export function rememberWindow(db: BaluchonDb, key: string, window: ShownWindow, writesBefore?: number): void {
  if (writesBefore !== undefined) readAfter.set(window, writesBefore)
  const cache = cacheOf(db)
  cache.delete(key)
  cache.set(key, window)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
}

export function recallWindow(db: BaluchonDb, key: string): ShownWindow | undefined {
  return caches.get(db)?.get(key)
}

const itemsSourceKey = (filter: ListFilter) => `items:${filterKey(filter)}`

async function prefetch(db: BaluchonDb, filter: ListFilter): Promise<void> {
  const writesBefore = itemWritesSeen(db)
  const items = await listPage(db, filter, 0, FIRST_WINDOW_SIZE)
  const key = cacheKey(itemsSourceKey(filter), 0, FIRST_WINDOW_SIZE)
  // Fewer rows than a window: that is the whole list, so its count is known too.
  const count = items.length < FIRST_WINDOW_SIZE ? items.length : undefined
  // Never overwrite what the live list already put there.
  if (!cacheOf(db).has(key)) rememberWindow(db, key, { count, offset: 0, items }, writesBefore)
}

export async function prefetchFirstWindow(db: BaluchonDb): Promise<void> {
  await prefetch(db, {})
  performance.mark?.('baluchon:first-window-ready')
}

/** After the first paint: the first window of each kind, so the first switch to it paints at once. */
export async function prefetchKindWindows(db: BaluchonDb): Promise<void> {
  for (const kind of ITEM_KINDS) await prefetch(db, { kind })
}

export function clearPrefetched(): void {
  caches = new WeakMap()
}

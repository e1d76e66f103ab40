// Windows of the list read ahead of need: the default view's first window while the app starts (in parallel
// with everything else, so the list paints its newest items on the very first render), and the last windows
// each view showed, so going back to a view paints at once while its live query refreshes it.
//
// Read-ahead windows carry rows only, no count: IndexedDB counts an index range by walking it (measured in
// Chromium: 50 newest rows in 40–60 ms, counting 10,000 items 110–360 ms more, several times that at 50,000),
// so a count on the way to the first paint would cost more than the rows. The list's live query brings the
// count a moment later.
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

export function rememberWindow(db: BaluchonDb, key: string, window: ShownWindow): void {
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
  const items = await listPage(db, filter, 0, FIRST_WINDOW_SIZE)
  const key = cacheKey(itemsSourceKey(filter), 0, FIRST_WINDOW_SIZE)
  // Fewer rows than a window: that is the whole list, so its count is known too.
  const count = items.length < FIRST_WINDOW_SIZE ? items.length : undefined
  // Never overwrite what the live list already put there.
  if (!cacheOf(db).has(key)) rememberWindow(db, key, { count, offset: 0, items })
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

// Windows of the list read ahead of need: the default view's first window while the app starts (in parallel
// with everything else, so the list paints its newest items on the very first render), and the last windows
// each view showed, so going back to a view paints at once while its live query refreshes it.
import type { BaluchonDb } from '../../db'
import { ITEM_KINDS } from '../../core/items'
import { filterKey, listWindow, type ListFilter, type ListWindow } from '../items/queries'

export const FIRST_WINDOW_SIZE = 50
const CACHE_SIZE = 24

/** Recently shown windows by `sourceKey|start|end` (oldest first: a Map keeps insertion order). */
const cache = new Map<string, ListWindow>()

export function cacheKey(source: string, start: number, end: number): string {
  return `${source}|${start}|${end}`
}

export function rememberWindow(key: string, window: ListWindow): void {
  cache.delete(key)
  cache.set(key, window)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
}

export function recallWindow(key: string): ListWindow | undefined {
  return cache.get(key)
}

const itemsSourceKey = (filter: ListFilter) => `items:${filterKey(filter)}`

async function prefetch(db: BaluchonDb, filter: ListFilter): Promise<void> {
  const window = await listWindow(db, filter, 0, FIRST_WINDOW_SIZE)
  const key = cacheKey(itemsSourceKey(filter), 0, FIRST_WINDOW_SIZE)
  // Never overwrite what the live list already put there.
  if (!cache.has(key)) rememberWindow(key, window)
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
  cache.clear()
}

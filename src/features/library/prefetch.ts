// The first window of the default view, read while the app starts (in parallel with everything else),
// so the list paints its newest items on the very first render instead of after a query round trip.
import type { BaluchonDb } from '../../db'
import { filterKey, listWindow, type ListWindow } from '../items/queries'

export const FIRST_WINDOW_SIZE = 60

let prefetched: { key: string; window: ListWindow } | null = null

export async function prefetchFirstWindow(db: BaluchonDb): Promise<void> {
  const window = await listWindow(db, {}, 0, FIRST_WINDOW_SIZE)
  prefetched = { key: filterKey({}), window }
  performance.mark?.('baluchon:first-window-ready')
}

/** The prefetched window if it is for this view; used once, as the list's initial data. */
export function takePrefetched(key: string): ListWindow | undefined {
  if (prefetched?.key !== key) return undefined
  return prefetched.window
}

export function clearPrefetched(): void {
  prefetched = null
}

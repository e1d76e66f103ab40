// Whether the list's first rows have been painted. The sidebar's counts (a dozen live queries: kinds, statuses,
// tags, unread links, Trash) wait for it: started in the shell's first render, their reads and the re-render
// they cause ran before the rows' frame was painted, on the way to what the window is opened for.
import { useSyncExternalStore } from 'react'
import { afterNextPaint } from '../../lib/paint'

/** If the list never reports its rows (an error reading them), the counts start anyway after this long. */
const FALLBACK_MS = 3000
/** The longest the counts wait for an idle moment once the rows are painted. */
const IDLE_WAIT_MS = 250

let painted = false
let scheduled = false
const listeners = new Set<() => void>()

function markPainted(): void {
  if (painted) return
  painted = true
  for (const listener of listeners) listener()
}

/**
 * The list calls this once its first rows (or its empty state) are rendered: painted at the next frame. What waits
 * for them starts at the first idle moment after that frame (at most IDLE_WAIT_MS later), not in the task right
 * after it: there, the counts' re-render (and the page's first Intl.NumberFormat, 35-95 ms of ICU set-up) ran
 * before the person's first input (a search typed as the rows appear) was handled.
 */
export function noteFirstRowsRendered(): void {
  if (painted || scheduled) return
  scheduled = true
  void afterNextPaint(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(markPainted, { timeout: IDLE_WAIT_MS })
    else markPainted()
  })
}

/** Calls `listener` when the first rows are painted, or starts the fallback's wait for them; returns the unsubscribe. */
function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const fallback = setTimeout(markPainted, FALLBACK_MS)
  return () => {
    listeners.delete(listener)
    clearTimeout(fallback)
  }
}

/**
 * Resolves once the list's first rows are painted (or after FALLBACK_MS if they never are): for work that
 * should not be on the way to them, outside React.
 */
export function whenFirstRowsPainted(): Promise<void> {
  if (painted) return Promise.resolve()
  return new Promise((resolve) => {
    const unsubscribe = subscribe(() => {
      unsubscribe()
      resolve()
    })
  })
}

export function useFirstRowsPainted(): boolean {
  return useSyncExternalStore(subscribe, () => painted)
}

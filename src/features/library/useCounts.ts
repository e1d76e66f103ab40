import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { getDb } from '../../db'
import { countUnreadLinks, sidebarCounts, tagCounts, type SidebarCounts, type TagCount } from '../items/queries'
import { useSearchAnswers } from '../search'
import { useFirstRowsPainted } from './firstRowsPaint'

// Each count is undefined (shown blank, hidden from assistive technology) until the list's first rows are painted
// and search has loaded its index (useCountsMayStart).

/** If search is still not answering this long after the rows are painted (a first build, say), the counts start anyway. */
export const COUNTS_WAIT_FOR_SEARCH_MS = 5000

/**
 * The counts start once the first rows are painted AND search answers. Why wait for search: IndexedDB serves an origin's
 * requests one after another, and an index count walks every entry it counts: at 50,000 items the sidebar's counts
 * (kinds, statuses, unread links, one per tag) held that queue for 1.7-2.2 s. When they were asked just before the search
 * worker read its saved index (a race between the first rows' paint and the worker's start), that read waited behind
 * them: search answered at about 4 s instead of 1.6 s, one start in two or three.
 */
function useCountsMayStart(): boolean {
  const rowsPainted = useFirstRowsPainted()
  const searchAnswers = useSearchAnswers()
  const [waitedEnough, setWaitedEnough] = useState(false)
  // Once started, the counts stay: a later full rebuild of the index (search not answering again for a while)
  // must not blank them.
  const [started, setStarted] = useState(false)
  const mayStart = rowsPainted && (searchAnswers || waitedEnough)
  useEffect(() => {
    if (mayStart) setStarted(true)
  }, [mayStart])
  useEffect(() => {
    if (!rowsPainted || searchAnswers || started) return
    const timer = setTimeout(() => setWaitedEnough(true), COUNTS_WAIT_FOR_SEARCH_MS)
    return () => clearTimeout(timer)
  }, [rowsPainted, searchAnswers, started])
  return started || mayStart
}

export function useSidebarCounts(): SidebarCounts | undefined {
  const ready = useCountsMayStart()
  return useLiveQuery(() => (ready ? sidebarCounts(getDb()) : undefined), [ready])
}

export function useUnreadCount(): number | undefined {
  const ready = useCountsMayStart()
  return useLiveQuery(() => (ready ? countUnreadLinks(getDb()) : undefined), [ready])
}

export function useTagCounts(): TagCount[] | undefined {
  const ready = useCountsMayStart()
  return useLiveQuery(() => (ready ? tagCounts(getDb()) : undefined), [ready])
}

import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { getDb } from '../../db'
import { countUnreadLinks, sidebarCounts, tagCounts, type SidebarCounts, type TagCount } from '../items/queries'
import { useLibraryCounts, useSearchFailed, type LibraryCounts } from '../search'
import { useFirstRowsPainted } from './firstRowsPaint'

// Each count is undefined (shown blank, hidden from assistive technology) until the list's first rows are painted
// and the counts have come (see useCountsSource).

/** If search has not given the counts this long after the rows are painted (a first build, say), the database counts them. */
export const COUNTS_WAIT_FOR_SEARCH_MS = 5000

/**
 * Where the counts come from. Once search answers: from the search worker, which counts its in-memory row per item
 * (search/counts.ts) and gives them again after each change it applies, whoever wrote it. Why not IndexedDB index
 * counts, as before: an origin's requests go through one IndexedDB queue, and an index count walks every entry it
 * counts: at 50,000 items the sidebar's counts (kinds, statuses, unread links, a pass over the tags and one count
 * per tag) held that queue for 1.7-2.2 s, and a view switch's rows in the first seconds after a start waited 1-3 s
 * behind them (list-first-paint samples of 1.5 and 3.3 s).
 *
 * Until search answers: blank, and only if it still does not after COUNTS_WAIT_FOR_SEARCH_MS (a first build of the
 * index, tens of seconds at 50,000 items), or it has failed, the database counts them (live queries, as before), until
 * the worker's counts replace them. Not at once: a start from a saved index answers in 1-4 s, and counts asked before
 * the worker read that index delayed it (search answered at 4 s instead of 1.6, one start in two or three); not blank
 * for the whole of a first build either: a first start would show no counts for tens of seconds.
 */
function useCountsSource(): { fromSearch: LibraryCounts | undefined; fromDb: boolean } {
  const rowsPainted = useFirstRowsPainted()
  const fromSearch = useLibraryCounts(rowsPainted)
  const failed = useSearchFailed()
  const [waitedEnough, setWaitedEnough] = useState(false)
  useEffect(() => {
    if (!rowsPainted || fromSearch || waitedEnough) return
    const timer = setTimeout(() => setWaitedEnough(true), COUNTS_WAIT_FOR_SEARCH_MS)
    return () => clearTimeout(timer)
  }, [rowsPainted, fromSearch, waitedEnough])
  return { fromSearch, fromDb: rowsPainted && !fromSearch && (waitedEnough || failed) }
}

export function useSidebarCounts(): SidebarCounts | undefined {
  const { fromSearch, fromDb } = useCountsSource()
  const counted = useLiveQuery(() => (fromDb ? sidebarCounts(getDb()) : undefined), [fromDb])
  return fromSearch?.sidebar ?? counted
}

export function useUnreadCount(): number | undefined {
  const { fromSearch, fromDb } = useCountsSource()
  const counted = useLiveQuery(() => (fromDb ? countUnreadLinks(getDb()) : undefined), [fromDb])
  return fromSearch?.unread ?? counted
}

export function useTagCounts(): TagCount[] | undefined {
  const { fromSearch, fromDb } = useCountsSource()
  const counted = useLiveQuery(() => (fromDb ? tagCounts(getDb()) : undefined), [fromDb])
  return fromSearch?.tags ?? counted
}

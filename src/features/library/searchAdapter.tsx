// The list's and the palette's link to full-text search (the search feature's worker-backed index).
import { useLayoutEffect, useRef } from 'react'
import type { ItemKind } from '../../core/items'
import { Highlighted, useSearch, type SearchHit } from '../search'

export { Highlighted }

export interface LibrarySearch {
  hits: SearchHit[]
  /** Matches in all (hits holds the best `limit`). */
  total: number
  /** The index can answer (false while it is first built). */
  ready: boolean
  /** A newer query is running; `hits` are the previous answer's. */
  pending: boolean
  /** Bodies are searchable too (titles, tags and details come first). */
  complete: boolean
  progress: { done: number; total: number } | null
  error: string | null
}

/** The list is virtualised, so it can show many results; the palette asks for a few. */
export const LIST_SEARCH_LIMIT = 500

export function useLibrarySearch(query: string, options: { kind: ItemKind | null; tag: string | null }, limit = LIST_SEARCH_LIMIT): LibrarySearch {
  const state = useSearch(query, { ...(options.kind ? { kind: options.kind } : {}), ...(options.tag ? { tag: options.tag } : {}) }, limit)
  return {
    hits: state.hits,
    total: state.total,
    ready: state.ready,
    pending: state.pending,
    complete: state.complete,
    progress: state.progress,
    error: state.error,
  }
}

export type { SearchHit as LibraryHit }

export const NO_SEARCH: LibrarySearch = { hits: [], total: 0, ready: false, pending: false, complete: false, progress: null, error: null }

/**
 * Runs a search and reports its state upward. Mounted only while there is something to search, so that
 * the index's progress messages (many while it is first built) do not re-render the list otherwise.
 */
export function SearchBridge({
  query,
  kind,
  tag,
  limit = LIST_SEARCH_LIMIT,
  onChange,
}: {
  query: string
  kind: ItemKind | null
  tag: string | null
  limit?: number
  onChange(state: LibrarySearch): void
}) {
  const state = useLibrarySearch(query, { kind, tag }, limit)
  const reported = useRef<LibrarySearch | null>(null)
  // A layout effect: the list's update is rendered in the same pass, before the browser paints, rather
  // than in a passive effect that runs after a paint (one frame later on every answer).
  useLayoutEffect(() => {
    // useSearch hands out a fresh empty array on each render while waiting: report only real changes.
    if (reported.current && sameSearch(reported.current, state)) return
    reported.current = state
    onChange(state)
  })
  return null
}

function sameSearch(a: LibrarySearch, b: LibrarySearch): boolean {
  return (
    (a.hits === b.hits || (a.hits.length === 0 && b.hits.length === 0)) &&
    a.total === b.total &&
    a.ready === b.ready &&
    a.pending === b.pending &&
    a.complete === b.complete &&
    a.error === b.error &&
    a.progress?.done === b.progress?.done &&
    a.progress?.total === b.progress?.total
  )
}

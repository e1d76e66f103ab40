// The list's and the palette's link to full-text search (the search feature's worker-backed index).
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

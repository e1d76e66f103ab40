// Messages between the UI thread and the search worker. Structured-clone friendly: plain data only.
import type { SearchFilters } from './engine'
import type { SearchHit } from './hits'

export interface SearchStatus {
  /** Titles, tags, details and URLs are searchable. */
  ready: boolean
  /** Bodies are searchable too (the body index is built or loaded). */
  complete: boolean
  /** While the index is first built: items processed so far, out of total (two passes count twice). */
  progress: { done: number; total: number } | null
  /** Changes whenever results may differ (items changed, more of the index loaded): queries are re-run. */
  generation: number
  /** Items in the index. */
  size: number
  /** Why search does not work, in English for the log; the UI shows its own translated message. */
  error: string | null
}

export const INITIAL_STATUS: SearchStatus = { ready: false, complete: false, progress: null, generation: 0, size: 0, error: null }

export interface SearchRequest {
  query: string
  filters: SearchFilters
  limit: number
}

export interface SearchResponse {
  hits: SearchHit[]
  /** All matches, of which `hits` are the best `limit`. */
  total: number
  /** Where the worker spent its time (for benchmarks and the log). */
  timings?: { rankMs: number; readMs: number; highlightMs: number }
}

export type ClientMessage =
  | { type: 'start'; dbName: string }
  | { type: 'search'; requestId: number; request: SearchRequest }

export type ServiceMessage =
  | { type: 'status'; status: SearchStatus }
  | { type: 'result'; requestId: number; response: SearchResponse }
  | { type: 'failed'; requestId: number; message: string }

// Messages between the UI thread and the search worker. Structured-clone friendly: plain data only.
import type { CareerContext, Insights } from '../../core/career'
import type { LibraryCounts } from './counts'
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

/** The contribution insights, counted over the index's rows (see `computeInsights`). */
export interface InsightsRequest {
  context: CareerContext
  year: number
  topTags?: number
}

export type ClientMessage =
  | { type: 'start'; dbName: string }
  | { type: 'insights'; requestId: number; request: InsightsRequest }
  /** The library's counts over the index (counts.ts); refused until search answers (`ready`). */
  | { type: 'counts'; requestId: number }
  /** `channel`: one search box; a newer query on the same channel supersedes the older one. */
  | { type: 'search'; requestId: number; request: SearchRequest; channel?: number }
  /** The first answer to a query is painted: the worker may send the next (the rest of a long list). */
  | { type: 'shown'; requestId: number }
  /**
   * An export or a restore runs (true) or has ended (false): the worker's background jobs wait meanwhile (catch-up,
   * body indexing, saving the index); queries are still answered.
   */
  | { type: 'hold'; held: boolean }
  /**
   * The person is typing or clicking in the window (sent at most every INPUT_NOTE_MS while they do): saving the
   * index waits until they have stopped (see SearchIndexer.noteInput).
   */
  | { type: 'input' }

export type ServiceMessage =
  | { type: 'status'; status: SearchStatus }
  /**
   * `partial`: some hits have no snippet yet (every hit when the items were slow to read, else those past
   * the first page); a fuller response follows.
   */
  | { type: 'result'; requestId: number; response: SearchResponse; partial?: boolean }
  | { type: 'failed'; requestId: number; message: string }
  | { type: 'insights'; requestId: number; insights: Insights }
  | { type: 'counts'; requestId: number; counts: LibraryCounts }
  /** The complete answer to a partial one will not come: a newer query on its channel replaced it. */
  | { type: 'superseded'; requestId: number }

// The search worker's logic, without the worker: tests run it in-process against fake-indexeddb.
import { BaluchonDb } from '../../db/schema'
import { buildHit, type SearchHit } from './hits'
import { SearchIndexer, type IndexerOptions } from './indexer'
import type { ClientMessage, SearchRequest, SearchResponse, ServiceMessage } from './protocol'

export interface SearchService {
  handle(message: ClientMessage): void
  /** The indexer once started (tests wait on it). */
  readonly indexer: SearchIndexer | null
}

export function createSearchService(post: (message: ServiceMessage) => void, options: IndexerOptions = {}): SearchService {
  let indexer: SearchIndexer | null = null
  return {
    get indexer() {
      return indexer
    },
    handle(message) {
      if (message.type === 'start') {
        if (indexer) return
        indexer = new SearchIndexer(new BaluchonDb(message.dbName), {
          ...options,
          onStatus: (status) => post({ type: 'status', status }),
        })
        indexer.start().catch((e: unknown) => {
          post({ type: 'status', status: { ...indexer!.status, error: e instanceof Error ? e.message : String(e) } })
        })
        return
      }
      const { requestId, request } = message
      if (!indexer) {
        post({ type: 'failed', requestId, message: 'Search was not started' })
        return
      }
      runSearch(indexer, request).then(
        (response) => post({ type: 'result', requestId, response }),
        (e: unknown) => post({ type: 'failed', requestId, message: e instanceof Error ? e.message : String(e) }),
      )
    },
  }
}

export async function runSearch(indexer: SearchIndexer, request: SearchRequest): Promise<SearchResponse> {
  indexer.noteQuery()
  const t0 = performance.now()
  const { results, total } = indexer.engine.search(request.query, request.filters, request.limit)
  const t1 = performance.now()
  if (results.length === 0) return { hits: [], total, timings: { rankMs: t1 - t0, readMs: 0, highlightMs: 0 } }
  // Titles and snippets come from the items as they are now, read only for the hits shown.
  const items = await indexer.readItems(results.map((r) => r.id))
  const t2 = performance.now()
  const hits: SearchHit[] = []
  results.forEach((result, i) => {
    const item = items[i]
    if (item && item.trashed === 0) hits.push(buildHit(result, item))
  })
  const t3 = performance.now()
  return { hits, total: total - (results.length - hits.length), timings: { rankMs: t1 - t0, readMs: t2 - t1, highlightMs: t3 - t2 } }
}

// The search worker's logic, without the worker: tests run it in-process against fake-indexeddb.
import { BaluchonDb } from '../../db/schema'
import { buildHit, buildLightHit, type SearchHit } from './hits'
import { SearchIndexer, type IndexerOptions } from './indexer'
import type { ClientMessage, SearchRequest, SearchResponse, ServiceMessage } from './protocol'

export interface SearchService {
  handle(message: ClientMessage): void
  /** The indexer once started (tests wait on it). */
  readonly indexer: SearchIndexer | null
}

export function createSearchService(post: (message: ServiceMessage) => void, options: IndexerOptions = {}): SearchService {
  let indexer: SearchIndexer | null = null
  /** An export or a restore runs (see the 'hold' message); kept for an indexer started later. */
  let held = false
  /** The newest query asked per channel: an older one's second half is not worth computing. */
  const latest = new Map<number, number>()
  /** Queries whose first answer the client has not painted yet, by request id, and their channel. */
  const unshown = new Map<number, { channel: number; shown: () => void }>()
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
        if (held) indexer.hold(true)
        indexer.start().catch((e: unknown) => {
          post({ type: 'status', status: { ...indexer!.status, error: e instanceof Error ? e.message : String(e) } })
        })
        return
      }
      if (message.type === 'input') {
        indexer?.noteInput()
        return
      }
      if (message.type === 'hold') {
        held = message.held
        indexer?.hold(held)
        return
      }
      if (message.type === 'insights') {
        const { requestId, request } = message
        if (!indexer) return post({ type: 'failed', requestId, message: 'Search was not started' })
        try {
          post({ type: 'insights', requestId, insights: indexer.insights(request) })
        } catch (e) {
          post({ type: 'failed', requestId, message: e instanceof Error ? e.message : String(e) })
        }
        return
      }
      if (message.type === 'counts') {
        const { requestId } = message
        // Before the index is ready it holds only part of the items: its counts would be wrong.
        if (!indexer?.status.ready) return post({ type: 'failed', requestId, message: 'Search is not ready' })
        indexer.counts().then(
          (counts) => post({ type: 'counts', requestId, counts }),
          (e: unknown) => post({ type: 'failed', requestId, message: e instanceof Error ? e.message : String(e) }),
        )
        return
      }
      if (message.type === 'shown') {
        unshown.get(message.requestId)?.shown()
        return
      }
      const { requestId, request, channel = 0 } = message
      // An older query of this box waiting for its first answer to be painted goes on (to find itself stale).
      for (const waiting of unshown.values()) if (waiting.channel === channel) waiting.shown()
      if (!indexer) {
        post({ type: 'failed', requestId, message: 'Search was not started' })
        return
      }
      latest.set(channel, requestId)
      /** Resolves once the client has painted the first partial answer (registered before it is posted). */
      let shown: Promise<void> | null = null
      const waitForShown = (): Promise<void> =>
        new Promise<void>((resolve) => {
          // Not forever: a client that never says (an older one, a lost message) gets the rest anyway.
          const timer = setTimeout(() => waiting.shown(), SHOWN_WAIT_MS)
          const waiting = {
            channel,
            shown: () => {
              clearTimeout(timer)
              unshown.delete(requestId)
              resolve()
            },
          }
          unshown.set(requestId, waiting)
        })
      runSearch(indexer, request, {
        onFirstPage: (response) => {
          shown ??= waitForShown()
          post({ type: 'result', requestId, response, partial: true })
        },
        isStale: () => latest.get(channel) !== requestId,
        whenShown: () => shown ?? Promise.resolve(),
      }).then(
        (response) => post(response ? { type: 'result', requestId, response } : { type: 'superseded', requestId }),
        (e: unknown) => post({ type: 'failed', requestId, message: e instanceof Error ? e.message : String(e) }),
      )
    },
  }
}

/**
 * Hits built from the items (read from the database) in the first answer to a query: what the list can
 * show at once (rows are 96 px: about 10 in a full-height window, plus the rows it draws ahead below),
 * with room to spare. Reading and marking 50 cost each keystroke 5–25 ms of the worker's time, 10k bench;
 * the rest follow after a pause in typing (REST_DELAY_MS), titles shown meanwhile.
 */
export const FIRST_PAGE = 24
/**
 * Quiet time after a first page before the rest of a long list is completed (reading up to 450 more items
 * and marking their snippets: 150–300 ms of the worker's time at 10,000 items). A pause in typing, not a
 * gap between two keys: at 150 ms the next key often came in while that work ran, and waited behind it
 * (bench: keystrokes of 100–500 ms against 20–50 ms otherwise). Those rows are off screen meanwhile, their
 * titles shown already.
 */
export const REST_DELAY_MS = 1000
/**
 * How long the first answer waits for the first page's items. Usually they come from the cache or a quick
 * read; while the database is busy (at start the app counts its lists, the index loads its bodies) a read
 * can take seconds, and the titles, dates and tags the index holds are answer enough meanwhile.
 */
export const LIGHT_FIRST_MS = 30

/** Longest wait for the client to say a first answer is painted before the worker sends the next one. */
export const SHOWN_WAIT_MS = 250

export interface Phases {
  /**
   * Called before the complete answer, with partial ones: first the first page alone (FIRST_PAGE hits: in
   * full, or light — from the index, no snippets — when its items are slow to read), so the rows on screen
   * are answered with the smallest message; then, when there are more hits or the first page was light, the
   * first page in full and the rest light.
   */
  onFirstPage?: (response: SearchResponse) => void
  /** A newer query arrived: skip the rest (resolves with null). */
  isStale?: () => boolean
  /**
   * Resolves once the first partial answer is painted by the client (or a newer query came in): the next one
   * waits for it, as its message (up to 500 hits to read on the UI thread) arriving before that paint would
   * delay it. None: the next answer is sent at once.
   */
  whenShown?: () => Promise<void>
}

/**
 * Answers a query. Reading items and marking snippets is most of the cost, so when a query asks for
 * more than a page, the first page is answered in full at once, alone, then with the rest (titles only);
 * the complete answer follows unless a newer query came in meanwhile.
 */
export async function runSearch(indexer: SearchIndexer, request: SearchRequest): Promise<SearchResponse>
export async function runSearch(indexer: SearchIndexer, request: SearchRequest, phases: Phases): Promise<SearchResponse | null>
export async function runSearch(indexer: SearchIndexer, request: SearchRequest, phases: Phases = {}): Promise<SearchResponse | null> {
  indexer.noteQuery()
  const t0 = performance.now()
  const { results, total, markTitlesPastTerms } = indexer.engine.search(request.query, request.filters, request.limit, phases.onFirstPage ? FIRST_PAGE : request.limit)
  const t1 = performance.now()
  if (results.length === 0) return { hits: [], total, timings: { rankMs: t1 - t0, readMs: 0, highlightMs: 0 } }
  let readMs = 0
  let highlightMs = 0
  let dropped = 0
  const full = async (slice: typeof results): Promise<SearchHit[]> => {
    const t = performance.now()
    // Titles and snippets come from the items as they are now.
    const items = await indexer.readItems(slice.map((r) => r.id))
    const u = performance.now()
    const hits: SearchHit[] = []
    slice.forEach((result, i) => {
      const item = items[i]
      if (item && item.trashed === 0) hits.push(buildHit(result, item))
      else dropped++
    })
    readMs += u - t
    highlightMs += performance.now() - u
    return hits
  }
  const lightHits = (slice: typeof results): SearchHit[] =>
    slice.flatMap((r) => {
      const meta = indexer.engine.meta(r.id)
      return meta ? [buildLightHit(r, meta)] : []
    })
  const page = results.slice(0, FIRST_PAGE)
  const rest = results.slice(FIRST_PAGE)
  const reading = full(page)
  let lightFirst = false
  if (phases.onFirstPage) {
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), LIGHT_FIRST_MS))
    if ((await Promise.race([reading, timeout])) === null) {
      lightFirst = true
      phases.onFirstPage({ hits: lightHits(page), total, timings: { rankMs: t1 - t0, readMs: 0, highlightMs: 0 } })
    }
  }
  const first = await reading
  if (rest.length > 0 && phases.onFirstPage) {
    const timings = { rankMs: t1 - t0, readMs, highlightMs }
    // The rows on screen first, in a message of a page, not of up to 500 hits: cloning and reading the rest
    // (off screen) would delay them. The client applies the next answer after this one is painted.
    if (!lightFirst) phases.onFirstPage({ hits: first, total, timings })
    await phases.whenShown?.()
    if (phases.isStale?.()) return null
    markTitlesPastTerms()
    phases.onFirstPage({ hits: first.concat(lightHits(rest)), total, timings })
    // Hits further down are not on screen yet: wait for a pause in the typing, and stop as soon as a
    // newer query comes in, so a burst of keystrokes never pays for them.
    await new Promise((resolve) => setTimeout(resolve, REST_DELAY_MS))
  }
  if (phases.isStale?.()) return null
  // The first answer marked only title words past the first page; the snippets need every matched term.
  const remaining = rest.length > 0 && phases.onFirstPage ? indexer.engine.search(request.query, request.filters, request.limit).results.slice(FIRST_PAGE) : rest
  const more: SearchHit[] = []
  for (let i = 0; i < remaining.length; i += FIRST_PAGE) {
    if (phases.isStale?.()) return null
    more.push(...(await full(remaining.slice(i, i + FIRST_PAGE))))
  }
  return { hits: first.concat(more), total: total - dropped, timings: { rankMs: t1 - t0, readMs, highlightMs } }
}

// Full-text search: public interface for the rest of the app.
import { useSyncExternalStore } from 'react'
import type { Insights } from '../../core/career'
import { getDb } from '../../db'
import { isBackgroundHeld, onBackgroundHold } from '../../lib/backgroundHold'
import { onInput } from '../../lib/whenQuiet'
import { SearchClient, workerTransport, type SearchTransport } from './client'
import type { LibraryCounts } from './counts'
import { INITIAL_STATUS, type InsightsRequest, type SearchStatus, type ServiceMessage } from './protocol'
import { DEFAULT_LIMIT, useSearchWith, type SearchFilterInput, type SearchState } from './useSearch'

export type { Segment } from '../../core/search'
export type { SearchHit } from './hits'
export type { SearchState, SearchFilterInput } from './useSearch'
export type { SearchStatus, InsightsRequest } from './protocol'
export type { LibraryCounts } from './counts'
export { Highlighted } from './Highlighted'
export { SearchClient, type SearchTransport } from './client'

let client: SearchClient | null = null

/** Starts the search worker (once; later calls do nothing). Call at app start. */
export function startSearch(): void {
  if (client) return
  if (typeof Worker === 'undefined') {
    client = new SearchClient(unavailableTransport('Web Workers are not available'))
    return
  }
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' })
  const search = new SearchClient(workerTransport(worker))
  client = search
  search.start(getDb().name)
  // An export or a restore holds the worker's background work (backgroundHold.ts).
  if (isBackgroundHeld()) search.hold(true)
  onBackgroundHold((held) => search.hold(held))
  // Saving the index waits while the person types (see SearchIndexer.noteInput).
  onInput(() => search.noteInput())
}

/**
 * Resolves once bodies are searchable too (or search has failed): background work that reads many items
 * waits for it, so it does not compete with search getting ready.
 */
export function whenSearchComplete(): Promise<void> {
  return whenStatus((status) => status.complete)
}

/**
 * Resolves once search answers (its short-field index is loaded) or has failed, or after `maxWaitMs` (a first start
 * builds the index, which can take a while): background work started at the same time as search getting ready took
 * the UI thread and IndexedDB from the first query's answer.
 */
export function whenSearchAnswers(maxWaitMs: number): Promise<void> {
  return whenStatus((status) => status.ready, maxWaitMs)
}

/** Resolves once the search status meets `reached` or search has failed; with `maxWaitMs`, at the latest then. */
function whenStatus(reached: (status: SearchStatus) => boolean, maxWaitMs?: number): Promise<void> {
  const search = currentClient()
  return new Promise((resolve) => {
    const settled = () => reached(search.getStatus()) || search.getStatus().error !== null
    if (settled()) return resolve()
    const done = () => {
      clearTimeout(timer)
      unsubscribe()
      resolve()
    }
    const timer = maxWaitMs === undefined ? undefined : setTimeout(done, maxWaitMs)
    const unsubscribe = search.subscribe(() => {
      if (settled()) done()
    })
  })
}

/** Tests: use a client wired to an in-process service instead of a worker. */
export function setSearchClient(replacement: SearchClient | null): void {
  client = replacement
}

function currentClient(): SearchClient {
  if (!client) startSearch()
  return client!
}

/**
 * Results for a query, as it is typed. Empty query: no hits (show the normal list).
 * Filters restrict to one kind and/or one tag (compared without case).
 */
export function useSearch(query: string, filters: SearchFilterInput = {}, limit = DEFAULT_LIMIT): SearchState {
  return useSearchWith(currentClient(), query, filters, limit)
}

/** The search index's state (ready, generation…), live. */
export function useSearchStatus(): SearchStatus {
  const search = currentClient()
  return useSyncExternalStore(search.subscribe, search.getStatus)
}

/**
 * Whether search answers (its short-field index is loaded), or has failed: a boolean, so a component using it renders
 * again only when that changes, not with every status update.
 */
export function useSearchAnswers(): boolean {
  const search = currentClient()
  return useSyncExternalStore(search.subscribe, () => {
    const status = search.getStatus()
    return status.ready || status.error !== null
  })
}

/** Whether search has failed (its worker did not start, its index could not be read or built): a boolean, as useSearchAnswers. */
export function useSearchFailed(): boolean {
  const search = currentClient()
  return useSyncExternalStore(search.subscribe, () => search.getStatus().error !== null)
}

const noSubscription = (): (() => void) => () => undefined
const noCounts = (): undefined => undefined

/**
 * The library's counts, counted by the search worker over its index (counts.ts) and kept live: undefined until search
 * answers and has given them (or while `enabled` is false: nothing is asked). Once given, they stay through later
 * changes (the next figures replace them, never a blank).
 */
export function useLibraryCounts(enabled = true): LibraryCounts | undefined {
  const search = currentClient()
  return useSyncExternalStore(enabled ? search.subscribeCounts : noSubscription, enabled ? search.getCounts : noCounts)
}

/** Contribution insights over every item, counted off the UI thread by the search worker (see useInsights). */
export function requestInsights(request: InsightsRequest): Promise<Insights> {
  return currentClient().insights(request)
}

function unavailableTransport(reason: string): SearchTransport {
  let listener: ((message: ServiceMessage) => void) | null = null
  return {
    post(message) {
      if (message.type !== 'start' && message.type !== 'hold' && message.type !== 'input') queueMicrotask(() => listener?.({ type: 'failed', requestId: message.requestId, message: reason }))
    },
    listen(l) {
      listener = l
      queueMicrotask(() => l({ type: 'status', status: { ...INITIAL_STATUS, error: reason } }))
    },
  }
}

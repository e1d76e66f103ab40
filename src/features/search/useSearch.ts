import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { flushSync } from 'react-dom'
import type { ItemKind } from '../../core/items'
import type { SearchChannel, SearchClient } from './client'
import type { SearchHit } from './hits'
import { keepUnchangedHits } from './keepHits'
import type { SearchStatus } from './protocol'

export interface SearchState {
  /** The best matches, with highlighted title and snippet. Previous results stay while a new query runs. */
  hits: SearchHit[]
  /** How many items match in all (hits holds at most the first `limit`). */
  total: number
  /** Search can answer (titles, tags, details and URLs at least). */
  ready: boolean
  /** Bodies are searchable too. */
  complete: boolean
  /** A query is running and `hits` are those of the previous one. */
  pending: boolean
  /** While the index is first built. */
  progress: SearchStatus['progress']
  /** Set when search is broken; show a translated message (search:unavailable). */
  error: string | null
}

export const DEFAULT_LIMIT = 100

interface Answer {
  key: string
  hits: SearchHit[]
  total: number
}

/** Filters as the library passes them: a missing or null field filters nothing. */
export interface SearchFilterInput {
  kind?: ItemKind | null
  tag?: string | null
}

export function useSearchWith(client: SearchClient, query: string, filters: SearchFilterInput, limit = DEFAULT_LIMIT): SearchState {
  const status = useSyncExternalStore(client.subscribe, client.getStatus)
  // The channel is opened by the first request and closed when the component goes (or the client changes). Not
  // opened during render: under StrictMode (development builds) React runs effects, their cleanups, then the effects
  // again on the same render, and a channel made once per render was closed and then asked again: no answer ever.
  const channelRef = useRef<SearchChannel | null>(null)
  useEffect(
    () => () => {
      channelRef.current?.close()
      channelRef.current = null
    },
    [client],
  )
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const active = query.trim() !== ''
  const { kind, tag } = filters
  const key = JSON.stringify([query, kind ?? null, tag ?? null, limit])

  useEffect(() => {
    if (!active) return
    channelRef.current ??= client.channel()
    // Re-run when the index changes (status.generation): edits, trash and loading show up in open results.
    channelRef.current.request(
      { query, filters: { ...(kind ? { kind } : {}), ...(tag ? { tag } : {}) }, limit },
      (response) => {
        // Rendered in the task the answer arrives in, not in a task React schedules after it: the frame the page
        // asks for meanwhile (the client's wait for the answer to be painted) would otherwise run first, without
        // the rows, and the rows would wait for the frame after it (a 60 Hz tick later; bench, 10k).
        flushSync(() => {
          setFailure(null)
          // Rows whose hit did not change keep their object, so they do not draw again (see keepHits.ts).
          setAnswer((previous) => ({ key, hits: keepUnchangedHits(previous?.hits, response.hits), total: response.total }))
        })
      },
      (error) => setFailure(error.message),
    )
  }, [client, active, key, query, kind, tag, limit, status.generation])

  if (!active) return { hits: [], total: 0, ready: status.ready, complete: status.complete, pending: false, progress: status.progress, error: status.error }
  return {
    hits: answer?.hits ?? [],
    total: answer?.total ?? 0,
    ready: status.ready,
    complete: status.complete,
    pending: answer?.key !== key,
    progress: status.progress,
    error: status.error ?? failure,
  }
}

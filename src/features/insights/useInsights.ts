// The dashboard's figures: asked of the search worker, which holds a compact row for every item already and
// keeps it in step with the database, so 50,000 items are counted there in milliseconds, off the UI thread,
// without reading a single item. Asked again whenever the index changes (its generation) or the person's
// affiliations, default label or chosen year do.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState } from 'react'
import { channelBuckets, type ChannelBucket, type Insights, type PublicationFact } from '../../core/career'
import { getDb, type BaluchonDb } from '../../db'
import { careerSnapshot, useCareerContext, useCareerLoaded } from '../career'
import { PERF_MARKS } from '../../lib/perf'
import { requestInsights, useSearchStatus } from '../search'

export type InsightsState =
  | { status: 'loading' }
  | { status: 'ready'; insights: Insights }
  | { status: 'failed'; message: string }

export function useInsights(year: number): InsightsState {
  const context = useCareerContext()
  const loaded = useCareerLoaded()
  const search = useSearchStatus()
  // The ledger is small (one row per publication) and counted here, live; the worker counts the items.
  const channels = useChannels()
  const [state, setState] = useState<InsightsState>({ status: 'loading' })
  const ready = search.ready
  const generation = search.generation
  const error = search.error

  useEffect(() => {
    if (error) {
      setState({ status: 'failed', message: error })
      return
    }
    if (!loaded || !ready) return
    let current = true
    performance.mark(PERF_MARKS.insightsAsked)
    requestInsights({ context, year }).then(
      (insights) => {
        performance.mark(PERF_MARKS.insightsAnswered)
        if (current) setState({ status: 'ready', insights })
      },
      (e: unknown) => current && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
    )
    return () => {
      current = false
    }
  }, [context, loaded, year, ready, generation, error])

  return useMemo((): InsightsState => {
    if (state.status !== 'ready') return state
    return channels ? { status: 'ready', insights: { ...state.insights, channels } } : { status: 'loading' }
  }, [state, channels])
}

/** The ledger's counts as last read: a showing of the dashboard starts from them while the live query re-reads. */
const lastChannels = new WeakMap<BaluchonDb, ChannelBucket[]>()

async function readChannels(): Promise<ChannelBucket[]> {
  const db = getDb()
  const facts: PublicationFact[] = []
  await db.publications.each((p) => void facts.push({ channel: p.channel, status: p.status }))
  const channels = channelBuckets(facts)
  lastChannels.set(db, channels)
  return channels
}

function useChannels(): ChannelBucket[] | undefined {
  return useLiveQuery(readChannels, [], lastChannels.get(getDb()))
}

/**
 * Asked once at idle after start (see main.tsx): the worker builds its per-item facts and the ledger is counted, so
 * the first showing of the dashboard in a session does not pay for them.
 */
export async function prefetchInsights(): Promise<void> {
  const { context, loaded } = careerSnapshot(getDb())
  await Promise.all([readChannels(), loaded ? requestInsights({ context, year: new Date().getFullYear() }) : undefined])
}

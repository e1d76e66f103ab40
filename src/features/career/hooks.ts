// Live career data for components. Cheap at 50,000 items: one shared subscription (see store.ts), one resolver per
// context change, and each row resolves only itself, from what it already holds.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { Affiliation, CareerContext, CareerResolver, ResolvedCareer } from '../../core/career'
import type { Item } from '../../core/items'
import { getDb } from '../../db'
import { countItemsChoosing } from './repository'
import { careerSnapshot, subscribeCareer, type CareerSnapshot } from './store'

function useCareerStore(): CareerSnapshot {
  const db = getDb()
  const subscribe = useCallback((listener: () => void) => subscribeCareer(db, listener), [db])
  return useSyncExternalStore(subscribe, () => careerSnapshot(db))
}

/** Affiliations (newest first) and Settings' default label, live. The object is stable while its content is. */
export function useCareerContext(): CareerContext {
  return useCareerStore().context
}

/** Whether the context has been read yet (Settings shows "loading" rather than an empty timeline). */
export function useCareerLoaded(): boolean {
  return useCareerStore().loaded
}

/** The resolver for the current context: built once per context change, shared by every caller. */
export function useCareerResolver(): CareerResolver {
  return useCareerStore().resolver
}

/** Effective affiliation and label of one item (or of a search hit's facts, see `careerFactsOf`). */
export function useResolvedCareer(item: Item | undefined | null): ResolvedCareer | null {
  const resolver = useCareerResolver()
  return useMemo(() => (item ? resolver(item) : null), [resolver, item])
}

/** One affiliation by id, from the shared context. */
export function useAffiliation(id: string | null | undefined): Affiliation | null {
  const { affiliations } = useCareerContext()
  return useMemo(() => (id ? (affiliations.find((a) => a.id === id) ?? null) : null), [affiliations, id])
}

/** How many items chose an affiliation by hand (the delete confirmation says so); undefined while counting. */
export function useItemsChoosingCount(affiliationId: string | null): number | undefined {
  return useLiveQuery(() => (affiliationId ? countItemsChoosing(getDb(), affiliationId) : 0), [affiliationId])
}

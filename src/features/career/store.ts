// One live copy of the career context (affiliations + Settings' default label) shared by every component: the list
// shows dozens of rows, each needing the resolver, and one subscription serves them all. The context object (and
// the resolver built from it) only changes when its content does, so memoised rows do not re-render for a write to
// an unrelated setting.
import { liveQuery, type Subscription } from 'dexie'
import { careerResolver, DEFAULT_CONTENT_LABEL, type CareerContext, type CareerResolver } from '../../core/career'
import type { BaluchonDb } from '../../db'
import { loadCareerContext } from './repository'

export const EMPTY_CAREER_CONTEXT: CareerContext = Object.freeze({ affiliations: Object.freeze([]), defaultLabel: DEFAULT_CONTENT_LABEL })

/** What components read: replaced as a whole when the content changes, so one equality check tells. */
export interface CareerSnapshot {
  context: CareerContext
  resolver: CareerResolver
  /** Whether the context has been read from the database at least once. */
  loaded: boolean
}

interface Store {
  snapshot: CareerSnapshot
  fingerprint: string
  listeners: Set<() => void>
  subscription: Subscription | null
}

const stores = new WeakMap<BaluchonDb, Store>()

function storeOf(db: BaluchonDb): Store {
  let store = stores.get(db)
  if (!store) {
    store = {
      snapshot: { context: EMPTY_CAREER_CONTEXT, resolver: careerResolver(EMPTY_CAREER_CONTEXT), loaded: false },
      fingerprint: '',
      listeners: new Set(),
      subscription: null,
    }
    stores.set(db, store)
  }
  return store
}

function publish(store: Store, context: CareerContext): void {
  const fingerprint = JSON.stringify(context)
  if (fingerprint === store.fingerprint && store.snapshot.loaded) return
  store.fingerprint = fingerprint
  store.snapshot = { context, resolver: careerResolver(context), loaded: true }
  for (const listener of store.listeners) listener()
}

/** Subscribes to the context; the database is watched while anyone listens. Returns the unsubscribe function. */
export function subscribeCareer(db: BaluchonDb, listener: () => void): () => void {
  const store = storeOf(db)
  store.listeners.add(listener)
  if (!store.subscription) {
    store.subscription = liveQuery(() => loadCareerContext(db)).subscribe({
      next: (context) => publish(store, context),
      // A failed read keeps the last context: marks stay as they were rather than vanish.
      error: () => undefined,
    })
  }
  return () => {
    store.listeners.delete(listener)
    if (store.listeners.size === 0 && store.subscription) {
      store.subscription.unsubscribe()
      store.subscription = null
    }
  }
}

export function careerSnapshot(db: BaluchonDb): CareerSnapshot {
  return storeOf(db).snapshot
}

/** Seeds the shared context (startup reads it before the first paint; tests set it directly). */
export function primeCareerContext(db: BaluchonDb, context: CareerContext): void {
  publish(storeOf(db), context)
}

// A read of the items table kept up to date, for the list's rows (useListWindow.ts) and the detail pane's item
// (DetailPane.tsx). Not Dexie's live query, which runs its query again for any write that touches what the query
// read: an autosave touches both (the row's date moves on the list's index; the pane reads the row), so after every
// autosave each read again, a transaction, a query and its answer on the UI thread (about 2.5 ms of each autosave's
// 7-8, measured by leaving those queries out). Here every write to the items table that this window hears of (Dexie's
// `storagemutated`: its own writes, the save worker's, other windows') is first offered to `takeWrite`, which may give
// the new result without reading (the window's own autosave: listRefresh.ts, DetailPane.tsx); any other write that
// concerns the read has it run again.
import Dexie, { RangeSet, rangesOverlap, type ObservabilitySet } from 'dexie'
import { useEffect, useRef, useState, type DependencyList } from 'react'
import { getDb } from '../../db'
import { watchRowWrites } from './rowWrites'

/** True when the write named the items table of the database `dbName`, or did not say which tables (`all`). */
export function touchesItems(parts: ObservabilitySet, dbName: string): boolean {
  if ('all' in parts) return true
  const prefix = `idb://${dbName}/items/`
  return Object.keys(parts).some((part) => part.startsWith(prefix))
}

/** The primary-key ranges a write names on the items table of `dbName`: of the rows it wrote, and of those it deleted. */
function itemKeyRanges(parts: ObservabilitySet, dbName: string): ObservabilitySet[string][] {
  return ['', ':dels'].flatMap((part) => parts[`idb://${dbName}/items/${part}`] ?? [])
}

/**
 * The item whose row alone a write to the items table wrote (its primary key, written or deleted, the only key the
 * write names), else undefined (several rows, a range, the whole table, no items at all).
 */
export function onlyItemWritten(parts: ObservabilitySet, dbName: string): string | undefined {
  if ('all' in parts) return undefined
  let only: string | undefined
  for (const ranges of itemKeyRanges(parts, dbName)) {
    for (const range of RangeSet(ranges)) {
      if (typeof range.from !== 'string' || range.from !== range.to || (only !== undefined && only !== range.from)) return undefined
      only = range.from
    }
  }
  return only
}

/** True when the write may have written the item's row: its key among those it names, or it did not say (`all`). */
export function itemMayBeWritten(parts: ObservabilitySet, dbName: string, id: string): boolean {
  if ('all' in parts) return true
  // Every write names the primary keys of the rows it wrote or deleted (a range for a range, the whole table when cleared).
  return itemKeyRanges(parts, dbName).some((ranges) => rangesOverlap(new RangeSet(id), ranges))
}

/**
 * `read`'s result, run when mounted and when `deps` change (the previous result is kept meanwhile, as Dexie's
 * useLiveQuery does), and again after each write to the items table this window hears of, unless `takeWrite` gives
 * the new result for that write (undefined: read). One run at a time: a write heard during a run has the read run
 * once more after it, as it may have read before the write. Errors are thrown at render, as useLiveQuery does.
 */
export function useItemsRead<T>(
  read: () => Promise<T>,
  takeWrite: (parts: ObservabilitySet) => Promise<T | undefined>,
  deps: DependencyList,
  /** Writes to the items table that may change the result (all of them when not given); the others are ignored. */
  concerns?: (parts: ObservabilitySet, dbName: string) => boolean,
): T | undefined {
  const [state, setState] = useState<{ value: T } | { error: unknown } | undefined>(undefined)
  /** The state last set, to tell an answer that changes nothing without a state update. */
  const held = useRef(state)
  const latest = useRef({ read, takeWrite, concerns })
  latest.current = { read, takeWrite, concerns }
  useEffect(() => {
    let stopped = false
    let running = false
    let dirty = false
    const run = async (parts: ObservabilitySet | null): Promise<void> => {
      running = true
      try {
        // Dexie calls the newest listener first: rowWrites.ts (listening before this) hears the write after this
        // listener, in the same turn. takeWrite counts on it having heard it.
        if (parts) await Promise.resolve()
        let value = parts && !dirty ? await latest.current.takeWrite(parts) : undefined
        // A write heard meanwhile: what was taken may be behind it.
        if (value === undefined || dirty) {
          dirty = false
          value = await latest.current.read()
        }
        // The same object again renders nothing (the read gives back what is shown when nothing it shows changed):
        // not even a state update, which React may still render the component for before bailing out.
        if (!stopped && !(held.current && 'value' in held.current && held.current.value === value)) setState((held.current = { value }))
      } catch (error) {
        if (!stopped) setState((held.current = { error }))
      } finally {
        running = false
      }
      if (dirty && !stopped) {
        dirty = false
        void run(null)
      }
    }
    const onMutated = (parts: ObservabilitySet): void => {
      const dbName = getDb().name
      if (stopped || !touchesItems(parts, dbName) || latest.current.concerns?.(parts, dbName) === false) return
      if (running) dirty = true
      else void run(parts)
    }
    // rowWrites.ts listening too, so that takeWrite is offered writes it has heard.
    watchRowWrites()
    Dexie.on('storagemutated', onMutated)
    void run(null)
    return () => {
      stopped = true
      Dexie.on('storagemutated').unsubscribe(onMutated)
    }
    // The caller names what `read` depends on, as with useLiveQuery.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  if (state && 'error' in state) throw state.error
  return state?.value
}

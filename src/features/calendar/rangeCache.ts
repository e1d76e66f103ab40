// The ranges the calendar showed last (the range's rows and the titles of the events drawn), per database, so that
// showing the calendar again paints the month with its events in the same frame as the screen, while its live
// queries read it again (as the library list does with its windows). Reading a month of 1,000 ledger rows and the
// titles of its events takes 40–60 ms, which the screen otherwise spends empty.
//
// An entry never shows something a write has changed since: Dexie's `storagemutated` (writes in this window and in
// the others) drops it when a ledger row or a plan is written, when an item it shows or counts changes (a title, the
// Trash), when a talk's date comes into its range, or when anything goes to or leaves the Trash.
import Dexie, { RangeSet, rangesOverlap, type IntervalTree, type ObservabilitySet } from 'dexie'
import type { BaluchonDb } from '../../db'
import type { RangeData, VisibleRange } from './queries'

export interface ShownRange {
  data: RangeData
  /** Titles of (at least) the items whose events are drawn. */
  titles: ReadonlyMap<string, string>
}

interface Entry extends ShownRange {
  /** Every item the range refers to: ledger rows' and plans' items, talks. */
  itemIds: RangeSet
  /** The `[kind+date]` keys of talks on the range's days. */
  talkDates: RangeSet
}

/** Ranges kept per database: this month, its neighbours, the week shown last. */
const SIZE = 6

/**
 * By database name (what Dexie's `storagemutated` names), for that very database object: a database opened again
 * under the same name (a restore, each test's fresh database) starts with nothing, so a range read from the
 * previous one never shows in the next.
 */
const caches = new Map<string, { db: WeakRef<BaluchonDb>; entries: Map<string, Entry> }>()
let listening = false
/** Writes seen (any table, any database): a reader started before one must not keep what it read. */
let mutations = 0

export function rangeKey(range: Pick<VisibleRange, 'from' | 'to'>): string {
  return `${range.from}:${range.to}`
}

function entriesOf(db: BaluchonDb): Map<string, Entry> | undefined {
  const cache = caches.get(db.name)
  return cache && cache.db.deref() === db ? cache.entries : undefined
}

/** Starts following Dexie's writes (once). */
export function watchMutations(): void {
  if (listening) return
  listening = true
  Dexie.on('storagemutated', onMutated)
}

export function mutationCount(): number {
  return mutations
}

export function rememberRange(db: BaluchonDb, range: VisibleRange, shown: ShownRange): void {
  watchMutations()
  let entries = entriesOf(db)
  if (!entries) caches.set(db.name, { db: new WeakRef(db), entries: (entries = new Map()) })
  const { publications, plans, talks } = shown.data
  const itemIds = new RangeSet().addKeys([...publications.map((p) => p.itemId), ...plans.map((p) => p.itemId), ...talks.map((t) => t.id)])
  const talkDates = new RangeSet(['talk', range.fromDay], ['talk', range.toDay])
  const key = rangeKey(range)
  entries.delete(key)
  entries.set(key, { ...shown, itemIds, talkDates })
  if (entries.size > SIZE) entries.delete(entries.keys().next().value!)
}

export function recallRange(db: BaluchonDb, range: Pick<VisibleRange, 'from' | 'to'>): ShownRange | undefined {
  return entriesOf(db)?.get(rangeKey(range))
}

export function forgetRanges(): void {
  caches.clear()
}

const holds = (tree: IntervalTree | undefined): tree is IntervalTree => !!tree && 'from' in tree

function onMutated(parts: ObservabilitySet): void {
  mutations++
  const everything = 'all' in parts
  for (const [name, { entries }] of caches) {
    const prefix = `idb://${name}/`
    const items = `${prefix}items/`
    // Anything going to or leaving the Trash, any ledger row or plan: every range may change.
    if (everything || holds(parts[`${items}trashedAt`]) || Object.keys(parts).some((part) => (part.startsWith(`${prefix}publications/`) || part.startsWith(`${prefix}plans/`)) && holds(parts[part]))) {
      entries.clear()
      continue
    }
    const written = [parts[items], parts[`${items}:dels`]].filter(holds)
    const dates = parts[`${items}[kind+date]`]
    for (const [key, entry] of [...entries]) {
      if (written.some((keys) => rangesOverlap(keys, entry.itemIds)) || (holds(dates) && rangesOverlap(dates, entry.talkDates))) entries.delete(key)
    }
  }
}

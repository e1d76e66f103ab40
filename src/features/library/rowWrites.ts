// Which item rows have been written since a moment, per database, as this window hears of it (Dexie's
// `storagemutated`: its own writes, the save worker's and other windows'), and this window's own editor saves
// as written (the row the save wrote, without its body). The list and the detail pane use both to take in an
// autosave of a row they show without reading that row again: a read of the 200 KB draft's row, its body
// deserialised on the UI thread, after each autosave (useListWindow.ts, listRefresh.ts, DetailPane.tsx).
import Dexie, { cmp, RangeSet, type ObservabilitySet } from 'dexie'
import type { Item } from '../../core/items'

/** Writes heard of and own saves written, in one order. */
let tick = 0
/** The ticks of the last writes to each row (`db\0id`), newest last. */
const writes = new Map<string, number[]>()
/** The last write to each database that did not say which rows (a cleared table, many ranges). */
const wide = new Map<string, number>()
/** Any change Dexie did not detail at all (a deleted database). */
let everything = 0
/** This window's own editor saves, as written: the row without its body, newest last. */
const written = new Map<string, { tick: number; row: OwnWrittenRow }[]>()
/** Own saves posted and not yet answered, per row. */
const inFlight = new Map<string, Set<Promise<unknown>>>()
const KEPT = 16
/** Rows whose writes are remembered at most. */
const MAX_ROWS = 2000
let listening = false

/**
 * An item row as a save wrote it, every field but the rich body. From the save worker, its `bodyText` is only the
 * start of the text that the list's preview reads (core/text.ts previewSource): a row taken from own saves is
 * shown in the list, never opened from (listRefresh.ts keeps it among the `stale` rows).
 */
export type OwnWrittenRow = Omit<Item, 'body'>

const rowKey = (dbName: string, id: string) => `${dbName}\u0000${id}`

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? []
  list.push(value)
  if (list.length > KEPT) list.shift()
  map.set(key, list)
}

function onMutated(parts: ObservabilitySet): void {
  tick++
  if ('all' in parts) {
    everything = tick
    return
  }
  for (const [part, ranges] of Object.entries(parts)) {
    const match = /^idb:\/\/(.+)\/items\/$/.exec(part)
    if (!match) continue
    const dbName = match[1]!
    for (const range of RangeSet(ranges)) {
      if (cmp(range.from, range.to) !== 0 || typeof range.from !== 'string') {
        wide.set(dbName, tick)
        continue
      }
      push(writes, rowKey(dbName, range.from), tick)
    }
  }
  // Kept small (an import writes thousands of rows): forgotten, every earlier write counts as one that cannot be told.
  if (writes.size > MAX_ROWS) {
    writes.clear()
    everything = tick
  }
}

/** Starts listening (at once: before any live query reads, so every write after a mark is heard). */
export function watchRowWrites(): void {
  if (listening) return
  listening = true
  Dexie.on('storagemutated', onMutated)
}

/** A moment to count writes from: taken before a read. */
export function rowWritesMark(): number {
  watchRowWrites()
  return tick
}

/** Writes to the row heard of since `mark`; undefined when that cannot be told (a write that named no rows, or too many). */
export function rowWritesSince(dbName: string, id: string, mark: number): number | undefined {
  if (!listening || everything > mark || (wide.get(dbName) ?? 0) > mark) return undefined
  const list = writes.get(rowKey(dbName, id))
  if (!list) return 0
  const since = list.filter((t) => t > mark).length
  return since === list.length && list.length >= KEPT ? undefined : since
}

/** This window's own saves of the row written since `mark`, oldest first (each as written, without its body). */
export function ownRowsWrittenSince(dbName: string, id: string, mark: number): OwnWrittenRow[] | undefined {
  const list = written.get(rowKey(dbName, id)) ?? []
  const since = list.filter((entry) => entry.tick > mark)
  if (since.length === list.length && list.length >= KEPT) return undefined
  return since.map((entry) => entry.row)
}

/** One of this window's editor saves wrote this row (every field but the body). */
export function noteOwnRowWritten(dbName: string, row: OwnWrittenRow): void {
  tick++
  push(written, rowKey(dbName, row.id), { tick, row })
}

/** An own save of the row is under way until `done` settles (the list may wait for it rather than read the row). */
export function noteOwnRowSaving(dbName: string, id: string, done: Promise<unknown>): void {
  const key = rowKey(dbName, id)
  const set = inFlight.get(key) ?? new Set()
  set.add(done)
  inFlight.set(key, set)
  const forget = () => {
    set.delete(done)
    if (!set.size && inFlight.get(key) === set) inFlight.delete(key)
  }
  done.then(forget, forget)
}

/** Resolves when the row's own saves under way now have been answered (at once when there are none). */
export function ownRowSavesSettled(dbName: string, id: string): Promise<void> | undefined {
  const set = inFlight.get(rowKey(dbName, id))
  if (!set?.size) return undefined
  return Promise.allSettled([...set]).then(() => undefined)
}

/**
 * The row as this window's own saves wrote it since `mark` (the newest of them), when every write to it heard of
 * since was one of them; undefined when that cannot be told, or some other write came. A write heard of just before
 * the save worker's answer (a message on another channel) is waited for: while a save of the row is under way, even
 * when as many of its saves as writes are counted. One of those may be a save heard of before `mark` whose answer came
 * after it (a view that read the row meanwhile took it in), and the write just heard the one under way: counted
 * without waiting, the older save's row would be given for the newer write.
 */
export async function ownWrittenRowSince(dbName: string, id: string, mark: number): Promise<OwnWrittenRow | undefined> {
  let heard = rowWritesSince(dbName, id, mark)
  if (!heard) return undefined
  let own = ownRowsWrittenSince(dbName, id, mark)
  const settled = own !== undefined && own.length <= heard ? ownRowSavesSettled(dbName, id) : undefined
  if (settled) {
    await settled
    heard = rowWritesSince(dbName, id, mark)
    own = ownRowsWrittenSince(dbName, id, mark)
  }
  if (!heard || !own || own.length !== heard) return undefined
  return own[own.length - 1]
}

/**
 * For a view that holds the row as read at `mark` and hears of a write to it: the row as this window's own saves
 * wrote it (ownWrittenRowSince), with the mark the view holds it at from then on. Undefined (read the row) when
 * another write came, or when a write other than the row's own saves was counted while waiting for a save's answer:
 * the mark would then be the one before the wait, and the own save taken in would count again at the next write,
 * where it could match that write's count before that write's own answer came, and give this save's row for it.
 */
export async function takeOwnSaves(dbName: string, id: string, mark: number): Promise<{ row: OwnWrittenRow; mark: number } | undefined> {
  const before = tick
  const row = await ownWrittenRowSince(dbName, id, mark)
  if (!row || ownRowsWrittenSince(dbName, id, before)?.length !== tick - before) return undefined
  return { row, mark: tick }
}

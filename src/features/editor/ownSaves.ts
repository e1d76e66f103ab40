// The updatedAt stamps of this window's own autosaves, per item, so that views of the item can tell the echo
// of a save (its row read again by a live query) from a change made elsewhere. Kept apart from the editor's
// chunk: the library's detail pane reads it before the editor is loaded.
//
// It also counts the writes to each watched item that this window hears of (Dexie's `storagemutated`: its own
// writes, the save worker's and other windows'), so that the detail pane can tell, without reading the row
// back (a structured clone of its whole body on this thread: 3-5 ms per autosave of a 200 KB draft), that every
// write to the item since it last read it was one of this window's own saves (ownSavesOnlySince).
import Dexie, { RangeSet, rangesOverlap, type ObservabilitySet } from 'dexie'

const KEPT_PER_ITEM = 10

interface OwnSave {
  updatedAt: number
  /** The title it wrote; undefined when the caller did not say (such a save is never taken as unchanged). */
  title: string | undefined
}

const saves = new Map<string, OwnSave[]>()
/** Own saves posted per item, ever (only grows). */
const posted = new Map<string, number>()
/** Writes to the item heard of, per watched item, ever (only grows). */
const heard = new Map<string, number>()
let listening = false

function onMutated(parts: ObservabilitySet): void {
  if (heard.size === 0) return
  // A change Dexie does not detail (a cleared table, a deleted database): every item may have changed.
  if ('all' in parts) {
    for (const [id, n] of heard) heard.set(id, n + 1)
    return
  }
  for (const [part, ranges] of Object.entries(parts)) {
    // The items table's primary-key part (`idb://<db>/items/`) holds the key of every row written, whatever changed.
    if (!/^idb:\/\/.+\/items\/$/.test(part)) continue
    for (const [id, n] of heard) if (rangesOverlap(new RangeSet(id), ranges)) heard.set(id, n + 1)
  }
}

function listen(): void {
  if (listening) return
  listening = true
  Dexie.on('storagemutated', onMutated)
}

/** A save of the item with this updatedAt (and this title) is being written by this window. */
export function noteOwnSave(itemId: string, updatedAt: number, title?: string): void {
  const list = saves.get(itemId) ?? []
  saves.set(itemId, [...list.slice(1 - KEPT_PER_ITEM), { updatedAt, title }])
  posted.set(itemId, (posted.get(itemId) ?? 0) + 1)
}

/** True when the row with this updatedAt was written by one of this window's autosaves. */
export function isOwnSave(itemId: string, updatedAt: number): boolean {
  return saves.get(itemId)?.some((save) => save.updatedAt === updatedAt) ?? false
}

/** The newest own save's updatedAt of the item, if any. */
export function newestOwnSave(itemId: string): number | undefined {
  return saves.get(itemId)?.at(-1)?.updatedAt
}

/** Where the item's writes stood when a view began reading its row. */
export interface WritesMark {
  itemId: string
  heard: number
  posted: number
}

/** Taken just before a view reads the item's row; from then on the item's writes are counted. */
export function markWrites(itemId: string): WritesMark {
  listen()
  if (!heard.has(itemId)) heard.set(itemId, 0)
  return { itemId, heard: heard.get(itemId)!, posted: posted.get(itemId) ?? 0 }
}

/**
 * The updatedAt of this window's newest own save of the item when every write to it heard of since `mark` can
 * be one of this window's own saves posted since, each of them writing `title`; else undefined. Every write is
 * heard of once (one storagemutated per transaction), so a write made elsewhere shows as one more than the own
 * saves, at the latest when the last of them is heard of (an own save that wrote nothing makes the row's
 * updatedAt differ from the newest, which the caller checks against the row's index key).
 */
export function ownSavesOnlySince(mark: WritesMark, title: string): number | undefined {
  const since = (posted.get(mark.itemId) ?? 0) - mark.posted
  const writes = (heard.get(mark.itemId) ?? 0) - mark.heard
  const list = saves.get(mark.itemId) ?? []
  if (since < 1 || writes > since || since > list.length) return undefined
  if (!list.slice(-since).every((save) => save.title === title)) return undefined
  return list.at(-1)!.updatedAt
}

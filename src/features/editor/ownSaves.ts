// The updatedAt stamps of this window's own autosaves, per item, so that views of the item can tell the echo
// of a save (its row read again by a live query) from a change made elsewhere. Kept apart from the editor's
// chunk: the library's detail pane reads it before the editor is loaded.

const KEPT_PER_ITEM = 10
const stamps = new Map<string, number[]>()

/** A save of the item with this updatedAt is being written by this window. */
export function noteOwnSave(itemId: string, updatedAt: number): void {
  const list = stamps.get(itemId) ?? []
  stamps.set(itemId, [...list.slice(1 - KEPT_PER_ITEM), updatedAt])
}

/** True when the row with this updatedAt was written by one of this window's autosaves. */
export function isOwnSave(itemId: string, updatedAt: number): boolean {
  return stamps.get(itemId)?.includes(updatedAt) ?? false
}

// The updatedAt stamps of this window's own autosaves, per item, so that views of the item can tell the echo
// of a save (its row read again by a live query) from a change made elsewhere; and each save's version token
// (db/itemVersions.ts) with the title it wrote, so the detail pane can tell that echo without reading the row.
// Kept apart from the editor's chunk: the library's detail pane reads it before the editor is loaded.

const KEPT_PER_ITEM = 10

interface OwnSave {
  updatedAt: number
  /** The version token the save writes, and the title it writes. */
  token?: string
  title?: string
}

const saves = new Map<string, OwnSave[]>()

/** A save of the item with this updatedAt (and, when given, this version token and title) is being written by this window. */
export function noteOwnSave(itemId: string, updatedAt: number, version?: { token: string; title: string }): void {
  const list = saves.get(itemId) ?? []
  saves.set(itemId, [...list.slice(1 - KEPT_PER_ITEM), { updatedAt, ...version }])
}

/** True when the row with this updatedAt was written by one of this window's autosaves. */
export function isOwnSave(itemId: string, updatedAt: number): boolean {
  return saves.get(itemId)?.some((save) => save.updatedAt === updatedAt) ?? false
}

/** The own save that wrote version `token` of the item (its updatedAt and title), if it is one of this window's recent ones. */
export function ownSaveOfVersion(itemId: string, token: string): { updatedAt: number; title: string } | undefined {
  const save = saves.get(itemId)?.find((s) => s.token === token)
  return save && save.title !== undefined ? { updatedAt: save.updatedAt, title: save.title } : undefined
}

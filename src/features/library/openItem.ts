import { getDb } from '../../db'
import type { LibraryStore } from './libraryStore'

/**
 * Shows item `id` in the library with its body focused, from wherever it was asked (the palette, a link
 * between items in the editor, the changing-employer wizard): into the Trash view if it is trashed, out of
 * it if not, out of the calendar or insights. Resolves false, changing nothing, when no such item exists.
 */
export async function openItemInLibrary(store: LibraryStore, id: string): Promise<boolean> {
  const item = await getDb().items.get(id)
  if (!item) return false
  const view = store.get().view
  if (item.trashed && view.type !== 'trash') store.showView({ type: 'trash' })
  else if (!item.trashed && view.type === 'trash') store.showView({ type: 'items', filter: {} })
  else if (store.get().calendar || store.get().insights) store.showView(view)
  store.select(id)
  store.requestFocus(id, 'body')
  return true
}

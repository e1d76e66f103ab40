// Actions the whole window shares (menus, shortcuts, palette, buttons), implemented once by the App shell.
import { createContext, useContext } from 'react'
import type { ItemKind } from '../../core/items'

export interface LibraryActions {
  /** Creates an item (of the kind on screen when none is given) and focuses its title. */
  newItem(kind?: ItemKind): Promise<void>
  /** Moves to the Trash with an Undo toast; selects `nextId` afterwards. */
  trashItem(id: string, nextId?: string | null): Promise<void>
  restoreItem(id: string): Promise<void>
  deleteForever(id: string): void
  emptyTrash(): void
  openAddLink(): void
  openHistory(itemId: string): void
  openSettings(): void
  openPalette(): void
}

const noop = async () => {}
export const ActionsContext = createContext<LibraryActions>({
  newItem: noop,
  trashItem: noop,
  restoreItem: noop,
  deleteForever: () => {},
  emptyTrash: () => {},
  openAddLink: () => {},
  openHistory: () => {},
  openSettings: () => {},
  openPalette: () => {},
})

export function useActions(): LibraryActions {
  return useContext(ActionsContext)
}

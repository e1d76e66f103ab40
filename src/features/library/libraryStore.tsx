// What the library shows: the sidebar view (filters or Trash), the selected item and the search text.
// A small external store (not React state) so menu commands and shortcuts read the current view directly.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { ListFilter } from '../items/queries'

export type LibraryView = { type: 'items'; filter: ListFilter } | { type: 'trash' }

/** Something the detail pane should focus once the item is on screen. */
export interface FocusRequest {
  itemId: string
  target: 'title' | 'body'
  /** Distinguishes two requests for the same target. */
  nonce: number
}

export interface LibraryState {
  view: LibraryView
  selectedId: string | null
  query: string
  focus: FocusRequest | null
  /** Bumped when an item's content is replaced from outside the editor (revision restore), to reload it. */
  contentVersion: number
  /** The content calendar fills the window instead of the list and the item (any view change leaves it). */
  calendar?: boolean
  /** The contribution insights dashboard fills the window the same way (src/features/insights). */
  insights?: boolean
}

export const INITIAL_LIBRARY_STATE: LibraryState = {
  view: { type: 'items', filter: {} },
  selectedId: null,
  query: '',
  focus: null,
  contentVersion: 0,
}

export class LibraryStore {
  private state: LibraryState
  private readonly listeners = new Set<() => void>()
  private nonce = 0

  constructor(initial: LibraryState = INITIAL_LIBRARY_STATE) {
    this.state = initial
  }

  get = (): LibraryState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private set(patch: Partial<LibraryState>): void {
    this.state = { ...this.state, ...patch }
    this.listeners.forEach((l) => l())
  }

  /** The open item stays open across filters (as in Bear); entering or leaving the Trash closes it. */
  showView(view: LibraryView): void {
    const crossesTrash = (view.type === 'trash') !== (this.state.view.type === 'trash')
    this.set(crossesTrash ? { view, selectedId: null, calendar: false, insights: false } : { view, calendar: false, insights: false })
  }

  /** The content calendar (src/features/calendar); the view and the open item are kept for the way back. */
  showCalendar(): void {
    if (!this.state.calendar) this.set({ calendar: true, insights: false })
  }

  /** The contribution insights dashboard; like the calendar, it keeps the view and the open item for the way back. */
  showInsights(): void {
    if (!this.state.insights) this.set({ insights: true, calendar: false })
  }

  select(id: string | null): void {
    if (id !== this.state.selectedId) this.set({ selectedId: id })
  }

  setQuery(query: string): void {
    this.set({ query })
  }

  requestFocus(itemId: string, target: FocusRequest['target']): void {
    this.set({ focus: { itemId, target, nonce: ++this.nonce } })
  }

  clearFocus(): void {
    if (this.state.focus) this.set({ focus: null })
  }

  contentReplaced(): void {
    this.set({ contentVersion: this.state.contentVersion + 1 })
  }
}

const StoreContext = createContext<LibraryStore | null>(null)

export function LibraryStoreProvider({ store, children }: { store: LibraryStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export function useLibraryStore(): LibraryStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useLibraryStore outside LibraryStoreProvider')
  return store
}

/** Subscribes to one slice; the selector must return a primitive or a reference kept in the state. */
export function useLibrary<T>(selector: (state: LibraryState) => T): T {
  const store = useLibraryStore()
  return useSyncExternalStore(store.subscribe, () => selector(store.get()))
}

// The window's keyboard shortcuts, in one table: matched on keydown and listed in the help.

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

export type ShortcutId =
  | 'newItem'
  | 'addLink'
  | 'palette'
  | 'search'
  | 'settings'
  | 'shortcuts'
  | 'calendar'
  | 'insights'
  | 'listMove'
  | 'listOpen'
  | 'listTrash'
  | 'closeDialog'

export interface Shortcut {
  id: ShortcutId
  /** "Mod" is Cmd on macOS and Ctrl elsewhere. Display only when `match` is absent. */
  keys: string
  match?: { key: string; mod: true; shift?: boolean }
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'newItem', keys: 'Mod+N', match: { key: 'n', mod: true } },
  { id: 'addLink', keys: 'Mod+Shift+L', match: { key: 'l', mod: true, shift: true } },
  { id: 'palette', keys: 'Mod+K', match: { key: 'k', mod: true } },
  { id: 'search', keys: 'Mod+F', match: { key: 'f', mod: true } },
  { id: 'settings', keys: 'Mod+,', match: { key: ',', mod: true } },
  { id: 'shortcuts', keys: 'Mod+/', match: { key: '/', mod: true } },
  { id: 'calendar', keys: 'Mod+Shift+C', match: { key: 'c', mod: true, shift: true } },
  { id: 'insights', keys: 'Mod+Shift+D', match: { key: 'd', mod: true, shift: true } },
  { id: 'listMove', keys: '↑ ↓' },
  { id: 'listOpen', keys: 'Enter' },
  { id: 'listTrash', keys: 'Delete' },
  { id: 'closeDialog', keys: 'Esc' },
]

export function shortcutLabel(keys: string): string {
  return keys.replace('Mod', IS_MAC ? '⌘' : 'Ctrl').replace('Shift', IS_MAC ? '⇧' : 'Shift')
}

/** The shortcut a keydown triggers, if any. */
export function matchShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): ShortcutId | null {
  const mod = IS_MAC ? e.metaKey : e.ctrlKey
  if (!mod || e.altKey) return null
  const key = e.key.toLowerCase()
  for (const s of SHORTCUTS) {
    if (!s.match) continue
    if (s.match.key === key && !!s.match.shift === e.shiftKey) return s.id
    // Ctrl+Shift+F (the menu's search accelerator) also focuses search.
    if (s.id === 'search' && key === 'f' && e.shiftKey) return s.id
  }
  return null
}

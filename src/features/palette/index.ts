export { CommandPalette } from './CommandPalette'
export { ShortcutsHelp } from './ShortcutsHelp'
export { matchShortcut, SHORTCUTS, shortcutLabel, type ShortcutId } from './shortcuts'
export type { PaletteCommand } from './types'

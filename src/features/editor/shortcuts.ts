// Shortcut labels as the platform writes them (⌘ on macOS, Ctrl elsewhere).

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

export function isMacPlatform(): boolean {
  return isMac
}

/** "Mod-Shift-X" → "⌘⇧X" on macOS, "Ctrl+Shift+X" elsewhere. */
export function shortcutLabel(spec: string): string {
  const parts = spec.split('-')
  const key = (parts.pop() ?? '').toUpperCase()
  if (isMac) {
    const symbols: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' }
    return parts.map((p) => symbols[p] ?? p).join('') + key
  }
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), key].join('+')
}

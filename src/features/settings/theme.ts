// Light/dark: the stylesheet follows the OS unless html[data-theme] says otherwise.
import type { ThemePreference } from './preferences'

export function applyTheme(preference: ThemePreference): void {
  const root = document.documentElement
  if (preference === 'system') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', preference)
}

/** The theme actually shown, for toggling from the palette. */
export function effectiveTheme(preference: ThemePreference): 'light' | 'dark' {
  if (preference !== 'system') return preference
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

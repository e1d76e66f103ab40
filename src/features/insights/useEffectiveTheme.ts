// The theme the window shows now: the person's choice, or the OS's while they follow it (and when it changes).
import { useSyncExternalStore } from 'react'
import { effectiveTheme, usePreferences } from '../settings'

const DARK_QUERY = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia?.(DARK_QUERY)
  media?.addEventListener('change', onChange)
  return () => media?.removeEventListener('change', onChange)
}

export function useEffectiveTheme(): 'light' | 'dark' {
  const { theme } = usePreferences()
  const osDark = useSyncExternalStore(subscribe, () => window.matchMedia?.(DARK_QUERY).matches ?? false)
  return theme === 'system' ? (osDark ? 'dark' : 'light') : effectiveTheme(theme)
}

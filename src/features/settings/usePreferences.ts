import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback } from 'react'
import { getDb } from '../../db'
import { getAppInfo } from './appInfo'
import { applyLanguage } from './language'
import { DEFAULT_PREFERENCES, readPreferences, resolveLanguage, savePreference, type LanguagePreference, type Preferences, type ThemePreference } from './preferences'
import { applyTheme } from './theme'

let startupPreferences: Preferences = DEFAULT_PREFERENCES

/** Startup reads preferences before the first paint; hooks start from them instead of a default. */
export function setStartupPreferences(preferences: Preferences): void {
  startupPreferences = preferences
}

export function usePreferences(): Preferences {
  return useLiveQuery(() => readPreferences(getDb()), [], startupPreferences)
}

export async function changeLanguagePreference(preference: LanguagePreference): Promise<void> {
  await applyLanguage(resolveLanguage(preference, getAppInfo()?.locale ?? navigator.language))
  await savePreference(getDb(), 'language', preference)
}

export async function changeThemePreference(preference: ThemePreference): Promise<void> {
  applyTheme(preference)
  await savePreference(getDb(), 'theme', preference)
}

export function usePreferenceActions() {
  return {
    setLanguage: useCallback((p: LanguagePreference) => changeLanguagePreference(p), []),
    setTheme: useCallback((p: ThemePreference) => changeThemePreference(p), []),
  }
}

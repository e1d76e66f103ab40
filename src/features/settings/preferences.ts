// The person's interface preferences, stored in the database `settings` table.
import type { Language } from '../../core/ipc/contract'
import type { BaluchonDb } from '../../db'

export const LANGUAGE_PREFERENCES = ['system', 'en', 'fr'] as const
export type LanguagePreference = (typeof LANGUAGE_PREFERENCES)[number]
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const
export type ThemePreference = (typeof THEME_PREFERENCES)[number]

export interface Preferences {
  language: LanguagePreference
  theme: ThemePreference
}

export const DEFAULT_PREFERENCES: Preferences = { language: 'system', theme: 'system' }

const KEYS = { language: 'ui.language', theme: 'ui.theme' } as const

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : fallback
}

export async function readPreferences(db: BaluchonDb): Promise<Preferences> {
  const [language, theme] = await db.settings.bulkGet([KEYS.language, KEYS.theme])
  return {
    language: oneOf(LANGUAGE_PREFERENCES, language?.value, DEFAULT_PREFERENCES.language),
    theme: oneOf(THEME_PREFERENCES, theme?.value, DEFAULT_PREFERENCES.theme),
  }
}

export async function savePreference<K extends keyof Preferences>(db: BaluchonDb, key: K, value: Preferences[K]): Promise<void> {
  await db.settings.put({ key: KEYS[key], value })
}

/** The language to show: the chosen one, or the OS one when we speak it. */
export function resolveLanguage(preference: LanguagePreference, osLocale: string | undefined): Language {
  if (preference !== 'system') return preference
  return osLocale?.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

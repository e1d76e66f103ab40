// Interface languages. Each feature owns a namespace file: locales/<lang>/<feature>.json.
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../core/ipc/contract'

type Bundle = Record<string, unknown>
const files = import.meta.glob<Bundle>('./locales/*/*.json', { eager: true, import: 'default' })

function resources(): Record<string, Record<string, Bundle>> {
  const out: Record<string, Record<string, Bundle>> = {}
  for (const [path, bundle] of Object.entries(files)) {
    const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)
    if (!match) continue
    const [, lang, ns] = match as unknown as [string, string, string]
    ;(out[lang] ??= {})[ns] = bundle
  }
  return out
}

export const SUPPORTED_LANGUAGES: readonly Language[] = ['en', 'fr']

/** The OS language when we speak it, English otherwise. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      lng: language,
      fallbackLng: 'en',
      defaultNS: 'common',
      resources: resources(),
      interpolation: { escapeValue: false },
      returnNull: false,
    })
  } else if (i18next.language !== language) {
    await i18next.changeLanguage(language)
  }
  document.documentElement.lang = language
  return i18next
}

export { i18next }

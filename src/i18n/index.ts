// Interface languages. Each feature owns a namespace file: locales/<lang>/<feature>.json.
// Only the language in use is loaded before the first paint: each language is one chunk (bundles/),
// fetched through an i18next backend, so switching language in Settings loads the other one on demand
// (i18next waits for it before switching).
import i18next, { type BackendModule } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../core/ipc/contract'

type Bundle = Record<string, unknown>
type Namespaces = Record<string, Bundle>

export const SUPPORTED_LANGUAGES: readonly Language[] = ['en', 'fr']

const LOADERS: Record<Language, () => Promise<{ default: Namespaces }>> = {
  en: () => import('./bundles/en'),
  fr: () => import('./bundles/fr'),
}

/** Namespace names, from the English file names (no file is loaded for this). */
const NAMESPACES = Object.keys(import.meta.glob('./locales/en/*.json')).map((path) => /([^/]+)\.json$/.exec(path)![1]!)

const loading = new Map<Language, Promise<Namespaces>>()

/** Starts loading a language's texts (once); start-up calls it early with the likely language. */
export function preloadLanguage(language: Language): Promise<Namespaces> {
  let promise = loading.get(language)
  if (!promise) {
    promise = LOADERS[language]().then((m) => m.default)
    // A failed load (never expected: the chunk ships with the app) may be retried.
    promise.catch(() => loading.delete(language))
    loading.set(language, promise)
  }
  return promise
}

const languageBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(language)) return callback(null, {})
    preloadLanguage(language as Language).then(
      (namespaces) => callback(null, namespaces[namespace] ?? {}),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    )
  },
}

/** The OS language when we speak it, English otherwise. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next
      .use(languageBackend)
      .use(initReactI18next)
      .init({
        lng: language,
        fallbackLng: 'en',
        supportedLngs: [...SUPPORTED_LANGUAGES],
        ns: NAMESPACES,
        defaultNS: 'common',
        interpolation: { escapeValue: false },
        returnNull: false,
        // Loaded before the first render (initI18n is awaited), so components never wait in Suspense.
        react: { useSuspense: false },
      })
  } else if (i18next.language !== language) {
    await i18next.changeLanguage(language)
  }
  document.documentElement.lang = language
  return i18next
}

export { i18next }

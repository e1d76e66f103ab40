// What happens before the first paint, all in parallel: start the search worker, ask for persistent
// storage, read the newest items (the list paints them on its first render), read the person's
// preferences and the app info, then set language and theme. Nothing here waits for search or for the
// network.
import { getDb } from '../db'
import { loadCareerContext } from '../features/career/repository'
import { primeCareerContext } from '../features/career/store'
import { prefetchFirstWindow } from '../features/library/prefetch'
import { startSearch } from '../features/search'
// The settings slice's parts, not its barrel: the barrel brings the Settings dialog (and every section of it).
import { setAppInfo } from '../features/settings/appInfo'
import { DEFAULT_PREFERENCES, readPreferences, resolveLanguage, type Preferences } from '../features/settings/preferences'
import { applyTheme } from '../features/settings/theme'
import { setStartupPreferences } from '../features/settings/usePreferences'
import { initI18n, languageFromLocale, preloadLanguage } from '../i18n'
import { getApi } from '../lib/api'

export async function startApp(): Promise<void> {
  performance.mark?.('baluchon:startup')
  // Ask the browser not to evict the knowledge base under storage pressure.
  void navigator.storage?.persist?.().catch(() => false)
  const db = getDb()
  // First: the worker fetches its script, opens the database and loads the search index on its own
  // threads while this one reads and paints the first rows, so a query typed as soon as the rows show is
  // answered (from titles and tags first) without waiting for the rest of the start.
  startSearch()
  // The texts of the likely language (the OS one), fetched while the database is read; initI18n below
  // waits for the one the preferences choose (usually this one, already there).
  void preloadLanguage(languageFromLocale(navigator.language)).catch(() => undefined)
  const firstWindow = prefetchFirstWindow(db).catch((error: unknown) => {
    // The list reads again on mount; a failure here must not block the window.
    console.error('[startup] first window', error)
  })
  // Affiliations and the default label, so confidential rows carry their mark on the first paint.
  const career = loadCareerContext(db)
    .then((context) => primeCareerContext(db, context))
    .catch((error: unknown) => console.error('[startup] career context', error))
  const [info, prefs] = await Promise.all([
    getApi()
      .appInfo()
      .catch(() => null),
    readPreferences(db).catch((): Preferences => DEFAULT_PREFERENCES),
  ])
  const appInfo = info?.ok ? info.value : null
  setAppInfo(appInfo)
  setStartupPreferences(prefs)
  applyTheme(prefs.theme)
  const language = resolveLanguage(prefs.language, appInfo?.locale ?? navigator.language)
  await initI18n(language)
  // Main builds its menu in the OS language; tell it when the person chose another one.
  if (prefs.language !== 'system') void getApi().setMenuLanguage({ language }).catch(() => undefined)
  await Promise.all([firstWindow, career])
}

// Switching the interface language: texts, <html lang>, and the native menu in main.
import type { Language } from '../../core/ipc/contract'
import { i18next } from '../../i18n'
import { getApi } from '../../lib/api'

export async function applyLanguage(language: Language): Promise<void> {
  if (i18next.language !== language) await i18next.changeLanguage(language)
  document.documentElement.lang = language
  // The menu is drawn by main; a failure there must not block the switch in the window.
  await getApi()
    .setMenuLanguage({ language })
    .catch(() => undefined)
}

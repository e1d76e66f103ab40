// What happens before the first paint: language, persistent storage.
import { getApi } from '../lib/api'
import { initI18n, languageFromLocale } from '../i18n'

export async function startApp(): Promise<void> {
  // Ask the browser not to evict the knowledge base under storage pressure.
  void navigator.storage?.persist?.().catch(() => false)
  const info = await getApi().appInfo()
  await initI18n(languageFromLocale(info.ok ? info.value.locale : navigator.language))
}

// The profile as stored, live (null until read).
import { useLiveQuery } from 'dexie-react-hooks'
import { useTranslation } from 'react-i18next'
import type { PortfolioProfile, SiteLanguage } from '../../core/portfolio'
import { getDb } from '../../db'
import { readPortfolioProfile } from './profile'

/** The app's language, as the site's default language. */
export function useAppSiteLanguage(): SiteLanguage {
  const { i18n } = useTranslation()
  return i18n.language?.startsWith('fr') ? 'fr' : 'en'
}

export function usePortfolioProfile(): PortfolioProfile | null {
  const fallback = useAppSiteLanguage()
  return useLiveQuery(() => readPortfolioProfile(getDb(), fallback), [fallback]) ?? null
}

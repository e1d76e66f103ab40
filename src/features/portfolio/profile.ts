// The person's public profile for the portfolio site, kept in the settings table (one row; no schema change):
// name, headline, bio, links, photo (an attachment, so backups carry it), base URL and site language.
// The types module, not the portfolio core's barrel: this store is loaded with the app, the generator is not.
import { SITE_LANGUAGES, type PortfolioProfile, type ProfileLink, type SiteLanguage } from '../../core/portfolio/types'
import type { BaluchonDb } from '../../db'
import { addAttachment } from '../attachments/repository'

export const PORTFOLIO_PROFILE_SETTING = 'portfolio.profile'
/** The attachments' owner id for the profile photo (it belongs to no item). */
export const PORTFOLIO_PHOTO_OWNER = 'portfolio:profile'

const str = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '')

function newSiteId(): string {
  return crypto.randomUUID()
}

export function emptyProfile(language: SiteLanguage): PortfolioProfile {
  return { name: '', headline: '', bio: '', links: [], photoAttachmentId: null, baseUrl: '', language, siteId: newSiteId() }
}

/** A stored profile read defensively (a backup from another version, a hand-edited row): never throws. */
export function parseProfile(value: unknown, fallbackLanguage: SiteLanguage): PortfolioProfile {
  if (typeof value !== 'object' || value === null) return emptyProfile(fallbackLanguage)
  const v = value as Record<string, unknown>
  const links: ProfileLink[] = Array.isArray(v.links)
    ? v.links.flatMap((l: unknown) => (typeof l === 'object' && l !== null ? [{ label: str((l as ProfileLink).label, 200), url: str((l as ProfileLink).url, 2048) }] : [])).slice(0, 30)
    : []
  const language = (SITE_LANGUAGES as readonly unknown[]).includes(v.language) ? (v.language as SiteLanguage) : fallbackLanguage
  const siteId = typeof v.siteId === 'string' && /^[0-9a-f-]{36}$/i.test(v.siteId) ? v.siteId : newSiteId()
  return {
    name: str(v.name, 200),
    headline: str(v.headline, 300),
    bio: str(v.bio, 10_000),
    links,
    photoAttachmentId: typeof v.photoAttachmentId === 'string' ? v.photoAttachmentId : null,
    baseUrl: str(v.baseUrl, 2048),
    language,
    siteId,
  }
}

export async function readPortfolioProfile(db: BaluchonDb, fallbackLanguage: SiteLanguage): Promise<PortfolioProfile> {
  const row = await db.settings.get(PORTFOLIO_PROFILE_SETTING)
  return parseProfile(row?.value, fallbackLanguage)
}

export async function savePortfolioProfile(db: BaluchonDb, profile: PortfolioProfile): Promise<void> {
  await db.settings.put({ key: PORTFOLIO_PROFILE_SETTING, value: profile })
}

/** Stores the photo (checked like any image: type, size) and returns its attachment id. */
export async function storeProfilePhoto(db: BaluchonDb, file: Blob, name: string): Promise<string> {
  return addAttachment(db, PORTFOLIO_PHOTO_OWNER, file, name)
}

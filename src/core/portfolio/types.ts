// The portfolio site's inputs and outputs. Pure data: the app reads them from Dexie, tests and the bench build them.
import type { Affiliation, CareerContext } from '../career'
import type { Item } from '../items'

export const SITE_LANGUAGES = ['en', 'fr'] as const
export type SiteLanguage = (typeof SITE_LANGUAGES)[number]

export interface ProfileLink {
  /** What the visitor reads ("Mastodon", "GitHub", "Email"). */
  label: string
  /** http(s) or mailto; anything else is left out of the site. */
  url: string
}

/** Who the site is about (kept in the settings table, see src/features/portfolio/profile.ts). */
export interface PortfolioProfile {
  name: string
  headline: string
  /** Plain text; blank lines separate paragraphs. */
  bio: string
  links: ProfileLink[]
  /** The photo, stored in the attachments table, or null. */
  photoAttachmentId: string | null
  /**
   * Where the site will be published ("https://jane.example/"), or ''. Feeds and sitemaps need absolute
   * addresses: without it the sitemap is left out and the feeds carry relative links (see feeds.ts).
   */
  baseUrl: string
  language: SiteLanguage
  /** A UUID made once per person: the feeds' identity when there is no base URL (Atom requires an id). */
  siteId: string
}

/** An image the site shows (a post's picture, the photo, a logo), as stored. */
export interface SiteImage {
  mime: string
  /** Stored name, for a readable file name ("station.png"). */
  name: string
  data: Uint8Array
}

export interface PortfolioInput {
  profile: PortfolioProfile
  /**
   * Candidate items: the builder keeps only those `inPortfolio` accepts under `career` (so a confidential item
   * never reaches the site whatever the caller passed), trashed ones included or not.
   */
  items: readonly Item[]
  career: CareerContext
  /** Images by attachment id (post images, the photo, affiliation logos); a missing one shows its alt text. */
  images: ReadonlyMap<string, SiteImage>
  /** When the site is built (feeds' dates, the footer's year). */
  now: number
}

/** One file of the site, ready for the export writer (same shape as the Markdown export's files). */
export interface SiteFile {
  /** Relative path with `/` separators. */
  path: string
  data: string | Uint8Array<ArrayBuffer>
  /** Whether a zip should deflate it (text yes, images no). */
  compress: boolean
}

export interface PortfolioSummary {
  posts: number
  talks: number
  links: number
  affiliations: number
  images: number
  /** Images a selected document shows whose bytes were not given (shown as their alt text). */
  missingImages: number
  pages: number
  /** Whether feeds have absolute links and a sitemap was written (a base URL was given). */
  absoluteUrls: boolean
}

export type { Affiliation }

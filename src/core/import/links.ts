// What every link importer (bookmarks, Pocket, Raindrop) checks before a row becomes a link.
import { normalizeLinkUrl } from '../url'
import type { SkippedEntry } from './types'

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i

/**
 * The address a link will have (http or https, normalised as the app stores it, so `url:<address>` source
 * keys match links saved by hand), or why the row is skipped: another scheme (javascript:, data:, file:,
 * place:, chrome://...) is 'unsafe-url'; no scheme at all or an unparseable address is 'malformed'.
 */
export function linkAddress(raw: string): { url: string } | { reason: SkippedEntry['reason']; detail: string } {
  const href = raw.trim()
  if (!href) return { reason: 'malformed', detail: 'no address' }
  if (!HAS_SCHEME.test(href)) return { reason: 'malformed', detail: href.slice(0, 200) }
  if (!/^https?:/i.test(href)) return { reason: 'unsafe-url', detail: href.slice(0, 200) }
  const url = normalizeLinkUrl(href)
  return url ? { url } : { reason: 'malformed', detail: href.slice(0, 200) }
}

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

export const MAX_LINK_TITLE_LENGTH = 500
export const MAX_LINK_DESCRIPTION_LENGTH = 20_000

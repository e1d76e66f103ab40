// Which link targets a document may hold. The editor keeps only what the app can open safely: http, https
// and mailto in the OS browser, and links to other items (`item:<id>`, src/core/itemLinks.ts) in the app
// itself. javascript:, data:, file: and relative URLs never enter a document.
import { itemIdFromHref } from '../../core/itemLinks'
import { isSafeExternalUrl, normalizeLinkUrl } from '../../core/url'

const ALLOWED_SCHEME = /^(?:https?:|mailto:)/i

// Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"): strip them first.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/g
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i

/** True for an href the OS browser or mail client may be given: absolute http(s) or mailto. */
export function isExternalLinkHref(href: unknown): boolean {
  if (typeof href !== 'string') return false
  return ALLOWED_SCHEME.test(href.replace(INVISIBLE, '')) && isSafeExternalUrl(href.trim())
}

/** True for an href the editor may store and render: an external one, or a link to another item. */
export function isAllowedLinkHref(href: unknown): boolean {
  return isExternalLinkHref(href) || itemIdFromHref(href) !== null
}

/**
 * The Link extension's check. It is also asked about the text the autolinker found ("example.org",
 * "me@example.org"), which has no scheme yet and gets https:// or mailto: when linked; such text is
 * accepted when it would become an allowed link. Anything with another scheme is refused.
 */
export function isAllowedLinkUri(url: string): boolean {
  if (isAllowedLinkHref(url)) return true
  const compact = url.replace(INVISIBLE, '')
  if (compact !== url.trim() || ANY_SCHEME.test(compact) || compact.startsWith('/')) return false
  return normalizeTypedHref(compact) !== null
}

const EMAIL = /^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/

/**
 * A link typed by the person: "example.org" becomes https://example.org/, "me@example.org" becomes
 * mailto:me@example.org. Returns null for anything not allowed (javascript:, file:, garbage).
 */
export function normalizeTypedHref(raw: string): string | null {
  const trimmed = raw.trim()
  if (!trimmed) return null
  if (EMAIL.test(trimmed)) return `mailto:${trimmed}`
  if (/^mailto:/i.test(trimmed)) return isExternalLinkHref(trimmed) ? trimmed : null
  const url = normalizeLinkUrl(trimmed)
  return url && isExternalLinkHref(url) ? url : null
}

// Where each page and image of the site lives, and how pages link to each other. Every link is relative and
// names `index.html` explicitly, so the folder works opened from disk (file://, where a folder URL shows a
// listing, not its index) as well as on any static host.
import { isSafeContentPath } from '../archive/paths'
import { slugify } from '../slug'
import { isSafeExternalUrl } from '../url'

/** Pages of a list (posts, talks, reading list): `<section>/index.html`, then `<section>/page-2.html`... */
export function listPagePath(section: string, page: number): string {
  return page <= 1 ? `${section}/index.html` : `${section}/page-${page}.html`
}

/** From a page at `fromPath` to the site file `toPath` (both relative to the site's root). */
export function relativeHref(fromPath: string, toPath: string): string {
  const from = fromPath.split('/').slice(0, -1)
  const to = toPath.split('/')
  let common = 0
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++
  return '../'.repeat(from.length - common) + to.slice(common).join('/')
}

/**
 * Unique, URL-safe folder names within a section: the post's slug (or its title's), ASCII `a-z0-9-`,
 * never a name Windows refuses (`con`, `nul`), never empty, and numbered when taken (`notes`, `notes-2`).
 */
export function createSlugAllocator(reserved: Iterable<string> = []): (wanted: string, fallback: string) => string {
  const taken = new Set(reserved)
  return (wanted, fallback) => {
    const base = slugify(wanted, 60) || slugify(fallback, 60) || 'item'
    let slug = base
    for (let n = 2; taken.has(slug) || !isSafeContentPath(slug); n++) slug = `${base}-${n}`
    taken.add(slug)
    return slug
  }
}

const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
}

export function imageExtension(mime: string): string | null {
  return IMAGE_EXTENSIONS[mime.toLowerCase()] ?? null
}

/** "Screen Shot 2024.PNG" → "screen-shot-2024": ASCII so hrefs need no escaping. */
export function imageStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return slugify(dot > 0 ? base.slice(0, dot) : base, 40) || 'image'
}

/** "https://jane.example/blog" → "https://jane.example/blog/"; null when not an http(s) address. */
export function normalizeBaseUrl(raw: string): string | null {
  const trimmed = raw.trim()
  if (!trimmed || !/^https?:\/\//i.test(trimmed) || !isSafeExternalUrl(trimmed)) return null
  try {
    const url = new URL(trimmed)
    if (url.search || url.hash || url.username || url.password) return null
    return url.href.endsWith('/') ? url.href : `${url.href}/`
  } catch {
    return null
  }
}

/** The public address of a site path; folders' index pages as the folder ("posts/a/" rather than "posts/a/index.html"). */
export function absoluteUrl(baseUrl: string, path: string): string {
  return baseUrl + (path === 'index.html' ? '' : path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path)
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A stable `urn:uuid:` for an item: its ULID's 128 bits written as a UUID (both are 128-bit numbers), or, for an
 * id that is not a ULID, a 128-bit hash of it. Atom needs a permanent id per entry even when the site has no address.
 */
export function itemUrn(id: string): string {
  let hex = ''
  if (/^[0-9A-HJKMNP-TV-Z]{26}$/i.test(id)) {
    let value = 0n
    for (const c of id.toUpperCase()) value = value * 32n + BigInt(CROCKFORD.indexOf(c))
    hex = value.toString(16).padStart(32, '0').slice(-32)
  } else {
    // FNV-1a over the UTF-16 units, four lanes with different offsets: enough spread for ids, no crypto needed.
    const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]
    for (let i = 0; i < id.length; i++) for (let l = 0; l < 4; l++) lanes[l] = Math.imul(lanes[l]! ^ id.charCodeAt(i), 0x01000193 + l * 2) >>> 0
    hex = lanes.map((n) => n.toString(16).padStart(8, '0')).join('')
  }
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

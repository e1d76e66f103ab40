// Bluesky rich text: a post is plain `text` plus `facets` (app.bsky.richtext.facet) that mark links, mentions and
// hashtags by UTF-8 BYTE offsets into the text (https://docs.bsky.app/docs/advanced-guides/post-richtext).
// Detection follows the official client's rules (@atproto/api RichText.detectFacets): http(s) links up to the next
// space, bare domains with a real top-level domain, trailing punctuation left out, `@handle.domain` mentions,
// `#tags` of at most 64 characters. We do not depend on @atproto/api for this: it pulls in the whole XRPC client
// and lexicon set for three regular expressions; the TLD check reuses twitter-text's list instead of `tlds`.
import { twitterText } from './twitterText'
import { utf8Length, utf8Offset } from './unicode'

export interface ByteSlice {
  byteStart: number
  byteEnd: number
}

export type FacetFeature =
  | { $type: 'app.bsky.richtext.facet#link'; uri: string }
  | { $type: 'app.bsky.richtext.facet#mention'; did: string }
  | { $type: 'app.bsky.richtext.facet#tag'; tag: string }

export interface Facet {
  $type: 'app.bsky.richtext.facet'
  index: ByteSlice
  features: FacetFeature[]
}

/** A `@handle` found in the text: it becomes a mention facet once the client has resolved it to a DID. */
export interface MentionCandidate {
  handle: string
  index: ByteSlice
}

export interface BlueskyPost {
  /** The text as it will be sent (links shortened for display when asked). */
  text: string
  /** Link and tag facets, sorted by byte offset. */
  facets: Facet[]
  /** Handles to resolve (com.atproto.identity.resolveHandle), then pass to `withMentions`. */
  mentions: MentionCandidate[]
}

export interface BlueskyPostOptions {
  /**
   * Show long links shortened (`host/path-start...`, the link facet keeps the full address), as the Bluesky app
   * does before posting. Default true: it is what people see there, and it is what the 300-grapheme limit counts.
   */
  shortenLinks?: boolean
}

interface Span {
  /** UTF-16 offsets, end exclusive. */
  start: number
  end: number
}

interface LinkSpan extends Span {
  uri: string
}

const URL_RE = /(^|\s|\()((https?:\/\/\S+)|(([a-z][a-z0-9]*(\.[a-z0-9]+)+)\S*))/gim
const MENTION_RE = /(^|\s|\()(@)([a-zA-Z0-9.-]+)(\b)/g
// Zero-width and soft-hyphen characters end a tag (as in the official client); the variation selector after '#'
// makes "#️⃣" an emoji, not a tag.
const TAG_RE =
  // eslint-disable-next-line no-misleading-character-class
  /(^|\s)[#＃]((?!\ufe0f)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*[^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*)?/gu
const TRAILING_PUNCTUATION_RE = /\p{P}+$/u
const MAX_TAG_LENGTH = 64

/** A bare domain counts as a link only with a real top-level domain ("example.com" yes, "file.txt" no). */
function isValidDomain(domain: string): boolean {
  const found = twitterText.extractUrls(domain)
  return found.length === 1 && found[0]!.toLowerCase() === domain.toLowerCase()
}

export function detectLinks(text: string): LinkSpan[] {
  const out: LinkSpan[] = []
  for (const match of text.matchAll(URL_RE)) {
    let uri = match[2]!
    if (!/^https?:\/\//i.test(uri)) {
      const domain = match[5]
      if (!domain || !isValidDomain(domain)) continue
      uri = `https://${uri}`
    }
    const start = match.index + match[1]!.length
    let end = start + match[2]!.length
    if (/[.,;:!?]$/.test(uri)) {
      uri = uri.slice(0, -1)
      end--
    }
    if (uri.endsWith(')') && !uri.includes('(')) {
      uri = uri.slice(0, -1)
      end--
    }
    out.push({ uri, start, end })
  }
  return out
}

function detectMentions(text: string): Array<Span & { handle: string }> {
  const out: Array<Span & { handle: string }> = []
  for (const match of text.matchAll(MENTION_RE)) {
    const handle = match[3]!.replace(/[.-]+$/, '')
    if (!isValidDomain(handle) && !handle.endsWith('.test')) continue
    const start = match.index + match[1]!.length
    out.push({ handle, start, end: start + 1 + handle.length })
  }
  return out
}

function detectTags(text: string): Array<Span & { tag: string }> {
  const out: Array<Span & { tag: string }> = []
  for (const match of text.matchAll(TAG_RE)) {
    const raw = match[2]
    if (!raw) continue
    const tag = raw.trim().replace(TRAILING_PUNCTUATION_RE, '')
    if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) continue
    const start = match.index + match[1]!.length
    out.push({ tag, start, end: start + 1 + tag.length })
  }
  return out
}

/** How the Bluesky app displays a long link: host plus the first 13 characters of the rest, then "...". */
export function shortLinkText(uri: string): string {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return uri
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return uri
  const rest = (url.pathname === '/' ? '' : url.pathname) + url.search + url.hash
  return rest.length > 15 ? `${url.host}${rest.slice(0, 13)}...` : url.host + rest
}

function bytes(text: string, span: Span): ByteSlice {
  const byteStart = utf8Offset(text, span.start)
  return { byteStart, byteEnd: byteStart + utf8Length(text.slice(span.start, span.end)) }
}

/** Rewrites each link's text to its short form, returning the new text and where each link now sits. */
function shorten(text: string, links: readonly LinkSpan[]): { text: string; links: LinkSpan[] } {
  let out = ''
  let last = 0
  const moved: LinkSpan[] = []
  for (const link of links) {
    out += text.slice(last, link.start)
    const display = shortLinkText(link.uri)
    moved.push({ uri: link.uri, start: out.length, end: out.length + display.length })
    out += display
    last = link.end
  }
  return { text: out + text.slice(last), links: moved }
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end
}

/** The text a post will carry (long links shortened when asked): what Bluesky's limits count. */
export function blueskyText(source: string, options: BlueskyPostOptions = {}): string {
  if (!(options.shortenLinks ?? true) || !source.includes('.')) return source
  return shorten(source, detectLinks(source)).text
}

/** The post record's text and facets for `text`, as the Bluesky app would build them. */
export function blueskyPost(source: string, options: BlueskyPostOptions = {}): BlueskyPost {
  let text = source
  let links = detectLinks(text)
  if (options.shortenLinks ?? true) ({ text, links } = shorten(text, links))
  // Mentions and tags are found after shortening, and never inside a link (a "#fragment" is not a tag).
  const mentions = detectMentions(text).filter((m) => !links.some((l) => overlaps(l, m)))
  const tags = detectTags(text).filter((t) => !links.some((l) => overlaps(l, t)))
  const facets: Array<Facet & { at: number }> = [
    ...links.map((l) => ({
      $type: 'app.bsky.richtext.facet' as const,
      index: bytes(text, l),
      features: [{ $type: 'app.bsky.richtext.facet#link' as const, uri: l.uri }],
      at: l.start,
    })),
    ...tags.map((t) => ({
      $type: 'app.bsky.richtext.facet' as const,
      index: bytes(text, t),
      features: [{ $type: 'app.bsky.richtext.facet#tag' as const, tag: t.tag }],
      at: t.start,
    })),
  ]
  facets.sort((a, b) => a.at - b.at)
  return {
    text,
    facets: facets.map(({ at: _at, ...facet }) => facet),
    mentions: mentions.map((m) => ({ handle: m.handle, index: bytes(text, m) })),
  }
}

/** Adds mention facets for the handles the client resolved (`dids`: handle → DID); unresolved ones stay plain text. */
export function withMentions(post: BlueskyPost, dids: ReadonlyMap<string, string>): Facet[] {
  const mentionFacets: Facet[] = post.mentions.flatMap((m) => {
    const did = dids.get(m.handle)
    return did ? [{ $type: 'app.bsky.richtext.facet' as const, index: m.index, features: [{ $type: 'app.bsky.richtext.facet#mention' as const, did }] }] : []
  })
  return [...post.facets, ...mentionFacets].sort((a, b) => a.index.byteStart - b.index.byteStart)
}

// The social channels Baluchon prepares text for, and how each one counts a post's length. Each rule is the
// platform's own, with its source, so a counter here turns red exactly when the platform would refuse the post.
import { blueskyText } from './bluesky'
import { twitterText } from './twitterText'
import { graphemeLength, utf8Length } from './unicode'

export const CHANNEL_IDS = ['linkedin', 'x', 'mastodon', 'bluesky'] as const
export type ChannelId = (typeof CHANNEL_IDS)[number]

export interface ChannelRule {
  id: ChannelId
  /** Product name (not translated). */
  name: string
  /** Limit of one post when the account says nothing else. */
  defaultLimit: number
  /** What `measure` counts, for the counter's label. */
  unit: 'characters' | 'weighted-characters' | 'graphemes'
  /** What every link counts, whatever its length; null: links count like other text. */
  urlLength: number | null
  /** Whether a long text may go out as a thread of replies. */
  threads: boolean
  /** Whether the platform itself holds a scheduled post (else Baluchon's local queue reminds or posts). */
  serverScheduling: 'none' | 'single-post'
}

export const CHANNELS: Readonly<Record<ChannelId, ChannelRule>> = {
  // LinkedIn documents 3,000 "characters" for a post's commentary without saying how it counts them. We count
  // UTF-16 code units, the largest of the usual counts (an emoji is 2), so a post we call fitting always fits.
  linkedin: { id: 'linkedin', name: 'LinkedIn', defaultLimit: 3000, unit: 'characters', urlLength: null, threads: false, serverScheduling: 'none' },
  // X: twitter-text's parseTweet, X's own counting library: weighted length (CJK, most emoji sequences and other
  // code points outside the Latin ranges weigh 2), every URL 23 (t.co), text NFC-normalised first.
  x: { id: 'x', name: 'X', defaultLimit: 280, unit: 'weighted-characters', urlLength: 23, threads: true, serverScheduling: 'none' },
  // Mastodon: the instance's limit (GET /api/v2/instance: configuration.statuses.max_characters and
  // characters_reserved_per_url, 500 and 23 by default). Counted as the server's StatusLengthValidator does:
  // GRAPHEME CLUSTERS (`mb_chars.grapheme_length`, `each_grapheme_cluster` in recent versions; not code points,
  // which is what the web composer's counter shows), of the content warning plus the text where every URL
  // written with its scheme (Extractor.extract_urls_with_indices, extract_url_without_protocol: false — a
  // twitter-text port) is replaced by `characters_reserved_per_url` characters and a remote mention
  // `@user@domain` counts only as `@user`. Server-side scheduling covers a single status, not a thread.
  mastodon: { id: 'mastodon', name: 'Mastodon', defaultLimit: 500, unit: 'graphemes', urlLength: 23, threads: true, serverScheduling: 'single-post' },
  // Bluesky: the app.bsky.feed.post lexicon allows 300 graphemes (and 3,000 UTF-8 bytes) of `text`; links are
  // facets, and the app shows long links shortened, so the count is of the text as it will be sent.
  bluesky: { id: 'bluesky', name: 'Bluesky', defaultLimit: 300, unit: 'graphemes', urlLength: null, threads: true, serverScheduling: 'none' },
}

export function isChannelId(value: unknown): value is ChannelId {
  return typeof value === 'string' && (CHANNEL_IDS as readonly string[]).includes(value)
}

export interface MeasureOptions {
  /** The account's limit (a Mastodon instance's max_characters, X Premium's longer posts...). */
  limit?: number
  /** Mastodon: the instance's characters_reserved_per_url. */
  urlLength?: number
  /** Mastodon: the content warning, which counts towards the limit. */
  spoilerText?: string
  /** Bluesky: shorten long links for display as the app does (default true). */
  shortenLinks?: boolean
}

export interface Measure {
  length: number
  limit: number
  over: boolean
  /** Negative when over. */
  remaining: number
}

/** Bluesky's second limit: the text may not exceed 3,000 UTF-8 bytes whatever its grapheme count. */
export const BLUESKY_MAX_BYTES = 3000

// Mastodon's Account::MENTION_RE: `@user` or `@user@domain`, not preceded by a word character, '=' or '/'.
const MASTODON_MENTION_RE =
  /(?<![=/\p{L}\p{M}\p{N}\p{Pc}])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\p{L}\p{M}\p{N}\p{Pc}]+(?:[.-]+[\p{L}\p{M}\p{N}\p{Pc}]+)*)?/giu

/** The text Mastodon's validator counts: URLs as `urlLength` placeholders, remote mentions as `@user`. */
export function mastodonCountableText(text: string, urlLength = 23): string {
  if (text.trim() === '') return ''
  const entities: Array<{ start: number; end: number; replacement: string }> = []
  if (text.includes(':')) {
    for (const { indices } of twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })) {
      // An instance's figure is trusted only as a small whole number (it comes over the network).
      entities.push({ start: indices[0], end: indices[1], replacement: 'x'.repeat(Math.min(Math.max(Math.floor(urlLength) || 0, 0), 1000)) })
    }
  }
  for (const match of text.matchAll(MASTODON_MENTION_RE)) {
    entities.push({ start: match.index, end: match.index + match[0].length, replacement: `@${match[1]!}` })
  }
  // As Extractor.remove_overlapping_entities: by start, and an entity overlapping an earlier one is dropped.
  entities.sort((a, b) => a.start - b.start)
  let out = ''
  let last = 0
  for (const entity of entities) {
    if (entity.start < last) continue
    out += text.slice(last, entity.start) + entity.replacement
    last = entity.end
  }
  return out + text.slice(last)
}

function lengthOf(channel: ChannelId, text: string, options: MeasureOptions): number {
  switch (channel) {
    case 'linkedin':
      return text.length
    case 'x':
      return twitterText.parseTweet(text).weightedLength
    case 'mastodon':
      return graphemeLength((options.spoilerText ?? '') + mastodonCountableText(text, options.urlLength ?? 23))
    case 'bluesky':
      return graphemeLength(text)
  }
}

/** How long `text` is on `channel`, against which limit, so a counter can turn red. */
export function measure(channel: ChannelId, text: string, options: MeasureOptions = {}): Measure {
  const limit = options.limit ?? CHANNELS[channel].defaultLimit
  // Bluesky counts the text as sent, after the app's link shortening.
  const counted = channel === 'bluesky' ? blueskyText(text, { shortenLinks: options.shortenLinks ?? true }) : text
  const length = lengthOf(channel, counted, options)
  const over = length > limit || (channel === 'bluesky' && utf8Length(counted) > BLUESKY_MAX_BYTES)
  return { length, limit, over, remaining: limit - length }
}

/** Whether `text` fits one post on `channel`. */
export function fits(channel: ChannelId, text: string, options: MeasureOptions = {}): boolean {
  return !measure(channel, text, options).over
}

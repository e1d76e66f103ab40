// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the site's newest posts and talks, and its sitemap. Written by hand
// (a few dozen lines each) because every generator library we found pulls in a DOM or Node's stream APIs, and
// the builder must stay pure; the tests parse each feed back with a feed parser (feedsmith).
//
// Addresses: feeds want absolute URLs. With the site's base URL every link is absolute. Without one the
// specs leave little room: JSON Feed's `home_page_url`, `feed_url` and item `url` are optional and left out;
// Atom resolves relative references against the feed's own address (RFC 4287 §2, xml:base), so its links stay
// relative and its ids are `urn:uuid:` (from the item's ULID); RSS's `<link>` is required, so it gets the
// relative path (readers resolve it against the feed's address) and `<guid isPermaLink="false">`. The sitemap
// protocol requires absolute URLs: without a base URL there is no sitemap (the export dialog says why).
import { escapeAttribute, escapeHtml } from '../markdown/html'
import { absoluteUrl, itemUrn } from './paths'
import type { PortfolioProfile } from './types'

export interface FeedEntry {
  id: string
  title: string
  /** Site path of the entry's page (or page#anchor). */
  path: string
  /** `YYYY-MM-DD` the entry counts from. */
  date: string
  updatedAt: number
  summary: string
  /** HTML content; image sources relative to `path`'s folder are made absolute when there is a base URL. */
  html: string
  tags: readonly string[]
}

export const FEED_PATHS = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json', sitemap: 'sitemap.xml' } as const
/** Entries in each feed: the newest ones (readers poll often; a 1,000-post feed is megabytes for nothing). */
export const FEED_SIZE = 50

const xml = (text: string): string => escapeHtml(text)
const xmlAttr = (text: string): string => escapeAttribute(text)

function dateMs(date: string, fallback: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : fallback
}

/** The entry's content with its relative image sources absolute (feed readers have no page to resolve them against). */
function absoluteContent(entry: FeedEntry, base: string | null): string {
  if (!base) return entry.html
  const folder = entry.path.slice(0, entry.path.lastIndexOf('/') + 1)
  return entry.html.replace(/(<img\b[^>]*?\ssrc=")([^":]+)"/g, (_, head: string, src: string) => `${head}${xmlAttr(base + folder)}${src}"`)
}

export interface FeedContext {
  profile: PortfolioProfile
  /** Normalised base URL (ending in '/'), or null. */
  base: string | null
  now: number
  title: string
  description: string
}

const link = (ctx: FeedContext, path: string): string => (ctx.base ? absoluteUrl(ctx.base, path) : path)

export function rssFeed(ctx: FeedContext, entries: readonly FeedEntry[]): string {
  const items = entries.map((e) => {
    const published = new Date(dateMs(e.date, e.updatedAt)).toUTCString()
    return [
      '<item>',
      `<title>${xml(e.title)}</title>`,
      `<link>${xml(link(ctx, e.path))}</link>`,
      ctx.base ? `<guid isPermaLink="true">${xml(link(ctx, e.path))}</guid>` : `<guid isPermaLink="false">${xml(itemUrn(e.id))}</guid>`,
      `<pubDate>${published}</pubDate>`,
      e.summary ? `<description>${xml(e.summary)}</description>` : '',
      `<content:encoded>${xml(absoluteContent(e, ctx.base))}</content:encoded>`,
      ...e.tags.map((t) => `<category>${xml(t)}</category>`),
      '</item>',
    ]
      .filter(Boolean)
      .join('\n')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    `<title>${xml(ctx.title)}</title>`,
    `<link>${xml(link(ctx, 'index.html'))}</link>`,
    `<description>${xml(ctx.description)}</description>`,
    `<language>${ctx.profile.language}</language>`,
    `<lastBuildDate>${new Date(ctx.now).toUTCString()}</lastBuildDate>`,
    '<generator>Baluchon</generator>',
    ctx.base ? `<atom:link href="${xmlAttr(link(ctx, FEED_PATHS.rss))}" rel="self" type="application/rss+xml"/>` : '',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ]
    .filter(Boolean)
    .join('\n')
}

export function atomFeed(ctx: FeedContext, entries: readonly FeedEntry[]): string {
  const updated = new Date(Math.max(0, ...entries.map((e) => e.updatedAt)) || ctx.now).toISOString()
  const body = entries.map((e) =>
    [
      '<entry>',
      `<title>${xml(e.title)}</title>`,
      `<id>${xml(ctx.base ? link(ctx, e.path) : itemUrn(e.id))}</id>`,
      `<link rel="alternate" type="text/html" href="${xmlAttr(link(ctx, e.path))}"/>`,
      `<published>${new Date(dateMs(e.date, e.updatedAt)).toISOString()}</published>`,
      `<updated>${new Date(e.updatedAt).toISOString()}</updated>`,
      e.summary ? `<summary>${xml(e.summary)}</summary>` : '',
      `<content type="html">${xml(absoluteContent(e, ctx.base))}</content>`,
      ...e.tags.map((t) => `<category term="${xmlAttr(t)}"/>`),
      '</entry>',
    ]
      .filter(Boolean)
      .join('\n'),
  )
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.profile.language}">`,
    `<title>${xml(ctx.title)}</title>`,
    ctx.description ? `<subtitle>${xml(ctx.description)}</subtitle>` : '',
    `<id>${xml(ctx.base ? ctx.base : `urn:uuid:${ctx.profile.siteId}`)}</id>`,
    `<updated>${updated}</updated>`,
    `<author><name>${xml(ctx.profile.name)}</name>${ctx.base ? `<uri>${xml(ctx.base)}</uri>` : ''}</author>`,
    `<link rel="alternate" type="text/html" href="${xmlAttr(link(ctx, 'index.html'))}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlAttr(link(ctx, FEED_PATHS.atom))}"/>`,
    '<generator>Baluchon</generator>',
    ...body,
    '</feed>',
    '',
  ]
    .filter(Boolean)
    .join('\n')
}

export function jsonFeed(ctx: FeedContext, entries: readonly FeedEntry[], iconPath: string | null): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: ctx.title,
    ...(ctx.base ? { home_page_url: ctx.base, feed_url: link(ctx, FEED_PATHS.json) } : {}),
    ...(ctx.description ? { description: ctx.description } : {}),
    ...(ctx.base && iconPath ? { icon: link(ctx, iconPath), favicon: link(ctx, iconPath) } : {}),
    authors: [{ name: ctx.profile.name, ...(ctx.base ? { url: ctx.base } : {}), ...(ctx.base && iconPath ? { avatar: link(ctx, iconPath) } : {}) }],
    language: ctx.profile.language,
    items: entries.map((e) => ({
      id: ctx.base ? link(ctx, e.path) : itemUrn(e.id),
      ...(ctx.base ? { url: link(ctx, e.path) } : {}),
      title: e.title,
      content_html: absoluteContent(e, ctx.base),
      ...(e.summary ? { summary: e.summary } : {}),
      date_published: new Date(dateMs(e.date, e.updatedAt)).toISOString(),
      date_modified: new Date(e.updatedAt).toISOString(),
      ...(e.tags.length ? { tags: [...e.tags] } : {}),
    })),
  }
  return `${JSON.stringify(feed, null, 2)}\n`
}

export interface SitemapPage {
  path: string
  lastModified?: number
}

/** Null without a base URL (the protocol requires absolute addresses). */
export function sitemap(base: string | null, pages: readonly SitemapPage[]): string | null {
  if (!base) return null
  const urls = pages.map(
    (p) => `<url><loc>${xml(absoluteUrl(base, p.path))}</loc>${p.lastModified ? `<lastmod>${new Date(p.lastModified).toISOString().slice(0, 10)}</lastmod>` : ''}</url>`,
  )
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n')
}

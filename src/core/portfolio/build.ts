// The public portfolio site: the person's profile, their selected posts, talks and curated links, and their
// affiliations, as a static folder of HTML pages, one stylesheet, images, feeds and a sitemap. Pure (no DOM,
// no Dexie): the app, the bench and the tests call it alike.
//
//   index.html                      home: photo, name, headline, bio, links, latest of each section
//   posts/index.html, page-2.html…  the posts, newest first          posts/<slug>/index.html  one post + its images
//   talks/index.html, page-2.html…  talks with schema.org Event JSON-LD
//   reading/index.html, page-2.html… the reading list with the person's commentary (reading/<slug>/ its images)
//   timeline/index.html             the affiliations
//   style.css  photo.<ext>  feed.xml  atom.xml  feed.json  sitemap.xml (with a base URL only)
//   print.html                      (PDF only) every section on one page, for printing
//
// Safety: every text is escaped where it is written; document bodies go through the single-item export's
// renderer (src/core/markdown/html.ts: http(s)/mailto links only, images only from the files written here);
// each page carries a Content-Security-Policy that lets it load only its own stylesheet and images, so
// nothing external is ever requested and no script runs. Confidential items never get in: the builder
// applies `inPortfolio` itself, whatever it was given.
import { careerResolver, contributionDate, inPortfolio, localIsoDate, sortAffiliations, type Affiliation } from '../career'
import { docAttachmentIds, type RichNode } from '../doc'
import type { Item, LinkItem, PostItem, TalkItem } from '../items'
import { DEFAULT_HTML_LABELS, docToPageHtml, escapeAttribute, escapeHtml, safeHref } from '../markdown/html'
import { readingMinutes, wordCount } from '../text'
import { SITE_CSS } from './css'
import { atomFeed, FEED_PATHS, FEED_SIZE, jsonFeed, rssFeed, sitemap, type FeedContext, type FeedEntry, type SitemapPage } from './feeds'
import { absoluteUrl, createSlugAllocator, imageExtension, imageStem, listPagePath, normalizeBaseUrl, relativeHref } from './paths'
import { formatIsoDate, SITE_STRINGS, type SiteStrings } from './strings'
import type { PortfolioInput, PortfolioSummary, SiteFile } from './types'

export const PAGE_SIZES = { posts: 50, talks: 50, reading: 100 } as const
export const SITE_CSP = "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'"

/** The items the site shows, by kind, each sorted newest first. */
export interface PortfolioSelection {
  posts: PostItem[]
  talks: TalkItem[]
  links: LinkItem[]
}

/** Applies the one selection rule (`inPortfolio` under the item's effective label): never a confidential item. */
export function selectForPortfolio(items: readonly Item[], career: PortfolioInput['career']): PortfolioSelection {
  const resolve = careerResolver(career)
  const posts: PostItem[] = []
  const talks: TalkItem[] = []
  const links: LinkItem[] = []
  for (const item of items) {
    if (!inPortfolio(item, resolve(item).label)) continue
    if (item.kind === 'post') posts.push(item)
    else if (item.kind === 'talk') talks.push(item)
    else if (item.kind === 'link') links.push(item)
  }
  // Dates computed once per item, not once per comparison.
  const dates = new Map<string, string>()
  const dateOf = (item: Item): string => {
    let date = dates.get(item.id)
    if (date === undefined) dates.set(item.id, (date = contributionDate(item)))
    return date
  }
  const byDate = (a: Item, b: Item): number => dateOf(b).localeCompare(dateOf(a)) || b.createdAt - a.createdAt || a.id.localeCompare(b.id)
  posts.sort(byDate)
  talks.sort(byDate)
  links.sort((a, b) => b.savedAt - a.savedAt || a.id.localeCompare(b.id))
  return { posts, talks, links }
}

// ------------------------------------------------------------------------------------------------- plan

interface PlannedImage {
  attachmentId: string
  /** Site path of the file. */
  path: string
}

interface PlannedItem<T extends Item> {
  item: T
  slug: string
  /** Site path of the item's own page (posts) or of its entry on a list page with its anchor (talks, links). */
  href: string
  /** The item's images by attachment id → site path. */
  images: Map<string, string>
}

interface Plan {
  posts: PlannedItem<PostItem>[]
  talks: PlannedItem<TalkItem>[]
  links: PlannedItem<LinkItem>[]
  affiliations: Affiliation[]
  logos: Map<string, string>
  photo: string | null
  imageFiles: PlannedImage[]
  missingImages: number
  counts: Map<string, { posts: number; talks: number; links: number }>
}

function pageCount(n: number, size: number): number {
  return Math.max(1, Math.ceil(n / size))
}

/**
 * Each item's folder or anchor name, given oldest first: a newer post with the same slug gets the number, so
 * publishing something new never moves an older page (its address in feeds, bookmarks and search engines).
 */
function slugsOldestFirst<T extends Item>(items: readonly T[], names: (item: T) => [string, string]): Map<string, string> {
  const allocate = createSlugAllocator()
  const oldestFirst = [...items].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  return new Map(oldestFirst.map((item) => [item.id, allocate(...names(item))]))
}

function plan(input: PortfolioInput): Plan {
  const selection = selectForPortfolio(input.items, input.career)
  const imageFiles: PlannedImage[] = []
  let missingImages = 0
  const placeImages = (doc: RichNode, folder: string): Map<string, string> => {
    const placed = new Map<string, string>()
    const taken = new Set(['index'])
    for (const id of docAttachmentIds(doc)) {
      const image = input.images.get(id)
      const ext = image ? imageExtension(image.mime) : null
      if (!image || !ext) {
        missingImages++
        continue
      }
      const stem = imageStem(image.name)
      let name = stem
      for (let n = 2; taken.has(name); n++) name = `${stem}-${n}`
      taken.add(name)
      const path = `${folder}/${name}.${ext}`
      placed.set(id, path)
      imageFiles.push({ attachmentId: id, path })
    }
    return placed
  }
  const postSlug = slugsOldestFirst(selection.posts, (item) => [item.slug, item.title])
  const posts = selection.posts.map((item) => {
    const slug = postSlug.get(item.id)!
    return { item, slug, href: `posts/${slug}/index.html`, images: placeImages(item.body, `posts/${slug}`) }
  })
  const talkSlug = slugsOldestFirst(selection.talks, (item) => [item.title, item.event])
  const talks = selection.talks.map((item, i) => {
    const slug = talkSlug.get(item.id)!
    return { item, slug, href: `${listPagePath('talks', Math.floor(i / PAGE_SIZES.talks) + 1)}#${slug}`, images: new Map<string, string>() }
  })
  const linkSlug = slugsOldestFirst(selection.links, (item) => [item.title, item.siteName])
  const links = selection.links.map((item, i) => {
    const slug = linkSlug.get(item.id)!
    return { item, slug, href: `${listPagePath('reading', Math.floor(i / PAGE_SIZES.reading) + 1)}#${slug}`, images: placeImages(item.body, `reading/${slug}`) }
  })
  const affiliations = sortAffiliations(input.career.affiliations)
  const logos = new Map<string, string>()
  const logoSlug = createSlugAllocator()
  for (const a of affiliations) {
    const image = a.logoAttachmentId ? input.images.get(a.logoAttachmentId) : undefined
    const ext = image ? imageExtension(image.mime) : null
    if (!a.logoAttachmentId || !ext) continue
    const path = `timeline/${logoSlug(a.organisation, 'logo')}-logo.${ext}`
    logos.set(a.id, path)
    imageFiles.push({ attachmentId: a.logoAttachmentId, path })
  }
  let photo: string | null = null
  const photoImage = input.profile.photoAttachmentId ? input.images.get(input.profile.photoAttachmentId) : undefined
  const photoExt = photoImage ? imageExtension(photoImage.mime) : null
  if (input.profile.photoAttachmentId && photoExt) {
    photo = `photo.${photoExt}`
    imageFiles.push({ attachmentId: input.profile.photoAttachmentId, path: photo })
  }
  // What each affiliation contributed to the site (shown on the timeline).
  const resolve = careerResolver(input.career)
  const counts = new Map<string, { posts: number; talks: number; links: number }>()
  const count = (item: Item, key: 'posts' | 'talks' | 'links'): void => {
    const affiliation = resolve(item).affiliation
    if (!affiliation) return
    const c = counts.get(affiliation.id) ?? { posts: 0, talks: 0, links: 0 }
    c[key]++
    counts.set(affiliation.id, c)
  }
  for (const p of posts) count(p.item, 'posts')
  for (const t of talks) count(t.item, 'talks')
  for (const l of links) count(l.item, 'links')
  return { posts, talks, links, affiliations, logos, photo, imageFiles, missingImages, counts }
}

// ------------------------------------------------------------------------------------------------ markup

type Section = 'home' | 'posts' | 'talks' | 'reading' | 'timeline'

interface Ctx {
  input: PortfolioInput
  plan: Plan
  s: SiteStrings
  base: string | null
  title: string
}

const attr = (name: string, value: string): string => ` ${name}="${escapeAttribute(value)}"`

function time(ctx: Ctx, date: string): string {
  return date ? `<time${attr('datetime', date)}>${escapeHtml(formatIsoDate(date, ctx.input.profile.language))}</time>` : ''
}

function externalLink(url: string, text: string, className?: string): string {
  const href = safeHref(url)
  if (!href) return escapeHtml(text)
  return `<a${attr('href', href)}${className ? attr('class', className) : ''} rel="noopener noreferrer">${escapeHtml(text)}</a>`
}

function paragraphs(text: string, className?: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p${className ? attr('class', className) : ''} dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n')
}

function navSections(ctx: Ctx): Section[] {
  const { plan } = ctx
  return (['home', 'posts', 'talks', 'reading', 'timeline'] as const).filter(
    (s) => s === 'home' || (s === 'posts' ? plan.posts.length : s === 'talks' ? plan.talks.length : s === 'reading' ? plan.links.length : plan.affiliations.length) > 0,
  )
}

const SECTION_PATH: Record<Section, string> = {
  home: 'index.html',
  posts: 'posts/index.html',
  talks: 'talks/index.html',
  reading: 'reading/index.html',
  timeline: 'timeline/index.html',
}

function sectionLabel(s: SiteStrings, section: Section): string {
  return { home: s.home, posts: s.posts, talks: s.talks, reading: s.reading, timeline: s.timeline }[section]
}

interface PageSpec {
  path: string
  title: string
  description?: string
  current: Section | null
  main: string
  wide?: boolean
  /** JSON-LD objects (schema.org). */
  jsonLd?: unknown[]
}

/** JSON inside <script type="application/ld+json">: `<` escaped so no text can close the element. */
function jsonLdScript(data: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}</script>`
}

function page(ctx: Ctx, spec: PageSpec): SiteFile {
  const { s, input } = ctx
  const to = (target: string): string => relativeHref(spec.path, target)
  const fullTitle = spec.current === 'home' ? ctx.title : `${spec.title} — ${ctx.title}`
  const description = spec.description ?? input.profile.headline
  const nav = navSections(ctx)
    .map((section) => {
      const current = section === spec.current ? ' aria-current="page"' : ''
      return `<li><a${attr('href', to(SECTION_PATH[section]))}${current}>${escapeHtml(sectionLabel(s, section))}</a></li>`
    })
    .join('')
  const year = new Date(input.now).getUTCFullYear()
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy"${attr('content', SITE_CSP)}>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Baluchon">',
    '<meta name="color-scheme" content="light dark">',
    description ? `<meta name="description"${attr('content', description.replace(/\s+/g, ' ').trim().slice(0, 300))}>` : '',
    input.profile.name ? `<meta name="author"${attr('content', input.profile.name)}>` : '',
    `<title>${escapeHtml(fullTitle)}</title>`,
    `<link rel="stylesheet"${attr('href', to('style.css'))}>`,
    ctx.base ? `<link rel="canonical"${attr('href', absoluteUrl(ctx.base, spec.path))}>` : '',
    `<link rel="alternate" type="application/rss+xml"${attr('title', `${ctx.title} (RSS)`)}${attr('href', to(FEED_PATHS.rss))}>`,
    `<link rel="alternate" type="application/atom+xml"${attr('title', `${ctx.title} (Atom)`)}${attr('href', to(FEED_PATHS.atom))}>`,
    `<link rel="alternate" type="application/feed+json"${attr('title', `${ctx.title} (JSON Feed)`)}${attr('href', to(FEED_PATHS.json))}>`,
    ...(spec.jsonLd ?? []).map(jsonLdScript),
  ].filter(Boolean)
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${input.profile.language}">`,
    '<head>',
    ...head,
    '</head>',
    '<body>',
    `<a class="skip" href="#main">${escapeHtml(s.skip)}</a>`,
    `<header class="site-header"><nav${attr('aria-label', s.siteNav)}><a class="brand"${attr('href', to('index.html'))}>${escapeHtml(ctx.title)}</a><ul>${nav}</ul></nav></header>`,
    `<main id="main"${spec.wide ? ' class="wide"' : ''}>`,
    spec.main,
    '</main>',
    '<footer class="site-footer"><div>',
    `<p>© ${year} ${escapeHtml(input.profile.name || ctx.title)} · ${escapeHtml(s.madeWith)}</p>`,
    `<ul${attr('aria-label', s.feeds)}><li><a${attr('href', to(FEED_PATHS.rss))}>RSS</a></li><li><a${attr('href', to(FEED_PATHS.atom))}>Atom</a></li><li><a${attr('href', to(FEED_PATHS.json))}>JSON Feed</a></li></ul>`,
    '</div></footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
  return { path: spec.path, data: html, compress: true }
}

function bodyHtml(ctx: Ctx, doc: RichNode, images: Map<string, string>, fromPath: string): string {
  const labels = { ...DEFAULT_HTML_LABELS, taskDone: ctx.s.taskDone, taskTodo: ctx.s.taskTodo }
  return docToPageHtml(doc, {
    imageSrc: (id) => {
      const path = images.get(id)
      return path ? relativeHref(fromPath, path) : null
    },
    labels,
  })
}

function postMeta(ctx: Ctx, post: PostItem): string {
  const minutes = readingMinutes(wordCount(post.bodyText))
  return `<span>${time(ctx, contributionDate(post))}</span><span>${escapeHtml(ctx.s.readingMinutes(minutes))}</span>`
}

function postTitle(ctx: Ctx, item: Item): string {
  return item.title.trim() || ctx.s.untitled
}

function postEntry(ctx: Ctx, p: PlannedItem<PostItem>, fromPath: string, heading: 'h2' | 'h3'): string {
  return [
    '<li>',
    `<${heading} dir="auto"><a${attr('href', relativeHref(fromPath, p.href))}>${escapeHtml(postTitle(ctx, p.item))}</a></${heading}>`,
    `<div class="entry-meta">${postMeta(ctx, p.item)}</div>`,
    p.item.excerpt.trim() ? `<p class="summary" dir="auto">${escapeHtml(p.item.excerpt.trim())}</p>` : '',
    '</li>',
  ]
    .filter(Boolean)
    .join('\n')
}

function talkDetails(ctx: Ctx, talk: TalkItem): string {
  const rows: string[] = []
  const row = (label: string, html: string): void => {
    if (html) rows.push(`<dt>${escapeHtml(label)}</dt><dd dir="auto">${html}</dd>`)
  }
  row(ctx.s.event, escapeHtml(talk.event.trim()))
  row(ctx.s.date, time(ctx, /^\d{4}-\d{2}-\d{2}$/.test(talk.date) ? talk.date : ''))
  row(ctx.s.place, escapeHtml(talk.place.trim()))
  if (safeHref(talk.slidesUrl)) row(ctx.s.slides, externalLink(talk.slidesUrl, ctx.s.slides))
  if (safeHref(talk.videoUrl)) row(ctx.s.video, externalLink(talk.videoUrl, ctx.s.video))
  return rows.length ? `<dl>${rows.join('')}</dl>` : ''
}

/** schema.org Event of a talk (https://schema.org/Event): the talk within its event, given by the person. */
function talkJsonLd(ctx: Ctx, t: PlannedItem<TalkItem>): Record<string, unknown> {
  const talk = t.item
  const event: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: postTitle(ctx, talk),
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    performer: { '@type': 'Person', name: ctx.input.profile.name },
    inLanguage: ctx.input.profile.language,
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(talk.date)) event.startDate = talk.date
  if (talk.abstract.trim()) event.description = talk.abstract.trim()
  if (talk.place.trim()) event.location = { '@type': 'Place', name: talk.place.trim(), address: talk.place.trim() }
  if (talk.event.trim()) event.superEvent = { '@type': 'Event', name: talk.event.trim() }
  if (ctx.base) event.url = absoluteUrl(ctx.base, t.href)
  const works: Record<string, unknown>[] = []
  const slides = safeHref(talk.slidesUrl)
  const video = safeHref(talk.videoUrl)
  if (slides) works.push({ '@type': 'PresentationDigitalDocument', name: postTitle(ctx, talk), url: slides })
  if (video) works.push({ '@type': 'VideoObject', name: postTitle(ctx, talk), url: video })
  if (works.length) event.subjectOf = works
  return event
}

function talkEntry(ctx: Ctx, t: PlannedItem<TalkItem>, heading: 'h2' | 'h3', anchor: boolean): string {
  return [
    `<li class="talk"${anchor ? attr('id', t.slug) : ''}>`,
    `<${heading} dir="auto">${escapeHtml(postTitle(ctx, t.item))}</${heading}>`,
    talkDetails(ctx, t.item),
    t.item.abstract.trim() ? paragraphs(t.item.abstract, 'summary') : '',
    '</li>',
  ]
    .filter(Boolean)
    .join('\n')
}

function linkEntry(ctx: Ctx, l: PlannedItem<LinkItem>, fromPath: string, heading: 'h2' | 'h3', anchor: boolean): string {
  const link = l.item
  const host = ((): string => {
    try {
      return new URL(link.url).hostname.replace(/^www\./, '')
    } catch {
      return ''
    }
  })()
  const source = link.siteName.trim() || host
  const commentary = link.bodyText.trim() ? bodyHtml(ctx, link.body, l.images, fromPath) : ''
  return [
    `<li${anchor ? attr('id', l.slug) : ''}>`,
    `<${heading} dir="auto">${externalLink(link.url, postTitle(ctx, link))}</${heading}>`,
    `<div class="entry-meta">${source ? `<span>${escapeHtml(source)}</span>` : ''}<span>${time(ctx, localIsoDate(link.savedAt))}</span></div>`,
    link.description.trim() ? `<p class="summary" dir="auto">${escapeHtml(link.description.trim())}</p>` : '',
    commentary ? `<div class="commentary">\n${commentary}</div>` : '',
    '</li>',
  ]
    .filter(Boolean)
    .join('\n')
}

function pagination(ctx: Ctx, section: string, current: number, total: number): string {
  if (total <= 1) return ''
  const from = listPagePath(section, current)
  const items: string[] = []
  if (current > 1) items.push(`<li><a rel="prev"${attr('href', relativeHref(from, listPagePath(section, current - 1)))}>${escapeHtml(ctx.s.previous)}</a></li>`)
  for (let n = 1; n <= total; n++) {
    // Around the current page, the first and the last; gaps as an ellipsis.
    if (n !== 1 && n !== total && Math.abs(n - current) > 2) {
      if (n === 2 || n === total - 1) items.push('<li aria-hidden="true">…</li>')
      continue
    }
    items.push(
      n === current
        ? `<li><span aria-current="page"${attr('aria-label', ctx.s.pageN(n))}>${n}</span></li>`
        : `<li><a${attr('href', relativeHref(from, listPagePath(section, n)))}${attr('aria-label', ctx.s.pageN(n))}>${n}</a></li>`,
    )
  }
  if (current < total) items.push(`<li><a rel="next"${attr('href', relativeHref(from, listPagePath(section, current + 1)))}>${escapeHtml(ctx.s.next)}</a></li>`)
  return `<nav class="pagination"${attr('aria-label', `${ctx.s.pagination}: ${ctx.s.pageOf(current, total)}`)}><ul>${items.join('')}</ul></nav>`
}

function sectionHead(ctx: Ctx, fromPath: string, title: string, allPath: string, allLabel: string): string {
  return `<div class="section-head"><h2>${escapeHtml(title)}</h2><a${attr('href', relativeHref(fromPath, allPath))}>${escapeHtml(allLabel)} →</a></div>`
}

function heroHtml(ctx: Ctx, fromPath: string, heading: 'h1' | 'h2'): string {
  const { profile } = ctx.input
  const links = profile.links
    .map((l) => ({ href: safeHref(l.url), label: l.label.trim() || l.url }))
    .filter((l): l is { href: string; label: string } => l.href !== null)
  return [
    '<div class="hero">',
    ctx.plan.photo ? `<img class="avatar"${attr('src', relativeHref(fromPath, ctx.plan.photo))}${attr('alt', ctx.s.photoOf(ctx.title))} width="256" height="256">` : '',
    `<div><${heading} dir="auto">${escapeHtml(ctx.title)}</${heading}>`,
    profile.headline.trim() ? `<p class="headline" dir="auto">${escapeHtml(profile.headline.trim())}</p>` : '',
    '</div></div>',
    paragraphs(profile.bio, 'bio'),
    links.length
      ? `<ul class="elsewhere"${attr('aria-label', ctx.s.elsewhere)}>${links.map((l) => `<li>${externalLink(l.href, l.label)}</li>`).join('')}</ul>`
      : '',
  ]
    .filter(Boolean)
    .join('\n')
}

function homePage(ctx: Ctx): SiteFile {
  const path = 'index.html'
  const { plan, s } = ctx
  const parts = [heroHtml(ctx, path, 'h1')]
  if (plan.posts.length) {
    parts.push(sectionHead(ctx, path, s.latestPosts, SECTION_PATH.posts, s.allPosts))
    parts.push(`<ul class="entries">${plan.posts.slice(0, 5).map((p) => postEntry(ctx, p, path, 'h3')).join('\n')}</ul>`)
  }
  if (plan.talks.length) {
    parts.push(sectionHead(ctx, path, s.recentTalks, SECTION_PATH.talks, s.allTalks))
    parts.push(
      `<ul class="entries">${plan.talks
        .slice(0, 3)
        .map((t) => `<li><h3 dir="auto"><a${attr('href', t.href)}>${escapeHtml(postTitle(ctx, t.item))}</a></h3><div class="entry-meta">${[escapeHtml(t.item.event.trim()), time(ctx, /^\d{4}-\d{2}-\d{2}$/.test(t.item.date) ? t.item.date : '')].filter(Boolean).map((x) => `<span>${x}</span>`).join('')}</div></li>`)
        .join('\n')}</ul>`,
    )
  }
  if (plan.links.length) {
    parts.push(sectionHead(ctx, path, s.recentReading, SECTION_PATH.reading, s.allReading))
    parts.push(`<ul class="entries">${plan.links.slice(0, 5).map((l) => linkEntry(ctx, l, path, 'h3', false)).join('\n')}</ul>`)
  }
  const person: Record<string, unknown> = { '@context': 'https://schema.org', '@type': 'Person', name: ctx.input.profile.name }
  if (ctx.input.profile.headline.trim()) person.jobTitle = ctx.input.profile.headline.trim()
  const sameAs = ctx.input.profile.links.map((l) => safeHref(l.url)).filter((u): u is string => !!u && /^https?:/i.test(u))
  if (sameAs.length) person.sameAs = sameAs
  if (ctx.base) person.url = ctx.base
  return page(ctx, { path, title: ctx.title, current: 'home', main: parts.join('\n'), jsonLd: [person] })
}

function* listPages<T>(
  ctx: Ctx,
  section: 'posts' | 'talks' | 'reading',
  entries: readonly T[],
  size: number,
  render: (entry: T, fromPath: string) => string,
  jsonLd?: (entry: T) => unknown,
): Generator<SiteFile> {
  const total = pageCount(entries.length, size)
  const intro = section === 'talks' ? ctx.s.talksIntro : section === 'reading' ? ctx.s.readingIntro : ''
  const label = sectionLabel(ctx.s, section)
  for (let n = 1; n <= total; n++) {
    const path = listPagePath(section, n)
    const slice = entries.slice((n - 1) * size, n * size)
    const title = total > 1 && n > 1 ? `${label} — ${ctx.s.pageN(n)}` : label
    const main = [
      `<h1>${escapeHtml(label)}</h1>`,
      intro ? `<p class="lead">${escapeHtml(intro)}</p>` : '',
      slice.length ? `<ul class="entries">\n${slice.map((e) => render(e, path)).join('\n')}\n</ul>` : `<p>${escapeHtml(ctx.s.empty)}</p>`,
      pagination(ctx, section, n, total),
    ]
      .filter(Boolean)
      .join('\n')
    yield page(ctx, { path, title, current: section, main, jsonLd: jsonLd ? slice.map(jsonLd) : undefined })
  }
}

function postPage(ctx: Ctx, p: PlannedItem<PostItem>): SiteFile {
  const post = p.item
  const canonical = safeHref(post.canonicalUrl)
  const main = [
    '<article>',
    `<h1 dir="auto">${escapeHtml(postTitle(ctx, post))}</h1>`,
    `<div class="meta">${postMeta(ctx, post)}</div>`,
    post.excerpt.trim() ? paragraphs(post.excerpt, 'lead') : '',
    bodyHtml(ctx, post.body, p.images, p.href),
    post.tags.length ? `<ul class="tags"${attr('aria-label', ctx.s.tags)}>${post.tags.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>` : '',
    canonical ? `<p class="meta">${escapeHtml(ctx.s.originallyAt)} ${externalLink(canonical, canonical)}</p>` : '',
    '</article>',
    `<p class="back"><a${attr('href', relativeHref(p.href, SECTION_PATH.posts))}>← ${escapeHtml(ctx.s.backToPosts)}</a></p>`,
  ]
    .filter(Boolean)
    .join('\n')
  const article: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: postTitle(ctx, post),
    datePublished: contributionDate(post),
    dateModified: new Date(post.updatedAt).toISOString(),
    author: { '@type': 'Person', name: ctx.input.profile.name },
    inLanguage: ctx.input.profile.language,
  }
  if (ctx.base) article.url = absoluteUrl(ctx.base, p.href)
  return page(ctx, { path: p.href, title: postTitle(ctx, post), description: post.excerpt.trim() || undefined, current: 'posts', main, jsonLd: [article] })
}

function timelineHtml(ctx: Ctx, fromPath: string, heading: 'h2' | 'h3'): string {
  const { plan, s } = ctx
  const items = plan.affiliations.map((a) => {
    const logo = plan.logos.get(a.id)
    const count = plan.counts.get(a.id)
    const contributed = count ? s.contributions(count) : ''
    return [
      '<li>',
      `<${heading} dir="auto">${logo ? `<img class="logo"${attr('src', relativeHref(fromPath, logo))} alt="" width="32" height="32">` : ''}${escapeHtml(a.organisation)}</${heading}>`,
      a.role.trim() ? `<p class="role" dir="auto">${escapeHtml(a.role.trim())}</p>` : '',
      `<p class="period">${time(ctx, a.start)} – ${a.end ? time(ctx, a.end) : escapeHtml(s.present)}</p>`,
      contributed ? `<p class="count">${escapeHtml(contributed)}</p>` : '',
      '</li>',
    ]
      .filter(Boolean)
      .join('\n')
  })
  return `<ol class="timeline">\n${items.join('\n')}\n</ol>`
}

function timelinePage(ctx: Ctx): SiteFile {
  const path = SECTION_PATH.timeline
  const main = [`<h1>${escapeHtml(ctx.s.timeline)}</h1>`, `<p class="lead">${escapeHtml(ctx.s.timelineIntro)}</p>`, timelineHtml(ctx, path, 'h2')].join('\n')
  return page(ctx, { path, title: ctx.s.timeline, current: 'timeline', main })
}

/** Every section on one page, for the PDF portfolio (printed with the same stylesheet's print rules). */
function printPage(ctx: Ctx): SiteFile {
  const path = 'print.html'
  const { plan, s } = ctx
  const sections = [`<section class="print-section">${heroHtml(ctx, path, 'h1')}</section>`]
  if (plan.affiliations.length) sections.push(`<section class="print-section"><h2>${escapeHtml(s.timeline)}</h2>${timelineHtml(ctx, path, 'h3')}</section>`)
  if (plan.talks.length) sections.push(`<section class="print-section"><h2>${escapeHtml(s.talks)}</h2><ul class="entries">${plan.talks.map((t) => talkEntry(ctx, t, 'h3', false)).join('\n')}</ul></section>`)
  if (plan.posts.length) {
    sections.push(
      `<section class="print-section"><h2>${escapeHtml(s.posts)}</h2>${plan.posts
        .map(
          (p) =>
            `<article class="print-post"><h3 dir="auto">${escapeHtml(postTitle(ctx, p.item))}</h3><div class="meta">${postMeta(ctx, p.item)}</div>${p.item.excerpt.trim() ? paragraphs(p.item.excerpt, 'lead') : ''}${bodyHtml(ctx, p.item.body, p.images, path)}</article>`,
        )
        .join('\n')}</section>`,
    )
  }
  if (plan.links.length) sections.push(`<section class="print-section"><h2>${escapeHtml(s.reading)}</h2><ul class="entries">${plan.links.map((l) => linkEntry(ctx, l, path, 'h3', false)).join('\n')}</ul></section>`)
  return page(ctx, { path, title: ctx.title, current: null, main: sections.join('\n') })
}

// ------------------------------------------------------------------------------------------------- build

export interface BuildOptions {
  /** Also write print.html (the PDF portfolio's single page). */
  print?: boolean
}

export interface PortfolioBuild {
  /** How many files `files()` yields (for a progress bar). */
  total: number
  summary: PortfolioSummary
  /** The files, one at a time, so a caller can give the event loop a turn between them. */
  files(): Generator<SiteFile>
}

function feedEntries(ctx: Ctx): FeedEntry[] {
  // The newest FEED_SIZE posts and talks first, then only their content rendered (a body is the costly part).
  type Candidate = { date: string; updatedAt: number; entry: () => FeedEntry }
  const candidates: Candidate[] = [
    ...ctx.plan.posts.map((p) => ({
      date: contributionDate(p.item),
      updatedAt: p.item.updatedAt,
      entry: (): FeedEntry => ({
        id: p.item.id,
        title: postTitle(ctx, p.item),
        path: p.href,
        date: contributionDate(p.item),
        updatedAt: p.item.updatedAt,
        summary: p.item.excerpt.trim(),
        html: bodyHtml(ctx, p.item.body, p.images, p.href),
        tags: p.item.tags,
      }),
    })),
    ...ctx.plan.talks.map((t) => ({
      date: contributionDate(t.item),
      updatedAt: t.item.updatedAt,
      entry: (): FeedEntry => ({
        id: t.item.id,
        title: postTitle(ctx, t.item),
        path: t.href,
        date: contributionDate(t.item),
        updatedAt: t.item.updatedAt,
        summary: t.item.abstract.trim(),
        html: `${talkDetails(ctx, t.item)}${paragraphs(t.item.abstract)}`,
        tags: t.item.tags,
      }),
    })),
  ]
  return candidates
    .sort((a, b) => b.date.localeCompare(a.date) || b.updatedAt - a.updatedAt)
    .slice(0, FEED_SIZE)
    .map((c) => c.entry())
}

/** Plans the site (selection, paths, images) and returns its files lazily. */
export function buildPortfolio(input: PortfolioInput, options: BuildOptions = {}): PortfolioBuild {
  const base = normalizeBaseUrl(input.profile.baseUrl)
  const s = SITE_STRINGS[input.profile.language] ?? SITE_STRINGS.en
  const planned = plan(input)
  const ctx: Ctx = { input, plan: planned, s, base, title: input.profile.name.trim() || s.untitled }
  const listPageCounts = {
    posts: planned.posts.length ? pageCount(planned.posts.length, PAGE_SIZES.posts) : 0,
    talks: planned.talks.length ? pageCount(planned.talks.length, PAGE_SIZES.talks) : 0,
    reading: planned.links.length ? pageCount(planned.links.length, PAGE_SIZES.reading) : 0,
  }
  const pages = 1 + planned.posts.length + listPageCounts.posts + listPageCounts.talks + listPageCounts.reading + (planned.affiliations.length ? 1 : 0)
  // style.css, 3 feeds, the sitemap (with a base URL), print.html (when asked).
  const extra = 4 + (base ? 1 : 0) + (options.print ? 1 : 0)
  const summary: PortfolioSummary = {
    posts: planned.posts.length,
    talks: planned.talks.length,
    links: planned.links.length,
    affiliations: planned.affiliations.length,
    images: planned.imageFiles.length,
    missingImages: planned.missingImages,
    pages,
    absoluteUrls: base !== null,
  }
  return {
    total: pages + extra + planned.imageFiles.length,
    summary,
    *files() {
      const sitemapPages: SitemapPage[] = []
      const html = (file: SiteFile, lastModified?: number): SiteFile => {
        sitemapPages.push({ path: file.path, lastModified })
        return file
      }
      yield { path: 'style.css', data: SITE_CSS + '\n', compress: true }
      yield html(homePage(ctx))
      if (planned.posts.length) yield* [...listPages(ctx, 'posts', planned.posts, PAGE_SIZES.posts, (p, from) => postEntry(ctx, p, from, 'h2'))].map((f) => html(f))
      for (const p of planned.posts) yield html(postPage(ctx, p), p.item.updatedAt)
      if (planned.talks.length) {
        yield* [...listPages(ctx, 'talks', planned.talks, PAGE_SIZES.talks, (t) => talkEntry(ctx, t, 'h2', true), (t) => talkJsonLd(ctx, t))].map((f) => html(f))
      }
      if (planned.links.length) yield* [...listPages(ctx, 'reading', planned.links, PAGE_SIZES.reading, (l, from) => linkEntry(ctx, l, from, 'h2', true))].map((f) => html(f))
      if (planned.affiliations.length) yield html(timelinePage(ctx))
      if (options.print) yield printPage(ctx)
      for (const image of planned.imageFiles) {
        const data = input.images.get(image.attachmentId)!.data
        yield { path: image.path, data: data as Uint8Array<ArrayBuffer>, compress: false }
      }
      const feedCtx: FeedContext = { profile: input.profile, base, now: input.now, title: ctx.title, description: input.profile.headline.trim() || ctx.title }
      const entries = feedEntries(ctx)
      yield { path: FEED_PATHS.rss, data: rssFeed(feedCtx, entries), compress: true }
      yield { path: FEED_PATHS.atom, data: atomFeed(feedCtx, entries), compress: true }
      yield { path: FEED_PATHS.json, data: jsonFeed(feedCtx, entries, planned.photo), compress: true }
      const map = sitemap(base, sitemapPages)
      if (map) yield { path: FEED_PATHS.sitemap, data: map, compress: true }
    },
  }
}

/** The whole site at once (tests, the bench's raw column). */
export function buildPortfolioSite(input: PortfolioInput, options: BuildOptions = {}): { files: SiteFile[]; summary: PortfolioSummary } {
  const build = buildPortfolio(input, options)
  return { files: [...build.files()], summary: build.summary }
}

/** Attachment ids the site needs the bytes of (post and link images, the photo, logos) for these items. */
export function portfolioImageIds(input: Omit<PortfolioInput, 'images' | 'now'>): string[] {
  const selection = selectForPortfolio(input.items, input.career)
  const ids = new Set<string>()
  for (const item of [...selection.posts, ...selection.links]) for (const id of docAttachmentIds(item.body)) ids.add(id)
  for (const a of input.career.affiliations) if (a.logoAttachmentId) ids.add(a.logoAttachmentId)
  if (input.profile.photoAttachmentId) ids.add(input.profile.photoAttachmentId)
  return [...ids]
}


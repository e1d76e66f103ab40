// One item as a standalone HTML5 page (single-item export). Written by hand from the document JSON with
// escaping at every output point, so it needs no DOM (it runs in a worker) and nothing in a document can
// become markup: text is escaped, attributes are always quoted and escaped, links keep only http(s) and
// mailto targets, images only the sources the caller maps attachments to (plus data:image/http(s)/blob:),
// code languages only a class-safe alphabet. A Content-Security-Policy meta tag forbids scripts besides.
// Remote images are written as links, never loaded (as in the editor: no tracking pixels, works offline).
import type { RichMark, RichNode } from '../doc'
import { attachmentIdFromSrc } from '../doc'
import type { Item, ItemKind } from '../items'
import { isSafeExternalUrl } from '../url'
import { MARK, NODE, isCellAlign, isMarkType, MARK_RANK, type MarkType } from './nodes'

export interface HtmlLabels {
  untitled: string
  kinds: Record<ItemKind, string>
  /** Status names by status value (post and talk statuses). */
  statuses: Record<string, string>
  kind: string
  status: string
  created: string
  updated: string
  tags: string
  event: string
  date: string
  place: string
  slides: string
  video: string
  url: string
  siteName: string
  saved: string
  read: string
  readYes: string
  readNo: string
  canonicalUrl: string
  taskDone: string
  taskTodo: string
}

/** English labels; the app passes its translated ones. */
export const DEFAULT_HTML_LABELS: HtmlLabels = {
  untitled: 'Untitled',
  kinds: { post: 'Post', talk: 'Talk', link: 'Link', note: 'Note' },
  statuses: {
    idea: 'Idea',
    draft: 'Draft',
    ready: 'Ready',
    published: 'Published',
    proposed: 'Proposed',
    accepted: 'Accepted',
    given: 'Given',
    declined: 'Declined',
  },
  kind: 'Kind',
  status: 'Status',
  created: 'Created',
  updated: 'Updated',
  tags: 'Tags',
  event: 'Event',
  date: 'Date',
  place: 'Place',
  slides: 'Slides',
  video: 'Video',
  url: 'Address',
  siteName: 'Site',
  saved: 'Saved',
  read: 'Read',
  readYes: 'Yes',
  readNo: 'Not yet',
  canonicalUrl: 'Canonical URL',
  taskDone: 'Done',
  taskTodo: 'To do',
}

export interface HtmlExportOptions {
  /** Where the page finds the image stored as attachment `id` (a relative path or a data: URL); null: none. */
  imageSrc(attachmentId: string): string | null
  /** BCP 47 language of the page (the app's language); anything else is left out. */
  lang?: string
  labels?: HtmlLabels
  /** Dates in the header; default `YYYY-MM-DD`. */
  formatDate?: (ms: number) => string
}

// -------------------------------------------------------------------------------------------- escaping

// eslint-disable-next-line no-control-regex
const NUL_OR_LONE_SURROGATE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function escapeHtml(text: string): string {
  return text
    .replace(NUL_OR_LONE_SURROGATE, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

// Browsers ignore tabs, newlines and leading control characters and spaces in a URL ("java\tscript:").
// eslint-disable-next-line no-control-regex
const URL_INVISIBLE = /[\u0000-\u0020\u007f-\u009f]/g

/** A link target the page may hold: absolute http(s) or mailto only. */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null
  const compact = href.replace(URL_INVISIBLE, '')
  if (!/^(?:https?:|mailto:)/i.test(compact)) return null
  return isSafeExternalUrl(href.trim()) ? href.trim() : null
}

const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*$/i

/** An image source: a relative path, an inline raster data: URL, http(s) or blob:. */
export function safeImageSrc(src: string | null): string | null {
  if (src === null) return null
  const compact = src.replace(URL_INVISIBLE, '')
  if (!compact) return null
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase()
  if (scheme === undefined) return compact.startsWith('//') ? null : src.trim()
  if (scheme === 'http' || scheme === 'https' || scheme === 'blob') return src.trim()
  if (scheme === 'data' && DATA_IMAGE.test(src.trim())) return src.trim()
  return null
}

function attrs(values: Record<string, string | null | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('')
}

// ---------------------------------------------------------------------------------------------- inline

const MARK_TAGS: Record<Exclude<MarkType, 'link'>, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  underline: 'u',
  code: 'code',
}

function cleanMarks(marks: readonly RichMark[] | undefined): RichMark[] {
  const seen = new Set<string>()
  return (marks ?? [])
    .filter((mark) => {
      if (!isMarkType(mark.type) || seen.has(mark.type)) return false
      seen.add(mark.type)
      return mark.type !== MARK.link || safeHref(mark.attrs?.href) !== null
    })
    .sort((a, b) => MARK_RANK[a.type as MarkType] - MARK_RANK[b.type as MarkType])
}

function sameMark(a: RichMark, b: RichMark): boolean {
  return a.type === b.type && (a.type !== MARK.link || (a.attrs?.href === b.attrs?.href && a.attrs?.title === b.attrs?.title))
}

function openTag(mark: RichMark, ctx: Context): string {
  if (mark.type === MARK.link) {
    const title = typeof mark.attrs?.title === 'string' && mark.attrs.title ? mark.attrs.title : null
    return `<a${attrs({ href: safeHref(mark.attrs?.href), title, rel: ctx.clean ? null : 'noopener noreferrer nofollow' })}>`
  }
  return `<${MARK_TAGS[mark.type as Exclude<MarkType, 'link'>]}>`
}

function closeTag(mark: RichMark): string {
  return mark.type === MARK.link ? '</a>' : `</${MARK_TAGS[mark.type as Exclude<MarkType, 'link'>]}>`
}

function inlineHtml(nodes: readonly RichNode[], ctx: Context): string {
  let out = ''
  const active: RichMark[] = []
  const closeTo = (keep: number): void => {
    while (active.length > keep) out += closeTag(active.pop()!)
  }
  for (const node of nodes) {
    if (node.type === NODE.hardBreak) {
      out += '<br>'
      continue
    }
    if (node.type === NODE.image) {
      out += imageHtml(node, ctx)
      continue
    }
    if (node.type !== NODE.text) {
      out += inlineHtml(node.content ?? [], ctx)
      continue
    }
    const marks = cleanMarks(node.marks)
    let keep = 0
    while (keep < active.length && keep < marks.length && sameMark(active[keep]!, marks[keep]!)) keep++
    closeTo(keep)
    for (const mark of marks.slice(keep)) {
      out += openTag(mark, ctx)
      active.push(mark)
    }
    out += escapeHtml(node.text ?? '')
  }
  closeTo(0)
  return out
}

// ---------------------------------------------------------------------------------------------- blocks

interface Context {
  imageSrc(attachmentId: string): string | null
  labels: HtmlLabels
  /**
   * Clean HTML for a blog (publishing to WordPress): semantic tags only, no class, style, dir or rel; stored
   * images keep their `attachment:<id>` source for the publisher to upload and rewrite; remote images stay images.
   */
  clean?: boolean
}

/** ` dir="auto"` on a standalone page (mixed-direction text), nothing in clean HTML. */
function dirAuto(ctx: Context): string {
  return ctx.clean ? '' : ' dir="auto"'
}

function str(node: RichNode, name: string): string {
  const value = node.attrs?.[name]
  return typeof value === 'string' ? value : ''
}

function imageHtml(node: RichNode, ctx: Context): string {
  const src = str(node, 'src')
  const alt = str(node, 'alt')
  const title = str(node, 'title') || null
  const id = attachmentIdFromSrc(src)
  if (ctx.clean) {
    // The id is the app's own (a ULID); anything odd in it is escaped like every attribute.
    if (id) return `<img${attrs({ src: `attachment:${id}`, alt, title })}>`
    const remote = safeHref(src)
    return remote && !remote.toLowerCase().startsWith('mailto:') ? `<img${attrs({ src: remote, alt, title })}>` : ''
  }
  if (id) {
    const mapped = safeImageSrc(ctx.imageSrc(id))
    if (mapped === null) return alt ? `<span class="missing-image">${escapeHtml(alt)}</span>` : ''
    return `<img${attrs({ src: mapped, alt, title, loading: 'lazy' })}>`
  }
  const href = safeHref(src)
  return href ? `<a${attrs({ href, rel: 'noopener noreferrer nofollow' })}>${escapeHtml(alt || src)}</a>` : ''
}

function languageClass(node: RichNode): string | null {
  const language = str(node, 'language').replace(/[^A-Za-z0-9_+#.-]/g, '').slice(0, 40)
  return language ? `language-${language}` : null
}

function blocksHtml(nodes: readonly RichNode[], ctx: Context): string {
  return nodes.map((node) => blockHtml(node, ctx)).join('')
}

function positiveInt(value: unknown): string | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 1 && value < 1000 ? String(value) : null
}

function blockHtml(node: RichNode, ctx: Context): string {
  const children = node.content ?? []
  switch (node.type) {
    case NODE.paragraph:
      return `<p${dirAuto(ctx)}>${inlineHtml(children, ctx)}</p>\n`
    case NODE.heading: {
      // The item's title is the page's h1: document headings 1-4 become h2-h5.
      const level = Math.min(Math.max(Number(node.attrs?.level) || 1, 1), 5) + 1
      return `<h${level}${dirAuto(ctx)}>${inlineHtml(children, ctx)}</h${level}>\n`
    }
    case NODE.blockquote:
      return `<blockquote>\n${blocksHtml(children, ctx)}</blockquote>\n`
    case NODE.codeBlock: {
      const text = children.map((child) => child.text ?? '').join('')
      return `<pre><code${attrs({ class: ctx.clean ? null : languageClass(node) })}>${escapeHtml(text)}</code></pre>\n`
    }
    case NODE.bulletList:
      return `<ul>\n${blocksHtml(children, ctx)}</ul>\n`
    case NODE.orderedList: {
      const start = node.attrs?.start
      const startAttr = typeof start === 'number' && Number.isInteger(start) && start !== 1 ? String(start) : null
      return `<ol${attrs({ start: startAttr })}>\n${blocksHtml(children, ctx)}</ol>\n`
    }
    case NODE.taskList:
      return `<ul${ctx.clean ? '' : ' class="tasks"'}>\n${blocksHtml(children, ctx)}</ul>\n`
    case NODE.listItem:
      return `<li${dirAuto(ctx)}>${blocksHtml(children, ctx)}</li>\n`
    case NODE.taskItem: {
      const done = node.attrs?.checked === true
      if (ctx.clean) {
        // Blogs strip form fields from post content: the box is a character, inside the first paragraph.
        const box = done ? '\u2611' : '\u2610'
        const [first, ...rest] = children
        const lead = first?.type === NODE.paragraph ? `<p>${box} ${inlineHtml(first.content ?? [], ctx)}</p>\n` : `<p>${box}</p>\n`
        return `<li>${lead}${blocksHtml(first?.type === NODE.paragraph ? rest : children, ctx)}</li>\n`
      }
      const label = done ? ctx.labels.taskDone : ctx.labels.taskTodo
      return `<li dir="auto" class="task"><input type="checkbox" disabled${done ? ' checked' : ''}${attrs({ 'aria-label': label })}>${blocksHtml(children, ctx)}</li>\n`
    }
    case NODE.horizontalRule:
      return '<hr>\n'
    case NODE.image:
      return `<figure>${imageHtml(node, ctx)}</figure>\n`
    case NODE.table:
      return `<table>\n${blocksHtml(children, ctx)}</table>\n`
    case NODE.tableRow:
      return `<tr>${blocksHtml(children, ctx)}</tr>\n`
    case NODE.tableHeader:
    case NODE.tableCell: {
      const tag = node.type === NODE.tableHeader ? 'th' : 'td'
      const align = node.attrs?.align
      return `<${tag}${attrs({
        colspan: positiveInt(node.attrs?.colspan),
        rowspan: positiveInt(node.attrs?.rowspan),
        style: !ctx.clean && isCellAlign(align) ? `text-align:${align}` : null,
      })}>${blocksHtml(children, ctx)}</${tag}>`
    }
    case NODE.text:
    case NODE.hardBreak:
      return `<p${dirAuto(ctx)}>${inlineHtml([node], ctx)}</p>\n`
    default:
      return blocksHtml(children, ctx)
  }
}

// ------------------------------------------------------------------------------------------------ page

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--border:#d1d9e0;--code:#f6f8fa;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--border:#3d444d;--code:#161b22;--accent:#4493f8}}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
article{max-width:42rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
h1{font-size:2rem;line-height:1.25;margin:0 0 .75rem}
a{color:var(--accent)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1.5rem;color:var(--muted);font-size:.9rem}
.meta dt{font-weight:600}.meta dd{margin:0}
.lead{font-size:1.15rem;color:var(--muted)}
pre{background:var(--code);padding:.75rem 1rem;border-radius:6px;overflow:auto}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
:not(pre)>code{background:var(--code);padding:.1em .3em;border-radius:4px}
blockquote{margin:1rem 0;padding:0 1rem;border-inline-start:4px solid var(--border);color:var(--muted)}
img{max-width:100%;height:auto}figure{margin:1.5rem 0}
table{border-collapse:collapse;margin:1rem 0;display:block;overflow:auto}
th,td{border:1px solid var(--border);padding:.35rem .7rem;vertical-align:top}th{background:var(--code)}
th p,td p{margin:0}
ul.tasks{list-style:none;padding-inline-start:1.25rem}li.task>input{margin-inline-end:.5rem}
li.task>p:first-of-type{display:inline}
hr{border:0;border-top:1px solid var(--border);margin:2rem 0}
.missing-image{font-style:italic;color:var(--muted)}
`.trim()

const CSP = "default-src 'none'; img-src * data: blob: file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

function isoDate(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : ''
}

function safeLang(lang: string | undefined): string | null {
  return lang && /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : null
}

/** A label by key, or the key itself ("toString" is a status value, not Object.prototype's method). */
function ownLabel(labels: Record<string, string>, key: string): string {
  const value = Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined
  return typeof value === 'string' ? value : key
}

function metaRows(item: Item, labels: HtmlLabels, formatDate: (ms: number) => string): string {
  const rows: string[] = []
  const row = (label: string, valueHtml: string): void => {
    if (valueHtml) rows.push(`<dt>${escapeHtml(label)}</dt><dd dir="auto">${valueHtml}</dd>`)
  }
  const link = (url: string): string => {
    const href = safeHref(url)
    return href ? `<a${attrs({ href, rel: 'noopener noreferrer nofollow' })}>${escapeHtml(url)}</a>` : escapeHtml(url)
  }
  row(labels.kind, escapeHtml(ownLabel(labels.kinds, item.kind)))
  if (item.status !== null) row(labels.status, escapeHtml(ownLabel(labels.statuses, item.status)))
  switch (item.kind) {
    case 'talk':
      row(labels.event, escapeHtml(item.event))
      row(labels.date, escapeHtml(item.date))
      row(labels.place, escapeHtml(item.place))
      if (item.slidesUrl) row(labels.slides, link(item.slidesUrl))
      if (item.videoUrl) row(labels.video, link(item.videoUrl))
      break
    case 'link':
      if (item.url) row(labels.url, link(item.url))
      row(labels.siteName, escapeHtml(item.siteName))
      row(labels.saved, escapeHtml(formatDate(item.savedAt)))
      row(labels.read, escapeHtml(item.read ? labels.readYes : labels.readNo))
      break
    case 'post':
      if (item.canonicalUrl) row(labels.canonicalUrl, link(item.canonicalUrl))
      break
    case 'note':
      break
  }
  row(labels.created, escapeHtml(formatDate(item.createdAt)))
  row(labels.updated, escapeHtml(formatDate(item.updatedAt)))
  if (item.tags.length) row(labels.tags, item.tags.map(escapeHtml).join(', '))
  return rows.length ? `<dl class="meta">\n${rows.join('\n')}\n</dl>\n` : ''
}

function leadText(item: Item): string {
  switch (item.kind) {
    case 'post':
      return item.excerpt
    case 'talk':
      return item.abstract
    case 'link':
      return item.description
    case 'note':
      return ''
  }
}

/**
 * A document's body as clean HTML for a blog post (see `Context.clean`): the publisher uploads the stored images
 * (`attachment:<id>` sources) and rewrites their `src`. Headings 1-4 become h2-h5, the title being the page's h1.
 */
export function docToCleanHtml(doc: RichNode): string {
  return blocksHtml(doc.content ?? [], { imageSrc: () => null, labels: DEFAULT_HTML_LABELS, clean: true })
}

/**
 * A document's body as page HTML (what the single-item page shows under its header): images through `imageSrc`,
 * headings 1-4 as h2-h5. Used by the portfolio site, whose pages keep their own layout around it.
 */
export function docToPageHtml(doc: RichNode, options: { imageSrc(attachmentId: string): string | null; labels?: HtmlLabels }): string {
  return blocksHtml(doc.content ?? [], { imageSrc: options.imageSrc, labels: options.labels ?? DEFAULT_HTML_LABELS })
}

/** The item as a complete, self-contained HTML5 document. */
export function itemToHtmlDocument(item: Item, options: HtmlExportOptions): string {
  const labels = options.labels ?? DEFAULT_HTML_LABELS
  const formatDate = options.formatDate ?? isoDate
  const ctx: Context = { imageSrc: options.imageSrc, labels }
  const title = item.title.trim() || labels.untitled
  const lead = leadText(item)
  const leadHtml = lead
    ? lead
        .split(/\n{2,}/)
        .map((paragraph) => `<p class="lead" dir="auto">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
        .join('\n') + '\n'
    : ''
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy"${attrs({ content: CSP })}>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Baluchon">',
    lead ? `<meta name="description"${attrs({ content: lead.replace(/\s+/g, ' ').trim().slice(0, 300) })}>` : '',
    item.tags.length ? `<meta name="keywords"${attrs({ content: item.tags.join(', ') })}>` : '',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
  ]
    .filter(Boolean)
    .join('\n')
  return [
    '<!DOCTYPE html>',
    `<html${attrs({ lang: safeLang(options.lang) })}>`,
    '<head>',
    head,
    '</head>',
    '<body>',
    '<article>',
    '<header>',
    `<h1 dir="auto">${escapeHtml(title)}</h1>`,
    metaRows(item, labels, formatDate) + leadHtml + '</header>',
    blocksHtml(item.body.content ?? [], ctx) + '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

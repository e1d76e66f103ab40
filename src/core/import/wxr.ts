// WordPress export files (WXR, "WordPress eXtended RSS", versions 1.0 to 1.2) to post drafts.
//
// Read with saxes, a streaming, well-formedness-checking XML parser that never expands DTD entities and
// never fetches anything: an entity declared in a DOCTYPE is refused outright ('entity-expansion'), an
// entity used without a declaration is a well-formedness error ('malformed'). What a streaming parser alone
// does not bound is cost, so before each chunk reaches saxes it is checked against caps measured on the
// reference machine (2 cores; see test/node/import/wxr.limits.test.ts): total size, character and entity
// references outside CDATA (a flood of `&#65;` costs saxes ~1.6 µs each), elements, attributes per element
// and nesting depth. Memory stays proportional to the input: the text is decoded and parsed 1 MB at a time
// and only the fields Baluchon keeps are collected.
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { normalizeTags } from '../items'
import { autop, looksLikeBlockEditorContent } from './autop'
import { parseIsoLike, parseLooseDate, parseWordPressDate } from './dates'
import { decodeChunks, assertWithinSize, newDecodeStats, sniffXmlEncoding } from './decode'
import { htmlMediaRefs, htmlToText } from './html'
import { progressTicker } from './progress'
import {
  ImportError,
  type ImportDraft,
  type ImportMediaRef,
  type ImportParseOptions,
  type ImportParseResult,
  type SkippedEntry,
} from './types'

export interface WxrParseOptions extends ImportParseOptions {
  /** WordPress post types imported as posts. Default: post and page. */
  postTypes?: readonly string[]
  /** Character and entity references allowed outside CDATA (default 250,000). */
  maxReferences?: number
  /** Elements allowed in the whole file (default 2,000,000). */
  maxElements?: number
  /** Items (posts, pages, attachments, menu entries...) allowed (default 150,000). */
  maxItems?: number
  /** Deepest element nesting allowed (default 64; a WXR file needs 6). */
  maxDepth?: number
  /** Keep WordPress's default "Uncategorized" category as a tag (default false: it says nothing). */
  keepUncategorized?: boolean
}

/**
 * 64 MiB, far above what WordPress's own importer accepts by default: a whole realistic export is read at
 * ~20 MB/s of CPU on the reference machine (XML, paragraphs, media; 60 MB in 2.8 s, see wxr.perf.test.ts),
 * and a 100 MB file is refused at once with 'too-large'. The caller may offer to retry with a larger
 * `maxBytes`: the parse is linear, only longer.
 */
export const WXR_DEFAULT_MAX_BYTES = 64 * 1024 * 1024
// Caps that no real export reaches within WXR_DEFAULT_MAX_BYTES but that stop hostile files early. WordPress
// puts every long text in CDATA, so references outside it are a few per item (an escaped title, a link);
// a plugin-heavy site has ~40 bytes per element (post meta); a real item weighs 1 KB or more.
export const WXR_DEFAULT_MAX_REFERENCES = 250_000
export const WXR_DEFAULT_MAX_ELEMENTS = 2_000_000
export const WXR_DEFAULT_MAX_ITEMS = 150_000
export const WXR_DEFAULT_MAX_DEPTH = 64
const MAX_ATTRIBUTES_PER_ELEMENT = 256
const MAX_TITLE_LENGTH = 500
const MAX_META_VALUE_LENGTH = 10_000

/** Namespace URIs WXR uses, to read files whatever prefixes they bind (WordPress always writes these). */
function canonicalPrefix(uri: string): string | null {
  if (/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/?$/.test(uri)) return 'excerpt'
  if (/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/?$/.test(uri)) return 'wp'
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content'
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc'
  return null
}

const CHANNEL_FIELDS = new Set(['title', 'link', 'description', 'language', 'wp:wxr_version', 'wp:base_site_url', 'wp:base_blog_url'])
const AUTHOR_FIELDS = new Set(['wp:author_login', 'wp:author_display_name'])
const ITEM_FIELDS = new Set([
  'title',
  'link',
  'pubDate',
  'dc:creator',
  'guid',
  'content:encoded',
  'excerpt:encoded',
  'wp:post_id',
  'wp:post_date',
  'wp:post_date_gmt',
  'wp:post_modified',
  'wp:post_modified_gmt',
  'wp:post_name',
  'wp:status',
  'wp:post_parent',
  'wp:post_type',
  'wp:post_password',
  'wp:is_sticky',
  'wp:attachment_url',
  'wp:menu_order',
])

interface RawCategory {
  domain: string
  nicename: string
  name: string
}

interface RawItem {
  fields: Map<string, string>
  categories: RawCategory[]
  meta: Map<string, string>
  comments: number
}

/** XML 1.0 forbids these characters; real exports contain them (pasted from Word, terminals): dropped. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Counts `&` references outside CDATA sections and comments, chunk by chunk (a token cut between two chunks
 * is carried over), so a reference flood is refused before saxes spends seconds on it.
 */
class ReferenceCounter {
  count = 0
  private mode: 'text' | 'cdata' | 'comment' = 'text'
  private carry = ''

  scan(chunk: string): void {
    const buf = this.carry + chunk
    let pos = 0
    for (;;) {
      if (this.mode !== 'text') {
        const end = buf.indexOf(this.mode === 'cdata' ? ']]>' : '-->', pos)
        if (end < 0) {
          pos = Math.max(pos, buf.length - 2)
          break
        }
        pos = end + 3
        this.mode = 'text'
        continue
      }
      const bang = buf.indexOf('<!', pos)
      const stop = bang < 0 ? buf.length : bang
      for (let amp = buf.indexOf('&', pos); amp >= 0 && amp < stop; amp = buf.indexOf('&', amp + 1)) this.count++
      if (bang < 0) {
        pos = buf.endsWith('<') ? buf.length - 1 : buf.length
        break
      }
      if (bang > buf.length - 9) {
        pos = bang
        break
      }
      if (buf.startsWith('<![CDATA[', bang)) {
        this.mode = 'cdata'
        pos = bang + 9
      } else if (buf.startsWith('<!--', bang)) {
        this.mode = 'comment'
        pos = bang + 4
      } else pos = bang + 2
    }
    this.carry = buf.slice(pos)
  }
}

function siteKeyOf(url: string): string | null {
  try {
    const u = new URL(url.trim())
    if (!u.hostname) return null
    const path = u.pathname.replace(/\/+$/, '')
    return `${u.hostname.toLowerCase()}${u.port ? `:${u.port}` : ''}${path}`
  } catch {
    return null
  }
}

function decodeSlug(raw: string): string {
  const trimmed = raw.trim()
  try {
    return decodeURIComponent(trimmed)
  } catch {
    return trimmed
  }
}

function httpUrl(raw: string, base: string | undefined): string | null {
  try {
    const url = base ? new URL(raw.trim(), base) : new URL(raw.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

const STATUS_MAP: Record<string, 'published' | 'draft' | 'ready'> = {
  publish: 'published',
  draft: 'draft',
  pending: 'draft',
  'auto-draft': 'draft',
  future: 'ready',
  private: 'draft',
}

const SHORTCODE = /\[(?:caption|gallery|embed|audio|video|playlist|youtube|vimeo|wpvideo|soundcloud|tweet|code|sourcecode)\b/i

/**
 * Reads a WordPress export. Throws ImportError: 'too-large', 'entity-expansion', 'malformed' (not
 * well-formed XML, truncated), 'not-this-format' (other XML, RSS without WordPress data, not XML at all),
 * 'unsupported-version', 'empty', 'cancelled'.
 */
export function parseWxr(input: string | Uint8Array, options: WxrParseOptions = {}): ImportParseResult {
  assertWithinSize(input, options.maxBytes ?? WXR_DEFAULT_MAX_BYTES)
  try {
    return readWxr(input, options, false)
  } catch (err) {
    // WordPress before 3.0.2 wrote "]]>" inside CDATA sections unescaped, which is not XML. WordPress's own
    // importer reads such files with a regex fallback; here the file is read again with those sections
    // re-escaped (only when the strict reading failed for exactly that reason, so valid files are untouched).
    if (err instanceof ImportError && err.code === 'malformed' && err.detail?.includes('"]]>" is disallowed')) {
      const result = readWxr(input, options, true)
      result.summary.cdataRepaired = 1
      return result
    }
    throw err
  }
}

/**
 * Re-escapes CDATA sections that wrap a whole element's text but contain "]]>": such a section is taken to
 * end at the first "]]>" directly followed by a closing tag, as WordPress's regex parser reads it.
 */
export function repairUnescapedCdata(xml: string): string {
  let out = ''
  let pos = 0
  for (;;) {
    const open = xml.indexOf('<![CDATA[', pos)
    if (open < 0) break
    let end = -1
    if (xml[open - 1] === '>') {
      for (let close = xml.indexOf(']]>', open + 9); close >= 0; close = xml.indexOf(']]>', close + 1)) {
        if (xml.startsWith('</', close + 3)) {
          end = close
          break
        }
      }
    }
    if (end < 0) {
      out += xml.slice(pos, open + 9)
      pos = open + 9
      continue
    }
    const text = xml.slice(open + 9, end).replaceAll(']]]]><![CDATA[>', ']]>')
    out += `${xml.slice(pos, open)}<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
    pos = end + 3
  }
  return out + xml.slice(pos)
}

function readWxr(input: string | Uint8Array, options: WxrParseOptions, repairCdata: boolean): ImportParseResult {
  const maxReferences = options.maxReferences ?? WXR_DEFAULT_MAX_REFERENCES
  const maxElements = options.maxElements ?? WXR_DEFAULT_MAX_ELEMENTS
  const maxDepth = options.maxDepth ?? WXR_DEFAULT_MAX_DEPTH
  const maxItems = options.maxItems ?? WXR_DEFAULT_MAX_ITEMS
  const postTypes = new Set(options.postTypes ?? ['post', 'page'])

  const stats = newDecodeStats()
  const ticker = progressTicker(options, typeof input === 'string' ? input.length : input.byteLength)
  const refs = new ReferenceCounter()
  const parser = new SaxesParser({ xmlns: false, position: true })

  const prefixes = new Map<string, string>()
  const channel = new Map<string, string>()
  const authors = new Map<string, string>()
  const items: RawItem[] = []
  const path: string[] = []
  let elements = 0
  let attributesHere = 0
  let sawRoot = false
  let sawChannel = false
  let item: RawItem | null = null
  let author: Map<string, string> | null = null
  let meta: Map<string, string> | null = null
  let capture: string[] | null = null
  let captureDepth = 0
  let category: { domain: string; nicename: string } | null = null
  let controlCharsRemoved = 0

  const canonical = (name: string): string => {
    const colon = name.indexOf(':')
    if (colon < 0) return name
    const mapped = prefixes.get(name.slice(0, colon))
    return mapped ? `${mapped}:${name.slice(colon + 1)}` : name
  }

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new ImportError('entity-expansion', 'The file declares XML entities, which a WordPress export never does; it was not read.')
    }
  })
  parser.on('attribute', () => {
    if (++attributesHere > MAX_ATTRIBUTES_PER_ELEMENT) throw new ImportError('malformed', 'An element has too many attributes.')
  })
  parser.on('opentag', (tag: SaxesTagPlain) => {
    attributesHere = 0
    if (++elements > maxElements) throw new ImportError('too-large', 'The file has too many XML elements.', `>${maxElements}`)
    if (!sawRoot) {
      sawRoot = true
      if (tag.name !== 'rss') throw new ImportError('not-this-format', 'This XML file is not a WordPress export (no <rss> root).', tag.name)
      for (const [attr, value] of Object.entries(tag.attributes)) {
        if (attr.startsWith('xmlns:')) {
          const prefix = canonicalPrefix(value)
          if (prefix) prefixes.set(attr.slice(6), prefix)
        }
      }
      if (![...prefixes.values()].includes('wp')) {
        throw new ImportError('not-this-format', 'This is an RSS feed, not a WordPress export (no WordPress namespace).')
      }
    }
    const name = canonical(tag.name)
    path.push(name)
    const depth = path.length
    if (depth > maxDepth) throw new ImportError('malformed', 'The XML is nested too deeply.', `>${maxDepth}`)
    if (capture) return
    if (depth === 2 && name === 'channel') sawChannel = true
    else if (depth === 3 && path[1] === 'channel') {
      if (name === 'item') {
        if (items.length >= maxItems) throw new ImportError('too-large', 'The file has too many entries.', `>${maxItems}`)
        item = { fields: new Map(), categories: [], meta: new Map(), comments: 0 }
      }
      else if (name === 'wp:author') author = new Map()
      else if (CHANNEL_FIELDS.has(name)) startCapture(depth)
    } else if (depth === 4 && item) {
      if (name === 'wp:comment') item.comments++
      else if (name === 'wp:postmeta') meta = new Map()
      else if (name === 'category') {
        category = { domain: tag.attributes.domain ?? '', nicename: tag.attributes.nicename ?? '' }
        startCapture(depth)
      } else if (ITEM_FIELDS.has(name)) startCapture(depth)
    } else if (depth === 4 && author && AUTHOR_FIELDS.has(name)) startCapture(depth)
    else if (depth === 5 && meta && (name === 'wp:meta_key' || name === 'wp:meta_value')) startCapture(depth)
  })
  parser.on('text', (text) => {
    capture?.push(text)
  })
  parser.on('cdata', (text) => {
    capture?.push(text)
  })
  parser.on('closetag', () => {
    const depth = path.length
    const name = path[depth - 1] ?? ''
    if (capture && depth === captureDepth) {
      const value = capture.join('')
      capture = null
      if (depth === 3) channel.set(name, value)
      else if (depth === 4 && item) {
        if (name === 'category' && category) {
          item.categories.push({ ...category, name: value })
          category = null
        } else item.fields.set(name, value)
      } else if (depth === 4 && author) author.set(name, value)
      else if (depth === 5 && meta) meta.set(name, value)
    } else if (!capture) {
      if (depth === 3 && name === 'item' && item) {
        items.push(item)
        item = null
      } else if (depth === 3 && name === 'wp:author' && author) {
        const login = author.get('wp:author_login')?.trim()
        if (login) authors.set(login, author.get('wp:author_display_name')?.trim() ?? '')
        author = null
      } else if (depth === 4 && name === 'wp:postmeta' && meta && item) {
        const key = meta.get('wp:meta_key')?.trim()
        if (key) item.meta.set(key, meta.get('wp:meta_value') ?? '')
        meta = null
      }
    }
    path.pop()
  })

  function startCapture(depth: number): void {
    capture = []
    captureDepth = depth
  }

  try {
    let chunks: Iterable<string> = decodeChunks(input, stats, { sniffDeclared: sniffXmlEncoding })
    let consumed = (): number => stats.consumed
    if (repairCdata) {
      let whole = ''
      for (const chunk of chunks) whole += chunk
      const second = newDecodeStats()
      chunks = decodeChunks(repairUnescapedCdata(whole), second)
      consumed = () => Math.round((second.consumed / Math.max(1, second.total)) * stats.total)
    }
    for (const chunk of chunks) {
      const clean = chunk.replace(XML_FORBIDDEN, () => {
        controlCharsRemoved++
        return ''
      })
      refs.scan(clean)
      if (refs.count > maxReferences) {
        throw new ImportError('entity-expansion', 'The file holds an abnormal number of character references; it was not read.', `>${maxReferences}`)
      }
      parser.write(clean)
      // Real exports spend well over 16 bytes per element and 1 KB per item (about 20 fields each); a
      // flood of tiny elements or empty items is refused at once instead of after the caps.
      if ((elements > 100_000 && consumed() / elements < 16) || (items.length > 10_000 && consumed() / items.length < 200)) {
        throw new ImportError('too-large', 'The file has an abnormal number of XML elements.', `${elements} elements, ${items.length} items`)
      }
      ticker.tick(consumed())
    }
    parser.close()
  } catch (err) {
    if (err instanceof ImportError) throw err
    const message = err instanceof Error ? err.message : String(err)
    if (!sawRoot && message.includes('must contain a root element')) throw new ImportError('empty', 'The file is empty.')
    if (!sawRoot) throw new ImportError('not-this-format', 'This file is not a WordPress export (not XML).', message)
    throw new ImportError('malformed', 'The WordPress export is damaged or incomplete and could not be read.', message)
  }
  if (!sawRoot) throw new ImportError('empty', 'The file is empty.')
  if (!sawChannel) throw new ImportError('not-this-format', 'This RSS file has no channel: it is not a WordPress export.')
  const version = channel.get('wp:wxr_version')?.trim() ?? ''
  if (!/^\d+\.\d+$/.test(version)) {
    throw new ImportError('not-this-format', 'This file has no valid WordPress export version.', version || 'missing')
  }
  if (Number(version.split('.')[0]) > 1) {
    throw new ImportError('unsupported-version', `This WordPress export uses format ${version}, which Baluchon does not know yet.`, version)
  }
  ticker.finish()

  const result = buildResult({ channel, authors, items, postTypes, keepUncategorized: options.keepUncategorized ?? false })
  result.summary.wxrVersion = version
  result.summary.encoding = stats.encoding
  if (stats.repairedBytes) result.summary.repairedBytes = stats.repairedBytes
  if (controlCharsRemoved) result.summary.controlCharsRemoved = controlCharsRemoved
  return result
}

interface BuildInput {
  channel: Map<string, string>
  authors: Map<string, string>
  items: RawItem[]
  postTypes: Set<string>
  keepUncategorized: boolean
}

function buildResult({ channel, authors, items, postTypes, keepUncategorized }: BuildInput): ImportParseResult {
  // Relative media paths resolve against the blog's root, which must end with "/" to count as a folder.
  const blogRoot = channel.get('wp:base_blog_url')?.trim() || channel.get('wp:base_site_url')?.trim() || channel.get('link')?.trim()
  const baseUrl = blogRoot ? blogRoot.replace(/\/*$/, '/') : undefined
  const site =
    siteKeyOf(channel.get('wp:base_site_url') ?? '') ??
    siteKeyOf(channel.get('link') ?? '') ??
    (htmlToText(channel.get('title') ?? '').toLowerCase() || 'unknown-site')
  const drafts: ImportDraft[] = []
  const skipped: SkippedEntry[] = []
  const draftsByPostId = new Map<string, ImportDraft>()
  const attachments: { id: string; parent: string; url: string; title: string }[] = []
  const thumbnails: { draft: ImportDraft; attachmentId: string }[] = []
  const seenKeys = new Set<string>()
  let commentsSkipped = 0
  let posts = 0
  let pages = 0
  let withShortcodes = 0

  for (const raw of items) {
    const f = (k: string): string => raw.fields.get(k) ?? ''
    const type = f('wp:post_type').trim() || 'post'
    const id = f('wp:post_id').trim()
    const titleText = htmlToText(f('title'))
    const label = titleText || (id ? `#${id}` : f('guid').trim() || '(untitled)')
    commentsSkipped += raw.comments

    if (type === 'attachment') {
      const url = httpUrl(f('wp:attachment_url') || f('guid'), baseUrl)
      if (url) attachments.push({ id, parent: f('wp:post_parent').trim(), url, title: titleText })
      skipped.push({ what: label, reason: 'attachment-post', detail: url ?? undefined })
      continue
    }
    if (!postTypes.has(type)) {
      skipped.push({ what: label, reason: 'unsupported-type', detail: type })
      continue
    }
    const wpStatus = f('wp:status').trim() || 'publish'
    if (wpStatus === 'trash' || wpStatus === 'inherit') {
      skipped.push({ what: label, reason: 'other', detail: `status ${wpStatus}` })
      continue
    }
    const sourceKey = id ? `wxr:${site}:${id}` : f('guid').trim() ? `wxr:${site}:guid:${f('guid').trim()}` : null
    if (!sourceKey) {
      skipped.push({ what: label, reason: 'malformed', detail: 'no post id' })
      continue
    }
    if (seenKeys.has(sourceKey)) {
      skipped.push({ what: label, reason: 'duplicate', detail: sourceKey })
      continue
    }
    const content = f('content:encoded')
    if (!titleText && !content.trim()) {
      skipped.push({ what: label, reason: 'empty' })
      continue
    }
    seenKeys.add(sourceKey)
    if (type === 'page') pages++
    else posts++
    if (SHORTCODE.test(content)) withShortcodes++

    const extra: Record<string, unknown> = { wordpressType: type, wordpressStatus: wpStatus }
    if (id) extra.wordpressId = Number(id) || id
    let title = titleText
    if (title.length > MAX_TITLE_LENGTH) {
      extra.fullTitle = title
      title = `${title.slice(0, MAX_TITLE_LENGTH - 1)}…`
    }
    if (!title) {
      const text = htmlToText(content)
      title = text.length > 80 ? `${text.slice(0, 79)}…` : text
      extra.untitled = true
    }
    const creator = f('dc:creator').trim()
    if (creator) {
      extra.author = creator
      const display = authors.get(creator)
      if (display) extra.authorName = display
    }
    if (wpStatus === 'private') extra.visibility = 'private'
    if (f('wp:post_password').trim()) extra.passwordProtected = true
    if (f('wp:is_sticky').trim() === '1') extra.sticky = true
    const parent = f('wp:post_parent').trim()
    if (parent && parent !== '0') extra.wordpressParentId = Number(parent) || parent
    const menuOrder = Number(f('wp:menu_order').trim())
    if (menuOrder) extra.menuOrder = menuOrder
    const link = f('link').trim()
    if (link) extra.link = link

    const created = parseWordPressDate(f('wp:post_date_gmt')) ?? parseWordPressDate(f('wp:post_date')) ?? rfc822(f('pubDate'))
    const modified = parseWordPressDate(f('wp:post_modified_gmt')) ?? parseWordPressDate(f('wp:post_modified')) ?? created
    if (wpStatus === 'future' && created !== null) extra.scheduledFor = new Date(created).toISOString()

    const tags: string[] = []
    const terms: Record<string, string[]> = {}
    for (const cat of raw.categories) {
      const name = htmlToText(cat.name)
      if (!name) continue
      const domain = cat.domain || 'category'
      if (domain === 'category') {
        if (!keepUncategorized && (cat.nicename === 'uncategorized' || (!cat.nicename && name === 'Uncategorized'))) continue
        tags.push(name)
      } else if (domain === 'post_tag' || domain === 'tag') tags.push(name)
      else if (domain === 'post_format') extra.postFormat = cat.nicename.replace(/^post-format-/, '') || name
      else {
        const names = (terms[domain] ??= [])
        if (!names.includes(name)) names.push(name)
      }
    }
    if (Object.keys(terms).length) extra.terms = terms
    const customFields: Record<string, string> = {}
    for (const [key, value] of raw.meta) {
      if (key === '_thumbnail_id') extra.featuredImageId = value.trim()
      else if (!key.startsWith('_')) customFields[key] = value.length > MAX_META_VALUE_LENGTH ? value.slice(0, MAX_META_VALUE_LENGTH) : value
    }
    if (Object.keys(customFields).length) extra.customFields = customFields

    const slug = decodeSlug(f('wp:post_name'))
    const fields: ImportDraft['fields'] = { slug, slugLocked: slug !== '', excerpt: htmlToText(f('excerpt:encoded')) }
    if (wpStatus === 'publish' && link) {
      const canonical = httpUrl(link, undefined)
      if (canonical) fields.canonicalUrl = canonical
    }
    const media: ImportDraft['media'] = []
    for (const ref of htmlMediaRefs(content)) {
      const url = httpUrl(ref.ref, baseUrl)
      if (url && !media.some((m) => m.ref === url)) media.push(ref.alt ? { ref: url, alt: ref.alt } : { ref: url })
    }
    const draft: ImportDraft = {
      kind: 'post',
      sourceKey,
      title,
      body: { format: 'html', source: looksLikeBlockEditorContent(content) ? content : autop(content) },
      tags: normalizeTags(tags),
      status: STATUS_MAP[wpStatus] ?? 'draft',
      createdAt: created,
      updatedAt: modified,
      fields,
      extra,
      media,
    }
    drafts.push(draft)
    if (id) draftsByPostId.set(id, draft)
    if (typeof extra.featuredImageId === 'string' && extra.featuredImageId) thumbnails.push({ draft, attachmentId: extra.featuredImageId })
  }

  // Attachments may come before or after their post in the file: tie them once everything is read.
  const allMedia: ImportMediaRef[] = []
  const attachmentUrlById = new Map(attachments.map((a) => [a.id, a.url]))
  for (const a of attachments) {
    const owner = a.parent && a.parent !== '0' ? draftsByPostId.get(a.parent) : undefined
    if (owner && !owner.media.some((m) => m.ref === a.url)) owner.media.push(a.title ? { ref: a.url, alt: a.title } : { ref: a.url })
  }
  for (const { draft, attachmentId } of thumbnails) {
    const url = attachmentUrlById.get(attachmentId)
    if (url) {
      draft.extra.featuredImage = url
      if (!draft.media.some((m) => m.ref === url)) draft.media.push({ ref: url })
    }
  }
  const referenced = new Set<string>()
  for (const draft of drafts) {
    for (const m of draft.media) {
      referenced.add(m.ref)
      allMedia.push({ ...m, sourceKey: draft.sourceKey })
    }
  }
  for (const a of attachments) if (!referenced.has(a.url)) allMedia.push(a.title ? { ref: a.url, alt: a.title } : { ref: a.url })

  const summary: ImportParseResult['summary'] = {
    siteTitle: htmlToText(channel.get('title') ?? ''),
    siteUrl: channel.get('wp:base_site_url')?.trim() || channel.get('link')?.trim() || '',
    posts,
    pages,
    attachments: attachments.length,
    media: allMedia.length,
    commentsSkipped,
    skipped: skipped.length,
  }
  if (withShortcodes) summary.postsWithShortcodes = withShortcodes
  return { drafts, skipped, summary, media: allMedia }
}

function rfc822(raw: string): number | null {
  const text = raw.trim()
  if (!text || /\s-\d{4}\s+\d/.test(text)) return null // WordPress writes "30 Nov -0001" for never-published drafts
  return parseIsoLike(text) ?? parseLooseDate(text)
}

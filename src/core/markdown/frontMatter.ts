// One item as a Markdown file with YAML front matter, and back. The keys are Baluchon's (title, kind, id,
// created, updated, tags, status and each kind's fields), plus `date` and `draft` on posts so Hugo and
// Jekyll date and hide drafts as expected. Reading also accepts the keys Hugo, Jekyll and Obsidian use
// (date, lastmod, categories, summary, aliases are kept as unknown...), so the Markdown-folder importer
// shares it; keys Baluchon has no field for come back in `unknownKeys`, never dropped.
//
// YAML is written with the `yaml` package. A string is left unquoted only when it is plain words that
// no YAML version reads as anything else; everything else (yes/no/on/off, numbers, dates, `:`, `#`,
// leading `@`, `&`, `*`, `!`...) is double-quoted, and multi-line text is a literal block when that is
// exact. Dates are ISO 8601 strings. The tests parse the output as YAML 1.2 and 1.1 (what Jekyll's Psych
// and Go's yaml.v2 speak) and require the same strings back.
import { Document, Scalar, parseDocument, visit } from 'yaml'
import type { RichDoc } from '../doc'
import { ImportError } from '../import/types'
import {
  STATUSES_BY_KIND,
  isItemKind,
  normalizeTags,
  type Item,
  type ItemKind,
  type ItemStatus,
} from '../items'
import type { ContentLabel } from '../career/labels'
import { markdownToDoc, type MarkdownImportOptions } from './parse'
import { docToMarkdown, type MarkdownExportOptions } from './serialize'

/** Kind-specific fields by their Item names; only the ones the file gave (or that apply to its kind). */
export interface FrontMatterFields {
  slug?: string
  slugLocked?: boolean
  excerpt?: string
  canonicalUrl?: string
  event?: string
  date?: string
  place?: string
  abstract?: string
  slidesUrl?: string
  videoUrl?: string
  url?: string
  siteName?: string
  description?: string
  read?: boolean
  savedAt?: number
}

export interface ItemFrontMatter {
  /** The Baluchon id when the file came from Baluchon (merging by id), else null. */
  id: string | null
  kind: ItemKind
  /** Null when the file has no title (the importer falls back to the file name). */
  title: string | null
  tags: string[]
  status: ItemStatus | null
  createdAt: number | null
  updatedAt: number | null
  trashed: boolean
  trashedAt: number | null
  fields: FrontMatterFields
}

export interface MarkdownFileFields {
  frontMatter: ItemFrontMatter
  body: RichDoc
  /** Front-matter keys Baluchon has no place for (or whose value it could not read), as parsed. */
  unknownKeys: Record<string, unknown>
}

export interface MarkdownFileImportOptions {
  /** Kind of an item whose file says none (and has no `url`). Default 'note'. */
  defaultKind?: ItemKind
  markdown?: MarkdownImportOptions
}

// ------------------------------------------------------------------------------------------------ write

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** An item's effective label and affiliation (resolved by the caller, who has the affiliations). */
export interface ItemCareerFrontMatter {
  label: ContentLabel
  /** The organisation's name, or null when no affiliation applies. */
  affiliation: string | null
}

/** The front matter keys of an item, in the order they are written. Empty optional strings are left out. */
export function itemFrontMatter(item: Item, career?: ItemCareerFrontMatter): Record<string, unknown> {
  const out: Record<string, unknown> = {
    title: item.title,
    kind: item.kind,
    id: item.id,
    created: iso(item.createdAt),
    updated: iso(item.updatedAt),
    tags: [...item.tags],
  }
  if (item.status !== null) out.status = item.status
  const optional = (key: string, value: string): void => {
    if (value !== '') out[key] = value
  }
  switch (item.kind) {
    case 'post':
      optional('slug', item.slug)
      if (item.slugLocked) out.slug_locked = true
      optional('excerpt', item.excerpt)
      optional('canonical_url', item.canonicalUrl)
      // Hugo and Jekyll date a post by `date`; Hugo leaves out `draft: true` pages unless asked.
      out.date = iso(item.createdAt)
      out.draft = item.status !== 'published'
      break
    case 'talk':
      optional('event', item.event)
      optional('date', item.date)
      optional('place', item.place)
      optional('abstract', item.abstract)
      optional('slides', item.slidesUrl)
      optional('video', item.videoUrl)
      break
    case 'link':
      out.url = item.url
      optional('site_name', item.siteName)
      optional('description', item.description)
      out.read = item.read
      out.saved = iso(item.savedAt)
      break
    case 'note':
      break
  }
  // Who the work belongs to, so a reader (or a site generator's filter) can tell confidential work apart. An
  // import keeps these keys as extra front matter (the receiving base has its own affiliations).
  if (career) {
    out.label = career.label
    if (career.affiliation) out.affiliation = career.affiliation
  }
  if (item.trashed === 1) {
    out.trashed = true
    if (item.trashedAt !== null) out.trashed_at = iso(item.trashedAt)
  }
  // What an import kept that Baluchon has no field for (unknown front-matter keys, WordPress author...)
  // goes back as it came, after Baluchon's own keys, so a static site generator still finds it and a
  // re-import keeps it again. Baluchon's keys win a clash.
  for (const [key, value] of Object.entries(item.meta ?? {})) if (!(key in out) && value !== undefined) out[key] = value
  return out
}

// Words every YAML version reads as booleans or null, in any case YAML accepts them.
const YAML_WORDS = /^(?:y|n|yes|no|on|off|true|false|null)$/i
// Letters first, then letters, digits, spaces and punctuation that is inert inside a plain scalar.
const PLAIN_SAFE = /^\p{L}[\p{L}\p{M}\p{N} _.,'’()/+-]*$/u
// eslint-disable-next-line no-control-regex
const NOT_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/

function scalarStyle(value: string): Scalar.Type {
  if (PLAIN_SAFE.test(value) && !YAML_WORDS.test(value) && !value.endsWith(' ')) return Scalar.PLAIN
  if (value.includes('\n') && /^\S/.test(value) && !NOT_IN_BLOCK.test(value) && !/[ \t](?:\n|$)/.test(value)) {
    return Scalar.BLOCK_LITERAL
  }
  return Scalar.QUOTE_DOUBLE
}

// Text the yaml package writes double-quoted exactly as JSON.stringify does: no control character, no
// lone surrogate, no line or paragraph separator (those get YAML escapes of their own).
const JSON_SAFE = /^[^\p{Cc}\p{Cs}\u2028\u2029]*$/u

function fastScalar(value: unknown): string | null {
  if (typeof value === 'boolean') return String(value)
  if (typeof value !== 'string') return null
  const style = scalarStyle(value)
  if (style === Scalar.PLAIN) return value
  if (style === Scalar.QUOTE_DOUBLE && JSON_SAFE.test(value)) return JSON.stringify(value)
  return null
}

/**
 * The yaml package's output for the common front matter (plain keys; strings, booleans and lists of strings
 * that need no block or escape), written directly: the Document API costs about 0.2 ms per item, more than
 * the Markdown body, which adds up over a 50,000-item export. Anything else returns null and goes through
 * the package. test/node/export/frontMatterFastPath.test.ts holds the two to the same bytes.
 */
function fastFrontMatter(data: Record<string, unknown>): string | null {
  let out = ''
  for (const [key, value] of Object.entries(data)) {
    if (!/^[a-z_]+$/.test(key)) return null
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out += `${key}: []\n`
        continue
      }
      out += `${key}:\n`
      for (const entry of value) {
        const scalar = fastScalar(entry)
        if (scalar === null || typeof entry !== 'string') return null
        out += `  - ${scalar}\n`
      }
      continue
    }
    const scalar = fastScalar(value)
    if (scalar === null) return null
    out += `${key}: ${scalar}\n`
  }
  return out
}

export function stringifyFrontMatter(data: Record<string, unknown>): string {
  return fastFrontMatter(data) ?? stringifyWithYaml(data)
}

/** The yaml package's Document API, with the scalar styles above. */
export function stringifyWithYaml(data: Record<string, unknown>): string {
  const doc = new Document(data)
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string') node.type = scalarStyle(node.value)
    },
  })
  return doc.toString({ lineWidth: 0, indentSeq: true })
}

/** The item as a Markdown file: `---` YAML front matter `---`, a blank line, then the body. */
export function itemToMarkdownFile(item: Item, options: MarkdownExportOptions, career?: ItemCareerFrontMatter): string {
  const body = docToMarkdown(item.body, options)
  return `---\n${stringifyFrontMatter(itemFrontMatter(item, career))}---\n${body ? '\n' + body : ''}`
}

// ------------------------------------------------------------------------------------------------- read

/** Splits `---\n yaml \n---` (or `...`) off the start of a file; null front matter if there is none. */
export function splitFrontMatter(text: string): { yaml: string | null; body: string } {
  const source = (text.startsWith('\ufeff') ? text.slice(1) : text).replace(/\r\n?/g, '\n')
  const open = /^---[ \t]*\n/.exec(source)
  if (!open) return { yaml: null, body: source }
  const rest = source.slice(open[0].length)
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest)
  if (!close) return { yaml: null, body: source }
  const after = rest.slice(close.index + close[0].length).replace(/^\n/, '')
  return { yaml: rest.slice(0, close.index), body: after.replace(/^\n/, '') }
}

/** Dates as Baluchon, Hugo and Jekyll write them: ISO 8601, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS] [±HHMM]`. */
export function parseDateValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e11 ? value : value * 1000
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime()
  if (typeof value !== 'string') return null
  const text = value.trim()
  const jekyll = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text)
  let candidate = text
  if (jekyll) {
    const zone = jekyll[3] ? (jekyll[3] === 'Z' ? 'Z' : jekyll[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z'
    candidate = `${jekyll[1]}T${jekyll[2]}${zone}`
  } else if (!/^\d{4}-\d{2}-\d{2}(?:T.*)?$/.test(text)) {
    return null
  }
  const ms = Date.parse(candidate)
  return Number.isNaN(ms) ? null : ms
}

function tagList(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string' || typeof v === 'number') ? value.map(String) : null
  if (typeof value === 'string') return value.split(value.includes(',') ? ',' : /\s+/)
  return null
}

type Reader = (value: unknown) => boolean

/**
 * Reads the front matter mapping. Every key it understands for the item's kind is consumed; a known key
 * with a value of the wrong type is kept in unknownKeys like an unknown one.
 */
function readFrontMatter(data: Record<string, unknown>, options: MarkdownFileImportOptions): Omit<MarkdownFileFields, 'body'> {
  const kind: ItemKind = isItemKind(data.kind)
    ? data.kind
    : typeof data.url === 'string'
      ? 'link'
      : (options.defaultKind ?? 'note')
  const fm: ItemFrontMatter = {
    id: null,
    kind,
    title: null,
    tags: [],
    status: null,
    createdAt: null,
    updatedAt: null,
    trashed: false,
    trashedAt: null,
    fields: {},
  }
  const fields = fm.fields
  const str = (set: (value: string) => void): Reader => (value) => {
    if (typeof value === 'number' || typeof value === 'boolean') value = String(value)
    if (typeof value !== 'string') return false
    set(value)
    return true
  }
  const bool = (set: (value: boolean) => void): Reader => (value) => {
    if (typeof value !== 'boolean') return false
    set(value)
    return true
  }
  const date = (set: (value: number) => void): Reader => (value) => {
    const ms = parseDateValue(value)
    if (ms === null) return false
    set(ms)
    return true
  }
  const tags: string[] = []
  const tagReader: Reader = (value) => {
    const list = tagList(value)
    if (!list) return false
    tags.push(...list)
    return true
  }
  let draft: boolean | null = null
  let fallbackCreated: number | null = null
  const readers: Record<string, Reader> = {
    kind: (value) => isItemKind(value),
    id: str((v) => (fm.id = v.trim() || null)),
    title: str((v) => (fm.title = v)),
    created: date((v) => (fm.createdAt = v)),
    updated: date((v) => (fm.updatedAt = v)),
    lastmod: date((v) => (fm.updatedAt ??= v)),
    modified: date((v) => (fm.updatedAt ??= v)),
    tags: tagReader,
    tag: tagReader,
    categories: tagReader,
    category: tagReader,
    status: (value) => {
      if (typeof value !== 'string' || !STATUSES_BY_KIND[kind].includes(value as ItemStatus)) return false
      fm.status = value as ItemStatus
      return true
    },
    trashed: bool((v) => (fm.trashed = v)),
    trashed_at: date((v) => (fm.trashedAt = v)),
  }
  if (kind === 'post') {
    Object.assign(readers, {
      slug: str((v) => (fields.slug = v)),
      slug_locked: bool((v) => (fields.slugLocked = v)),
      excerpt: str((v) => (fields.excerpt = v)),
      summary: str((v) => (fields.excerpt ??= v)),
      description: str((v) => (fields.excerpt ??= v)),
      canonical_url: str((v) => (fields.canonicalUrl = v)),
      canonicalurl: str((v) => (fields.canonicalUrl ??= v)),
      canonical: str((v) => (fields.canonicalUrl ??= v)),
      date: date((v) => (fallbackCreated = v)),
      draft: bool((v) => (draft = v)),
      published: bool((v) => (draft ??= !v)),
    } satisfies Record<string, Reader>)
  } else if (kind === 'talk') {
    Object.assign(readers, {
      event: str((v) => (fields.event = v)),
      // The talk's calendar day (`YYYY-MM-DD`); of a full date-time, the day is kept.
      date: str((v) => (fields.date = /^\d{4}-\d{2}-\d{2}[T ]/.test(v.trim()) ? v.trim().slice(0, 10) : v)),
      place: str((v) => (fields.place = v)),
      location: str((v) => (fields.place ??= v)),
      abstract: str((v) => (fields.abstract = v)),
      slides: str((v) => (fields.slidesUrl = v)),
      video: str((v) => (fields.videoUrl = v)),
    } satisfies Record<string, Reader>)
  } else if (kind === 'link') {
    Object.assign(readers, {
      url: str((v) => (fields.url = v)),
      site_name: str((v) => (fields.siteName = v)),
      description: str((v) => (fields.description = v)),
      read: bool((v) => (fields.read = v)),
      saved: date((v) => (fields.savedAt = v)),
      date: date((v) => (fallbackCreated = v)),
    } satisfies Record<string, Reader>)
  } else {
    Object.assign(readers, { date: date((v) => (fallbackCreated = v)) } satisfies Record<string, Reader>)
  }

  const unknownKeys: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    const reader = Object.prototype.hasOwnProperty.call(readers, key.toLowerCase()) ? readers[key.toLowerCase()] : undefined
    if (!reader || !reader(value)) defineKey(unknownKeys, key, value)
  }
  fm.tags = normalizeTags(tags)
  fm.createdAt ??= fallbackCreated
  if (fm.status === null && kind === 'post' && draft !== null) fm.status = draft ? 'draft' : 'published'
  return { frontMatter: fm, unknownKeys }
}

/** Sets a key even if it is `__proto__` (a YAML key is data, never the object's prototype). */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * A Markdown file (Baluchon's export, an Obsidian note, Hugo or Jekyll content) as item fields, body and
 * the front-matter keys Baluchon has no field for. Throws ImportError('malformed') when the front matter
 * is not valid YAML or not a mapping, ImportError('entity-expansion') when its aliases expand too far.
 */
export function markdownFileToItemFields(text: string, options: MarkdownFileImportOptions = {}): MarkdownFileFields {
  const { yaml, body } = splitFrontMatter(text)
  let data: Record<string, unknown> = {}
  if (yaml !== null && yaml.trim() !== '') {
    // The core schema reads dates as strings (no YAML 1.1 timestamps); aliases are capped (no billion laughs).
    const doc = parseDocument(yaml, { schema: 'core', uniqueKeys: false, prettyErrors: false })
    if (doc.errors.length > 0) throw new ImportError('malformed', 'The front matter is not valid YAML', doc.errors[0]!.message)
    let parsed: unknown
    try {
      parsed = doc.toJS({ maxAliasCount: 50 })
    } catch (error) {
      // yaml refuses alias expansion past the cap ("billion laughs") with a ReferenceError.
      throw new ImportError('entity-expansion', 'The front matter expands aliases too far', String(error))
    }
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new ImportError('malformed', 'The front matter is not a set of keys and values')
    }
    data = (parsed ?? {}) as Record<string, unknown>
  }
  const { frontMatter, unknownKeys } = readFrontMatter(data, options)
  return { frontMatter, body: markdownToDoc(body, options.markdown), unknownKeys }
}

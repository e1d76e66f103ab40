// A folder of Markdown files (an Obsidian vault, a Hugo `content/` folder, a Jekyll site) to drafts.
//
// The folder is read by main and handed over as a list of files; every `.md` file becomes one draft:
// front matter to fields (see FIELD_KEYS), the rest of the keys kept in `extra`, the body as Markdown with
// wikilinks and images rewritten (see markdownLinks.ts), other files (images, PDFs) only used to resolve
// what notes reference. Hidden folders (.obsidian, .git, .trash) are not read. One bad file never stops
// the import: it is skipped or imported with its problem noted.
import { ITEM_KINDS, normalizeTags, STATUSES_BY_KIND, type ItemKind, type ItemStatus } from '../items'
import { parseLooseDate, toIsoDay } from './dates'
import { slugify } from '../slug'
import { decodeAll } from './decode'
import { readFrontMatter } from './frontMatter'
import { linkAddress } from './links'
import { rewriteNoteLinks } from './markdownLinks'
import { markdownSourceKey } from './sourceKeys'
import { progressTicker } from './progress'
import { ImportError, type ImportDraft, type ImportMediaRef, type ImportParseOptions, type ImportParseResult, type SkippedEntry } from './types'
import { basename, dirname, extension, normalizeVaultPath, stripExtension, VaultIndex } from './vaultPaths'

export interface FolderFile {
  /** Path from the folder's root ("notes/Idea.md"); "\" separators are accepted. */
  path: string
  bytes?: Uint8Array
  text?: string
  /** The file's modification time, used when its front matter gives no date. */
  modifiedAt?: number
}

export interface MarkdownFolderParseOptions extends ImportParseOptions {
  /** Files allowed in the folder listing (default 100,000). */
  maxFiles?: number
  /** A Markdown file larger than this is skipped as 'too-large' (default 16 MB). */
  maxFileBytes?: number
  /**
   * Leave `[[wikilinks]]` and `![[embeds]]` as written in the body (for a Markdown reader that resolves
   * them itself, using `extra.wikilinks` / `extra.embeds`). Default false: they become `wikilink:` links
   * and standard images (see markdownLinks.ts).
   */
  keepWikilinks?: boolean
}

/** Total size of the Markdown files (other files are not read): 256 MiB. */
export const MARKDOWN_DEFAULT_MAX_BYTES = 256 * 1024 * 1024
export const MARKDOWN_DEFAULT_MAX_FILES = 100_000
export const MARKDOWN_DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd'])

/** Front-matter keys Baluchon reads into its own fields (compared without case); all others go to `extra`. */
const FIELD_KEYS = {
  title: ['title'],
  kind: ['kind', 'type'],
  tags: ['tags', 'tag', 'categories', 'category'],
  status: ['status'],
  draft: ['draft'],
  published: ['published'],
  created: ['created', 'created_at', 'createdat', 'date created', 'date', 'publishdate', 'pubdate'],
  updated: ['updated', 'updated_at', 'updatedat', 'modified', 'date modified', 'lastmod', 'last_modified_at'],
  slug: ['slug'],
  excerpt: ['excerpt', 'description', 'summary', 'abstract'],
  url: ['url', 'link', 'source'],
  canonical: ['canonical', 'canonicalurl', 'canonical_url'],
  event: ['event', 'conference'],
  talkDate: ['talkdate', 'talk_date', 'eventdate', 'event_date'],
  place: ['place', 'location', 'venue'],
  slides: ['slides', 'slidesurl', 'slides_url'],
  video: ['video', 'videourl', 'video_url'],
  read: ['read'],
  // Keys Baluchon's own Markdown export writes (src/core/markdown/frontMatter.ts), so re-importing it
  // gives the same items back: a talk's `date` is its calendar day, a link's `saved` its save date.
  talkDay: ['date'],
  siteName: ['site_name', 'sitename'],
  saved: ['saved', 'saved_at', 'savedat'],
  slugLocked: ['slug_locked'],
} as const
type FieldName = keyof typeof FIELD_KEYS

/** Folder names that say what their notes are, as Hugo, Jekyll and people name them. */
const KIND_BY_FOLDER: Record<string, ItemKind> = {
  posts: 'post',
  post: 'post',
  blog: 'post',
  articles: 'post',
  _posts: 'post',
  _drafts: 'post',
  billets: 'post',
  talks: 'talk',
  talk: 'talk',
  conferences: 'talk',
  presentations: 'talk',
  slides: 'talk',
  links: 'link',
  link: 'link',
  bookmarks: 'link',
  liens: 'link',
  notes: 'note',
  note: 'note',
}

const JEKYLL_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)$/

interface FrontMatterView {
  /** The value of the first key naming `field` that has one. */
  get(field: FieldName): unknown
  /** The values of every key naming `field` (tags and categories both make tags). */
  all(field: FieldName): unknown[]
  /** Keys not read into fields. */
  rest(): Record<string, unknown>
}

function viewOf(data: Record<string, unknown>): FrontMatterView {
  const lowerToKey = new Map<string, string>()
  for (const key of Object.keys(data)) if (!lowerToKey.has(key.toLowerCase())) lowerToKey.set(key.toLowerCase(), key)
  const used = new Set<string>()
  return {
    get(field) {
      for (const name of FIELD_KEYS[field]) {
        const key = lowerToKey.get(name)
        if (key !== undefined && data[key] !== null && data[key] !== undefined && data[key] !== '') {
          used.add(key)
          return data[key]
        }
      }
      return undefined
    },
    all(field) {
      const values: unknown[] = []
      for (const name of FIELD_KEYS[field]) {
        const key = lowerToKey.get(name)
        if (key !== undefined) {
          used.add(key)
          values.push(data[key])
        }
      }
      return values
    },
    rest() {
      const out: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(data)) if (!used.has(key)) out[key] = value
      return out
    },
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

function asTags(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(asTags)
  if (typeof value === 'string') return value.split(/[,\n]/).flatMap((part) => (part.includes('#') ? part.split(/\s+(?=#)/) : [part]))
  if (typeof value === 'number') return [String(value)]
  return []
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'yes') return true
  if (value === 'false' || value === 'no') return false
  return undefined
}

function firstHeading(body: string): { text: string; line: string } | null {
  for (const line of body.split('\n', 200)) {
    if (!line.trim()) continue
    const atx = /^#\s+(.+?)\s*#*\s*$/.exec(line)
    return atx ? { text: atx[1]!.trim(), line } : null
  }
  return null
}

function kindFromFolders(path: string): ItemKind | null {
  const segments = dirname(path).split('/').reverse()
  for (const segment of segments) {
    const kind = KIND_BY_FOLDER[segment.toLowerCase()]
    if (kind) return kind
  }
  return null
}

function titleFromFileName(path: string): string {
  let name = stripExtension(basename(path))
  // Hugo page bundles: "posts/my-trip/index.md" is the post "my-trip".
  if (/^_?index$/i.test(name) && dirname(path)) name = basename(dirname(path))
  const jekyll = JEKYLL_NAME.exec(name)
  return jekyll ? jekyll[2]!.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : name
}

function isHidden(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules')
}

/**
 * Reads a folder of Markdown files. Throws ImportError 'empty' (no Markdown file), 'too-large' (too many
 * files, or more Markdown than the cap) or 'cancelled'; problems of single files are reported per file.
 */
export function parseMarkdownFolder(files: readonly FolderFile[], options: MarkdownFolderParseOptions = {}): ImportParseResult {
  const maxFiles = options.maxFiles ?? MARKDOWN_DEFAULT_MAX_FILES
  const maxBytes = options.maxBytes ?? MARKDOWN_DEFAULT_MAX_BYTES
  const maxFileBytes = options.maxFileBytes ?? MARKDOWN_DEFAULT_MAX_FILE_BYTES
  if (files.length > maxFiles) throw new ImportError('too-large', `The folder holds more than ${maxFiles} files.`, `${files.length}>${maxFiles}`)

  const skipped: SkippedEntry[] = []
  const notes: { path: string; file: FolderFile }[] = []
  const allPaths: string[] = []
  const seen = new Set<string>()
  let markdownBytes = 0
  let otherFiles = 0
  for (const file of files) {
    const path = normalizeVaultPath(file.path)
    if (!path) {
      skipped.push({ what: file.path, reason: 'malformed', detail: 'path outside the folder' })
      continue
    }
    if (isHidden(path)) continue
    if (seen.has(path.toLowerCase())) {
      skipped.push({ what: path, reason: 'duplicate' })
      continue
    }
    seen.add(path.toLowerCase())
    allPaths.push(path)
    if (!MARKDOWN_EXTENSIONS.has(extension(path))) {
      otherFiles++
      continue
    }
    const size = file.bytes?.byteLength ?? file.text?.length ?? 0
    if (size > maxFileBytes) {
      skipped.push({ what: path, reason: 'too-large', detail: `${size} bytes` })
      continue
    }
    markdownBytes += size
    if (markdownBytes > maxBytes) throw new ImportError('too-large', 'The folder holds more Markdown than can be imported at once.', `>${maxBytes}`)
    notes.push({ path, file })
  }
  if (!notes.length && !skipped.some((s) => s.reason === 'too-large')) {
    throw new ImportError('empty', 'The folder holds no Markdown file.', `${files.length} files`)
  }
  // Sorted so the result does not depend on the order the folder was listed in.
  notes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const index = new VaultIndex(allPaths)
  const ticker = progressTicker(options, notes.length)

  const drafts: ImportDraft[] = []
  const media: ImportMediaRef[] = []
  const counts: Record<ItemKind, number> = { post: 0, talk: 0, link: 0, note: 0 }
  let frontMatterErrors = 0
  let missingMedia = 0
  let wikilinks = 0
  let done = 0
  for (const { path, file } of notes) {
    ticker.tick(done++)
    const input = file.bytes ?? file.text ?? ''
    const { text } = decodeAll(input)
    if (text.includes('\u0000')) {
      skipped.push({ what: path, reason: 'malformed', detail: 'binary file' })
      continue
    }
    const normalized = text.replace(/\r\n?/g, '\n')
    const fm = readFrontMatter(normalized)
    if (!normalized.trim() || (!fm.body.trim() && fm.syntax === null)) {
      skipped.push({ what: path, reason: 'empty' })
      continue
    }
    const draft = noteToDraft(path, fm, file.modifiedAt, index, options.keepWikilinks ?? false)
    if (fm.error) frontMatterErrors++
    counts[draft.kind]++
    missingMedia += Number(draft.extra.missingMedia ?? 0)
    wikilinks += Array.isArray(draft.extra.wikilinks) ? draft.extra.wikilinks.length : 0
    for (const m of draft.media) media.push({ ...m, sourceKey: draft.sourceKey })
    drafts.push(draft)
  }
  ticker.finish()

  const summary: ImportParseResult['summary'] = {
    markdownFiles: notes.length,
    otherFiles,
    posts: counts.post,
    talks: counts.talk,
    links: counts.link,
    notes: counts.note,
    media: media.length,
    missingMedia,
    wikilinks,
    skipped: skipped.length,
  }
  if (frontMatterErrors) summary.frontMatterErrors = frontMatterErrors
  return { drafts, skipped, summary, media }
}

function noteToDraft(
  path: string,
  fm: ReturnType<typeof readFrontMatter>,
  modifiedAt: number | undefined,
  index: VaultIndex,
  keepWikilinks: boolean,
): ImportDraft {
  const view = viewOf(fm.data ?? {})
  const extra: Record<string, unknown> = {}
  if (fm.error) {
    extra.frontMatterError = fm.error
    extra.frontMatterRaw = fm.raw
  }
  if (fm.syntax && fm.syntax !== 'yaml') extra.frontMatterSyntax = fm.syntax
  const jekyll = JEKYLL_NAME.exec(stripExtension(basename(path)))

  // Kind: declared, else from the folder, else a note. A "link" needs an http(s) address.
  const declared = asText(view.get('kind')).toLowerCase()
  let kind: ItemKind = (ITEM_KINDS as readonly string[]).includes(declared) ? (declared as ItemKind) : (kindFromFolders(path) ?? 'note')
  if (declared && !(ITEM_KINDS as readonly string[]).includes(declared)) extra.type = declared
  const address = linkAddress(asText(view.get('url')))
  const url = 'url' in address ? address.url : null
  if (kind === 'link' && !url) {
    extra.declaredKind = 'link'
    kind = 'note'
  }
  if (kind !== 'link' && asText(view.get('url'))) extra.url = asText(view.get('url'))

  // Title: front matter, else a leading "# Heading", else the file name. A leading heading equal to the
  // title is dropped from the body, since the title is shown above it.
  let body = fm.body
  const heading = firstHeading(body)
  const title = asText(view.get('title')) || heading?.text || titleFromFileName(path)
  if (heading && heading.text === title) body = body.replace(`${heading.line}\n`, '').replace(heading.line, '')
  body = body.replace(/^\n+/, '')

  const created = parseLooseDate(view.get('created')) ?? (jekyll ? parseLooseDate(jekyll[1]) : null) ?? modifiedAt ?? null
  const updated = parseLooseDate(view.get('updated')) ?? modifiedAt ?? created

  const fields: ImportDraft['fields'] = {}
  let status: ItemStatus | null = null
  const declaredStatus = asText(view.get('status')).toLowerCase()
  if ((STATUSES_BY_KIND[kind] as readonly string[]).includes(declaredStatus)) status = declaredStatus as ItemStatus
  else if (declaredStatus) extra.status = declaredStatus
  const draftFlag = asBoolean(view.get('draft'))
  const publishedFlag = asBoolean(view.get('published'))
  const excerpt = asText(view.get('excerpt'))
  if (kind === 'post') {
    if (!status) {
      const folders = dirname(path).toLowerCase().split('/')
      if (draftFlag === true || publishedFlag === false || folders.includes('_drafts')) status = 'draft'
      // Hugo and Jekyll publish what is not marked draft.
      else if (draftFlag === false || publishedFlag === true || folders.includes('_posts') || folders.includes('content')) status = 'published'
      else status = 'draft'
    }
    const slug = asText(view.get('slug')) || jekyll?.[2] || ''
    fields.slug = slug
    // A slug that is the title's own slug may keep following the title (as Baluchon's unlocked slugs do).
    fields.slugLocked = asBoolean(view.get('slugLocked')) ?? (slug !== '' && slug !== slugify(title))
    fields.excerpt = excerpt
    const canonical = linkAddress(asText(view.get('canonical')))
    if ('url' in canonical) fields.canonicalUrl = canonical.url
  } else {
    if (draftFlag !== undefined) extra.draft = draftFlag
    if (asText(view.get('slug'))) extra.slug = asText(view.get('slug'))
  }
  if (kind === 'talk') {
    fields.event = asText(view.get('event'))
    fields.place = asText(view.get('place'))
    fields.abstract = excerpt
    const day = parseLooseDate(view.get('talkDate')) ?? parseLooseDate(view.get('talkDay')) ?? created
    if (day !== null) fields.date = toIsoDay(day)
    for (const [field, key] of [
      ['slidesUrl', 'slides'],
      ['videoUrl', 'video'],
    ] as const) {
      const target = linkAddress(asText(view.get(key)))
      if ('url' in target) fields[field] = target.url
    }
  }
  if (kind === 'link' && url) {
    fields.url = url
    fields.description = excerpt
    fields.read = asBoolean(view.get('read')) ?? true
    const siteName = asText(view.get('siteName'))
    if (siteName) fields.siteName = siteName
    const saved = parseLooseDate(view.get('saved')) ?? created
    if (saved !== null) fields.savedAt = saved
  }
  if (kind === 'note' && excerpt) extra.description = excerpt

  const tags = normalizeTags(asTags(view.all('tags')))
  const links = rewriteNoteLinks(body, path, index, keepWikilinks)
  if (links.wikilinks.length) extra.wikilinks = links.wikilinks
  if (keepWikilinks && links.embeds.length) extra.embeds = links.embeds
  if (links.missingMedia) extra.missingMedia = links.missingMedia
  return {
    kind,
    sourceKey: markdownSourceKey(path),
    title,
    body: { format: 'markdown', source: links.markdown },
    tags,
    status,
    createdAt: created,
    updatedAt: updated,
    fields,
    // Front-matter keys Baluchon has no field for, then what the import itself noted.
    extra: { ...view.rest(), ...extra },
    media: links.media,
  }
}

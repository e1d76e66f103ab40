// Drafts (what a parser found) to items (what the database stores). Runs in the window, not the worker:
// turning HTML into an editor document needs a DOM and the editor's own schema, so that nothing the
// editor cannot show or edit gets into a document.
import { getSchema, type AnyExtension } from '@tiptap/core'
import { DOMParser as PmDOMParser, type Schema } from '@tiptap/pm/model'
import { attachmentSrc, docFromText, docToPlainText, emptyDoc, type RichDoc, type RichNode } from '../../core/doc'
import { wikilinkTarget } from '../../core/import/markdownLinks'
import { notePathOfSourceKey } from '../../core/import/sourceKeys'
import { dirname, joinVaultPath } from '../../core/import/vaultPaths'
import { itemLinkHref } from '../../core/itemLinks'
import type { ImportDraft } from '../../core/import/types'
import { newItem } from '../../core/itemFactory'
import { normalizeTags, STATUSES_BY_KIND, type Item, type ItemStatus } from '../../core/items'
import { markdownToDoc } from '../../core/markdown'
import { editorExtensions } from '../editor/extensions'
import { sanitizePastedHtmlToBody } from '../editor/pasteHtml'
import { sanitizeDocJson } from '../editor/sanitizeDoc'
import { placeholderLinkTitle } from '../items/repository'

let schema: Schema | null = null
let parser: PmDOMParser | null = null

/**
 * The editor's schema, built once from the very extension list the editor uses: Tiptap's generateJSON
 * rebuilds it on every call, which costs more than parsing a post when a blog has thousands of them.
 */
function editorSchema(): Schema {
  schema ??= getSchema(editorExtensions({ urls: null, onEditLink: () => undefined }) as AnyExtension[])
  return schema
}

/** An <img src> or <a href> that is not absolute http(s), mailto, a fragment or a stored image. */
const RELATIVE_REF = /<(?:img|a)\b[^>]*\s(?:src|href)\s*=\s*["']?(?!https?:|mailto:|#|attachment:)/i

function absolute(ref: string, base: string | undefined): string | null {
  try {
    const url = base ? new URL(ref.trim(), base) : new URL(ref.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

/**
 * WordPress HTML to an editor document: relative addresses made absolute against the post's own address
 * (so a `/wp-content/...` image becomes a link to the blog instead of vanishing), images that became
 * attachments pointed at them (matched as written or as the parser normalised them), then DOMPurify with
 * the paste rules (remote images become links to them, scripts and javascript: links go), then ProseMirror
 * parses the result with the editor's own schema, as Tiptap's generateJSON does.
 */
export function htmlToDoc(html: string, mediaIds: ReadonlyMap<string, string> = new Map(), baseUrl?: string): RichDoc {
  if (!html.trim()) return emptyDoc()
  let source = html
  if (mediaIds.size > 0 || (baseUrl && RELATIVE_REF.test(html))) {
    const parsed = new DOMParser().parseFromString(html, 'text/html')
    for (const img of Array.from(parsed.body.querySelectorAll('img'))) {
      const src = img.getAttribute('src') ?? ''
      const resolved = absolute(src, baseUrl)
      const id = mediaIds.get(src) ?? (resolved ? mediaIds.get(resolved) : undefined)
      if (id) {
        img.setAttribute('src', attachmentSrc(id))
        // A stored image is shown from its bytes: the size variants WordPress lists would be remote loads.
        img.removeAttribute('srcset')
      } else if (resolved && resolved !== src) {
        img.setAttribute('src', resolved)
      }
    }
    if (baseUrl) {
      for (const a of Array.from(parsed.body.querySelectorAll('a[href]'))) {
        const href = a.getAttribute('href') ?? ''
        if (/^(?:https?:|mailto:|#)/i.test(href.trim())) continue
        const resolved = absolute(href, baseUrl)
        if (resolved) a.setAttribute('href', resolved)
      }
    }
    source = parsed.body.innerHTML
  }
  const clean = sanitizePastedHtmlToBody(source)
  const doc = (parser ??= PmDOMParser.fromSchema(editorSchema())).parse(clean).toJSON() as RichDoc
  return doc.content?.length ? doc : emptyDoc()
}

/**
 * Where the notes of one Markdown-folder import go: the item id each note's file becomes (or already is),
 * by its path in the folder in lower case (paths resolve as Obsidian's do, whatever the case). Built by
 * the import from its plan (noteIdsByPath), so a note can link to a note converted after it.
 */
export type NoteIds = ReadonlyMap<string, string>

/** The note ids of an import: each `md:<path>` source key and the item it becomes. */
export function noteIdsByPath(entries: Iterable<{ sourceKey: string; itemId: string }>): Map<string, string> {
  const ids = new Map<string, string>()
  for (const { sourceKey, itemId } of entries) {
    const path = notePathOfSourceKey(sourceKey)
    if (path !== null) ids.set(path.toLowerCase(), itemId)
  }
  return ids
}

/** How one note's links to other notes resolve (see markdownBodyToDoc). */
export interface NoteLinks {
  /** The note's own path in the folder (relative links start from its folder). */
  notePath: string
  /** Where its `[[wikilinks]]` resolved, as the parser found (the draft's `extra.wikilinks`). */
  wikilinks: readonly { target: string; path: string | null }[]
  ids: NoteIds
}

/**
 * Imported Markdown to an editor document. Images found in the folder point at their attachments; others
 * follow the paste rules (a web image becomes a link to it). A `[[wikilink]]` to a note of the same import,
 * and a relative link to one (`[label](../notes/Other.md)`, as Baluchon's own Markdown export, Hugo and
 * Jekyll write them), become links to that note's item (`item:<id>`, src/core/itemLinks.ts), followed
 * with Ctrl/Cmd+click as in Obsidian. A wikilink that resolves nowhere stays written as `[[Target|label]]`:
 * what Obsidian users read and can search for, where a link with an unopenable address would not be; a
 * relative link that resolves nowhere keeps its label (an address inside a folder that was not imported).
 */
export function markdownBodyToDoc(markdown: string, mediaIds: ReadonlyMap<string, string> = new Map(), links?: NoteLinks): RichDoc {
  const doc = markdownToDoc(markdown, {
    resolveImageSrc: (src) => {
      const id = mediaIds.get(src) ?? mediaIds.get(decodedOr(src, decodeURI))
      return id ? attachmentSrc(id) : src
    },
  })
  return sanitizeDocJson(linkNotes(doc, noteResolver(links)))
}

/** The text decoded, or as it is when it holds a malformed escape (`100%.png`): a name is never lost to it. */
function decodedOr(text: string, decode: (text: string) => string): string {
  try {
    return decode(text)
  } catch {
    return text
  }
}

type NoteResolver = { wikilink(target: string): string | null; relative(href: string): string | null }

function noteResolver(links: NoteLinks | undefined): NoteResolver {
  if (!links) return { wikilink: () => null, relative: () => null }
  const { notePath, ids } = links
  const paths = new Map(links.wikilinks.map((w) => [w.target, w.path]))
  const own = ids.get(notePath.toLowerCase())
  // A link to the note itself (`[[#Heading]]`, `[[Me#Part]]`) stays what it was: it has nowhere else to go.
  const idOf = (path: string | null | undefined): string | null => {
    const id = path ? ids.get(path.toLowerCase()) : undefined
    return id && id !== own ? id : null
  }
  return {
    wikilink: (target) => idOf(paths.get(target)),
    relative: (href) => {
      // Only a path, never an address: no scheme, no leading `/`, a Markdown file, its #fragment set aside.
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('#')) return null
      const file = decodedOr(href.replace(/[?#].*$/, ''), decodeURIComponent)
      if (!/\.md$/i.test(file)) return null
      return idOf(joinVaultPath(dirname(notePath), file))
    },
  }
}

function linkNotes<T extends RichNode>(node: T, resolve: NoteResolver): T {
  if (node.type === 'text' && node.marks?.length) {
    const link = node.marks.find((m) => m.type === 'link' && typeof m.attrs?.href === 'string')
    const href = link?.attrs?.href as string | undefined
    if (link && href !== undefined) {
      const target = wikilinkTarget(href)
      const itemId = target !== null ? resolve.wikilink(target) : resolve.relative(href)
      if (itemId) return { ...node, marks: node.marks.map((m) => (m === link ? { ...m, attrs: { ...m.attrs, href: itemLinkHref(itemId) } } : m)) }
      if (target !== null) {
        const label = node.text ?? ''
        const marks = node.marks.filter((m) => m !== link)
        const text = label && label !== target ? `[[${target}|${label}]]` : `[[${target}]]`
        const out: RichNode = { type: 'text', text }
        if (marks.length) out.marks = marks
        return out as T
      }
    }
  }
  if (!node.content) return node
  return { ...node, content: node.content.map((child) => linkNotes(child, resolve)) }
}

const DERIVED_EXTRA_KEYS = ['wikilinks', 'embeds', 'missingMedia']

export function draftBodyToDoc(draft: ImportDraft, mediaIds: ReadonlyMap<string, string>, noteIds?: NoteIds): RichDoc {
  switch (draft.body.format) {
    case 'html': {
      // The post's own address (WordPress permalink): relative links and images in it resolve against it.
      const base = [draft.extra.link, draft.fields.canonicalUrl].find((u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u))
      return htmlToDoc(draft.body.source, mediaIds, base)
    }
    case 'markdown':
      return markdownBodyToDoc(draft.body.source, mediaIds, noteIds ? noteLinksOf(draft, noteIds) : undefined)
    case 'text':
      return docFromText(draft.body.source)
  }
}

/** How a draft's links to other notes resolve; undefined for a draft that is not a note of a folder. */
function noteLinksOf(draft: ImportDraft, ids: NoteIds): NoteLinks | undefined {
  const notePath = notePathOfSourceKey(draft.sourceKey)
  if (notePath === null) return undefined
  const found = Array.isArray(draft.extra.wikilinks) ? (draft.extra.wikilinks as unknown[]) : []
  const wikilinks = found.filter(
    (w): w is { target: string; path: string | null } =>
      typeof w === 'object' && w !== null && typeof (w as { target?: unknown }).target === 'string' && ['string', 'object'].includes(typeof (w as { path?: unknown }).path),
  )
  return { notePath, wikilinks, ids }
}

/**
 * The item a draft becomes, with every field of its kind present. Dates come from the source (now when it
 * gives none), `importKey` is the draft's source key, fields the kind does not have and the draft's `extra`
 * are kept in `meta`.
 */
export function draftToItem(draft: ImportDraft, id: string, now: number, mediaIds: ReadonlyMap<string, string> = new Map(), noteIds?: NoteIds): Item {
  const item = newItem(draft.kind, id, now) as Item & Record<string, unknown>
  const body = draftBodyToDoc(draft, mediaIds, noteIds)
  const createdAt = draft.createdAt ?? draft.updatedAt ?? now
  item.title = draft.title.trim()
  item.body = body
  item.bodyText = docToPlainText(body)
  item.tags = normalizeTags(draft.tags)
  item.createdAt = createdAt
  item.updatedAt = Math.max(draft.updatedAt ?? createdAt, createdAt)
  item.importKey = draft.sourceKey
  if (draft.status && (STATUSES_BY_KIND[draft.kind] as readonly ItemStatus[]).includes(draft.status)) item.status = draft.status

  const meta: Record<string, unknown> = { ...draft.extra }
  // What the parser worked out rather than found (where wikilinks and embeds resolve, images it could not
  // find) describes this import, not the source: the body keeps the wikilinks themselves.
  for (const derived of DERIVED_EXTRA_KEYS) delete meta[derived]
  for (const [key, value] of Object.entries(draft.fields)) {
    // Only fields the kind has, with the type it expects; anything else is kept rather than forced in.
    if (key in item && key !== 'id' && key !== 'kind' && typeof item[key] === typeof value) item[key] = value
    else meta[key] = value
  }
  if (Object.keys(meta).length > 0) item.meta = meta

  if (item.kind === 'link') {
    if (draft.fields.savedAt === undefined) item.savedAt = createdAt
    // A link without a title waits for its page title like a link saved by hand; one with a title is complete.
    if (!item.title) {
      item.title = placeholderLinkTitle(item.url)
      item.fetchState = 'pending'
    } else {
      item.fetchState = 'done'
    }
  }
  return item
}

// Browser bookmarks (the Netscape bookmark file Chrome, Firefox, Safari, Edge, Pinboard and linkding export)
// to link drafts.
//
// The format is 1990s HTML that no browser writes well-formed: <DT> and <p> are never closed, <DD> runs
// until the next tag. htmlparser2 tokenises it the way a browser would (implied end tags), and the folder
// tree is followed through <DL> open/close events, so a missing </DT> cannot shift a bookmark into the
// wrong folder. Folders become tags (each path segment), except the browsers' own top folders ("Bookmarks
// bar", "Other bookmarks"...) which say nothing about a link; the full path is kept in `extra.folder`.
import { Parser } from 'htmlparser2'
import { normalizeTags } from '../items'
import { epochToMs } from './dates'
import { assertWithinSize, decodeChunks, newDecodeStats, sniffHtmlCharset } from './decode'
import { cut, linkAddress, MAX_LINK_DESCRIPTION_LENGTH, MAX_LINK_TITLE_LENGTH } from './links'
import { progressTicker } from './progress'
import { ImportError, type ImportDraft, type ImportParseOptions, type ImportParseResult, type SkippedEntry } from './types'

export interface BookmarksParseOptions extends ImportParseOptions {
  /** Also tag links with the browser's top folders ("Bookmarks bar", "Other bookmarks"...). Default false. */
  keepRootFolderTags?: boolean
  /** Bookmarks allowed in one file (default 200,000). */
  maxBookmarks?: number
}

/** 64 MiB: a 20,000-bookmark Firefox export with favicons inlined weighs about 20 MB. */
export const BOOKMARKS_DEFAULT_MAX_BYTES = 64 * 1024 * 1024
export const BOOKMARKS_DEFAULT_MAX_COUNT = 200_000
/** Folder levels that become tags; deeper ones (never seen in practice) are only kept in `extra.folder`. */
const MAX_TAGGED_DEPTH = 32

/** Top folders browsers create themselves, by the names they export in English and French. */
const BROWSER_ROOT_FOLDERS = new Set(
  [
    'bookmarks bar',
    'bookmarks toolbar',
    'bookmarks menu',
    'other bookmarks',
    'mobile bookmarks',
    'favorites bar',
    'favorites',
    'barre de favoris',
    'barre personnelle',
    'barre des favoris',
    'autres favoris',
    'favoris sur mobile',
    'menu des marque-pages',
    'autres marque-pages',
    'marque-pages sur mobile',
    'reading list',
    'liste de lecture',
  ].map((n) => n.toLowerCase()),
)

interface Folder {
  name: string
  /** A browser's own top folder: not a tag. */
  root: boolean
  readingList: boolean
}

interface PendingLink {
  attrs: Record<string, string>
  text: string
}

function isRootFolder(attrs: Record<string, string>, name: string, depth: number): boolean {
  if (depth !== 0) return false
  if (attrs.personal_toolbar_folder === 'true' || attrs.unfiled_bookmarks_folder === 'true') return true
  return BROWSER_ROOT_FOLDERS.has(name.trim().toLowerCase())
}

/**
 * Reads a bookmarks.html export. Throws ImportError 'empty', 'not-this-format' (no bookmark list in the
 * file), 'too-large' or 'cancelled'. Bookmarks whose address is not http(s) (javascript: bookmarklets,
 * place:, file:) are skipped with reason 'unsafe-url'.
 */
export function parseBookmarks(input: string | Uint8Array, options: BookmarksParseOptions = {}): ImportParseResult {
  assertWithinSize(input, options.maxBytes ?? BOOKMARKS_DEFAULT_MAX_BYTES)
  const maxBookmarks = options.maxBookmarks ?? BOOKMARKS_DEFAULT_MAX_COUNT
  const stats = newDecodeStats()
  const ticker = progressTicker(options, typeof input === 'string' ? input.length : input.byteLength)

  const drafts: ImportDraft[] = []
  const byKey = new Map<string, ImportDraft>()
  const skipped: SkippedEntry[] = []
  const folders: Folder[] = []
  let pendingFolder: Folder | null = null
  let folderAttrs: Record<string, string> | null = null
  let folderText = ''
  let link: PendingLink | null = null
  let describing: ImportDraft | null = null
  let description = ''
  let sawDoctype = false
  let skipping = 0
  let sawList = false
  let anchors = 0
  let folderCount = 0
  let nonBlank = false

  const finishDescription = (): void => {
    if (describing) {
      const text = cut(description.replace(/ *\n */g, '\n').trim(), MAX_LINK_DESCRIPTION_LENGTH)
      if (text) describing.fields.description = text
    }
    describing = null
    description = ''
  }

  const finishLink = (pending: PendingLink): void => {
    anchors++
    const title = cut(pending.text.replace(/\s+/g, ' ').trim(), MAX_LINK_TITLE_LENGTH)
    const href = (pending.attrs.href ?? '').trim()
    const what = title || href || '(untitled)'
    // javascript: bookmarklets, data:, file:, place:, chrome://... never become links.
    const address = linkAddress(href)
    if (!('url' in address)) {
      skipped.push({ what, reason: address.reason, detail: address.detail })
      return
    }
    const { url } = address
    const folderTags = folders
      .slice(0, MAX_TAGGED_DEPTH + 1)
      .filter((f) => !f.root || options.keepRootFolderTags)
      .map((f) => f.name)
    const ownTags = (pending.attrs.tags ?? '').split(',')
    const sourceKey = `url:${url}`
    const existing = byKey.get(sourceKey)
    if (existing) {
      // The same page bookmarked in two folders: one link, with the tags of both.
      existing.tags = normalizeTags([...existing.tags, ...folderTags, ...ownTags])
      skipped.push({ what, reason: 'duplicate', detail: url })
      return
    }
    if (drafts.length >= maxBookmarks) throw new ImportError('too-large', 'The file holds too many bookmarks.', `>${maxBookmarks}`)
    const added = epochToMs(Number(pending.attrs.add_date))
    const modified = epochToMs(Number(pending.attrs.last_modified))
    const readingList = folders.some((f) => f.readingList)
    const extra: Record<string, unknown> = {}
    const folderPath = folders
      .slice(0, MAX_TAGGED_DEPTH + 1)
      .map((f) => f.name)
      .filter(Boolean)
      .join('/')
    if (folderPath) extra.folder = folderPath
    if (pending.attrs.shortcuturl) extra.keyword = pending.attrs.shortcuturl
    if (pending.attrs.private === '1') extra.private = true
    const fields: ImportDraft['fields'] = {
      url,
      // Bookmarks are things already read; only those marked "to read" (Pinboard, linkding, Safari's
      // Reading List) join the reading queue.
      read: !(pending.attrs.toread === '1' || readingList),
    }
    if (added !== null) fields.savedAt = added
    const draft: ImportDraft = {
      kind: 'link',
      sourceKey,
      title,
      body: { format: 'text', source: '' },
      tags: normalizeTags([...folderTags, ...ownTags]),
      status: null,
      createdAt: added,
      updatedAt: modified ?? added,
      fields,
      extra,
      media: [],
    }
    drafts.push(draft)
    byKey.set(sourceKey, draft)
    describing = draft
  }

  const parser = new Parser(
    {
      onprocessinginstruction(name, data) {
        if (name.toLowerCase() === '!doctype' && /netscape-bookmark-file/i.test(data)) sawDoctype = true
      },
      onopentag(name, attrs) {
        if (name === 'script' || name === 'style') {
          skipping++
          return
        }
        // An entry whose </A> is missing ends where the next entry, folder or list starts.
        if (link && (name === 'a' || name === 'dt' || name === 'dl' || name === 'h3')) {
          const done = link
          link = null
          finishLink(done)
        }
        // A <DD> describes the bookmark just before it and runs until the next entry or list.
        if (name === 'dt' || name === 'dl' || name === 'h3' || name === 'a' || name === 'h1') finishDescription()
        if (name === 'dl') {
          sawList = true
          folders.push(pendingFolder ?? { name: '', root: true, readingList: false })
          pendingFolder = null
        } else if (name === 'h3') {
          folderAttrs = attrs
          folderText = ''
        } else if (name === 'a') {
          link = { attrs, text: '' }
        } else if (name === 'dd') {
          description = ''
        } else if (name === 'br' && describing) description += '\n'
      },
      ontext(text) {
        if (!nonBlank && text.trim()) nonBlank = true
        if (skipping) return
        if (link) link.text += text
        else if (folderAttrs) folderText += text
        else if (describing) description += text.replace(/\s+/g, ' ')
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skipping = Math.max(0, skipping - 1)
        else if (name === 'a' && link) {
          const done = link
          link = null
          finishLink(done)
        } else if (name === 'h3' && folderAttrs) {
          const folderName = folderText.replace(/\s+/g, ' ').trim()
          // Folders nest one <DL> per level; the outermost <DL> is the file's own list.
          const depth = Math.max(0, folders.length - 1)
          pendingFolder = {
            name: folderName,
            root: !folderName || isRootFolder(folderAttrs, folderName, depth),
            readingList: folderAttrs.id === 'com.apple.ReadingList',
          }
          folderCount++
          folderAttrs = null
        } else if (name === 'dl') {
          finishDescription()
          folders.pop()
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  )

  for (const chunk of decodeChunks(input, stats, { sniffDeclared: sniffHtmlCharset })) {
    parser.write(chunk)
    ticker.tick(stats.consumed)
  }
  parser.end()
  if (link) finishLink(link)
  finishDescription()

  if (!nonBlank && anchors === 0 && !sawDoctype) throw new ImportError('empty', 'The file is empty.')
  if (anchors === 0 && !(sawDoctype && sawList)) {
    throw new ImportError('not-this-format', 'This file is not a bookmarks export: it has no list of bookmarks.')
  }
  if (!sawList && !sawDoctype) {
    throw new ImportError('not-this-format', 'This file is a web page, not a bookmarks export.')
  }
  ticker.finish()
  const summary: ImportParseResult['summary'] = {
    bookmarks: drafts.length,
    folders: folderCount,
    skipped: skipped.length,
    encoding: stats.encoding,
  }
  if (stats.repairedBytes) summary.repairedBytes = stats.repairedBytes
  return { drafts, skipped, summary }
}

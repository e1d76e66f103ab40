// Raindrop.io's CSV export to link drafts. Columns (read by name): id, title, note, excerpt, url, folder
// ("Parent/Child" for nested collections), tags ("a, b" in one quoted field), created (ISO 8601 or epoch),
// cover, highlights, favorite. The note and highlights are the person's own words about the page: they
// become the link's body; the excerpt (the page's description) its description; each folder level a tag.
import type { CsvParseOptions } from './csv'
import { parseLooseDate } from './dates'
import { readLinkCsv, unknownColumns } from './linkCsv'
import { cut, linkAddress, MAX_LINK_DESCRIPTION_LENGTH } from './links'
import type { ImportDraft, ImportParseResult } from './types'

const KNOWN = new Set(['id', 'title', 'note', 'excerpt', 'url', 'folder', 'tags', 'created', 'cover', 'highlights', 'favorite'])
/** Raindrop's default collection: every bookmark saved without choosing one lands there; not a topic. */
const DEFAULT_FOLDERS = new Set(['unsorted', 'non triés', 'non trié'])

/** Reads a Raindrop.io CSV export. Throws ImportError 'empty', 'not-this-format', 'too-large', 'cancelled'. */
export function parseRaindropCsv(input: string | Uint8Array, options: CsvParseOptions = {}): ImportParseResult {
  let withNotes = 0
  const { drafts, skipped, info } = readLinkCsv(input, options, {
    format: 'Raindrop',
    required: ['url'],
    tags: ({ get }) => {
      const folderTags = get('folder')
        .trim()
        .split('/')
        .map((s) => s.trim())
        .filter((s) => s && !DEFAULT_FOLDERS.has(s.toLowerCase()))
      return [...folderTags, ...get('tags').split(',')]
    },
    draft: ({ get, values, title, url }) => {
      const created = parseLooseDate(get('created'))
      const note = get('note').trim()
      const highlights = get('highlights').trim()
      const body = [note, highlights].filter(Boolean).join('\n\n')
      if (body) withNotes++
      const extra: Record<string, unknown> = {}
      const id = get('id').trim()
      if (id) extra.raindropId = id
      const folder = get('folder').trim()
      if (folder) extra.folder = folder
      if (get('favorite').trim().toLowerCase() === 'true') extra.favorite = true
      if (highlights) extra.highlights = highlights
      unknownColumns(values, KNOWN, extra)
      const fields: ImportDraft['fields'] = { url, read: true }
      const excerpt = cut(get('excerpt').trim(), MAX_LINK_DESCRIPTION_LENGTH)
      if (excerpt) fields.description = excerpt
      if (created !== null) fields.savedAt = created
      const media: ImportDraft['media'] = []
      const cover = linkAddress(get('cover'))
      if ('url' in cover) {
        media.push({ ref: cover.url })
        extra.cover = cover.url
      }
      return { title, body: { format: 'text', source: body }, createdAt: created, updatedAt: created, fields, extra, media }
    },
  })

  const summary: ImportParseResult['summary'] = { links: drafts.length, withNotes, rows: info.rows, skipped: skipped.length, encoding: info.encoding }
  if (info.repairedBytes) summary.repairedBytes = info.repairedBytes
  return { drafts, skipped, summary }
}

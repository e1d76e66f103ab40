// Raindrop.io's CSV export to link drafts. Columns (read by name): id, title, note, excerpt, url, folder
// ("Parent/Child" for nested collections), tags ("a, b" in one quoted field), created (ISO 8601 or epoch),
// cover, highlights, favorite. The note and highlights are the person's own words about the page: they
// become the link's body; the excerpt (the page's description) its description; each folder level a tag.
import { normalizeTags } from '../items'
import { readCsv, type CsvParseOptions } from './csv'
import { parseLooseDate } from './dates'
import { cut, linkAddress, MAX_LINK_DESCRIPTION_LENGTH, MAX_LINK_TITLE_LENGTH } from './links'
import type { ImportDraft, ImportParseResult, SkippedEntry } from './types'

const KNOWN = new Set(['id', 'title', 'note', 'excerpt', 'url', 'folder', 'tags', 'created', 'cover', 'highlights', 'favorite'])
/** Raindrop's default collection: every bookmark saved without choosing one lands there; not a topic. */
const DEFAULT_FOLDERS = new Set(['unsorted', 'non triés', 'non trié'])

/** Reads a Raindrop.io CSV export. Throws ImportError 'empty', 'not-this-format', 'too-large', 'cancelled'. */
export function parseRaindropCsv(input: string | Uint8Array, options: CsvParseOptions = {}): ImportParseResult {
  const drafts: ImportDraft[] = []
  const byKey = new Map<string, ImportDraft>()
  const skipped: SkippedEntry[] = []
  let withNotes = 0

  const info = readCsv(input, options, { format: 'Raindrop', required: ['url'] }, ({ row, values, broken }) => {
    const get = (name: string): string => values.get(name) ?? ''
    const title = cut(get('title').replace(/\s+/g, ' ').trim(), MAX_LINK_TITLE_LENGTH)
    const what = title || get('url').trim().slice(0, 200) || `row ${row}`
    if (broken) {
      skipped.push({ what, reason: 'malformed', detail: `row ${row}: unterminated quote` })
      return
    }
    const address = linkAddress(get('url'))
    if (!('url' in address)) {
      skipped.push({ what, reason: address.reason, detail: address.detail })
      return
    }
    const folder = get('folder').trim()
    const folderTags = folder
      .split('/')
      .map((s) => s.trim())
      .filter((s) => s && !DEFAULT_FOLDERS.has(s.toLowerCase()))
    const tags = [...folderTags, ...get('tags').split(',')]
    const sourceKey = `url:${address.url}`
    const existing = byKey.get(sourceKey)
    if (existing) {
      existing.tags = normalizeTags([...existing.tags, ...tags])
      skipped.push({ what, reason: 'duplicate', detail: address.url })
      return
    }
    const created = parseLooseDate(get('created'))
    const note = get('note').trim()
    const highlights = get('highlights').trim()
    const body = [note, highlights].filter(Boolean).join('\n\n')
    if (body) withNotes++
    const extra: Record<string, unknown> = {}
    const id = get('id').trim()
    if (id) extra.raindropId = id
    if (folder) extra.folder = folder
    if (get('favorite').trim().toLowerCase() === 'true') extra.favorite = true
    if (highlights) extra.highlights = highlights
    for (const [name, value] of values) if (!KNOWN.has(name) && value.trim()) extra[name] = value
    const fields: ImportDraft['fields'] = { url: address.url, read: true }
    const excerpt = cut(get('excerpt').trim(), MAX_LINK_DESCRIPTION_LENGTH)
    if (excerpt) fields.description = excerpt
    if (created !== null) fields.savedAt = created
    const media: ImportDraft['media'] = []
    const cover = linkAddress(get('cover'))
    if ('url' in cover) {
      media.push({ ref: cover.url })
      extra.cover = cover.url
    }
    const draft: ImportDraft = {
      kind: 'link',
      sourceKey,
      title,
      body: { format: 'text', source: body },
      tags: normalizeTags(tags),
      status: null,
      createdAt: created,
      updatedAt: created,
      fields,
      extra,
      media,
    }
    drafts.push(draft)
    byKey.set(sourceKey, draft)
  })

  const summary: ImportParseResult['summary'] = { links: drafts.length, withNotes, rows: info.rows, skipped: skipped.length, encoding: info.encoding }
  if (info.repairedBytes) summary.repairedBytes = info.repairedBytes
  return { drafts, skipped, summary }
}

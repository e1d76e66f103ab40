// Pocket's CSV export (the zipped file Pocket emailed before it closed in July 2025) to link drafts.
// Columns: title, url, time_added (epoch seconds), tags ("|"-separated), status ("unread" or "archive");
// some exports add a "cursor" column (pagination state, meaningless here). Columns are read by name.
import type { CsvParseOptions } from './csv'
import { epochToMs, parseLooseDate } from './dates'
import { readLinkCsv, unknownColumns } from './linkCsv'
import type { ImportDraft, ImportParseResult } from './types'

const KNOWN = new Set(['title', 'url', 'time_added', 'tags', 'status', 'cursor'])

/** Reads a Pocket CSV export. Throws ImportError 'empty', 'not-this-format', 'too-large', 'cancelled'. */
export function parsePocketCsv(input: string | Uint8Array, options: CsvParseOptions = {}): ImportParseResult {
  let unread = 0
  const { drafts, skipped, info } = readLinkCsv(input, options, {
    format: 'Pocket',
    required: ['url'],
    tags: ({ get }) => get('tags').split('|'),
    draft: ({ get, values, title, url }) => {
      const rawTime = get('time_added').trim()
      const saved = /^\d+$/.test(rawTime) ? epochToMs(Number(rawTime)) : parseLooseDate(rawTime)
      const status = get('status').trim().toLowerCase()
      const read = status === 'archive' || status === 'archived' || status === 'read'
      if (!read) unread++
      const extra: Record<string, unknown> = {}
      if (status && status !== 'unread' && !read) extra.pocketStatus = status
      unknownColumns(values, KNOWN, extra)
      const fields: ImportDraft['fields'] = { url, read }
      if (saved !== null) fields.savedAt = saved
      // Pocket writes the address as the title when it never learnt the page's: leave it to be fetched.
      const realTitle = title === get('url').trim() ? '' : title
      return { title: realTitle, body: { format: 'text', source: '' }, createdAt: saved, updatedAt: saved, fields, extra, media: [] }
    },
  })

  const summary: ImportParseResult['summary'] = { links: drafts.length, unread, rows: info.rows, skipped: skipped.length, encoding: info.encoding }
  if (info.repairedBytes) summary.repairedBytes = info.repairedBytes
  return { drafts, skipped, summary }
}

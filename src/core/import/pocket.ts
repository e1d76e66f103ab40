// Pocket's CSV export (the zipped file Pocket emailed before it closed in July 2025) to link drafts.
// Columns: title, url, time_added (epoch seconds), tags ("|"-separated), status ("unread" or "archive");
// some exports add a "cursor" column (pagination state, meaningless here). Columns are read by name.
import { normalizeTags } from '../items'
import { readCsv, type CsvParseOptions } from './csv'
import { epochToMs, parseLooseDate } from './dates'
import { cut, linkAddress, MAX_LINK_TITLE_LENGTH } from './links'
import type { ImportDraft, ImportParseResult, SkippedEntry } from './types'

const KNOWN = new Set(['title', 'url', 'time_added', 'tags', 'status', 'cursor'])

/** Reads a Pocket CSV export. Throws ImportError 'empty', 'not-this-format', 'too-large', 'cancelled'. */
export function parsePocketCsv(input: string | Uint8Array, options: CsvParseOptions = {}): ImportParseResult {
  const drafts: ImportDraft[] = []
  const byKey = new Map<string, ImportDraft>()
  const skipped: SkippedEntry[] = []
  let unread = 0

  const info = readCsv(input, options, { format: 'Pocket', required: ['url'] }, ({ row, values, broken }) => {
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
    const tags = get('tags').split('|')
    const sourceKey = `url:${address.url}`
    const existing = byKey.get(sourceKey)
    if (existing) {
      existing.tags = normalizeTags([...existing.tags, ...tags])
      skipped.push({ what, reason: 'duplicate', detail: address.url })
      return
    }
    const rawTime = get('time_added').trim()
    const saved = /^\d+$/.test(rawTime) ? epochToMs(Number(rawTime)) : parseLooseDate(rawTime)
    const status = get('status').trim().toLowerCase()
    const read = status === 'archive' || status === 'archived' || status === 'read'
    if (!read) unread++
    const extra: Record<string, unknown> = {}
    if (status && status !== 'unread' && !read) extra.pocketStatus = status
    for (const [name, value] of values) if (!KNOWN.has(name) && value.trim()) extra[name] = value
    const fields: ImportDraft['fields'] = { url: address.url, read }
    if (saved !== null) fields.savedAt = saved
    // Pocket writes the address as the title when it never learnt the page's: leave it to be fetched.
    const realTitle = title === get('url').trim() ? '' : title
    const draft: ImportDraft = {
      kind: 'link',
      sourceKey,
      title: realTitle,
      body: { format: 'text', source: '' },
      tags: normalizeTags(tags),
      status: null,
      createdAt: saved,
      updatedAt: saved,
      fields,
      extra,
      media: [],
    }
    drafts.push(draft)
    byKey.set(sourceKey, draft)
  })

  const summary: ImportParseResult['summary'] = { links: drafts.length, unread, rows: info.rows, skipped: skipped.length, encoding: info.encoding }
  if (info.repairedBytes) summary.repairedBytes = info.repairedBytes
  return { drafts, skipped, summary }
}

// What Pocket and Raindrop CSV rows have in common on the way to link drafts: the title, the checked
// address, broken rows skipped, and a second row for the same address merged into the first (its tags
// added) instead of becoming a duplicate. Each format only says how its columns become tags and fields.
import { normalizeTags } from '../items'
import { readCsv, type CsvInfo, type CsvParseOptions, type CsvSpec } from './csv'
import { cut, linkAddress, MAX_LINK_TITLE_LENGTH } from './links'
import type { ImportDraft, SkippedEntry } from './types'

export interface LinkCsvRow {
  values: Map<string, string>
  get(name: string): string
  /** The row's title, whitespace collapsed and capped. */
  title: string
  /** The checked, normalised http(s) address. */
  url: string
}

export interface LinkCsvFormat extends CsvSpec {
  /** The row's tags (before normalisation), also merged into an earlier row with the same address. */
  tags(row: LinkCsvRow): string[]
  /** The rest of the draft, for a row whose address was not seen before. */
  draft(row: LinkCsvRow): Pick<ImportDraft, 'title' | 'body' | 'createdAt' | 'updatedAt' | 'fields' | 'extra' | 'media'>
}

export function readLinkCsv(
  input: string | Uint8Array,
  options: CsvParseOptions,
  format: LinkCsvFormat,
): { drafts: ImportDraft[]; skipped: SkippedEntry[]; info: CsvInfo } {
  const drafts: ImportDraft[] = []
  const byKey = new Map<string, ImportDraft>()
  const skipped: SkippedEntry[] = []
  const info = readCsv(input, options, format, ({ row, values, broken }) => {
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
    const linkRow: LinkCsvRow = { values, get, title, url: address.url }
    const tags = format.tags(linkRow)
    const sourceKey = `url:${address.url}`
    const existing = byKey.get(sourceKey)
    if (existing) {
      existing.tags = normalizeTags([...existing.tags, ...tags])
      skipped.push({ what, reason: 'duplicate', detail: address.url })
      return
    }
    const draft: ImportDraft = { kind: 'link', sourceKey, tags: normalizeTags(tags), status: null, ...format.draft(linkRow) }
    drafts.push(draft)
    byKey.set(sourceKey, draft)
  })
  return { drafts, skipped, info }
}

/** Extra columns a format does not know, kept so nothing in the file is lost. */
export function unknownColumns(values: Map<string, string>, known: ReadonlySet<string>, extra: Record<string, unknown>): void {
  for (const [name, value] of values) if (!known.has(name) && value.trim()) extra[name] = value
}

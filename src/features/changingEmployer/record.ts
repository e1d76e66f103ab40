// The short record the wizard saves beside the personal archive: what was taken, what was left behind and why, what
// the person decided about items that mention the employer, and the archive's SHA-256, in the person's language, so
// they can show it if asked. Markdown: readable as plain text, and by any viewer.
//
// Titles of items left behind are never written: the title of a confidential item can itself be confidential
// ("Acquisition of Initech — board notes"). They are named by kind, date and id, which anyone with the base on the
// employer's side can look up. Items that were taken are named by title: they are the person's.
import type { TFunction } from 'i18next'
import { ITEM_KINDS, type ItemKind } from '../../core/items'
import type { Affiliation, FlaggedItem, StayingItem } from '../../core/career'
import type { LeavingSummary } from '../backup/leavingScope'
import { formatIsoDay } from '../career/dates'

export type Decision = 'confidential' | 'fine'

export interface RecordInput {
  t: TFunction
  language: string
  /** When the archive was made. */
  now: Date
  affiliation: Affiliation
  affiliations: readonly Affiliation[]
  archive: { fileName: string; size: number; sha256: string }
  summary: LeavingSummary
  flagged: readonly FlaggedItem[]
  decisions: ReadonlyMap<string, Decision>
}

/** Markdown's special characters, escaped in text the person typed (titles, names). */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|~])/g, '\\$1').trim()
}

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function formatSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`
}

export function buildLeavingRecord(input: RecordInput): string {
  const { t, language, affiliation, summary } = input
  const day = (iso: string) => formatIsoDay(iso, language)
  const kindName = (kind: ItemKind) => t(`kinds.${kind}`)
  const orgName = (id: string | null) => escapeMarkdown(input.affiliations.find((a) => a.id === id)?.organisation ?? '?')
  const stayedIds = new Set(summary.staying.map((s) => s.id))
  const taken = ITEM_KINDS.reduce((n, k) => n + summary.leavingCounts[k], 0)
  const left = ITEM_KINDS.reduce((n, k) => n + summary.stayingCounts[k], 0)
  const out: string[] = []
  const organisation = escapeMarkdown(affiliation.organisation)
  const period = t('record.period', { start: day(affiliation.start), end: affiliation.end ? day(affiliation.end) : t('record.present') })

  out.push(`# ${t('record.title', { organisation })}`, '')
  out.push(`<!-- ${t('record.generated')} -->`, '')
  out.push(`- **${t('record.date')}** ${day(localDay(input.now))}`)
  out.push(`- **${t('record.leaving')}** ${organisation}${affiliation.role ? ` — ${escapeMarkdown(affiliation.role)}` : ''} (${period})`)
  out.push(`- **${t('record.archive')}** \`${input.archive.fileName.replace(/`/g, "'")}\` (${formatSize(input.archive.size, language)})`)
  out.push(`- **${t('record.sha256')}** \`${input.archive.sha256}\``, '')

  out.push(`## ${t('record.takenTitle', { count: taken })}`, '')
  out.push(`| ${t('record.kind')} | ${t('record.taken')} | ${t('record.left')} |`, '|---|---:|---:|')
  for (const kind of ITEM_KINDS) out.push(`| ${t(`kindsPlural.${kind}`)} | ${summary.leavingCounts[kind]} | ${summary.stayingCounts[kind]} |`)
  out.push(`| **${t('record.total')}** | **${taken}** | **${left}** |`, '')
  out.push(t('record.with', { revisions: summary.revisions, attachments: summary.attachments, affiliations: summary.affiliations }), '')
  out.push(t('record.notTaken'), '')

  out.push(`## ${t('record.leftTitle', { count: left })}`, '')
  out.push(`<!-- ${t('record.noTitlesComment')} -->`, '')
  if (left === 0) out.push(t('record.leftNone'), '')
  else {
    out.push(t('record.noTitles'), '')
    for (const s of summary.staying) out.push(`- ${stayingLine(s)}`)
    out.push('')
  }

  out.push(`## ${t('record.reviewTitle', { count: input.flagged.length })}`, '')
  if (input.flagged.length === 0) out.push(t('record.reviewNone', { organisation }), '')
  else {
    out.push(t('record.reviewIntro', { organisation }), '')
    for (const f of input.flagged) {
      const decision = input.decisions.get(f.id)
      if (stayedIds.has(f.id)) {
        // Made confidential during the review (or since): named like anything else left behind.
        out.push(`- ${kindName(f.kind)} · ${day(f.date)} · \`${f.id}\` — ${t('record.decision.confidential')}`)
      } else {
        const title = f.title.trim() ? `“${escapeMarkdown(f.title)}”` : t('record.untitled')
        out.push(`- ${title} (${kindName(f.kind)}, ${day(f.date)}) — ${t(decision === 'fine' ? 'record.decision.fine' : 'record.decision.unreviewed')}`)
      }
    }
    out.push('')
  }
  return out.join('\n')

  function stayingLine(s: StayingItem): string {
    const why =
      s.reason === 'item'
        ? t('record.why.item')
        : s.reason === 'affiliation'
          ? t('record.why.affiliation', { organisation: orgName(s.affiliationId) })
          : t('record.why.settings')
    return `${kindName(s.kind)} · ${day(s.date)} · \`${s.id}\` · ${why}${s.trashed ? ` · ${t('record.inTrash')}` : ''}`
  }
}

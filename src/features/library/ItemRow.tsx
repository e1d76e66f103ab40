// One row of the list: kind icon, title, preview or search snippet, date, tags, status.
import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { STATUSES_BY_KIND, type Item, type ItemKind, type ItemStatus } from '../../core/items'
import { preview, ROW_PREVIEW_CHARS } from '../../core/text'
import { ConfidentialMark, useConfidential } from '../career/components/ConfidentialMark'
import { formatListDate } from './dates'
import { KindIcon } from './KindIcon'
import { Highlighted, type LibraryHit } from './searchAdapter'

export const ROW_HEIGHT = 96

/**
 * The words rows show, translated once per language for the whole list: each row translating its own
 * (i18next's t, plus a translation hook per row) was the largest part of painting a view's rows, profiled
 * (18 of 90 ms on a view change).
 */
export interface RowLabels {
  language: string
  loading: string
  untitled: string
  unread: string
  status(kind: ItemKind, status: ItemStatus): string
}

export function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  return useMemo(() => rowLabels(t, language), [t, language])
}

function rowLabels(t: TFunction, language: string): RowLabels {
  const statuses = new Map<string, string>()
  for (const [kind, list] of Object.entries(STATUSES_BY_KIND)) for (const status of list) statuses.set(`${kind}.${status}`, t(`statuses.${kind}.${status}`))
  return {
    language,
    loading: t('loading'),
    untitled: t('untitled'),
    unread: t('unread'),
    status: (kind, status) => statuses.get(`${kind}.${status}`) ?? t(`statuses.${kind}.${status}`),
  }
}

export interface ItemRowProps {
  /** The item as read from the database (the list), or */
  item?: Item | undefined
  /** a search hit, which carries what its row shows (the list paints results without reading the items). */
  hit?: LibraryHit | undefined
  index: number
  selected: boolean
  inTrash: boolean
  optionId: string
  labels: RowLabels
  onSelect(index: number, id: string): void
  onOpen(id: string): void
}

/** What one row shows, from an item or from a search hit. */
interface RowView {
  id: string
  kind: Item['kind']
  title: string
  when: number
  status: Item['status']
  unread: boolean
  tags: string[]
}

function viewOf(item: Item | undefined, hit: LibraryHit | undefined, inTrash: boolean): RowView | undefined {
  if (hit) return { id: hit.id, kind: hit.kind, title: hit.title, when: hit.updatedAt, status: hit.status, unread: hit.unread, tags: hit.tags }
  if (!item) return undefined
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    when: inTrash && item.trashedAt ? item.trashedAt : item.updatedAt,
    status: item.status,
    unread: item.kind === 'link' && !item.read,
    tags: item.tags,
  }
}

/** A row's dates are shown to the minute (the time today, else the day): what it shows of a date. */
export function rowMinute(ts: number | null | undefined): number | null | undefined {
  return typeof ts === 'number' ? Math.floor(ts / 60_000) : ts
}

/** Fields a row shows other than as they are: the plain text by its preview, dates to the minute. */
const SHOWN_AS = new Map<string, (item: Item) => unknown>([
  ['bodyText', (item) => rowPreview(item)],
  ['updatedAt', (item) => rowMinute(item.updatedAt)],
  ['trashedAt', (item) => rowMinute(item.trashedAt)],
])

/**
 * The same row for the list when nothing it can show differs. The list's live query reads its rows again
 * after every write that touches the list (each autosave), as new objects: compared by identity, every row
 * on screen rendered again (dates formatted, previews cut, translations looked up: 10–30 ms of the UI
 * thread after each save of the 200 KB draft). Every field but the rich `body`, which a row never shows, is
 * compared, the plain text by the preview cut from it and dates to the minute (an autosave changes only
 * those, mostly not as shown): what the row or its confidential mark reads is among them.
 */
export function sameRowItem(a: Item | undefined, b: Item | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const x = a as unknown as Record<string, unknown>
  const y = b as unknown as Record<string, unknown>
  const keys = Object.keys(x)
  if (keys.length !== Object.keys(y).length) return false
  for (const key of keys) {
    if (key === 'body') continue
    if (sameShallow(x[key], y[key])) continue
    // Only a field that differs is compared as shown (cutting a preview for every row on screen cost milliseconds).
    const shownAs = SHOWN_AS.get(key)
    if (!shownAs || shownAs(a) !== shownAs(b)) return false
  }
  return true
}

/** Equal, or arrays / plain objects whose entries are (tags, a link's fetch details). */
function sameShallow(u: unknown, v: unknown): boolean {
  if (u === v) return true
  if (Array.isArray(u) && Array.isArray(v)) return u.length === v.length && u.every((e, i) => e === v[i])
  if (!u || !v || typeof u !== 'object' || typeof v !== 'object' || Array.isArray(u) || Array.isArray(v)) return false
  const a = Object.entries(u)
  return a.length === Object.keys(v).length && a.every(([k, e]) => (v as Record<string, unknown>)[k] === e)
}

function sameRowProps(prev: ItemRowProps, next: ItemRowProps): boolean {
  return (
    prev.hit === next.hit &&
    prev.index === next.index &&
    prev.selected === next.selected &&
    prev.inTrash === next.inTrash &&
    prev.optionId === next.optionId &&
    prev.labels === next.labels &&
    prev.onSelect === next.onSelect &&
    prev.onOpen === next.onOpen &&
    sameRowItem(prev.item, next.item)
  )
}

export const ItemRow = memo(function ItemRow({ item, hit, index, selected, inTrash, optionId, labels, onSelect, onOpen }: ItemRowProps) {
  const row = viewOf(item, hit, inTrash)
  // Resolved from what the row holds (the item, or the hit's facts) against the shared career context: no read.
  const confidential = useConfidential(hit ? null : item, hit?.career)
  const markId = `${optionId}-confidential`
  if (!row) {
    return <div className="row row-placeholder" role="option" aria-selected={false} aria-busy="true" aria-label={labels.loading} />
  }
  const title = row.title.trim()
  return (
    <div
      id={optionId}
      role="option"
      aria-selected={selected}
      aria-label={title || labels.untitled}
      aria-describedby={confidential ? markId : undefined}
      className={`row${selected ? ' row-selected' : ''}`}
      data-item-id={row.id}
      onMouseDown={(e) => {
        // Keep focus on the list so arrow keys keep working after a click.
        e.preventDefault()
        ;(e.currentTarget.closest('[role="listbox"]') as HTMLElement | null)?.focus()
        onSelect(index, row.id)
      }}
      onDoubleClick={() => onOpen(row.id)}
    >
      <div className="row-head">
        <KindIcon kind={row.kind} className="row-kind" />
        <span className={`row-title${title ? '' : ' row-untitled'}`}>
          {hit && title ? <Highlighted segments={hit.titleSegments} /> : title || labels.untitled}
        </span>
        <time className="row-date" dateTime={new Date(rowMinute(row.when)! * 60_000).toISOString()}>
          {formatListDate(row.when, labels.language)}
        </time>
      </div>
      <div className="row-preview">
        {hit ? <Highlighted segments={hit.snippetSegments} /> : item ? rowPreview(item) : null}
      </div>
      <div className="row-meta">
        {confidential && <ConfidentialMark id={markId} organisation={confidential.affiliation?.organisation} />}
        {row.status && <span className={`status-pill status-${row.status}`}>{labels.status(row.kind, row.status)}</span>}
        {row.unread && <span className="status-pill status-unread">{labels.unread}</span>}
        {row.tags.slice(0, 4).map((tag) => (
          <span key={tag} className="row-tag">
            #{tag}
          </span>
        ))}
        {row.tags.length > 4 && <span className="row-tag">+{row.tags.length - 4}</span>}
      </div>
    </div>
  )
}, sameRowProps)

function rowPreview(item: Item): string {
  if (item.bodyText) return preview(item.bodyText, ROW_PREVIEW_CHARS)
  if (item.kind === 'link') return item.description || item.url
  if (item.kind === 'post') return item.excerpt
  if (item.kind === 'talk') return [item.event, item.abstract].filter(Boolean).join(' — ')
  return ''
}

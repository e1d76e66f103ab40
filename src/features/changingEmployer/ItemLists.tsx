// "Goes with you" and "Stays behind": counts per kind, and the lists on demand, a page at a time (a base of 50,000
// items would otherwise put 50,000 rows in the dialog).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KindCounts } from '../../core/career'
import { ITEM_KINDS } from '../../core/items'
import { formatIsoDay } from '../career/dates'
import type { ListedItem, StayingListed } from './protocol'

const PAGE = 100

export function CountsLine({ counts }: { counts: KindCounts }) {
  const { t } = useTranslation('changingEmployer')
  return <p className="hint">{ITEM_KINDS.map((kind) => t(`review.countOf.${kind}`, { count: counts[kind] })).join(', ')}</p>
}

export function ItemList({
  items,
  total,
  label,
  affiliationName,
}: {
  items: (ListedItem | StayingListed)[]
  /** Every item of this side; the list holds the newest few hundred. */
  total: number
  label: string
  affiliationName?: (id: string | null) => string
}) {
  const { t, i18n } = useTranslation('changingEmployer')
  const [shown, setShown] = useState(PAGE)
  if (items.length === 0) return null
  return (
    <details className="leaving-list">
      <summary>{t('review.showList')}</summary>
      <ul aria-label={label}>
        {items.slice(0, shown).map((item) => (
          <li key={item.id}>
            <span className="leaving-list-title">{item.title.trim() || t('review.untitled')}</span>
            <span className="hint">
              {' '}
              · {t(`kinds.${item.kind}`)} · {formatIsoDay(item.date, i18n.language)}
              {item.trashed ? ` · ${t('review.inTrash')}` : ''}
              {'reason' in item ? ` · ${reason(item, t, affiliationName)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {items.length > shown && (
        <button type="button" className="btn btn-ghost" onClick={() => setShown((n) => n + PAGE)}>
          {t('review.showMore', { count: Math.min(PAGE, items.length - shown) })}
        </button>
      )}
      {items.length <= shown && total > items.length && <p className="hint">{t('review.notListed', { count: total - items.length })}</p>}
    </details>
  )
}

function reason(item: StayingListed, t: (key: string, options?: Record<string, unknown>) => string, affiliationName?: (id: string | null) => string): string {
  if (item.reason === 'item') return t('review.why.item')
  if (item.reason === 'affiliation') return t('review.why.affiliation', { organisation: affiliationName?.(item.affiliationId) ?? '' })
  return t('review.why.settings')
}

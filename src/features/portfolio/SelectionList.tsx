// What the site shows, item by item: a checkbox per post, talk or link, ticked by the default rule (finished,
// public work) until the person decides; confidential items are listed disabled with the reason, since they can
// never be published. Long lists are virtualised (a knowledge base may hold thousands of links).
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { memo, useDeferredValue, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { contributionDate, defaultInPortfolio, inPortfolio, isConfidential, type ResolvedCareer } from '../../core/career'
import type { Item } from '../../core/items'
import { foldText } from '../../core/text'
import { getDb } from '../../db'
import { useCareerResolver } from '../career/hooks'
import { setItemPortfolio } from '../career/repository'
import { listCandidates, PORTFOLIO_KINDS, type PortfolioKind } from './data'

const ROW_HEIGHT = 52

interface Row {
  item: Item
  career: ResolvedCareer
  shown: boolean
}

const SelectionRow = memo(function SelectionRow({ row }: { row: Row }) {
  const { t } = useTranslation('portfolio')
  const { item, career, shown } = row
  const confidential = isConfidential(career.label)
  const id = useId()
  const title = item.title.trim() || t('content.untitled')
  // The tick shows at once; the row's value catches up when the write comes back through the live query
  // (an override made against an older value is ignored from then on), and a failed write undoes it.
  const [override, setOverride] = useState<{ value: boolean; from: boolean } | null>(null)
  const checked = override && override.from === shown ? override.value : shown
  const toggle = (next: boolean): void => {
    setOverride({ value: next, from: shown })
    // Back to "automatic" when the choice matches the rule, so a later change of status or label still counts.
    const choice = next === defaultInPortfolio(item, career.label) ? undefined : next ? 'include' : 'exclude'
    setItemPortfolio(getDb(), item.id, choice).catch(() => setOverride(null))
  }
  const details = [item.status ? t(`content.status.${item.status}`) : '', contributionDate(item), item.portfolio ? t('content.chosen') : ''].filter(Boolean).join(' · ')
  return (
    <div className={`portfolio-row${confidential ? ' is-confidential' : ''}`}>
      <input id={id} type="checkbox" checked={checked} disabled={confidential} onChange={(e) => toggle(e.target.checked)} aria-describedby={`${id}-details`} />
      <label htmlFor={id} className="portfolio-row-title" dir="auto">
        {title}
      </label>
      <span id={`${id}-details`} className="portfolio-row-details">
        {confidential
          ? career.affiliation
            ? t('content.confidential', { organisation: career.affiliation.organisation })
            : t('content.confidentialNoOrg')
          : details}
      </span>
    </div>
  )
})

export function SelectionList() {
  const { t } = useTranslation('portfolio')
  const [kind, setKind] = useState<PortfolioKind>('post')
  const [query, setQuery] = useState('')
  const deferredQuery = useDeferredValue(query)
  const resolve = useCareerResolver()
  const items = useLiveQuery(() => listCandidates(getDb(), kind), [kind])
  const filterId = useId()
  const rows: Row[] = useMemo(() => {
    const folded = foldText(deferredQuery.trim())
    return (items ?? [])
      .filter((item) => !folded || foldText(item.title).includes(folded))
      .map((item) => {
        const career = resolve(item)
        return { item, career, shown: inPortfolio(item, career.label) }
      })
  }, [items, resolve, deferredQuery])
  const shown = useMemo(() => (items ?? []).filter((item) => inPortfolio(item, resolve(item).label)).length, [items, resolve])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 })

  return (
    <div className="portfolio-content">
      <p className="settings-text hint">{t('content.intro')}</p>
      <div className="portfolio-toolbar">
        <div role="radiogroup" aria-label={t('content.kinds')} className="portfolio-segmented">
          {PORTFOLIO_KINDS.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={kind === k} className={`btn${kind === k ? ' is-active' : ''}`} onClick={() => setKind(k)}>
              {t(`content.kind.${k}`)}
            </button>
          ))}
        </div>
        <label htmlFor={filterId} className="visually-hidden">
          {t('content.filter')}
        </label>
        <input id={filterId} type="search" className="input portfolio-filter" placeholder={t('content.filter')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="hint" role="status">
        {items ? t('content.summary', { shown, total: items.length }) : ''}
      </p>
      <div ref={scrollRef} className="portfolio-list" role="group" aria-label={t('content.list')}>
        {items && rows.length === 0 && <p className="hint portfolio-empty">{items.length ? t('content.noMatch') : t('content.empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => (
            <div key={rows[v.index]!.item.id} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}>
              <SelectionRow row={rows[v.index]!} />
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}

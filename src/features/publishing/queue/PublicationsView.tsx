// The Publications view (from the sidebar, or a notification standing for several reminders): every ledger row
// of every item, newest first, filtered by what is left to do (queued, to post by hand, failed) or done
// (published). Virtualised: only the rows on screen are drawn, and only their items' titles are read.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../../app/ui/Dialog'
import type { Publication } from '../../../core/publish/ledger'
import { getDb } from '../../../db'
import { useLibraryStore } from '../../library/libraryStore'
import { channelName, describePublication } from '../describe'
import { LocalRowActions, RetryStatus, useQueueErrorText } from './LocalRowActions'
import { openPublicationItem } from './usePublicationQueue'
import { closePublicationsView, openPublicationsView, usePublicationsView, type PublicationsFilter } from './viewStore'
import './queue.css'

const FILTERS: PublicationsFilter[] = ['all', 'queued', 'waiting', 'failed', 'published']
const ROW_ESTIMATE = 64

function matches(filter: PublicationsFilter, p: Publication): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'queued':
      return p.status === 'queued' || p.status === 'scheduled' || p.status === 'publishing'
    case 'waiting':
      return p.status === 'awaiting-manual'
    case 'failed':
      return p.status === 'failed'
    case 'published':
      return p.status === 'published'
  }
}

/** The time a row is about: when it goes (or went) out, else its last change. */
function timeOf(p: Publication): number {
  return p.status === 'published' ? (p.publishedAt ?? p.updatedAt) : (p.scheduledAt ?? p.updatedAt)
}

function Row({ publication }: { publication: Publication }) {
  const { t, i18n } = useTranslation('publicationQueue')
  const { t: tp } = useTranslation('publishing')
  const store = useLibraryStore()
  const errorText = useQueueErrorText()
  // One small read per row on screen (the list itself never reads items).
  const title = useLiveQuery(async () => (await getDb().items.get(publication.itemId))?.title ?? null, [publication.itemId])
  const where = channelName(publication.channel)
  const shownTitle = title === null ? t('view.missingItem') : title || t('view.untitled')
  return (
    <div className={`pubq-row pub-status-${publication.status}`}>
      <div className="pubq-row-main">
        <button
          type="button"
          className="pubq-row-title"
          disabled={title === null}
          aria-label={t('view.openItemLabel', { title: shownTitle })}
          onClick={() => void openPublicationItem(store, publication.id)}
        >
          {title === undefined ? '…' : shownTitle}
        </button>
        <span className="pubq-row-where">{where}</span>
        <span className="pubq-row-state">{describePublication(tp, publication, i18n.language)}</span>
      </div>
      {publication.status === 'failed' && publication.error && <span className="field-error">{errorText(publication.error)}</span>}
      <RetryStatus publication={publication} />
      <div className="pub-ledger-actions">
        <LocalRowActions publication={publication} where={`${where} · ${shownTitle}`} onOpenText={() => void openPublicationItem(store, publication.id)} />
      </div>
    </div>
  )
}

function PublicationsList({ filter }: { filter: PublicationsFilter }) {
  const { t, i18n } = useTranslation('publicationQueue')
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language])
  const all = useLiveQuery(() => getDb().publications.toArray(), [])
  const rows = useMemo(() => (all ?? []).filter((p) => matches(filter, p)).sort((a, b) => timeOf(b) - timeOf(a) || b.id.localeCompare(a.id)), [all, filter])
  const counts = useMemo(() => {
    const result: Record<PublicationsFilter, number> = { all: 0, queued: 0, waiting: 0, failed: 0, published: 0 }
    for (const p of all ?? []) for (const f of FILTERS) if (matches(f, p)) result[f]++
    return result
  }, [all])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    getItemKey: (index) => rows[index]!.id,
    // A row not laid out (hidden, or no layout engine) keeps its estimate rather than collapsing to nothing.
    measureElement: (element) => element.getBoundingClientRect().height || ROW_ESTIMATE,
    initialRect: { width: 700, height: 500 },
  })

  return (
    <>
      <div className="pubq-filters" role="radiogroup" aria-label={t('view.filters')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" role="radio" aria-checked={f === filter} className={`pubq-filter${f === filter ? ' pubq-filter-on' : ''}`} onClick={() => openPublicationsView(f)}>
            {t(`view.filter.${f}`)} <span className="pubq-filter-count">{number.format(counts[f])}</span>
          </button>
        ))}
      </div>
      <p className="hint" role="status">
        {all === undefined ? '' : rows.length === 0 ? (counts.all === 0 ? t('view.empty') : t('view.emptyFilter')) : t('view.count', { count: rows.length, n: number.format(rows.length) })}
      </p>
      <div ref={scrollRef} className="pubq-scroll" role="list" aria-label={t(`view.filter.${filter}`)}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((virtual) => (
            <div
              key={virtual.key}
              role="listitem"
              data-index={virtual.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${virtual.start}px)` }}
            >
              <Row publication={rows[virtual.index]!} />
            </div>
          ))}
        </div>
      </div>
    </>
  )
}

export function PublicationsView() {
  const { t } = useTranslation('publicationQueue')
  const open = usePublicationsView()
  if (!open) return null
  return (
    <Dialog open onOpenChange={(o) => !o && closePublicationsView()} title={t('view.title')} description={t('view.description')} wide className="pubq-dialog">
      <div className="dialog-body pubq-body">
        <PublicationsList filter={open.filter} />
      </div>
    </Dialog>
  )
}

// The ideas waiting for a date, beside the calendar: posts and talks at the idea stage, drafts, and notes, with no
// plan and nothing scheduled. Virtualised (only the rows on screen are read and drawn: cheap at 50,000 items).
// Each row can be dragged onto a day (FullCalendar's Draggable, set up on the list) or, from the keyboard,
// planned with the row's date field.
import { Draggable } from '@fullcalendar/interaction'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { CalendarPlus } from 'lucide-react'
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Item } from '../../core/items'
import { getDb } from '../../db'
import { KindIcon } from '../library/KindIcon'
import { ideaIds, ideaRows, type IdeaKind } from './queries'
import { useAfterPaint } from './useAfterPaint'

const ROW_HEIGHT = 52
const KINDS: IdeaKind[] = ['all', 'post', 'talk', 'note']

export interface IdeasListProps {
  /** A day proposed by the row's date field (the first day shown by the calendar). */
  defaultDay: string
  onPlan(itemId: string, day: string): void
  onOpen(itemId: string): void
}

function IdeaRow({ item, defaultDay, onPlan, onOpen }: { item: Item } & IdeasListProps) {
  const { t } = useTranslation('calendar')
  const { t: tc } = useTranslation()
  const [planning, setPlanning] = useState(false)
  const [day, setDay] = useState(defaultDay)
  const dateId = useId()
  const title = item.title || t('ideas.untitled')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      setPlanning(false)
      onPlan(item.id, day)
    }
  }
  return (
    <div className="cal-idea" data-item-id={item.id} data-title={title} role="listitem">
      <button type="button" className="cal-idea-main" onClick={() => onOpen(item.id)} title={title}>
        <KindIcon kind={item.kind} />
        <span className="cal-idea-text">
          <span className="cal-idea-title">{title}</span>
          <span className="cal-idea-meta">
            {tc(`kinds.${item.kind}.one`)}
            {item.status ? ` · ${tc(`statuses.${item.kind}.${item.status}`)}` : ''}
          </span>
        </span>
      </button>
      {planning ? (
        <form className="cal-idea-plan" onSubmit={submit}>
          <label htmlFor={dateId} className="visually-hidden">
            {t('ideas.planDate', { title })}
          </label>
          <input id={dateId} type="date" className="input" value={day} onChange={(e) => setDay(e.target.value)} autoFocus onKeyDown={(e) => e.key === 'Escape' && setPlanning(false)} />
          <button type="submit" className="btn">
            {t('ideas.plan')}
          </button>
        </form>
      ) : (
        <button type="button" className="btn btn-icon btn-ghost cal-idea-plan-btn" aria-label={`${t('ideas.planOn')} ${title}`} title={t('ideas.planOn')} onClick={() => setPlanning(true)}>
          <CalendarPlus size={16} strokeWidth={1.8} aria-hidden />
        </button>
      )}
    </div>
  )
}

export function IdeasList(props: IdeasListProps) {
  const { t, i18n } = useTranslation('calendar')
  const [kind, setKind] = useState<IdeaKind>('all')
  // The month beside it is painted first (the ideas read every ledger row and the keys of the ideas).
  const ready = useAfterPaint(true)
  const ids = useLiveQuery(() => (ready ? ideaIds(getDb(), kind) : undefined), [kind, ready])
  const scrollRef = useRef<HTMLDivElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const count = ids?.length ?? 0
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 280, height: 800 },
  })
  const virtualItems = virtualizer.getVirtualItems()
  const visibleIds = useMemo(() => (ids ? virtualItems.map((v) => ids[v.index]!).filter(Boolean) : []), [ids, virtualItems])
  const key = visibleIds.join(',')
  const rows = useLiveQuery(() => ideaRows(getDb(), visibleIds), [key])
  const byId = useMemo(() => new Map((rows ?? []).map((item) => [item.id, item])), [rows])

  // Rows dragged onto the calendar: FullCalendar's Draggable watches the list (rows come and go as it scrolls).
  useEffect(() => {
    const el = listRef.current
    if (!el) return
    const draggable = new Draggable(el, {
      itemSelector: '.cal-idea',
      eventData: (row) => ({ title: (row as HTMLElement).dataset.title ?? '', create: false, duration: '00:30', classNames: ['cal-state-planned'] }),
    })
    return () => draggable.destroy()
  }, [])

  return (
    <aside className="cal-ideas" aria-labelledby="cal-ideas-title">
      <div className="cal-ideas-head">
        <h2 id="cal-ideas-title" className="cal-ideas-title">
          {t('ideas.title')} <span className="cal-ideas-count">{ids ? t('ideas.count', { count, formattedCount: count.toLocaleString(i18n.language) }) : ''}</span>
        </h2>
        <div className="cal-segmented cal-ideas-filter" role="group" aria-label={t('ideas.filter')}>
          {KINDS.map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {t(`ideas.${k}`)}
            </button>
          ))}
        </div>
        <p className="cal-ideas-hint">{t('ideas.hint')}</p>
      </div>
      <div ref={scrollRef} className="cal-ideas-scroll">
        {ids && count === 0 && <p className="cal-ideas-empty">{t('ideas.empty')}</p>}
        <div ref={listRef} role="list" aria-label={t('ideas.label')} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const item = byId.get(ids![v.index]!)
            return (
              <div key={v.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}>
                {item ? <IdeaRow item={item} {...props} /> : <div className="cal-idea cal-idea-placeholder" aria-hidden />}
              </div>
            )
          })}
        </div>
      </div>
    </aside>
  )
}

// The sidebar: kinds, statuses, tags and Trash, each with its count; clicking one filters the list.
import { CalendarDays, ChartColumnBig, Layers, Settings, Tag, Trash2 } from 'lucide-react'
import { isValidElement, memo, useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ITEM_KINDS, POST_STATUSES, TALK_STATUSES, type ItemKind, type ItemStatus } from '../../core/items'
import type { ListFilter } from '../items/queries'
import { PublicationsSidebarEntry } from '../publishing/queue/PublicationsSidebarEntry'
import { formatNumber, prepareNumberFormat } from './dates'
import { warmIntlOffThread } from '../../lib/intl/offThread'
import { useFirstRowsPainted } from './firstRowsPaint'
import { KindIcon } from './KindIcon'
import { useLibrary, useLibraryStore, type LibraryView } from './libraryStore'
import { useSidebarCounts, useTagCounts, useUnreadCount } from './useCounts'

interface SidebarEntryProps {
  label: string
  count: number | undefined
  /** The interface language, for the count (passed down: one i18n subscription for the sidebar, not one per entry). */
  language: string
  icon?: ReactNode
  current?: boolean
  pressed?: boolean
  /** May be a new function on each render: the entry does not re-render for it (see sameEntry). */
  onClick(): void
  indent?: boolean
}

function SidebarEntryView({ label, count, language, icon, current, pressed, onClick, indent }: SidebarEntryProps) {
  return (
    <li>
      <button
        type="button"
        className={`sidebar-entry${indent ? ' sidebar-entry-indent' : ''}`}
        aria-current={current ? 'true' : undefined}
        aria-pressed={pressed}
        onClick={onClick}
      >
        {icon}
        <span className="sidebar-label">{label}</span>{' '}
        <span className="sidebar-count" aria-hidden={count === undefined}>
          {count === undefined ? '' : formatNumber(count, language)}
        </span>
      </button>
    </li>
  )
}

/** Same icon: the same element, or one of the same type with the same props (icons are re-created on each render). */
function sameIcon(a: ReactNode, b: ReactNode): boolean {
  if (a === b) return true
  if (!isValidElement(a) || !isValidElement(b) || a.type !== b.type || a.key !== b.key) return false
  const pa = a.props as Record<string, unknown>
  const pb = b.props as Record<string, unknown>
  const keys = Object.keys(pa)
  return keys.length === Object.keys(pb).length && keys.every((k) => Object.is(pa[k], pb[k]))
}

/**
 * Every entry (kinds, statuses and each tag) re-rendered on every view change, which a sidebar click
 * pays before the list paints. An entry re-renders only when what it shows changes; its onClick is left
 * out of the comparison, so the Sidebar's handlers read the current view from a ref, never from the
 * render that made them (a kept handler would otherwise act on a stale view).
 */
function sameEntry(a: SidebarEntryProps, b: SidebarEntryProps): boolean {
  return (
    a.label === b.label &&
    a.count === b.count &&
    a.language === b.language &&
    a.current === b.current &&
    a.pressed === b.pressed &&
    a.indent === b.indent &&
    sameIcon(a.icon, b.icon)
  )
}

const SidebarEntry = memo(SidebarEntryView, sameEntry)

/** Its own live count, nothing from the sidebar: no reason to re-render with it. */
const Publications = memo(PublicationsSidebarEntry)

function isFilterView(view: LibraryView, test: (f: ListFilter) => boolean): boolean {
  return view.type === 'items' && test(view.filter)
}

export function Sidebar({ onOpenSettings }: { onOpenSettings(): void }) {
  const { t, i18n } = useTranslation('library')
  const { t: tc } = useTranslation()
  const language = i18n.language
  const store = useLibraryStore()
  const view = useLibrary((s) => s.view)
  // While the calendar or the insights show, no library view is the current one.
  const calendar = useLibrary((s) => !!s.calendar)
  const insights = useLibrary((s) => !!s.insights)
  const elsewhere = calendar || insights
  const counts = useSidebarCounts()
  const unread = useUnreadCount()
  const tags = useTagCounts()
  // The counts' number formatter, built once the rows are painted, while the counts are being read, rather than
  // when they come (at 50,000 items the counts came seconds after the rows, in the middle of the first clicks:
  // a first open-item of 106 ms). And built after a worker has loaded ICU's locale data (lib/intl): the page's
  // first Intl.NumberFormat costs 35-140 ms of this thread, the one after the worker's well under a millisecond.
  const rowsPainted = useFirstRowsPainted()
  useEffect(() => {
    if (rowsPainted) void warmIntlOffThread([language]).then(() => prepareNumberFormat(language))
  }, [rowsPainted, language])
  const tag = view.type === 'items' ? (view.filter.tag ?? null) : null

  // The handlers act on the view as it is when clicked (entries keep the handler of an earlier render).
  const currentView = useRef(view)
  currentView.current = view
  const currentTag = (): string | null => {
    const shown = currentView.current
    return shown.type === 'items' ? (shown.filter.tag ?? null) : null
  }
  const show = (filter: ListFilter) => store.showView({ type: 'items', filter })
  const showKind = (kind: ItemKind | null) => show({ kind, tag: currentTag() })
  const showStatus = (kind: ItemKind, status: ItemStatus) => show({ kind, status, tag: currentTag() })
  const toggleTag = (name: string) => {
    const shown = currentView.current
    const base = shown.type === 'items' ? shown.filter : {}
    show({ ...base, tag: currentTag() === name ? null : name })
  }
  const noKind = (f: ListFilter) => !f.kind && !f.unread

  const statusGroup = (kind: 'post' | 'talk', statuses: readonly ItemStatus[]) => (
    <li>
      <span className="sidebar-group-label" id={`sidebar-status-${kind}`}>
        {tc(`kinds.${kind}.plural`)}
      </span>
      <ul aria-labelledby={`sidebar-status-${kind}`}>
        {statuses.map((status) => (
          <SidebarEntry
            language={language}
            key={status}
            indent
            label={tc(`statuses.${kind}.${status}`)}
            count={counts?.byStatus[kind][status]}
            icon={<span className={`status-dot status-${status}`} aria-hidden />}
            current={!elsewhere && isFilterView(view, (f) => f.kind === kind && f.status === status)}
            onClick={() => showStatus(kind, status)}
          />
        ))}
      </ul>
    </li>
  )

  return (
    <nav className="sidebar" aria-label={t('sidebar.name')}>
      <div className="sidebar-scroll">
        <ul className="sidebar-list">
          <SidebarEntry
            language={language}
            label={t('sidebar.all')}
            count={counts?.all}
            icon={<Layers size={16} strokeWidth={1.8} aria-hidden />}
            current={!elsewhere && isFilterView(view, (f) => noKind(f) && !f.tag)}
            onClick={() => show({})}
          />
          {ITEM_KINDS.map((kind) => (
            <SidebarEntry
              language={language}
              key={kind}
              label={tc(`kinds.${kind}.plural`)}
              count={counts?.byKind[kind]}
              icon={<KindIcon kind={kind} />}
              current={!elsewhere && isFilterView(view, (f) => f.kind === kind && !f.status && !f.unread)}
              onClick={() => showKind(kind)}
            />
          ))}
          <SidebarEntry
            language={language}
            label={t('calendar:title')}
            count={undefined}
            icon={<CalendarDays size={16} strokeWidth={1.8} aria-hidden />}
            current={calendar}
            onClick={() => store.showCalendar()}
          />
          <SidebarEntry
            language={language}
            label={t('insights:name')}
            count={undefined}
            icon={<ChartColumnBig size={16} strokeWidth={1.8} aria-hidden />}
            current={insights}
            onClick={() => store.showInsights()}
          />
        </ul>

        <h2 className="sidebar-heading">{t('sidebar.statuses')}</h2>
        <ul className="sidebar-list">
          {statusGroup('post', POST_STATUSES)}
          {statusGroup('talk', TALK_STATUSES)}
          <li>
            <span className="sidebar-group-label" id="sidebar-status-link">
              {tc('kinds.link.plural')}
            </span>
            <ul aria-labelledby="sidebar-status-link">
              <SidebarEntry
                language={language}
                indent
                label={t('sidebar.unread')}
                count={unread}
                icon={<span className="status-dot status-unread" aria-hidden />}
                current={!elsewhere && isFilterView(view, (f) => !!f.unread)}
                onClick={() => show({ kind: 'link', unread: true, tag: currentTag() })}
              />
            </ul>
          </li>
        </ul>

        <h2 className="sidebar-heading" id="sidebar-tags-heading">
          {t('sidebar.tags')}
        </h2>
        {tags && tags.length === 0 && <p className="sidebar-empty">{t('sidebar.noTags')}</p>}
        <ul className="sidebar-list" aria-labelledby="sidebar-tags-heading">
          {tags?.map(({ tag: name, count }) => (
            <SidebarEntry
              language={language}
              key={name}
              label={name}
              count={count}
              icon={<Tag size={14} strokeWidth={1.8} aria-hidden />}
              pressed={tag === name}
              onClick={() => toggleTag(name)}
            />
          ))}
        </ul>
      </div>

      <ul className="sidebar-list sidebar-bottom">
        <Publications />
        <SidebarEntry
          language={language}
          label={t('sidebar.trash')}
          count={counts?.trash}
          icon={<Trash2 size={16} strokeWidth={1.8} aria-hidden />}
          current={!elsewhere && view.type === 'trash'}
          onClick={() => store.showView({ type: 'trash' })}
        />
        <li>
          <button type="button" className="sidebar-entry" onClick={onOpenSettings}>
            <Settings size={16} strokeWidth={1.8} aria-hidden />
            <span className="sidebar-label">{t('sidebar.settings')}</span>
          </button>
        </li>
      </ul>
    </nav>
  )
}

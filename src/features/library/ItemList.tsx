// The middle pane: search box, view header, and the virtualised list of items (or search hits).
import { useVirtualizer } from '@tanstack/react-virtual'
import { Search, X } from 'lucide-react'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ItemKind } from '../../core/items'
import { ItemRow, ROW_HEIGHT, useRowLabels } from './ItemRow'
import { useLibrary, useLibraryStore, type LibraryView } from './libraryStore'
import { NO_SEARCH, SearchBridge, type LibraryHit, type LibrarySearch } from './searchAdapter'
import { useListWindow, type ListSource } from './useListWindow'
import { formatNumber } from './dates'
import { ListHeader } from './ListHeader'
import { noteFirstRowsRendered } from './firstRowsPaint'
import { usePaintedSince } from './usePaintedSince'

/**
 * Rows drawn beyond the visible ones (384 px either side) once the rows on screen are painted: enough to scroll
 * into without a blank row, as the virtualizer renders synchronously on scroll.
 */
const OVERSCAN = 4
/** Search answers are compared on this many first hits to tell whether the rows on screen change (see useHeadToken). */
const HEAD_HITS = 16

/**
 * A token that changes when one of the first `n` hits is another object: keepUnchangedHits gives back the
 * object already shown for a hit that did not change, so a fuller answer to the same query (the rest of a long
 * list, snippets further down) keeps the token, and a new query's answer changes it.
 */
function useHeadToken(hits: readonly LibraryHit[], n: number): object {
  const last = useRef<{ head: readonly LibraryHit[]; token: object }>({ head: [], token: {} })
  const { head } = last.current
  const same = head.length === Math.min(n, hits.length) && head.every((hit, i) => hit === hits[i])
  // Idempotent (the same hits give the same token), so rendering twice (StrictMode) changes nothing.
  if (!same) last.current = { head: hits.slice(0, n), token: {} }
  return last.current.token
}

export interface ItemListProps {
  onTrash(id: string, nextId: string | null): void
  onNew(kind: ItemKind): void
  searchInputRef: React.RefObject<HTMLInputElement | null>
}

function viewKind(view: LibraryView): ItemKind | null {
  if (view.type !== 'items') return null
  return view.filter.unread ? 'link' : (view.filter.kind ?? null)
}

export function ItemList({ onTrash, onNew, searchInputRef }: ItemListProps) {
  const { t, i18n } = useTranslation('library')
  const { t: ts } = useTranslation('search')
  const store = useLibraryStore()
  const rowLabels = useRowLabels()
  const view = useLibrary((s) => s.view)
  const query = useLibrary((s) => s.query)
  const selectedId = useLibrary((s) => s.selectedId)
  const searching = query.trim() !== '' && view.type === 'items'
  const tag = view.type === 'items' ? (view.filter.tag ?? null) : null
  const [searchState, setSearchState] = useState<LibrarySearch>(NO_SEARCH)
  const search = searching ? searchState : NO_SEARCH

  // Search results paint from the hits themselves (the worker sends what a row shows); the view's own
  // rows stay read and cached underneath, so clearing the search paints them at once.
  const hits = search.hits
  const source: ListSource = useMemo(() => (view.type === 'trash' ? { type: 'trash' } : { type: 'items', filter: view.filter }), [view])

  const scrollRef = useRef<HTMLDivElement>(null)

  const [range, setRange] = useState<[number, number]>([0, 30])
  // While searching, the view's first window stays (the range of the results is not the view's).
  const listData = useListWindow(source, searching ? 0 : range[0], searching ? 0 : range[1])
  const count = searching ? hits.length : listData.count
  // Rows paint before the list is counted (counting is slower than reading the first rows).
  const rows = searching ? hits.length : listData.shown
  const idAt = useCallback((index: number): string | undefined => (searching ? hits[index]?.id : listData.rowAt(index)?.id), [searching, hits, listData])

  // The sidebar's counts start once these rows are painted (firstRowsPaint.ts).
  const rowsRead = listData.shown > 0 || listData.count !== undefined
  useEffect(() => {
    if (rowsRead) noteFirstRowsRendered()
  }, [rowsRead])

  // What the rows on screen show: a view (and whether its rows are there yet), or the first hits of an answer.
  const headToken = useHeadToken(hits, HEAD_HITS)
  const sourceIdentity = searching ? `q:${query}` : JSON.stringify(view)
  const shownRows = searching ? headToken : `${sourceIdentity}|${rows > 0}`
  // A new view, a new answer or the first rows draw the visible rows alone; the rows ahead follow once they are
  // painted. Each row is work on the way to that paint (rendering, style, layout, paint): the 4 drawn ahead were
  // a third of the rows a view change or a search answer drew at the top of the list.
  const rowsPainted = usePaintedSince(shownRows)

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: rowsPainted ? OVERSCAN : 0,
    // jsdom and the first frame have no layout yet: assume a typical list height.
    initialRect: { width: 360, height: 900 },
  })
  const virtualItems = virtualizer.getVirtualItems()
  const first = virtualItems[0]?.index ?? 0
  const last = virtualItems[virtualItems.length - 1]?.index ?? 0
  useEffect(() => {
    setRange((r) => (r[0] === first && r[1] === last ? r : [first, last]))
  }, [first, last])

  // Back to the top when the view or the search changes: only if scrolled away from it (known from the
  // scroll events), as scrollTo forces a layout of the whole window in the middle of painting the new view.
  const scrolledAway = useRef(false)
  useLayoutEffect(() => {
    if (!scrolledAway.current) return
    scrolledAway.current = false
    scrollRef.current?.scrollTo?.({ top: 0 })
  }, [sourceIdentity])

  // Where the selected item is in the loaded rows (the list reorders as items change).
  const indexOfSelected = useCallback((): number => {
    if (!selectedId) return -1
    for (let i = Math.max(0, first - 60); i <= last + 60; i++) if (idAt(i) === selectedId) return i
    return -1
  }, [selectedId, first, last, idAt])

  const [pendingIndex, setPendingIndex] = useState<number | null>(null)
  const selectIndex = useCallback(
    (index: number) => {
      if (rows === 0) return
      const target = Math.max(0, Math.min(rows - 1, index))
      virtualizer.scrollToIndex(target, { align: 'auto' })
      const id = idAt(target)
      if (id) store.select(id)
      else setPendingIndex(target)
    },
    [rows, idAt, store, virtualizer],
  )
  useEffect(() => {
    if (pendingIndex === null) return
    const id = idAt(pendingIndex)
    if (id) {
      store.select(id)
      setPendingIndex(null)
    }
  }, [pendingIndex, idAt, store])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const current = indexOfSelected()
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1)
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current === -1 ? 0 : current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: rows - 1,
    }
    if (e.key in moves) {
      e.preventDefault()
      selectIndex(moves[e.key]!)
    } else if (e.key === 'Enter' && selectedId) {
      e.preventDefault()
      store.requestFocus(selectedId, 'body')
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId && view.type === 'items') {
      e.preventDefault()
      const next = idAt(current + 1) ?? idAt(current - 1) ?? null
      onTrash(selectedId, next)
    }
  }

  const onSelect = useCallback((_index: number, id: string) => store.select(id), [store])
  const onOpen = useCallback((id: string) => store.requestFocus(id, 'body'), [store])

  // One stable name, searching or not (the status line above says how many results): the list is the same place.
  // The fixed labels are translated once per language (t changes with it), not at each of the list's renders.
  const labels = useMemo(() => ({ list: t('list.name'), search: t('search.label'), placeholder: t('search.placeholder'), clear: t('search.clear') }), [t])
  const empty = count === 0

  return (
    <div className="list-pane">
      {searching && <SearchBridge query={query} kind={viewKind(view)} tag={tag} onChange={setSearchState} />}
      <div className="search-box">
        <Search size={15} className="search-icon" aria-hidden />
        <input
          ref={searchInputRef}
          type="search"
          className="input search-input"
          aria-label={labels.search}
          placeholder={labels.placeholder}
          value={query}
          disabled={view.type === 'trash'}
          onChange={(e) => store.setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault()
              store.setQuery('')
            } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault()
              scrollRef.current?.focus()
              if (indexOfSelected() === -1) selectIndex(0)
            }
          }}
        />
        {query && (
          <button type="button" className="btn btn-ghost btn-icon search-clear" aria-label={labels.clear} onClick={() => store.setQuery('')}>
            <X size={14} aria-hidden />
          </button>
        )}
      </div>

      <ListHeader view={view} onNew={onNew} />

      <div className="list-status" aria-live="polite">
        {searching ? <SearchStatusLine search={search} query={query} /> : count !== undefined && t('list.count', { count, formatted: formatNumber(count, i18n.language) })}
      </div>

      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        aria-label={labels.list}
        tabIndex={0}
        aria-activedescendant={selectedId && indexOfSelected() !== -1 ? `row-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          scrolledAway.current = e.currentTarget.scrollTop > 0
        }}
      >
        {empty && (
          <div className="list-empty">
            {searching ? (search.pending ? '' : ts('noResults', { query: query.trim() })) : view.type === 'trash' ? t('list.trashEmpty') : t('list.empty')}
          </div>
        )}
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const hit = searching ? hits[v.index] : undefined
            const item = searching ? undefined : listData.rowAt(v.index)
            const id = hit?.id ?? item?.id
            return (
              <div key={v.key} role="presentation" className="row-slot" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                <ItemRow
                  item={item}
                  hit={hit}
                  index={v.index}
                  selected={!!id && id === selectedId}
                  inTrash={view.type === 'trash'}
                  optionId={id ? `row-${id}` : `row-pending-${v.index}`}
                  labels={rowLabels}
                  onSelect={onSelect}
                  onOpen={onOpen}
                />
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

/** What search is doing: preparing its index, how many results, or why it cannot answer. Memoised like ListHeader. */
const SearchStatusLine = memo(function SearchStatusLine({ search, query }: { search: LibrarySearch; query: string }) {
  const { t, i18n } = useTranslation('search')
  if (search.error) return <span className="list-status-error">{t('unavailable')}</span>
  if (!search.ready) {
    return <span>{search.progress ? t('indexing', { done: formatNumber(search.progress.done, i18n.language), total: formatNumber(search.progress.total, i18n.language) }) : t('preparing')}</span>
  }
  const shown = search.hits.length
  const summary =
    search.total > shown
      ? t('bestOf', { shown: formatNumber(shown, i18n.language), count: search.total })
      : t('results', { count: search.total })
  return (
    <span>
      {query.trim() && summary}
      {!search.complete && <span className="list-status-note"> · {t('bodiesLoading')}</span>}
    </span>
  )
})

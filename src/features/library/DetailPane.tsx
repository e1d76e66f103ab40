// The right pane: the selected item's fields above its editor, or the Trash preview, or a welcome.
import { ChevronDown, ChevronRight } from 'lucide-react'
import { lazy, memo, startTransition, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { createPortal, flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { newItem } from '../../core/itemFactory'
import { slugify } from '../../core/slug'
import { ITEM_KINDS, type Item, type ItemKind } from '../../core/items'
import { getDb } from '../../db'
import { CareerFields } from '../career/components/CareerFields'
import { MarkIfConfidential } from '../career/components/ConfidentialMark'
import { useResolvedCareer } from '../career/hooks'
import type { ResolvedCareer } from '../../core/career'
import { LinkFields } from '../links/LinkFields'
import { WhereItWent } from '../publishing/WhereItWent'
import { TrashDetail } from '../trash/TrashDetail'
import { useActions } from './actions'
import { formatAgo, formatFullDate, JUST_NOW_MS } from './dates'
import { echoedUpdate, noteEchoedUpdate, subscribeEchoedUpdates } from './echoedUpdates'
import { PostFields } from './fields/PostFields'
import { TagsEditor } from './fields/TagsEditor'
import { TalkFields } from './fields/TalkFields'
import { ItemMenu } from './ItemMenu'
import { KindIcon } from './KindIcon'
import { useLibrary, useLibraryStore } from './libraryStore'
import { LinkedFrom } from './LinkedFrom'
import { openItemInLibrary } from './openItem'
import { deliverTypeAhead } from './typeAhead'
import { whenQuiet } from '../../lib/whenQuiet'
import { appendHiddenStage } from '../../lib/hiddenStage'
import { isOwnSave, markWrites, newestOwnSave, ownSavesOnlySince, type WritesMark } from '../editor/ownSaves'
import { listCopyWhileReading } from './useItem'
import { itemMayBeWritten, onlyItemWritten, useItemsRead } from './useItemsRead'
import { rowWritesMark, takeOwnSaves } from './rowWrites'

const DETAILS_OPEN_KEY = 'baluchon.detailsOpen'

/**
 * The rich editor (Tiptap, ProseMirror) is the largest part of the app and is not needed to paint the
 * list: it is its own chunk, fetched right after the first paint (preloadEditor) so opening an item
 * does not wait for it, and its editor is built as soon as the app is idle (200–300 ms of work the
 * first time, which the first open of an item would otherwise pay).
 */
type EditorModule = typeof import('../editor')
/** The editor's module once loaded: rendered directly then, as React.lazy suspends once even when loaded. */
let editorModule: EditorModule | null = null
const loadEditor = () =>
  import('../editor').then((m) => {
    editorModule = m
    return m
  })
const LazyItemEditor = lazy(() => loadEditor().then((m) => ({ default: m.ItemEditor })))

let prebuilt: () => void = () => undefined
const editorPrebuilt = new Promise<void>((resolve) => (prebuilt = resolve))
/** Resolves once preloadEditor has built the spare editor (and its drawing warmed up). */
const whenEditorPrebuilt = (): Promise<void> => editorPrebuilt

let detailWarmedUp: () => void = () => undefined
const detailWarmUpDone = new Promise<void>((resolve) => (detailWarmedUp = resolve))
/** Resolves once DetailWarmUp has drawn every kind. */
const whenDetailWarmedUp = (): Promise<void> => detailWarmUpDone

export function preloadEditor(): void {
  void loadEditor().then((m) => {
    const build = () => {
      m.prebuildEditor(getDb())
      // After prebuildEditor's own warm-up task.
      setTimeout(prebuilt, 0)
    }
    if (typeof requestIdleCallback === 'function') requestIdleCallback(build, { timeout: 2_000 })
    else setTimeout(build, 0)
  })
}

function KindFieldsForm({ item }: { item: Item }) {
  switch (item.kind) {
    case 'post':
      return <PostFields item={item} />
    case 'talk':
      return <TalkFields item={item} />
    case 'link':
      return <LinkFields item={item} />
    case 'note':
      return null
  }
}

/** Focuses the editor's title or body when asked (new item, Enter in the list). */
function useFocusRequests(itemId: string, container: React.RefObject<HTMLElement | null>) {
  const store = useLibraryStore()
  const focus = useLibrary((s) => s.focus)
  useEffect(() => {
    if (!focus || focus.itemId !== itemId) return
    // The editor mounts asynchronously: try for up to a second.
    let frames = 0
    let raf = 0
    const attempt = () => {
      const root = container.current
      const target =
        focus.target === 'title'
          ? (root?.querySelector<HTMLElement>('.detail-editor textarea') ?? root?.querySelector<HTMLElement>('.detail-editor input:not([type="file"]):not([hidden])'))
          : root?.querySelector<HTMLElement>('.detail-editor [contenteditable="true"]')
      target?.focus()
      // The editor may still replace its elements while it initialises: done only once focus holds.
      if (target && document.activeElement === target) {
        store.clearFocus()
        if (focus.target === 'title') deliverTypeAhead(target)
      }
      else if (frames++ < 60) raf = requestAnimationFrame(attempt)
    }
    attempt()
    return () => cancelAnimationFrame(raf)
  }, [focus, itemId, container, store])
}

interface DetailHeaderProps {
  itemId: string
  kind: Item['kind']
  createdAt: number
  updatedAt: number
  /** The item's effective affiliation and label (confidential work is marked here). */
  career: ResolvedCareer | null
}

/**
 * Kind, dates and the item menu; memoised so that a save re-renders only what it changed. The word count
 * is the editor's status bar's (counted when typing pauses): counting it here again from the saved text cost
 * every autosave of a 200 KB document 5–8 ms of the UI thread.
 *
 * "Edited" shows the newest of the row's updatedAt and the echoes of this window's own saves (echoedUpdates.ts):
 * the pane keeps its row for such an echo, and the words and tooltip are written here straight to the DOM, so a
 * save that changes them (the first after opening an item, a new minute) renders nothing in React.
 */
export const DetailHeader = memo(function DetailHeader({ itemId, kind, createdAt, updatedAt, career }: DetailHeaderProps) {
  const { t, i18n } = useTranslation('library')
  const { t: tc } = useTranslation()
  const updatedRef = useRef<HTMLSpanElement>(null)
  const shownUpdatedAt = Math.max(updatedAt, echoedUpdate(itemId) ?? Number.NEGATIVE_INFINITY)
  // The minute shown and whether it says "just now": most saves change neither, and then touch nothing.
  const shownMinute = useRef({ minute: Math.floor(shownUpdatedAt / 60_000), justNow: Date.now() - shownUpdatedAt < JUST_NOW_MS })
  shownMinute.current = { minute: Math.floor(shownUpdatedAt / 60_000), justNow: Date.now() - shownUpdatedAt < JUST_NOW_MS }
  useLayoutEffect(
    () =>
      subscribeEchoedUpdates((id, at) => {
        const span = updatedRef.current
        if (id !== itemId || !span) return
        const minute = Math.floor(at / 60_000)
        const justNow = Date.now() - at < JUST_NOW_MS
        if (minute === shownMinute.current.minute && justNow === shownMinute.current.justNow) return
        shownMinute.current = { minute, justNow }
        // One text child, which React sets as the span's textContent too: it overwrites this on its next change.
        span.textContent = t('detail.updated', { ago: formatAgo(at, i18n.language, t('detail.justNow')) })
        span.title = formatFullDate(at, i18n.language)
      }),
    [itemId, t, i18n.language],
  )
  return (
    <header className="detail-bar">
      <span className="detail-kind">
        <KindIcon kind={kind} />
        {tc(`kinds.${kind}.one`)}
      </span>
      <MarkIfConfidential resolved={career} size="full" />
      <span className="detail-dates hint">
        <span title={formatFullDate(createdAt, i18n.language)}>{t('detail.created', { date: formatFullDate(createdAt, i18n.language) })}</span>
        <span aria-hidden> · </span>
        <span ref={updatedRef} title={formatFullDate(shownUpdatedAt, i18n.language)}>
          {t('detail.updated', { ago: formatAgo(shownUpdatedAt, i18n.language, t('detail.justNow')) })}
        </span>
      </span>
      <ItemMenu itemId={itemId} />
    </header>
  )
})

/** Fields that are the editor's to save (and change with each autosave): the kind's form ignores them. */
const CONTENT_KEYS = new Set(['body', 'bodyText', 'updatedAt'])

function sameApartFromContent(a: Item, b: Item): boolean {
  if (a === b) return true
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    if (CONTENT_KEYS.has(key)) continue
    const x = (a as unknown as Record<string, unknown>)[key]
    const y = (b as unknown as Record<string, unknown>)[key]
    if (x !== y && !(Array.isArray(x) && Array.isArray(y) && sameList(x, y))) return false
  }
  return true
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** The kind's fields re-render when one of them changes, not when an autosave rewrites the body. */
const KindFields = memo(KindFieldsForm, (prev, next) => sameApartFromContent(prev.item, next.item))
const Tags = memo(TagsEditor, (prev, next) => prev.itemId === next.itemId && sameList(prev.tags, next.tags))

/** The same object while the mark it gives is the same, so the memoised header does not re-render on autosave. */
function useStableCareer(resolved: ResolvedCareer | null): ResolvedCareer | null {
  const last = useRef<ResolvedCareer | null>(null)
  const prev = last.current
  if (!(prev && resolved && prev.label === resolved.label && prev.affiliation === resolved.affiliation && prev.labelSource === resolved.labelSource)) last.current = resolved
  return last.current
}

/**
 * The row to give the editor: the one it already has when the new row is this window's own autosave coming
 * back with nothing but the content changed (body, plain text, updatedAt), which the editor ignores anyway
 * (ItemEditor: isOwnStamp). useDetailItem keeps its row for such an echo already; this holds wherever the pane
 * still gets one (rendering the editor again with it, toolbar and status bar, and committing cost the UI thread
 * 10 ms and more beside a 200 KB draft). Any other change reaches it.
 */
export function useEditorItem(item: Item): Item {
  const given = useRef(item)
  const prev = given.current
  if (prev !== item && !(prev.id === item.id && isOwnSave(item.id, item.updatedAt) && sameApartFromContent(prev, item))) given.current = item
  return given.current
}

/**
 * `warmUp`: drawn for the warm-up (DetailWarmUp), with the editor's parts but no session: nothing can be saved.
 * `standby`: mounted ahead of the first open with a placeholder item, hidden (see useStandby).
 */
function ItemDetail({ item, warmUp = false, standby = false }: { item: Item; warmUp?: boolean; standby?: boolean }) {
  const { t } = useTranslation('library')
  const ref = useRef<HTMLDivElement>(null)
  const [detailsOpen, setDetailsOpen] = useState(() => localStorage.getItem(DETAILS_OPEN_KEY) !== '0')
  useFocusRequests(item.id, ref)
  const store = useLibraryStore()
  // Stable, so the memoised editor does not render again for it.
  const openLinkedItem = useCallback((id: string) => openItemInLibrary(store, id), [store])
  const hasFields = item.kind !== 'note'
  // Chosen once per detail pane (switching component types would remount the editor): a lazy component
  // suspends on its first render even with its chunk loaded, painting the pane one task later.
  // Memoised: it renders again for a new row, not for every render of the pane (see useEditorItem).
  const [ItemEditor] = useState(() => memo(editorModule?.ItemEditor ?? LazyItemEditor))
  const editorItem = useEditorItem(item)
  // Resolved per autosave too (cheap: a short scan of the affiliations); the header re-renders only if it changed.
  const resolved = useResolvedCareer(item)
  const career = useStableCareer(resolved)

  return (
    <div className="detail" ref={ref} hidden={standby} data-standby={standby || undefined}>
      <DetailHeader itemId={item.id} kind={item.kind} createdAt={item.createdAt} updatedAt={item.updatedAt} career={career} />

      <div className="detail-scroll">
        <section className="detail-fields" aria-label={t('detail.fields')}>
          {hasFields && (
            <button
              type="button"
              className="detail-fields-toggle"
              aria-expanded={detailsOpen}
              onClick={() => {
                setDetailsOpen(!detailsOpen)
                localStorage.setItem(DETAILS_OPEN_KEY, detailsOpen ? '0' : '1')
              }}
            >
              {detailsOpen ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
              {t('detail.details')}
            </button>
          )}
          {/* Keyed: a field's draft belongs to one item, and leaving the item saves it (useDraft). */}
          {hasFields && detailsOpen && <KindFields key={item.id} item={item} />}
          <Tags itemId={item.id} tags={item.tags} />
          <CareerFields item={item} />
          <WhereItWent itemId={item.id} />
          {/* Keyed: another item's list never shows, even for a moment. Not for the warm-up pane: its item is not in the database. */}
          {!warmUp && <LinkedFrom key={`linked-from:${item.id}`} itemId={item.id} />}
        </section>
        <div className="detail-editor">
          {warmUp ? (
            editorModule && <editorModule.EditorWarmUp />
          ) : (
            <Suspense fallback={<div className="detail-editor-loading" aria-busy="true" />}>
              <ItemEditor item={editorItem} onOpenItem={openLinkedItem} />
            </Suspense>
          )}
        </div>
      </div>
    </div>
  )
}

function Welcome() {
  const { t } = useTranslation('library')
  const actions = useActions()
  return (
    <div className="detail-empty">
      <p className="detail-empty-title">{t('detail.emptyTitle')}</p>
      <p className="hint">{t('detail.emptyHint')}</p>
      <div className="detail-empty-actions">
        {ITEM_KINDS.map((kind) => (
          <button key={kind} type="button" className="btn" onClick={() => (kind === 'link' ? actions.openAddLink() : void actions.newItem(kind))}>
            <KindIcon kind={kind} />
            {t(`new.${kind}`)}
          </button>
        ))}
      </div>
      <p className="hint detail-empty-keys">{t('detail.emptyKeys')}</p>
    </div>
  )
}

/**
 * The selected item, live, except that the echo of this window's own autosave gives back the item already
 * shown when nothing the pane shows differs: the save changed only the body and plain text (the editor's,
 * which it already holds and ignores when they come back) and updatedAt, which the header takes from
 * echoedUpdates.ts without the pane rendering. Rendering the pane again for it (header, fields, editor) and committing cost the UI
 * thread milliseconds per save of a long draft, and each React commit with the caret in the editor also walks
 * the document's DOM to measure the selection. Changes made elsewhere (another window, a restore) always come
 * through: the editor must take them in.
 */
export function useDetailItem(id: string | null): Item | null | undefined {
  const shown = useRef<Item | null | undefined>(undefined)
  // Tagged with the id read: until the new item's read answers, the previous answer is the previous item's.
  const lastRead = useRef<{ id: string | null; item: Item | null } | undefined>(undefined)
  // The last answer made from a read of the row, with where the item's writes stood when it began (ownSaves.ts,
  // `mark`; rowWrites.ts, `rowMark`).
  const lastRowRead = useRef<{ answer: { id: string | null; item: Item | null }; mark: WritesMark; rowMark: number } | null>(null)
  const read = useItemsRead(
    async () => {
      const rowMark = rowWritesMark()
      const since = lastRowRead.current
      if (id && since?.answer.id === id && since.answer.item && (await ownEchoOnly(since.answer.item, since.mark))) {
        lastRowRead.current = { ...since, rowMark }
        return since.answer
      }
      const mark = id ? markWrites(id) : null
      const row = id ? ((await getDb().items.get(id)) ?? null) : null
      const prev = shown.current
      let answer: { id: string | null; item: Item | null } = { id, item: row }
      if (prev && row && prev.id === row.id && isOwnSave(row.id, row.updatedAt) && sameApartFromContent(prev, row)) {
        // The header shows the new "edited" (DetailHeader); the very answer given before, so that nothing renders again.
        noteEchoedUpdate(row.id, row.updatedAt)
        const kept = lastRead.current
        answer = kept && kept.id === id && kept.item === prev ? kept : { id, item: prev }
      }
      lastRowRead.current = mark ? { answer, mark, rowMark } : null
      return answer
    },
    // The echo of this window's own autosave, told without reading anything: the row as the save wrote it
    // (rowWrites.ts) differs from the item shown only in what the editor saves. Before, the pane read the row's
    // index key to tell it, in a transaction of its own after every autosave (about 1 ms of the UI thread's).
    async (parts) => {
      const db = getDb()
      const since = lastRowRead.current
      const item = since?.answer.id === id ? since.answer.item : null
      if (!id || !since || !item || onlyItemWritten(parts, db.name) !== id) return undefined
      const taken = await takeOwnSaves(db.name, id, since.rowMark)
      if (!taken || !isOwnSave(id, taken.row.updatedAt) || !sameApartFromContent(item, taken.row as Item)) return undefined
      noteEchoedUpdate(id, taken.row.updatedAt)
      lastRowRead.current = { ...since, rowMark: taken.mark }
      return since.answer
    },
    [id],
    // Only writes that may have written the row (the live query this replaces ran again for those alone).
    (parts, dbName) => id !== null && itemMayBeWritten(parts, dbName, id),
  )
  lastRead.current = read
  // While it is under way: the list's copy of the row when it is as fresh as the read (listCopyWhileReading),
  // else, as before, the previous item until the read answers.
  const item = read && read.id === id ? read.item : ((id ? listCopyWhileReading(id) : undefined) ?? read?.item)
  shown.current = item
  return item
}

/**
 * True when every write to `item`'s row since it was read (`mark`) was this window's own autosave, each keeping
 * its title, and the row holds the newest one: the pane then keeps the item it shows (as useDetailItem does for
 * such an echo read back) without reading the row, whose body the structured clone of IndexedDB would copy on this
 * thread (3-5 ms per autosave of a 200 KB draft). Reads one index key only, the `[trashed+updatedAt]` key the
 * newest own save gives the row (a save that wrote nothing, or a later write that changed the date or the Trash,
 * finds another). A write made elsewhere that changes neither (a link's fetch state) is told by the count of writes
 * heard (ownSaves.ts). For a save whose written row came back from the save worker, useDetailItem tells the echo
 * without this read; this is for the others (a save whose answer is not known here).
 */
async function ownEchoOnly(item: Item, mark: WritesMark | null): Promise<boolean> {
  if (!mark || mark.itemId !== item.id) return false
  const newest = newestOwnSave(item.id)
  // An unlocked post's slug follows its title on every save: only while it already does is it unchanged.
  if (newest === undefined || (item.kind === 'post' && !item.slugLocked && item.slug !== slugify(item.title))) return false
  const atNewest = await getDb().items.where('[trashed+updatedAt]').equals([item.trashed, newest]).primaryKeys()
  // Counted after the reads: a write is heard of (storagemutated) before the pane's read runs again for it.
  if (!atNewest.includes(item.id) || ownSavesOnlySince(mark, item.title) !== newest) return false
  noteEchoedUpdate(item.id, newest)
  return true
}

/** Set when the standby pane is mounted (useStandby), for profiles and traces. */
export const STANDBY_MARK = 'baluchon:detail-standby'

/** The pane's placeholder item while no item is open (never stored, never shown: its id names no row). */
export const STANDBY_ITEM_ID = 'standby-detail'

/**
 * True once the detail pane may be mounted, hidden, before any item is open: after the warm-up (DetailWarmUp)
 * has drawn every kind, while the person is not clicking or typing (whenQuiet), as an interruptible render
 * (a transition: a click that comes meanwhile goes first). The first open of a session then updates a mounted
 * pane (its editor in place, with its toolbar and status bar) instead of mounting it: mounting cost that open
 * 35 ms of React work, render and commit (bench open-item, first sample 51-80 ms against 16-30 for the next
 * ones), an update 7-10 ms.
 */
function useStandby(): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    if (ready) performance.mark?.(STANDBY_MARK)
  }, [ready])
  useEffect(() => {
    let cancelled = false
    void whenDetailWarmedUp().then(() =>
      whenQuiet(() => {
        if (!cancelled) startTransition(() => setReady(true))
      }),
    )
    return () => {
      cancelled = true
    }
  }, [])
  return ready
}

export function DetailPane() {
  const selectedId = useLibrary((s) => s.selectedId)
  const item = useDetailItem(selectedId)
  const standby = useStandby()
  const [standbyItem] = useState(() => ({ ...newItem('post', STANDBY_ITEM_ID, 0), title: '' }))
  let other: ReactNode = null
  if (!selectedId || item === null) other = <Welcome />
  else if (item === undefined) other = <div className="detail" aria-busy="true" />
  else if (item.trashed) other = <TrashDetail item={item} />
  const shown = other === null ? item : null
  // The item's detail is at the same place in the tree whether it shows an item or waits hidden, so that
  // opening one is an update. Not keyed by item either: the detail, and above all its editor, stay mounted
  // from one item to the next (the editor swaps documents instead of being rebuilt, see ItemEditor).
  return (
    <>
      {other}
      {shown ? <ItemDetail item={shown} /> : standby ? <ItemDetail item={standbyItem} standby /> : null}
    </>
  )
}

/** Names the warm-up's performance marks (one per kind drawn), which tests and profiles look for. */
export const WARM_UP_MARK = 'baluchon:detail-warm-up'

/**
 * Lays out a date field once, for a moment (within one task: never painted), in a box hidden from sight, from the
 * accessibility tree and from focus. Its calendar button's icon is an SVG image of Chromium's own, which the first
 * style of a date field in a session loads and decodes: 25 ms inside the click's frame of a traced first open of a
 * talk (its date field), at the warm-up's time instead. Once decoded it stays in the page's image cache. Drawn into
 * a box outside the page, as the warm-up draws the panes, the field gets no style and the icon is not loaded.
 */
function decodeDateFieldIcon(): void {
  if (typeof document === 'undefined' || !document.body) return
  const stage = appendHiddenStage()
  const field = document.createElement('input')
  field.type = 'date'
  field.tabIndex = -1
  stage.append(field)
  try {
    stage.getBoundingClientRect()
  } finally {
    stage.remove()
  }
}

/** Fake items for the warm-up: never stored, never shown (their id names no row). */
function warmUpItem(kind: ItemKind): Item {
  const item = newItem(kind, `warm-up-${kind}`, Date.now())
  return { ...item, title: 'Title', tags: ['tag'] }
}

/**
 * The detail pane drawn once per kind, at start, where nothing shows it: into an element that is never put in
 * the page (nothing painted, nothing in the accessibility tree, nothing focusable), in one task, then removed
 * in the same task. The first open of a session ran the pane's code (its fields, the editor's toolbar and
 * content, the status bar) cold and took 60-190 ms against 25-40 for the next ones (bench open-item); it now
 * runs warm. One kind per task, and only while the person is not clicking or typing (whenQuiet), so it never
 * holds a click. It starts once the editor is built, and draws the editor's parts with the spare editor only
 * while that one is free (not once an item is open: then the pane is drawn already).
 */
export function DetailWarmUp() {
  const [kind, setKind] = useState<ItemKind | null>(null)
  const [container] = useState(() => (typeof document === 'undefined' ? null : document.createElement('div')))
  useEffect(() => {
    let cancelled = false
    void whenEditorPrebuilt().then(() => {
      for (const k of ITEM_KINDS)
        whenQuiet(() => {
          if (cancelled) return
          flushSync(() => setKind(k))
          flushSync(() => setKind(null))
          performance.mark?.(`${WARM_UP_MARK}:${k}`)
        })
      // In a task of its own, the date field's icon (a talk's date field).
      whenQuiet(() => {
        if (!cancelled) decodeDateFieldIcon()
      })
      // After the kinds: the standby pane (useStandby) then takes the spare editor they draw with.
      whenQuiet(() => {
        if (!cancelled) detailWarmedUp()
      })
    })
    return () => {
      cancelled = true
    }
  }, [])
  if (!kind || !container) return null
  return createPortal(<ItemDetail item={warmUpItem(kind)} warmUp />, container)
}

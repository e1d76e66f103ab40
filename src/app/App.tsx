// The window: sidebar | list | detail, the dialogs, and every way to act (menus, shortcuts, palette, buttons).
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels'
import { useTranslation } from 'react-i18next'
import type { MenuCommand } from '../core/ipc/contract'
import type { ItemKind } from '../core/items'
import { getDb } from '../db'
// The autosave half of the editor only: the editor itself loads after the first paint (DetailPane).
import { registerFlushHandler, useCloseFlush } from '../features/editor/autosave'
import { countTrash } from '../features/items/queries'
import { createItem, deleteForever, emptyTrash, restoreFromTrash, trashItem } from '../features/items/repository'
import { ActionsContext, type LibraryActions } from '../features/library/actions'
import { DetailPane, DetailWarmUp } from '../features/library/DetailPane'
import { flushDrafts } from '../features/library/fields/useDraft'
import { ItemList } from '../features/library/ItemList'
import { LibraryStore, LibraryStoreProvider, useLibrary } from '../features/library/libraryStore'
import { openItemInLibrary } from '../features/library/openItem'
import { Sidebar } from '../features/library/Sidebar'
import { startTypeAhead, stopTypeAhead } from '../features/library/typeAhead'
import { AddLinkDialog } from '../features/links/AddLinkDialog'
import { CommandPalette, matchShortcut, ShortcutsHelp, shortcutLabel, type PaletteCommand, type ShortcutId } from '../features/palette'
import { openImportDialog, useImportDialogOpen } from '../features/import/opener'
import { BackupDialog } from '../features/backup/BackupDialog'
import { openMarkdownExport, useExportJob } from '../features/export/store'
import { openPortfolioExport, usePortfolioState } from '../features/portfolio/store'
import { openChangingEmployer, useWizardState } from '../features/changingEmployer/store'
import { PublishingDialogs } from '../features/publishing/PublishingDialogs'
import { PublicationsViewHost } from '../features/publishing/queue/PublicationsViewHost'
import { usePublicationQueue } from '../features/publishing/queue/usePublicationQueue'
import { effectiveTheme } from '../features/settings/theme'
import { changeLanguagePreference, changeThemePreference, usePreferences } from '../features/settings/usePreferences'
import { getApi } from '../lib/api'
import { ConfirmDialog, type ConfirmRequest } from './ui/ConfirmDialog'
import { MountedOnceOpen } from './ui/MountedOnceOpen'
import { ToastProvider, useToast } from './ui/Toasts'
import './styles.css'
import '../features/library/library.css'

// The import dialog carries the editor's schema (to convert what it imports): its own chunk, mounted (and so
// fetched) the first time the dialog is asked for or once start-up work is done (main.tsx warms it at idle),
// never while the window draws its first rows: mounted at start, it pulled in the editor's extensions and the
// Markdown parser (750 KB) in the middle of the first paint.
const ImportDialog = lazy(() => import('../features/import/ImportDialog').then((m) => ({ default: m.ImportDialog })))
// The content calendar (FullCalendar) loads the first time it is shown.
const CalendarScreen = lazy(() => import('../features/calendar/CalendarScreen').then((m) => ({ default: m.CalendarScreen })))
// The insights dashboard (visx charts) too.
const InsightsScreen = lazy(() => import('../features/insights').then((m) => ({ default: m.InsightsScreen })))
// The dialogs that start closed, each in its own chunk, mounted the first time it opens (MountedOnceOpen): their
// code (the portfolio's generator, the changing-employer wizard, every section of Settings, the revisions' diff)
// is not parsed and run before the first rows are shown. Their state (open or not, a job running) lives in small
// stores loaded with the app, so a menu command, a shortcut or the palette opens them as before; main.tsx fetches
// their code once start-up work is done, so a first opening does not wait for it.
const SettingsDialog = lazy(() => import('../features/settings/SettingsDialog').then((m) => ({ default: m.SettingsDialog })))
const MarkdownExportDialog = lazy(() => import('../features/export/ExportDialog').then((m) => ({ default: m.MarkdownExportDialog })))
const PortfolioDialog = lazy(() => import('../features/portfolio/PortfolioDialog').then((m) => ({ default: m.PortfolioDialog })))
const ChangingEmployerDialog = lazy(() => import('../features/changingEmployer/ChangingEmployerDialog').then((m) => ({ default: m.ChangingEmployerDialog })))
const RevisionsDialog = lazy(() => import('../features/revisions/RevisionsDialog').then((m) => ({ default: m.RevisionsDialog })))

type DialogName = 'palette' | 'settings' | 'addLink' | 'shortcuts'

/** A command that arrives twice (the renderer saw the key and the native menu fired its accelerator) runs once. */
const DUPLICATE_WINDOW_MS = 400

function Shell({ store }: { store: LibraryStore }) {
  const { t } = useTranslation('library')
  const toast = useToast()
  const prefs = usePreferences()
  const [dialog, setDialog] = useState<DialogName | null>(null)
  const [historyFor, setHistoryFor] = useState<string | null>(null)
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const layout = useDefaultLayout({ id: 'baluchon-panes', storage: localStorage })
  // Once asked for, the import dialog stays mounted (it keeps its flow between openings).
  const importAsked = useImportDialogOpen()
  const [importMounted, setImportMounted] = useState(importAsked)
  if (importAsked && !importMounted) setImportMounted(true)
  const calendar = useLibrary((s) => !!s.calendar)
  const insights = useLibrary((s) => !!s.insights)
  // Closing the window waits for the editor's pending save (and then tells main it may close).
  useCloseFlush()
  // The local publication queue (reminders, Mastodon threads), started after the first paint.
  usePublicationQueue(store)

  const actions: LibraryActions = useMemo(() => {
    const db = getDb()
    const currentKind = (): ItemKind | null => {
      const view = store.get().view
      if (view.type !== 'items') return null
      return view.filter.unread ? 'link' : (view.filter.kind ?? null)
    }
    const a: LibraryActions = {
      async newItem(kind) {
        const chosen = kind ?? currentKind() ?? 'note'
        if (chosen === 'link') return a.openAddLink()
        const view = store.get().view
        const filter = view.type === 'items' ? view.filter : {}
        startTypeAhead()
        // Born matching the view it was created in (tag, status), so it appears in the list at once.
        const init: Record<string, unknown> = {}
        if (filter.tag) init.tags = [filter.tag]
        if (filter.status && filter.kind === chosen) init.status = filter.status
        try {
          const item = await createItem(db, chosen, init)
          if (view.type === 'trash' || (filter.kind && filter.kind !== chosen) || filter.unread) {
            store.showView({ type: 'items', filter: filter.tag ? { tag: filter.tag } : {} })
          }
          if (store.get().calendar || store.get().insights) store.showView(store.get().view)
          store.setQuery('')
          store.select(item.id)
          store.requestFocus(item.id, 'title')
        } catch {
          stopTypeAhead()
          toast({ tone: 'error', message: t('common:errors.save-failed') })
        }
      },
      async trashItem(id, nextId = null) {
        await trashItem(db, id)
        if (store.get().selectedId === id) store.select(nextId)
        toast({
          message: t('toast.trashed'),
          action: {
            label: t('toast.undo'),
            run: () => {
              void restoreFromTrash(db, id).then(() => store.select(id))
            },
          },
        })
      },
      async restoreItem(id) {
        await restoreFromTrash(db, id)
        if (store.get().selectedId === id) store.select(null)
        toast({
          message: t('toast.restored'),
          action: {
            label: t('toast.show'),
            run: () => {
              store.showView({ type: 'items', filter: {} })
              store.select(id)
            },
          },
        })
      },
      deleteForever(id) {
        setConfirm({
          title: t('trash.deleteTitle'),
          message: t('trash.deleteMessage'),
          confirmLabel: t('trash.deleteConfirm'),
          onConfirm: async () => {
            await deleteForever(db, [id])
            if (store.get().selectedId === id) store.select(null)
          },
        })
      },
      emptyTrash() {
        void countTrash(db).then((count) => {
          if (count === 0) return toast({ message: t('list.trashEmpty') })
          setConfirm({
            title: t('trash.emptyTitle'),
            message: t('trash.emptyMessage', { count }),
            confirmLabel: t('trash.emptyConfirm'),
            onConfirm: async () => {
              await emptyTrash(db)
              store.select(null)
            },
          })
        })
      },
      openAddLink: () => setDialog('addLink'),
      openHistory: (itemId) => setHistoryFor(itemId),
      openSettings: () => setDialog('settings'),
      openPalette: () => setDialog('palette'),
    }
    return a
  }, [store, t, toast])

  const focusSearch = () => {
    const view = store.get().view
    if (view.type === 'trash') store.showView({ type: 'items', filter: {} })
    else if (store.get().calendar || store.get().insights) store.showView(view)
    setDialog(null)
    requestAnimationFrame(() => {
      searchRef.current?.focus()
      searchRef.current?.select()
    })
  }

  // One entry point for shortcuts and native menu commands, with duplicate suppression.
  const lastRun = useRef<{ id: string; source: 'key' | 'menu'; at: number } | null>(null)
  const runCommand = useRef<(id: ShortcutId | MenuCommand, source: 'key' | 'menu') => void>(() => {})
  runCommand.current = (id, source) => {
    const now = performance.now()
    const last = lastRun.current
    if (last && last.source !== source && last.id === normalizeCommand(id) && now - last.at < DUPLICATE_WINDOW_MS) return
    lastRun.current = { id: normalizeCommand(id), source, at: now }
    switch (id) {
      case 'newItem':
      case 'new-item':
        return void actions.newItem()
      case 'new-post':
      case 'new-talk':
      case 'new-note':
        return void actions.newItem(id.slice(4) as ItemKind)
      case 'addLink':
      case 'new-link':
        return actions.openAddLink()
      case 'palette':
      case 'open-palette':
        return setDialog((d) => (d === 'palette' ? null : 'palette'))
      case 'search':
        return focusSearch()
      case 'settings':
        return setDialog('settings')
      case 'shortcuts':
        return setDialog((d) => (d === 'shortcuts' ? null : 'shortcuts'))
      case 'show-trash':
        setDialog(null)
        return store.showView({ type: 'trash' })
      case 'calendar':
      case 'show-calendar':
        setDialog(null)
        return store.showCalendar()
      case 'insights':
        setDialog(null)
        return store.showInsights()
      case 'changing-employer':
        setDialog(null)
        return openChangingEmployer()
      case 'portfolio':
        // Here rather than in the portfolio dialog, which is mounted only once opened.
        return openPortfolioExport()
      case 'export-markdown':
        // Here too: the Markdown export dialog is mounted (and its code loaded) only once opened.
        return openMarkdownExport()
      case 'import':
        // Here rather than in the (lazily loaded) import dialog, so File > Import… works before its chunk arrives.
        setDialog(null)
        return openImportDialog()
      default:
        return
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A focused control that handled the key itself (e.g. the editor) keeps it.
      if (e.defaultPrevented) return
      const id = matchShortcut(e)
      if (!id) return
      e.preventDefault()
      runCommand.current(id, 'key')
    }
    window.addEventListener('keydown', onKey)
    const api = getApi()
    const offMenu = api.on('menuCommand', ({ command }) => runCommand.current(command, 'menu'))
    // Closing the window: the editor's close flush waits for whatever a field is still holding,
    // so main is told it may close only once those drafts are written too.
    const offFlush = registerFlushHandler(flushDrafts)
    return () => {
      window.removeEventListener('keydown', onKey)
      offMenu()
      offFlush()
    }
  }, [])

  const paletteCommands: PaletteCommand[] = [
    { id: 'new-post', label: t('new.post'), run: () => void actions.newItem('post') },
    { id: 'new-talk', label: t('new.talk'), run: () => void actions.newItem('talk') },
    { id: 'new-link', label: t('new.link'), shortcut: shortcutLabel('Mod+Shift+L'), run: () => actions.openAddLink() },
    { id: 'new-note', label: t('new.note'), run: () => void actions.newItem('note') },
    { id: 'search', label: t('commands.search'), shortcut: shortcutLabel('Mod+F'), run: focusSearch },
    { id: 'all', label: t('commands.showAll'), run: () => store.showView({ type: 'items', filter: {} }) },
    { id: 'trash', label: t('commands.showTrash'), run: () => store.showView({ type: 'trash' }) },
    { id: 'calendar', label: t('calendar:name'), keywords: 'calendar calendrier schedule planning', shortcut: shortcutLabel('Mod+Shift+C'), run: () => store.showCalendar() },
    {
      id: 'insights',
      label: t('insights:open'),
      keywords: 'insights dashboard statistics stats bilan tableau de bord statistiques heatmap',
      shortcut: shortcutLabel('Mod+Shift+D'),
      run: () => store.showInsights(),
    },
    {
      id: 'export-ics',
      label: t('calendar:exportLabel'),
      keywords: 'ics icalendar calendar calendrier export',
      run: () => void import('../features/calendar/exportIcs').then((m) => m.exportCalendarWithToast(toast)),
    },
    { id: 'settings', label: t('commands.settings'), shortcut: shortcutLabel('Mod+,'), run: () => setDialog('settings') },
    { id: 'export-markdown', label: t('export:palette'), keywords: 'markdown obsidian hugo jekyll zip', run: openMarkdownExport },
    { id: 'portfolio', label: t('portfolio:palette'), keywords: 'portfolio site website pdf rss cv', run: openPortfolioExport },
    {
      id: 'changing-employer',
      label: t('changingEmployer:palette'),
      keywords: 'leave leaving employer job confidential archive quitter départ employeur confidentiel',
      run: openChangingEmployer,
    },
    { id: 'import', label: t('import:palette'), keywords: 'wordpress bookmarks favoris pocket raindrop markdown obsidian', run: openImportDialog },
    {
      id: 'theme',
      label: t('commands.toggleTheme'),
      keywords: 'dark light',
      run: () => void changeThemePreference(effectiveTheme(prefs.theme) === 'dark' ? 'light' : 'dark'),
    },
    { id: 'lang-en', label: t('commands.languageEn'), keywords: 'language langue', run: () => void changeLanguagePreference('en') },
    { id: 'lang-fr', label: t('commands.languageFr'), keywords: 'language langue', run: () => void changeLanguagePreference('fr') },
    { id: 'shortcuts', label: t('commands.shortcuts'), shortcut: shortcutLabel('Mod+/'), run: () => setDialog('shortcuts') },
  ]

  const openItem = (id: string) => void openItemInLibrary(store, id)

  return (
    <ActionsContext.Provider value={actions}>
      <div className="app">
        <Group className="app-panes" orientation="horizontal" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
          <Panel id="sidebar" className="pane pane-sidebar" defaultSize={210} minSize={170} maxSize={340} groupResizeBehavior="preserve-pixel-size">
            <Sidebar onOpenSettings={() => setDialog('settings')} />
          </Panel>
          <Separator className="resize-handle" />
          {calendar ? (
            <Panel id="calendar" className="pane pane-calendar" minSize={600}>
              <Suspense fallback={null}>
                <CalendarScreen />
              </Suspense>
            </Panel>
          ) : insights ? (
            <Panel id="insights" className="pane pane-insights" minSize={600}>
              <main className="insights-main" aria-label={t('insights:title')}>
                <Suspense fallback={null}>
                  <InsightsScreen />
                </Suspense>
              </main>
            </Panel>
          ) : (
            <>
              <Panel id="list" className="pane pane-list" defaultSize={320} minSize={250} maxSize={560} groupResizeBehavior="preserve-pixel-size">
                <ItemList searchInputRef={searchRef} onTrash={(id, next) => void actions.trashItem(id, next)} onNew={(kind) => void actions.newItem(kind)} />
              </Panel>
              <Separator className="resize-handle" />
              <Panel id="detail" className="pane pane-detail" minSize={360}>
                <main className="detail-main" aria-label={t('detail.name')}>
                  <DetailPane />
                </main>
              </Panel>
            </>
          )}
        </Group>
      </div>

      <CommandPalette open={dialog === 'palette'} onOpenChange={(o) => setDialog(o ? 'palette' : null)} commands={paletteCommands} onOpenItem={openItem} />
      <MountedOnceOpen open={dialog === 'settings'}>
        <Suspense fallback={null}>
          <SettingsDialog open={dialog === 'settings'} onOpenChange={(o) => setDialog(o ? 'settings' : null)} />
        </Suspense>
      </MountedOnceOpen>
      <ShortcutsHelp open={dialog === 'shortcuts'} onOpenChange={(o) => setDialog(o ? 'shortcuts' : null)} />
      <AddLinkDialog
        open={dialog === 'addLink'}
        onOpenChange={(o) => setDialog(o ? 'addLink' : null)}
        onAdded={(id) => {
          const view = store.get().view
          if (view.type === 'trash' || (view.type === 'items' && view.filter.kind && view.filter.kind !== 'link')) store.showView({ type: 'items', filter: {} })
          store.setQuery('')
          store.select(id)
        }}
      />
      <MountedOnceOpen open={historyFor !== null}>
        <Suspense fallback={null}>
          <RevisionsDialog itemId={historyFor} onClose={() => setHistoryFor(null)} onRestored={() => store.contentReplaced()} />
        </Suspense>
      </MountedOnceOpen>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      {importMounted && (
        <Suspense fallback={null}>
          <ImportDialog
            onImported={(report) => {
              store.showView({ type: 'items', filter: {} })
              store.setQuery('')
              if (report.itemIds[0]) store.select(report.itemIds[0])
            }}
          />
        </Suspense>
      )}
      <BackupDialog />
      <MarkdownExportHost />
      <PortfolioHost />
      <ChangingEmployerHost onOpenItem={openItem} onOpenSettings={() => setDialog('settings')} />
      <PublishingDialogs />
      <PublicationsViewHost />
      <DetailWarmUp />
    </ActionsContext.Provider>
  )
}

/** The portfolio dialog, mounted the first time it opens (its own component: the job's progress re-renders it, not the shell). */
function PortfolioHost() {
  const open = usePortfolioState().open
  return (
    <MountedOnceOpen open={open}>
      <Suspense fallback={null}>
        <PortfolioDialog />
      </Suspense>
    </MountedOnceOpen>
  )
}

/** The changing-employer wizard, mounted the first time it opens. */
function ChangingEmployerHost(props: { onOpenItem(id: string): void; onOpenSettings(): void }) {
  const open = useWizardState().open
  return (
    <MountedOnceOpen open={open}>
      <Suspense fallback={null}>
        <ChangingEmployerDialog {...props} />
      </Suspense>
    </MountedOnceOpen>
  )
}

/** The Markdown export dialog, mounted the first time an export is asked for (File menu, palette, Settings). */
function MarkdownExportHost() {
  const open = useExportJob().type !== 'idle'
  return (
    <MountedOnceOpen open={open}>
      <Suspense fallback={null}>
        <MarkdownExportDialog />
      </Suspense>
    </MountedOnceOpen>
  )
}

/** Shortcut ids and menu commands that mean the same thing share one id for duplicate suppression. */
function normalizeCommand(id: string): string {
  const same: Record<string, string> = { newItem: 'new-item', addLink: 'new-link', palette: 'open-palette' }
  return same[id] ?? id
}

export function App({ store }: { store?: LibraryStore }) {
  const [own] = useState(() => store ?? new LibraryStore())
  return (
    <LibraryStoreProvider store={own}>
      <ToastProvider>
        <Shell store={own} />
      </ToastProvider>
    </LibraryStoreProvider>
  )
}

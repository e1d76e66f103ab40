// The app's background work (read-ahead, the spare editor, code fetched ahead), started once the list's first
// rows are painted, never before.
import { getDb } from '../db'
import { i18next } from '../i18n'
import { preloadEditor } from '../features/library/DetailPane'
import { whenFirstRowsPainted } from '../features/library/firstRowsPaint'
import { prefetchKindWindows } from '../features/library/prefetch'
import { startAppLinkQueue } from '../features/links/queue'
import { whenSearchAnswers, whenSearchComplete } from '../features/search'
import { whenQuiet } from '../lib/whenQuiet'

/**
 * If search is still not answering this long after the rows are painted (a first start builds its index), the
 * background work starts anyway.
 */
export const BACKGROUND_WAITS_FOR_SEARCH_MS = 3000

export function startBackgroundWork(): void {
  // Background work starts once the list's first rows are painted, never before. (After the shell's first
  // frame was not enough: that frame comes before the rows are read, and the spare editor's build and the
  // other kinds' read-ahead, about 80 ms of this thread in a profiled start, ran on the way to the rows.)
  // Then once search answers: a word typed as the rows show waits for search to load its index, and started
  // before that, the editor's chunk (evaluated in one 100-260 ms task), its build and warm-up and the read-ahead
  // ran while search loaded its index (same two cores, same IndexedDB queue) and while that word's answer was on
  // its way back to the screen (bench search-ready). The read-ahead also waits for the person not to be clicking or
  // typing (whenQuiet); the spare editor does not: held by a person clicking through the sidebar's views, it was
  // not built when they opened an item (bench open-item: a first open of 216 ms against 40).
  void whenFirstRowsPainted()
    .then(() => whenSearchAnswers(BACKGROUND_WAITS_FOR_SEARCH_MS))
    .then(() => {
      preloadEditor()
      whenQuiet(() => prefetchKindWindows(getDb()).catch(() => undefined))
      // Links still to complete: found by one index read, but each one then fetched, read and written: after
      // search has loaded its index, not meanwhile.
      void whenSearchComplete().then(() => {
        startAppLinkQueue()
        // The insights and calendar screens' code (charts, FullCalendar), fetched and parsed while nothing else
        // happens, so their first showing in a session draws at once instead of loading first. Only while the
        // person is not clicking or typing (whenQuiet): run at idle alone, these landed between the first
        // clicks of a session and held them.
        whenQuiet(() => import('../features/insights').then((m) => m.prefetchInsights()).catch(() => undefined))
        whenQuiet(() => import('../features/calendar/CalendarScreen').catch(() => undefined))
        // The import dialog's code too (it is mounted the first time it is asked for: App.tsx).
        whenQuiet(() => import('../features/import/ImportDialog').catch(() => undefined))
        // And the other dialogs that start closed (App.tsx), so a first opening does not wait for its code.
        whenQuiet(() =>
          Promise.all([
            import('../features/settings/SettingsDialog'),
            import('../features/export/ExportDialog'),
            import('../features/portfolio/PortfolioDialog'),
            import('../features/changingEmployer/ChangingEmployerDialog'),
            import('../features/revisions/RevisionsDialog'),
          ]).catch(() => undefined),
        )
        whenQuiet(() => import('../features/calendar/readAhead').then((m) => m.readAheadCalendar(getDb(), i18next.language)).catch(() => undefined))
      })
    })
}

// Word count, reading time and the save state. Only the save state is a live region: counts change
// as the person types and announcing them would be noise.
import { memo, useLayoutEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { Autosaver, SaveStatus } from './autosave'
import type { DocStats } from './useDocStats'

interface StatusBarProps {
  stats: DocStats
  /** The shown item's autosaver: its state is followed here, written to this bar's DOM (useSaveState), so a
   * change of state (typing after a save, saving, saved) renders nothing in React, not even this bar. */
  saver: Autosaver<unknown>
  onRetry: () => void
  notice: string | null
  onDismissNotice: () => void
}

type Failure = 'storage-full' | 'generic'

function failureOf(status: SaveStatus): Failure | null {
  return status.state === 'error' ? status.reason : null
}

/**
 * The save state, kept up to date without React: an autosave changes it three times (pending, saving, saved),
 * and while the caret is in the editor every React commit measures the selection by walking the document's DOM
 * up to the caret (React's getSelectionInformation), milliseconds at the end of a 200 KB draft, in each save.
 * The exact state is written to `data-state` (for whoever watches the save). Both words ("Saving…" from the
 * first keystroke until written, then "Saved") are rendered once and laid out on top of each other; a change
 * of state only hides one and shows the other (aria-hidden, painted transparent by editor.css), which Chromium
 * paints without laying anything out. Why: writing the new word as text was a layout, and any layout, even
 * inside a contained box, had Chromium recompute the editor's content-visibility observers, hit-test the hover
 * again and re-layerize the page beside a 200 KB draft: the 'Saved' frame cost 7-10 ms, a repaint 2-3.
 * React renders only when a failure starts or ends: its sentence and the Retry button.
 */
function useSaveState(saver: Autosaver<unknown>): {
  failure: Failure | null
  stateRef: RefObject<HTMLSpanElement | null>
  wordsRef: RefObject<HTMLSpanElement | null>
} {
  const failure = useSyncExternalStore(saver.subscribe, () => failureOf(saver.getStatus()))
  const stateRef = useRef<HTMLSpanElement>(null)
  const wordsRef = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => {
    const write = (): void => {
      const status = saver.getStatus()
      if (stateRef.current) stateRef.current.dataset.state = status.state
      const words = wordsRef.current
      // Absent while a failure is shown (React's own span then); on an error, React is about to replace it.
      if (!words || status.state === 'error') return
      const shown = status.state === 'saved' ? 'saved' : 'saving'
      for (const word of words.children) {
        const hidden = !word.classList.contains(`be-status-word--${shown}`)
        // Only a word that changes is touched: an attribute written again is a style recalculation all the same.
        if (word.hasAttribute('aria-hidden') === hidden) continue
        if (hidden) word.setAttribute('aria-hidden', 'true')
        else word.removeAttribute('aria-hidden')
      }
    }
    write()
    return saver.subscribe(write)
  }, [saver, failure])
  return { failure, stateRef, wordsRef }
}

/** Memoised: it changes with the counts and the save state, not with each render of the editor around it. */
export const StatusBar = memo(function StatusBar({ stats, saver, onRetry, notice, onDismissNotice }: StatusBarProps) {
  const { t } = useTranslation('editor')
  const { failure, stateRef, wordsRef } = useSaveState(saver)
  // Looked up once per language, not at each render (the counts change as the person types): i18next's t took
  // 0.2-0.4 ms a call in profiles.
  const words = useMemo(() => ({ saving: t('status.saving'), saved: t('status.saved') }), [t])

  return (
    <footer className="be-status" aria-label={t('status.label')}>
      <span className="be-status-count">{t('status.words', { count: stats.words })}</span>
      {stats.words > 0 && <span className="be-status-count">{t('status.reading', { count: stats.minutes })}</span>}
      {notice && (
        <span className="be-status-notice" role="alert">
          {notice}
          <button type="button" className="be-linklike" onClick={onDismissNotice}>
            {t('status.dismiss')}
          </button>
        </span>
      )}
      <span className="be-status-save" ref={stateRef} aria-live="polite" aria-atomic="true">
        {/* The words in a box of their own (editor.css, .be-status-words), shown by useSaveState. */}
        {failure ? (
          <span className="be-status-words be-status-words--error">{failure === 'storage-full' ? t('status.storageFull') : t('status.saveFailed')}</span>
        ) : (
          <span className="be-status-words be-status-words--both" ref={wordsRef}>
            {/* Which one shows is written by useSaveState (aria-hidden), never by React. */}
            <span className="be-status-word be-status-word--saving">{words.saving}</span>
            <span className="be-status-word be-status-word--saved">{words.saved}</span>
          </span>
        )}
      </span>
      {failure && (
        <button type="button" className="be-button be-button--small" onClick={onRetry}>
          {t('status.retry')}
        </button>
      )}
    </footer>
  )
})

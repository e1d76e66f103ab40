// Word count, reading time and the save state. Only the save state is a live region: counts change
// as the person types and announcing them would be noise.
import { memo, useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { Autosaver, SaveStatus } from './autosave'
import type { DocStats } from './useDocStats'

interface StatusBarProps {
  stats: DocStats
  /** The shown item's autosaver: its state is followed here, so a change of state (typing after a save,
   * saving, saved) re-renders this bar alone, not the editor around it (in the keystroke's frame). */
  saver: Autosaver<unknown>
  onRetry: () => void
  notice: string | null
  onDismissNotice: () => void
}

/** What the bar says: the same words while a save waits for typing to pause and while it is written. */
type ShownSave = 'saving' | 'saved' | 'storage-full' | 'generic'

function shownSave(status: SaveStatus): ShownSave {
  return status.state === 'error' ? status.reason : status.state === 'saved' ? 'saved' : 'saving'
}

/**
 * The bar re-renders when its words change, not when a save merely starts: while the caret is in the editor,
 * every React commit measures the selection by walking the document's DOM up to the caret (React's
 * getSelectionInformation), milliseconds at the end of a 200 KB draft. The exact state (pending, saving,
 * saved, error) is written to `data-state` directly, for styles and for whoever watches the save.
 */
function useSaveState(saver: Autosaver<unknown>): { shown: ShownSave; stateRef: RefObject<HTMLSpanElement | null> } {
  const shown = useSyncExternalStore(saver.subscribe, () => shownSave(saver.getStatus()))
  const stateRef = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => {
    const write = (): void => {
      if (stateRef.current) stateRef.current.dataset.state = saver.getStatus().state
    }
    write()
    return saver.subscribe(write)
  }, [saver])
  return { shown, stateRef }
}

/** Memoised: it changes with the counts and the save state, not with each render of the editor around it. */
export const StatusBar = memo(function StatusBar({ stats, saver, onRetry, notice, onDismissNotice }: StatusBarProps) {
  const { t } = useTranslation('editor')
  const { shown, stateRef } = useSaveState(saver)
  const saveText =
    shown === 'storage-full' ? t('status.storageFull') : shown === 'generic' ? t('status.saveFailed') : shown === 'saved' ? t('status.saved') : t('status.saving')

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
        {saveText}
      </span>
      {(shown === 'storage-full' || shown === 'generic') && (
        <button type="button" className="be-button be-button--small" onClick={onRetry}>
          {t('status.retry')}
        </button>
      )}
    </footer>
  )
})

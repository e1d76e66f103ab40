// Word count, reading time and the save state. Only the save state is a live region: counts change
// as the person types and announcing them would be noise.
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { useSaveStatus, type Autosaver } from './autosave'
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

/** Memoised: it changes with the counts and the save state, not with each render of the editor around it. */
export const StatusBar = memo(function StatusBar({ stats, saver, onRetry, notice, onDismissNotice }: StatusBarProps) {
  const { t } = useTranslation('editor')
  const status = useSaveStatus(saver)
  const saveText =
    status.state === 'error'
      ? t(status.reason === 'storage-full' ? 'status.storageFull' : 'status.saveFailed')
      : status.state === 'saved'
        ? t('status.saved')
        : t('status.saving')

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
      <span className="be-status-save" data-state={status.state} aria-live="polite" aria-atomic="true">
        {saveText}
      </span>
      {status.state === 'error' && (
        <button type="button" className="be-button be-button--small" onClick={onRetry}>
          {t('status.retry')}
        </button>
      )}
    </footer>
  )
})

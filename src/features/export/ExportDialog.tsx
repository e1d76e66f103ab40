// The Markdown export of the whole library: a folder or a zip, then progress with Cancel, then where it went
// (or why it failed, and that nothing half-written was left). Opened from the File menu, Settings and the
// command palette; one export at a time.
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { describeExportProblem } from './describe'
import {
  cancelMarkdownExport,
  dismissMarkdownExport,
  exportFolderName,
  openMarkdownExport,
  startMarkdownExport,
  useExportJob,
} from './store'
import './export.css'

export function MarkdownExportDialog() {
  const { t } = useTranslation('export')
  const job = useExportJob()

  // The File menu's 'export-markdown' is handled by the App shell (openMarkdownExport): this dialog is mounted only once opened.
  const open = job.type !== 'idle'
  const title = job.type === 'done' ? t('dialog.doneTitle') : job.type === 'failed' ? t('dialog.failedTitle') : t('dialog.title')

  return (
    <Dialog
      open={open}
      // Closing while it runs cancels (Escape, the close button): never a silent export in the background.
      onOpenChange={(next) => {
        if (next) return
        if (job.type === 'exporting') cancelMarkdownExport()
        else dismissMarkdownExport()
      }}
      title={title}
      footer={
        job.type === 'exporting' ? (
          <button type="button" className="btn" onClick={cancelMarkdownExport} data-autofocus>
            {t('dialog.cancel')}
          </button>
        ) : (
          <button type="button" className="btn" onClick={dismissMarkdownExport}>
            {t('dialog.close')}
          </button>
        )
      }
    >
      <div className="dialog-body export-dialog">
        {job.type === 'choose' && (
          <>
            <p className="settings-text">{t('dialog.intro')}</p>
            <p className="settings-text hint">{t('dialog.layout')}</p>
            <p className="settings-text export-trash-note">{t('dialog.trash')}</p>
            {job.cancelled && (
              <p className="settings-text" role="status">
                {t('dialog.cancelled')}
              </p>
            )}
            <div className="export-choices">
              <div className="export-choice">
                <button type="button" className="btn btn-primary" onClick={() => void startMarkdownExport('folder')} data-autofocus>
                  {t('dialog.asFolder')}
                </button>
                <span className="hint">{t('dialog.asFolderHint', { name: exportFolderName() })}</span>
              </div>
              <div className="export-choice">
                <button type="button" className="btn" onClick={() => void startMarkdownExport('zip')}>
                  {t('dialog.asZip')}
                </button>
                <span className="hint">{t('dialog.asZipHint')}</span>
              </div>
            </div>
          </>
        )}
        {job.type === 'exporting' && <ExportProgressView done={job.done} total={job.total} />}
        {job.type === 'done' && (
          <div role="status">
            <p className="settings-text">
              {t('dialog.done', {
                count: Object.values(job.summary.items).reduce((a, b) => a + b, 0),
                path: job.written.path,
                images: job.summary.images > 0 ? t('dialog.doneImages', { count: job.summary.images }) : '',
              })}
            </p>
            {job.summary.missingImages > 0 && <p className="settings-text hint">{t('dialog.missingImages', { count: job.summary.missingImages })}</p>}
          </div>
        )}
        {job.type === 'failed' && (
          <div role="alert">
            <p className="settings-text">{describeExportProblem(t, job.problem)}</p>
            <p className="settings-text hint">{t('dialog.nothingLeft')}</p>
            <button type="button" className="btn" onClick={openMarkdownExport}>
              {t('dialog.again')}
            </button>
          </div>
        )}
      </div>
    </Dialog>
  )
}

/** The export's progress: a bar with an end once the items are counted, one without an end before. */
export function ExportProgressView({ done, total }: { done: number; total: number | null }) {
  const { t } = useTranslation('export')
  return (
    <div className="export-progress">
      {total === null ? (
        // Not counted yet (the count is not waited for): a bar without an end rather than one that looks full.
        <>
          <p className="settings-text">{t('dialog.exportingUncounted', { count: done })}</p>
          <progress className="export-progress-bar" aria-label={t('dialog.progressLabel')} />
        </>
      ) : (
        <>
          <p className="settings-text">{t('dialog.exporting', { done, total })}</p>
          <progress className="export-progress-bar" aria-label={t('dialog.progressLabel')} max={Math.max(1, total)} value={done} />
        </>
      )}
    </div>
  )
}

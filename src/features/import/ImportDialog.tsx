// The import, from choosing a file to the report: one dialog that follows the flow's state.
import { useEffect, useId, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import type { SkippedEntry } from '../../core/import'
import { ITEM_KINDS, type ItemKind } from '../../core/items'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import type { ImportReport } from './apply'
import { ImportFlow, type FlowError, type FlowState, type Preview } from './flow'
import type { MediaFailure } from './media'
import { setImportDialogOpen, useImportDialogOpen } from './opener'
import './import.css'

/** Rows listed at most per list: the counts say the rest. */
const LIST_LIMIT = 200

export interface ImportDialogProps {
  /** When the person closes the report of an import that added or updated something: e.g. show the newest item. */
  onImported?(report: ImportReport): void
}

/** Mounted once by the shell (lazily); opened by File > Import…, the command palette or Settings (see opener.ts). */
export function ImportDialog({ onImported }: ImportDialogProps) {
  const { t } = useTranslation('import')
  const open = useImportDialogOpen()
  const onOpenChange = setImportDialogOpen
  const [flow] = useState(() => new ImportFlow({ api: getApi(), db: getDb() }))
  const state = useSyncExternalStore(flow.subscribe, flow.get)

  // A closed dialog starts afresh next time (and stops anything still running).
  useEffect(() => {
    if (!open) flow.cancel()
  }, [open, flow])

  const close = () => onOpenChange(false)
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={state.step === 'report' ? t('report.title') : t('title')} wide className="import-dialog">
      {state.step === 'choose' && <Choose onPick={(source) => void flow.pick(source)} />}
      {state.step === 'working' && <Working state={state} onCancel={() => flow.cancel()} />}
      {state.step === 'preview' && (
        <PreviewView preview={state.preview} onDownloadChange={(on) => flow.setDownloadMedia(on)} onApply={() => void flow.apply()} onCancel={close} />
      )}
      {state.step === 'report' && (
        <ReportView
          report={state.report}
          mediaFailures={state.mediaFailures}
          onDone={() => {
            // Shown once the dialog is closed: selecting an item moves focus, which would dismiss the dialog.
            close()
            if (state.report.itemIds.length > 0) onImported?.(state.report)
          }}
        />
      )}
      {state.step === 'error' && <ErrorView error={state.error} onRetry={() => flow.cancel()} onClose={close} />}
    </Dialog>
  )
}

function Choose({ onPick }: { onPick(source: 'file' | 'folder'): void }) {
  const { t } = useTranslation('import')
  const fileHint = useId()
  const folderHint = useId()
  return (
    <div className="dialog-body import-choose">
      <p>{t('intro')}</p>
      <div className="import-choice">
        <button type="button" className="btn btn-primary" aria-describedby={fileHint} onClick={() => onPick('file')} data-autofocus>
          {t('chooseFile')}
        </button>
        <p id={fileHint} className="hint">
          {t('chooseFileHint')}
        </p>
      </div>
      <div className="import-choice">
        <button type="button" className="btn" aria-describedby={folderHint} onClick={() => onPick('folder')}>
          {t('chooseFolder')}
        </button>
        <p id={folderHint} className="hint">
          {t('chooseFolderHint')}
        </p>
      </div>
    </div>
  )
}

function Working({ state, onCancel }: { state: Extract<FlowState, { step: 'working' }>; onCancel(): void }) {
  const { t } = useTranslation('import')
  const percent = state.total > 0 ? Math.min(100, Math.round((state.done / state.total) * 100)) : null
  // Writing is one transaction: cancelling it half-way is not offered (it finishes or rolls back by itself).
  const cancellable = state.phase !== 'write' && state.phase !== 'convert'
  return (
    <div className="dialog-body import-working">
      <p aria-live="polite">{t(`phases.${state.phase}`)}</p>
      <progress className="import-progress" aria-label={t('progressLabel')} max={100} {...(percent === null ? {} : { value: percent })} />
      {cancellable && (
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      )}
    </div>
  )
}

function kindLabel(t: (key: string, options?: Record<string, unknown>) => string, kind: ItemKind): string {
  return t(`common:kinds.${kind}.plural`)
}

function PreviewView({ preview, onDownloadChange, onApply, onCancel }: { preview: Preview; onDownloadChange(on: boolean): void; onApply(): void; onCancel(): void }) {
  const { t } = useTranslation('import')
  const downloadId = useId()
  const toWrite = preview.plan.entries.filter((e) => e.action !== 'unchanged').length
  const kinds = ITEM_KINDS.filter((k) => preview.counts[k].add + preview.counts[k].update + preview.counts[k].unchanged > 0)
  const siteTitle = typeof preview.summary.siteTitle === 'string' ? preview.summary.siteTitle : ''
  const comments = Number(preview.summary.commentsSkipped ?? 0)
  const skipped = preview.skipped.filter((s) => s.reason !== 'comment')
  return (
    <>
      <div className="dialog-body import-preview">
        <p className="import-source">
          <strong>{t('preview.from', { format: t(`formats.${preview.format}`), name: preview.name })}</strong>
          {siteTitle && <span> · {t('preview.site', { title: siteTitle })}</span>}
        </p>
        {kinds.length > 0 && (
          <table className="import-counts">
            <caption>{t('preview.countsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.kind')}</th>
                <th scope="col">{t('preview.add')}</th>
                <th scope="col">{t('preview.update')}</th>
                <th scope="col">{t('preview.unchanged')}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{kindLabel(t, kind)}</th>
                  <td>{preview.counts[kind].add}</td>
                  <td>{preview.counts[kind].update}</td>
                  <td>{preview.counts[kind].unchanged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {toWrite === 0 && <p role="status">{t('preview.nothingNew')}</p>}
        {comments > 0 && <p>{t('preview.commentsSkipped', { count: comments })}</p>}
        {preview.format === 'markdown' && preview.media.length > 0 && <p>{t('preview.folderImages', { count: preview.media.length })}</p>}
        {preview.canDownloadMedia && (
          <div className="import-media">
            <p>{t('preview.media', { count: preview.media.length })}</p>
            <label className="import-toggle" htmlFor={downloadId}>
              <input id={downloadId} type="checkbox" checked={preview.downloadMedia} onChange={(e) => onDownloadChange(e.target.checked)} />
              {t('preview.downloadMedia')}
            </label>
            <p className="hint">{t('preview.downloadMediaHint')}</p>
            <details>
              <summary>{t('preview.media', { count: preview.media.length })}</summary>
              <ul className="import-list">
                {preview.media.slice(0, LIST_LIMIT).map((ref) => (
                  <li key={ref}>
                    <code>{ref}</code>
                  </li>
                ))}
              </ul>
              <More total={preview.media.length} />
            </details>
          </div>
        )}
        {preview.otherMedia > 0 && <p className="hint">{t('preview.otherMedia', { count: preview.otherMedia })}</p>}
        {preview.plan.entries.length > 0 && (
          <details>
            <summary>{t('preview.entries')}</summary>
            <ul className="import-list" aria-label={t('preview.entries')}>
              {preview.plan.entries.slice(0, LIST_LIMIT).map((entry) => (
                <li key={entry.draft.sourceKey}>
                  <span className={`import-action import-action-${entry.action}`}>{t(`preview.actions.${entry.action}`)}</span>{' '}
                  {entry.draft.title || entry.draft.fields.url || entry.draft.sourceKey}
                </li>
              ))}
            </ul>
            <More total={preview.plan.entries.length} />
          </details>
        )}
        <SkippedList title={t('preview.skipped', { count: skipped.length })} entries={skipped} />
        {preview.folderSkipped.length > 0 && (
          <details>
            <summary>{t('preview.folderSkipped', { count: preview.folderSkipped.length })}</summary>
            <ul className="import-list">
              {preview.folderSkipped.slice(0, LIST_LIMIT).map((s) => (
                <li key={s.path}>
                  <code>{s.path}</code> — {t(`reasons.${s.reason}`)}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className="dialog-footer">
        <button type="button" className="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onApply} disabled={toWrite === 0} data-autofocus>
          {t('preview.import', { count: toWrite })}
        </button>
      </div>
    </>
  )
}

function More({ total }: { total: number }) {
  const { t } = useTranslation('import')
  return total > LIST_LIMIT ? <p className="hint">{t('preview.more', { count: total - LIST_LIMIT })}</p> : null
}

function SkippedList({ title, entries }: { title: string; entries: readonly SkippedEntry[] }) {
  const { t } = useTranslation('import')
  if (entries.length === 0) return null
  return (
    <details>
      <summary>{title}</summary>
      <ul className="import-list" aria-label={title}>
        {entries.slice(0, LIST_LIMIT).map((s, i) => (
          <li key={i}>
            {s.what} — {t(`reasons.${s.reason}`)}
          </li>
        ))}
      </ul>
      <More total={entries.length} />
    </details>
  )
}

function ReportView({ report, mediaFailures, onDone }: { report: ImportReport; mediaFailures: MediaFailure[]; onDone(): void }) {
  const { t } = useTranslation('import')
  const added = ITEM_KINDS.filter((k) => report.added[k] > 0).map((k) => t(`report.counts.${k}`, { count: report.added[k] }))
  const skipped = report.skipped.filter((s) => s.reason !== 'comment')
  return (
    <>
      <div className="dialog-body import-report" role="status">
        <p>{added.length > 0 ? t('report.added', { summary: added.join(', ') }) : t('report.addedNothing')}</p>
        {report.updated > 0 && <p>{t('report.updated', { count: report.updated })}</p>}
        {report.unchanged > 0 && <p>{t('report.unchanged', { count: report.unchanged })}</p>}
        {report.attachments > 0 && <p>{t('report.attachments', { count: report.attachments })}</p>}
        <SkippedList title={t('report.skipped', { count: skipped.length })} entries={skipped} />
        {mediaFailures.length > 0 && (
          <details open>
            <summary>{t('report.mediaFailed', { count: mediaFailures.length })}</summary>
            <ul className="import-list" aria-label={t('report.mediaFailed', { count: mediaFailures.length })}>
              {mediaFailures.slice(0, LIST_LIMIT).map((f) => (
                <li key={f.ref}>
                  <code>{f.ref}</code> — {t(`mediaErrors.${f.code}`, { status: f.status ?? '', defaultValue: t('mediaErrors.internal') })}
                </li>
              ))}
            </ul>
            <More total={mediaFailures.length} />
          </details>
        )}
      </div>
      <div className="dialog-footer">
        <button type="button" className="btn btn-primary" onClick={onDone} data-autofocus>
          {t('report.done')}
        </button>
      </div>
    </>
  )
}

function formatBytes(bytes: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(bytes / (1024 * 1024))} MB`
}

export function errorMessage(error: FlowError, t: (key: string, options?: Record<string, unknown>) => string, language: string): string {
  switch (error.kind) {
    case 'unknown-format':
      return t('errors.unknown-format', { name: error.name })
    case 'write':
      return t('errors.write')
    case 'parse':
      return t(`errors.${error.code}`)
    case 'ipc': {
      const detail = error.detail ?? {}
      if (error.code === 'too-large') {
        if (typeof detail.maxFiles === 'number') return t('errors.too-many-files', { limit: new Intl.NumberFormat(language).format(detail.maxFiles) })
        if (typeof detail.maxBytes === 'number') return t('errors.too-large', { limit: formatBytes(detail.maxBytes, language) })
        return t('errors.too-large-unknown')
      }
      if (error.code === 'io') return t('errors.io')
      return t(`common:errors.${error.code}`, { status: detail.status ?? '' })
    }
  }
}

function ErrorView({ error, onRetry, onClose }: { error: FlowError; onRetry(): void; onClose(): void }) {
  const { t, i18n } = useTranslation('import')
  return (
    <>
      <div className="dialog-body import-error" role="alert">
        <p className="import-error-title">
          <strong>{t('errors.title')}</strong>
        </p>
        <p>{errorMessage(error, t, i18n.language)}</p>
        <p className="hint">{t('errors.untouched')}</p>
      </div>
      <div className="dialog-footer">
        <button type="button" className="btn" onClick={onClose}>
          {t('common:close')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onRetry} data-autofocus>
          {t('errors.tryAgain')}
        </button>
      </div>
    </>
  )
}

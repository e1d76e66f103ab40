// The one dialog of a backup the person started: export progress with Cancel, then where it was saved; restore
// progress, then the dry run (what would be added, updated, unchanged or in conflict, per kind, each list
// expandable), Restore, and the outcome. Failures say what went wrong and that nothing was changed.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { getApi } from '../../lib/api'
import { useAutoBackups } from './autoBackup'
import { describeProblem, formatBytes } from './describe'
import { LISTED_PER_GROUP, OUTCOMES, PLAN_KINDS, type PlanEntry, type PlanKind } from './plan'
import type { RestoreSummary } from './protocol'
import { applyRestore, dismissBackup, startExport, startRestore, useBackupJob, type BackupJob } from './store'
import './backup.css'

function Progress({ fraction, label, text }: { fraction: number; label: string; text: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100)
  return (
    <div className="backup-progress">
      <p className="settings-text">{text}</p>
      <progress className="backup-progress-bar" aria-label={label} max={100} value={percent} />
      <span className="hint" aria-hidden>
        {percent} %
      </span>
    </div>
  )
}

/** `total`: the group's count (the summary lists at most LISTED_PER_GROUP of them). */
function EntryList({ entries, total }: { entries: PlanEntry[]; total: number }) {
  const { t } = useTranslation('backup')
  return (
    <ul className="backup-entries">
      {entries.slice(0, LISTED_PER_GROUP).map((entry) => (
        <li key={`${entry.kind}:${entry.id}`}>{entry.label || t('restore.untitled')}</li>
      ))}
      {total > Math.min(entries.length, LISTED_PER_GROUP) && <li className="hint">{t('restore.more', { count: total - Math.min(entries.length, LISTED_PER_GROUP) })}</li>}
    </ul>
  )
}

function DryRun({ summary }: { summary: RestoreSummary }) {
  const { t } = useTranslation('backup')
  const byGroup = new Map<string, PlanEntry[]>()
  for (const entry of summary.entries) {
    const key = `${entry.kind}:${entry.outcome}`
    const list = byGroup.get(key)
    if (list) list.push(entry)
    else byGroup.set(key, [entry])
  }
  const kinds = PLAN_KINDS.filter((kind) => OUTCOMES.some((o) => summary.counts[kind][o] > 0))
  return (
    <div className="backup-dry-run">
      <table className="backup-counts">
        <thead>
          <tr>
            <th scope="col">{t('restore.kindColumn')}</th>
            {OUTCOMES.map((o) => (
              <th scope="col" key={o}>
                {t(`outcomes.${o}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind: PlanKind) => (
            <tr key={kind}>
              <th scope="row">{t(`kinds.${kind}`)}</th>
              {OUTCOMES.map((o) => (
                <td key={o} data-outcome={o}>
                  {summary.counts[kind][o]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {kinds.flatMap((kind) =>
        OUTCOMES.filter((o) => o !== 'unchanged' && (byGroup.get(`${kind}:${o}`)?.length ?? 0) > 0).map((o) => (
          <details key={`${kind}:${o}`} className="backup-group">
            <summary>
              {t(`kinds.${kind}`)} — {t(`outcomes.${o}`)} ({summary.counts[kind][o]})
            </summary>
            <EntryList entries={byGroup.get(`${kind}:${o}`)!} total={summary.counts[kind][o]} />
          </details>
        )),
      )}
    </div>
  )
}

function titleOf(t: (key: string) => string, job: BackupJob): string {
  switch (job.type) {
    case 'exporting':
      return t('export.title')
    case 'exported':
      return t('export.doneTitle')
    case 'restored':
      return t('restore.doneTitle')
    case 'failed':
      return t(job.operation === 'export' ? 'export.failedTitle' : 'restore.failedTitle')
    default:
      return t('restore.title')
  }
}

export function BackupDialog() {
  const { t, i18n } = useTranslation('backup')
  const job = useBackupJob()
  const language = i18n.language
  useAutoBackups()

  // The native File menu.
  useEffect(
    () =>
      getApi().on('menuCommand', ({ command }) => {
        if (command === 'export-backup') void startExport()
        else if (command === 'restore-backup') void startRestore()
      }),
    [],
  )

  const open = job.type !== 'idle'
  const busy = job.type === 'exporting' || job.type === 'reading' || job.type === 'checking' || job.type === 'applying'
  let body: React.ReactNode = null
  let footer: React.ReactNode = null
  switch (job.type) {
    case 'exporting':
      body = <Progress fraction={job.fraction} label={t('export.progressLabel')} text={t('export.progress')} />
      break
    case 'exported':
      body = <p className="settings-text">{t('export.done', { fileName: job.written.fileName, size: formatBytes(job.written.size, language) })}</p>
      break
    case 'reading':
      body = <Progress fraction={job.fraction} label={t('restore.progressLabel')} text={t('restore.reading')} />
      break
    case 'checking':
      body = <Progress fraction={job.fraction} label={t('restore.progressLabel')} text={t('restore.checking')} />
      break
    case 'dry-run':
    case 'restored': {
      const { summary, fileName } = job
      const date = new Date(summary.archive.createdAt).toLocaleString(language)
      const conflicts = PLAN_KINDS.some((k) => summary.counts[k].conflict > 0)
      body = (
        <>
          <p className="settings-text">
            {t('restore.archiveInfo', { fileName, date, version: summary.archive.appVersion, count: summary.archive.items })}
          </p>
          {job.type === 'restored' ? (
            <p className="settings-text" role="status">
              {t('restore.done', { fileName })}
            </p>
          ) : (
            <p className="settings-text">{summary.changesNothing ? t('restore.nothingToDo') : t('restore.dryRunIntro')}</p>
          )}
          <DryRun summary={summary} />
          {conflicts && <p className="settings-text hint">{t('restore.conflictNote')}</p>}
          {summary.warnings > 0 && <p className="settings-text hint">{t('restore.warnings', { count: summary.warnings })}</p>}
        </>
      )
      if (job.type === 'dry-run') {
        footer = (
          <>
            <button type="button" className="btn" onClick={dismissBackup} data-autofocus>
              {t('cancel')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void applyRestore()} disabled={summary.changesNothing}>
              {t('restore.apply')}
            </button>
          </>
        )
      }
      break
    }
    case 'applying':
      body = <Progress fraction={1} label={t('restore.progressLabel')} text={t('restore.applying')} />
      break
    case 'failed':
      body = (
        <>
          <p className="settings-text backup-error" role="alert">
            {describeProblem(t, job.problem, language)}
          </p>
          {job.operation === 'restore' && <p className="settings-text">{t('restore.untouched')}</p>}
        </>
      )
      break
  }
  if (busy && job.type !== 'applying') {
    footer = (
      <button type="button" className="btn" onClick={dismissBackup}>
        {t('cancel')}
      </button>
    )
  } else if (!footer && !busy) {
    footer = (
      <button type="button" className="btn btn-primary" onClick={dismissBackup} data-autofocus>
        {t('close')}
      </button>
    )
  }

  return (
    <Dialog
      open={open}
      // Escape or the close button: cancels a running job (except the short apply), closes otherwise.
      onOpenChange={(next) => !next && dismissBackup()}
      title={titleOf(t, job)}
      wide={job.type === 'dry-run' || job.type === 'restored'}
      footer={footer}
    >
      <div className="dialog-body backup-dialog" aria-busy={busy}>
        {body}
      </div>
    </Dialog>
  )
}

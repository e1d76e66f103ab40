// Settings › Backup & restore: export everything, restore from a file, and the automatic backups (how often,
// how many, the list with "Restore from this", which goes through the same dry run).
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { getDb } from '../../db'
import {
  DEFAULT_AUTO_BACKUP,
  INTERVAL_CHOICES,
  KEEP_RANGE,
  readAutoBackupSettings,
  refreshBackupList,
  saveAutoBackupSettings,
  useAutoBackupState,
} from './autoBackup'
import { describeProblem, formatBytes } from './describe'
import { startExport, startRestore } from './store'
import './backup.css'

function intervalLabel(t: (key: string, options?: Record<string, unknown>) => string, hours: number): string {
  if (hours === 24) return t('settings.auto.daily')
  if (hours === 168) return t('settings.auto.weekly')
  return t('settings.auto.hours', { count: hours })
}

export function BackupSettings() {
  const { t } = useTranslation('backup')
  const { backups } = useAutoBackupState()

  useEffect(() => {
    void refreshBackupList().catch(() => undefined)
  }, [])

  return (
    <section className="settings-section" aria-labelledby="backup-settings-title">
      <h3 className="settings-label" id="backup-settings-title">
        {t('settings.title')}
      </h3>
      <p className="settings-text">{t('settings.explanation')}</p>
      <div className="backup-actions">
        <button type="button" className="btn" onClick={() => void startExport()}>
          {t('export.button')}
        </button>
        <button type="button" className="btn" onClick={() => void startRestore()}>
          {t('restore.button')}
        </button>
      </div>
      {backups !== null && <AutoBackups />}
    </section>
  )
}

function AutoBackups() {
  const { t, i18n } = useTranslation('backup')
  const language = i18n.language
  const auto = useLiveQuery(() => readAutoBackupSettings(getDb()), []) ?? DEFAULT_AUTO_BACKUP
  const { backups, running, lastProblem } = useAutoBackupState()
  const intervalId = useId()
  const keepId = useId()
  const enabledId = useId()
  const save = (patch: Parameters<typeof saveAutoBackupSettings>[1]) => void saveAutoBackupSettings(getDb(), patch)

  return (
    <>
      <h4 className="settings-label backup-auto-title">{t('settings.auto.title')}</h4>
      <div className="backup-auto-row">
        <label htmlFor={enabledId}>
          <input id={enabledId} type="checkbox" checked={auto.enabled} onChange={(e) => save({ enabled: e.target.checked })} /> {t('settings.auto.enabled')}
        </label>
        <label htmlFor={intervalId} className="hint">
          {t('settings.auto.interval')}
        </label>
        <select id={intervalId} className="select" value={auto.intervalHours} disabled={!auto.enabled} onChange={(e) => save({ intervalHours: Number(e.target.value) })}>
          {INTERVAL_CHOICES.map((hours) => (
            <option key={hours} value={hours}>
              {intervalLabel(t, hours)}
            </option>
          ))}
        </select>
        <label htmlFor={keepId} className="hint">
          {t('settings.auto.keep')}
        </label>
        <input
          id={keepId}
          type="number"
          className="input backup-keep"
          min={KEEP_RANGE.min}
          max={KEEP_RANGE.max}
          value={auto.keep}
          disabled={!auto.enabled}
          onChange={(e) => {
            const keep = Math.round(Number(e.target.value))
            if (keep >= KEEP_RANGE.min && keep <= KEEP_RANGE.max) save({ keep })
          }}
        />
      </div>
      {running && <p className="settings-text hint">{t('settings.auto.running')}</p>}
      {lastProblem && (
        <p className="settings-text backup-error" role="alert">
          {t('settings.auto.lastFailed', { message: describeProblem(t, lastProblem, language) })}
        </p>
      )}
      {(backups ?? []).length === 0 ? (
        <p className="settings-text hint">{t('settings.auto.none')}</p>
      ) : (
        <ul className="backup-list" aria-label={t('settings.auto.listLabel')}>
          {(backups ?? []).map((backup) => {
            const date = new Date(backup.modifiedAt).toLocaleString(language)
            return (
              <li key={backup.fileName}>
                <span>
                  {date} <span className="hint">· {formatBytes(backup.size, language)}</span>
                </span>
                <button
                  type="button"
                  className="btn"
                  aria-label={t('settings.auto.restoreFromLabel', { date })}
                  onClick={() => void startRestore({ source: 'auto', fileName: backup.fileName })}
                >
                  {t('settings.auto.restoreFrom')}
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}

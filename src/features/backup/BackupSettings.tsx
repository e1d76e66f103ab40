// Settings › Backup & restore: export everything, restore from a file.
import { useTranslation } from 'react-i18next'
import { startExport, startRestore } from './store'
import './backup.css'

export function BackupSettings() {
  const { t } = useTranslation('backup')
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
    </section>
  )
}

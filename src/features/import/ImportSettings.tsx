// The import's entry in Settings: closes Settings and opens the import dialog.
import { useTranslation } from 'react-i18next'
import { openImportDialog } from './opener'
import './import.css'

export function ImportSettings({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation('import')
  return (
    <section className="settings-section" aria-labelledby="import-settings-title">
      <h3 className="settings-label" id="import-settings-title">
        {t('settings.title')}
      </h3>
      <p className="settings-text">{t('settings.explanation')}</p>
      <div className="import-settings-actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            onOpen()
            openImportDialog()
          }}
        >
          {t('settings.button')}
        </button>
      </div>
    </section>
  )
}

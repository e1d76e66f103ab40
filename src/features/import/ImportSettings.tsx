// The import's entry in Settings: closes Settings and opens the import dialog.
import { useTranslation } from 'react-i18next'
import { openImportDialog } from './opener'

export function ImportSettings({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation('import')
  return (
    <section className="settings-section">
      <h3 className="settings-label">{t('settings.title')}</h3>
      <p className="settings-text">{t('settings.explanation')}</p>
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
    </section>
  )
}

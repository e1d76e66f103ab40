// Settings › Open formats: the Markdown export (the dialog opens over the app once Settings closes).
import { useTranslation } from 'react-i18next'
import { openMarkdownExport } from './store'

export function ExportSettings({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation('export')
  return (
    <section className="settings-section" aria-labelledby="export-settings-title">
      <h3 className="settings-label" id="export-settings-title">
        {t('settings.title')}
      </h3>
      <p className="settings-text">{t('settings.explanation')}</p>
      <p className="settings-text hint">{t('dialog.trash')}</p>
      <div>
        <button
          type="button"
          className="btn"
          onClick={() => {
            onOpen()
            openMarkdownExport()
          }}
        >
          {t('settings.button')}
        </button>
      </div>
    </section>
  )
}

// Settings › Public portfolio: what it is, and the button that opens it.
import { useTranslation } from 'react-i18next'
import { openPortfolioExport } from './store'

export function PortfolioSettings({ onOpen }: { onOpen?: () => void }) {
  const { t } = useTranslation('portfolio')
  return (
    <section className="settings-section">
      <h3 className="settings-label">{t('settings.title')}</h3>
      <p className="settings-text">{t('settings.text')}</p>
      <button
        type="button"
        className="btn"
        onClick={() => {
          onOpen?.()
          openPortfolioExport()
        }}
      >
        {t('settings.open')}
      </button>
    </section>
  )
}

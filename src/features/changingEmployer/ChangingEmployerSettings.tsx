// Settings › Career, changing employer: open the wizard, and the watch list it looks for.
import { useTranslation } from 'react-i18next'
import { openChangingEmployer } from './store'
import { WatchWordsEditor } from './WatchWordsEditor'
import './changingEmployer.css'

export function ChangingEmployerSettings({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation('changingEmployer')
  return (
    <section className="settings-section" aria-labelledby="leaving-settings-title">
      <h3 className="settings-label" id="leaving-settings-title">
        {t('settings.title')}
      </h3>
      <p className="settings-text">{t('settings.explanation')}</p>
      <div>
        <button
          type="button"
          className="btn"
          onClick={() => {
            onOpen()
            openChangingEmployer()
          }}
        >
          {t('settings.open')}
        </button>
      </div>
      <WatchWordsEditor headingLevel={4} />
    </section>
  )
}

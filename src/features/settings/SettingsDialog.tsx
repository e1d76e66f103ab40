// Settings: language, theme, and where the data lives.
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
// The settings entry only: the import feature itself (and the editor schema it converts with) loads later.
import { ImportSettings } from '../import/ImportSettings'
import { BackupSettings } from '../backup/BackupSettings'
import { ExportSettings } from '../export/ExportSettings'
import { PortfolioSettings } from '../portfolio/PortfolioSettings'
import { PublishingSettings } from '../publishing/PublishingSettings'
import { CareerSettings } from '../career/components/CareerSettings'
import { ChangingEmployerSettings } from '../changingEmployer/ChangingEmployerSettings'
import { getAppInfo } from './appInfo'
import { LANGUAGE_PREFERENCES, THEME_PREFERENCES, resolveLanguage, type LanguagePreference, type ThemePreference } from './preferences'
import { usePreferenceActions, usePreferences } from './usePreferences'
import './settings.css'

type PersistState = 'persisted' | 'not-persisted' | 'unknown'

function usePersistState(open: boolean): PersistState {
  const [state, setState] = useState<PersistState>('unknown')
  useEffect(() => {
    if (!open || !navigator.storage?.persisted) return
    let alive = true
    navigator.storage
      .persisted()
      .then((p) => alive && setState(p ? 'persisted' : 'not-persisted'))
      .catch(() => alive && setState('unknown'))
    return () => {
      alive = false
    }
  }, [open])
  return state
}

export function SettingsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('settings')
  const prefs = usePreferences()
  const actions = usePreferenceActions()
  const info = getAppInfo()
  const persist = usePersistState(open)
  const languageId = useId()
  const themeId = useId()
  const osLanguage = resolveLanguage('system', info?.locale ?? navigator.language)

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('title')}>
      <div className="dialog-body settings">
        <section className="settings-section">
          <label htmlFor={languageId} className="settings-label">
            {t('language.label')}
          </label>
          <select
            id={languageId}
            className="select"
            value={prefs.language}
            onChange={(e) => void actions.setLanguage(e.target.value as LanguagePreference)}
          >
            {LANGUAGE_PREFERENCES.map((p) => (
              <option key={p} value={p}>
                {p === 'system' ? t('language.system', { language: t(`language.${osLanguage}`) }) : t(`language.${p}`)}
              </option>
            ))}
          </select>
        </section>

        <section className="settings-section">
          <label htmlFor={themeId} className="settings-label">
            {t('theme.label')}
          </label>
          <select id={themeId} className="select" value={prefs.theme} onChange={(e) => void actions.setTheme(e.target.value as ThemePreference)}>
            {THEME_PREFERENCES.map((p) => (
              <option key={p} value={p}>
                {t(`theme.${p}`)}
              </option>
            ))}
          </select>
        </section>

        <section className="settings-section">
          <h3 className="settings-label">{t('data.title')}</h3>
          <p className="settings-text">{t('data.explanation')}</p>
          {info?.dataPath && (
            <p className="settings-text">
              <span className="hint">{t('data.location')}</span> <code className="settings-path">{info.dataPath}</code>
            </p>
          )}
          <p className="settings-text" data-testid="storage-persistence">
            {t(`data.persist.${persist}`)}
          </p>
        </section>

        <CareerSettings />

        <ChangingEmployerSettings onOpen={() => onOpenChange(false)} />

        <BackupSettings />

        <ImportSettings onOpen={() => onOpenChange(false)} />

        <ExportSettings onOpen={() => onOpenChange(false)} />
        <PortfolioSettings onOpen={() => onOpenChange(false)} />

        <PublishingSettings />

        <section className="settings-section settings-about">
          <span className="hint">
            {t('about', { version: info?.version ?? '—' })}
          </span>
        </section>
      </div>
    </Dialog>
  )
}

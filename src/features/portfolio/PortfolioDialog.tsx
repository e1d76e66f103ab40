// The public portfolio: profile, what the site shows, a preview, then export (folder, zip) or PDF, with progress
// and Cancel. Opened from the File menu, the palette, Settings and the changing-employer wizard.
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { normalizeBaseUrl } from '../../core/portfolio'
import { describeExportProblem } from '../export/describe'
import { useAppSiteLanguage, usePortfolioProfile } from './hooks'
import { Preview } from './Preview'
import { ProfileForm } from './ProfileForm'
import { SelectionList } from './SelectionList'
import {
  cancelPortfolioJob,
  closePortfolio,
  dismissPortfolioResult,
  openPortfolioExport,
  showPortfolioTab,
  startPortfolioExport,
  usePortfolioState,
  type PortfolioTab,
} from './store'
import './portfolio.css'

const TABS: PortfolioTab[] = ['profile', 'content', 'preview']

export function PortfolioDialog() {
  const { t } = useTranslation('portfolio')
  const state = usePortfolioState()
  const profile = usePortfolioProfile()
  const language = useAppSiteLanguage()
  const { job } = state

  // File > Public portfolio… is handled by the shell (App.tsx): this dialog is mounted only once opened.

  const running = job.type === 'running'
  const footer = running ? (
    <button type="button" className="btn" onClick={cancelPortfolioJob} data-autofocus>
      {t('export.cancel')}
    </button>
  ) : (
    <>
      <button type="button" className="btn" onClick={() => void startPortfolioExport('pdf', language)}>
        {t('export.pdf')}
      </button>
      <button type="button" className="btn" onClick={() => void startPortfolioExport('zip', language)}>
        {t('export.zip')}
      </button>
      <button type="button" className="btn btn-primary" onClick={() => void startPortfolioExport('folder', language)}>
        {t('export.folder')}
      </button>
    </>
  )

  return (
    <Dialog open={state.open} onOpenChange={(open) => (open ? openPortfolioExport() : closePortfolio())} title={t('dialog.title')} wide className="portfolio-dialog" footer={footer}>
      <div className="dialog-body portfolio-body">
        <div role="tablist" aria-label={t('dialog.tabs')} className="portfolio-tabs">
          {TABS.map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`portfolio-tab-${tab}`}
              aria-selected={state.tab === tab}
              aria-controls={`portfolio-panel-${tab}`}
              tabIndex={state.tab === tab ? 0 : -1}
              className="portfolio-tab"
              onClick={() => showPortfolioTab(tab)}
              onKeyDown={(e) => {
                const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
                if (!step) return
                const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!
                showPortfolioTab(next)
                document.getElementById(`portfolio-tab-${next}`)?.focus()
              }}
            >
              {t(`dialog.${tab}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`portfolio-panel-${state.tab}`} aria-labelledby={`portfolio-tab-${state.tab}`} className="portfolio-panel">
          {state.tab === 'profile' && profile && <ProfileForm key={profile.siteId} initial={profile} />}
          {state.tab === 'content' && <SelectionList />}
          {state.tab === 'preview' && <Preview />}
        </div>
        <div className="portfolio-job" aria-live="polite">
          {running && (
            <div className="export-progress">
              <p className="settings-text">{t(`export.running.${job.output}`, { done: job.done, total: job.total })}</p>
              <progress className="export-progress-bar" aria-label={t('export.progress')} max={Math.max(1, job.total)} value={job.done} />
            </div>
          )}
          {job.type === 'idle' && job.cancelled && <p className="settings-text">{t('export.cancelled')}</p>}
          {job.type === 'done' && (
            <div role="status" className="portfolio-result">
              <p className="settings-text">{t(`export.done.${job.output}`, { path: job.path })}</p>
              {!job.summary.absoluteUrls && job.output !== 'pdf' && <p className="hint">{t('export.noBaseUrl')}</p>}
              <button type="button" className="btn btn-ghost" onClick={dismissPortfolioResult}>
                {t('dialog.close')}
              </button>
            </div>
          )}
          {job.type === 'failed' && (
            <p className="settings-text field-error" role="alert">
              {t('export.failed', { reason: describeExportProblem(t, job.problem) })}
            </p>
          )}
          {job.type === 'idle' && !job.cancelled && profile && !profile.baseUrl.trim() && state.tab !== 'profile' && (
            <p className="hint">{t('export.noBaseUrl')}</p>
          )}
          {profile && profile.baseUrl.trim() && normalizeBaseUrl(profile.baseUrl) === null && <p className="hint field-error">{t('profile.baseUrlInvalid')}</p>}
        </div>
      </div>
    </Dialog>
  )
}

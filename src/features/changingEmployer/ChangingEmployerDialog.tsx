// The "Changing employer" wizard: (1) the affiliation being left, (2) review of what goes and what stays with the
// flagged passages, (3) the personal archive saved through the save dialog with progress and Cancel, and its
// record beside it, (4) where the files are. One modal dialog; its state lives in store.ts so it can be closed to
// open an item and reopened where it was.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { describeProblem } from '../backup/describe'
import { useCareerContext } from '../career/hooks'
import { PickStep } from './PickStep'
import { ReviewStep } from './ReviewStep'
import {
  cancelLeavingArchive,
  closeChangingEmployer,
  goToStep,
  openChangingEmployer,
  continueToPortfolio,
  restartChangingEmployer,
  saveLeavingArchive,
  setAlsoPortfolio,
  startReview,
  useWizardState,
  type WizardState,
  type WizardStep,
} from './store'
import './changingEmployer.css'

const STEPS: WizardStep[] = ['pick', 'review', 'output', 'done']

export function ChangingEmployerDialog({ onOpenItem, onOpenSettings }: { onOpenItem(id: string): void; onOpenSettings(): void }) {
  const { t } = useTranslation('changingEmployer')
  const state = useWizardState()
  const { affiliations } = useCareerContext()
  const affiliation = affiliations.find((a) => a.id === state.affiliationId) ?? null

  // An affiliation deleted while the wizard was closed: back to the choice.
  useEffect(() => {
    if (state.open && state.affiliationId && !affiliation && affiliations.length > 0 && state.step !== 'done') goToStep('pick')
  }, [state.open, state.affiliationId, state.step, affiliation, affiliations.length])

  const footer = <Footer state={state} hasAffiliation={affiliation !== null} />

  return (
    <Dialog
      open={state.open}
      onOpenChange={(open) => (open ? openChangingEmployer() : closeChangingEmployer())}
      title={t('title')}
      wide
      className="leaving-dialog"
      footer={footer}
    >
      <div className="dialog-body leaving-body">
        <ol className="leaving-steps" aria-label={t('steps.label')}>
          {STEPS.map((step, i) => (
            <li key={step} aria-current={state.step === step ? 'step' : undefined} className={state.step === step ? 'is-current' : ''}>
              <span className="leaving-step-number" aria-hidden>
                {i + 1}
              </span>{' '}
              {t(`steps.${step}`)}
            </li>
          ))}
        </ol>
        {state.step === 'pick' && (
          <PickStep
            affiliations={affiliations}
            chosen={state.affiliationId}
            onOpenSettings={() => {
              closeChangingEmployer()
              onOpenSettings()
            }}
          />
        )}
        {state.step === 'review' && affiliation && (
          <ReviewStep
            review={state.review}
            affiliation={affiliation}
            affiliations={affiliations}
            decisions={state.decisions}
            onOpenItem={(id) => {
              closeChangingEmployer()
              onOpenItem(id)
            }}
          />
        )}
        {state.step === 'output' && <OutputStep state={state} />}
        {state.step === 'done' && <DoneStep state={state} />}
      </div>
    </Dialog>
  )
}

function Footer({ state, hasAffiliation }: { state: WizardState; hasAffiliation: boolean }) {
  const { t } = useTranslation('changingEmployer')
  const { affiliations } = useCareerContext()
  switch (state.step) {
    case 'pick':
      return (
        <button
          type="button"
          className="btn btn-primary"
          disabled={!hasAffiliation}
          onClick={() => {
            goToStep('review')
            if (state.review.status !== 'ready') void startReview()
          }}
        >
          {t('pick.next')}
        </button>
      )
    case 'review':
      return (
        <>
          <button type="button" className="btn" onClick={() => goToStep('pick')}>
            {t('review.back')}
          </button>
          <button type="button" className="btn btn-primary" disabled={state.review.status !== 'ready'} onClick={() => goToStep('output')}>
            {t('review.next')}
          </button>
        </>
      )
    case 'output':
      return state.exporting ? (
        <button type="button" className="btn" onClick={cancelLeavingArchive}>
          {t('output.cancel')}
        </button>
      ) : (
        <>
          <button type="button" className="btn" onClick={() => goToStep('review')}>
            {t('output.back')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void saveLeavingArchive(affiliations)}>
            {t('output.save')}
          </button>
        </>
      )
    case 'done':
      return (
        <>
          <button type="button" className="btn" onClick={restartChangingEmployer}>
            {t('done.again')}
          </button>
          {state.portfolio ? (
            <>
              <button type="button" className="btn" onClick={closeChangingEmployer}>
                {t('done.close')}
              </button>
              <button type="button" className="btn btn-primary" onClick={continueToPortfolio}>
                {t('done.portfolio')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-primary" onClick={closeChangingEmployer}>
              {t('done.close')}
            </button>
          )}
        </>
      )
  }
}

function OutputStep({ state }: { state: WizardState }) {
  const { t, i18n } = useTranslation('changingEmployer')
  const { t: tb } = useTranslation('backup')
  const result = state.review.status === 'ready' ? state.review.result : null
  const unreviewed = result ? result.flagged.filter((f) => !state.decisions.has(f.id)).length : 0
  const percent = state.exporting ? Math.round(Math.min(1, Math.max(0, state.exporting.fraction)) * 100) : 0
  return (
    <div className="leaving-step">
      <p className="settings-text">{t('output.intro', { count: result?.leaving.length ?? 0 })}</p>
      {unreviewed > 0 && <p className="leaving-warning">{t('output.unreviewed', { count: unreviewed })}</p>}
      {state.exporting && (
        <div className="leaving-progress" role="status">
          <p className="settings-text">{t('output.saving')}</p>
          <progress max={100} value={percent} aria-label={t('output.progress')} />
          <span className="hint" aria-hidden>
            {percent} %
          </span>
        </div>
      )}
      {state.exportProblem && (
        <p role="alert" className="leaving-problem">
          {t('output.failed', { reason: describeProblem(tb, state.exportProblem, i18n.language) })}
        </p>
      )}
      <label className="leaving-check">
        <input type="checkbox" checked={state.portfolio} disabled={!!state.exporting} onChange={(e) => setAlsoPortfolio(e.target.checked)} />
        <span>
          {t('output.portfolio')}
          <span className="hint leaving-check-hint">{t('output.portfolioHint')}</span>
        </span>
      </label>
    </div>
  )
}

function DoneStep({ state }: { state: WizardState }) {
  const { t, i18n } = useTranslation('changingEmployer')
  const { t: tb } = useTranslation('backup')
  const output = state.output
  if (!output) return null
  return (
    <div className="leaving-step" role="status">
      <h3 className="settings-label">{t('done.title')}</h3>
      <ul className="leaving-files">
        <li>{t('done.archive', { name: output.archive.fileName })}</li>
        {output.record && <li>{t('done.record', { name: output.record.fileName })}</li>}
      </ul>
      {output.archive.folder && (
        <p className="settings-text">
          {t('done.folder', { folder: '' })}
          <code className="settings-path">{output.archive.folder}</code>
        </p>
      )}
      {output.recordProblem && (
        <p role="alert" className="leaving-problem">
          {t('done.recordFailed', { reason: describeProblem(tb, output.recordProblem, i18n.language) })}
        </p>
      )}
      <p className="hint leaving-sha">{t('done.sha', { sha: output.archive.sha256 })}</p>
      <p className="settings-text">{t('done.restore')}</p>
    </div>
  )
}

// Step 1: which affiliation is being left, on the timeline (newest first), with each one's default label.
import { useTranslation } from 'react-i18next'
import type { Affiliation } from '../../core/career'
import { AffiliationLogo } from '../career/components/AffiliationLogo'
import { formatIsoDay } from '../career/dates'
import { chooseAffiliation } from './store'

export function PickStep({ affiliations, chosen, onOpenSettings }: { affiliations: readonly Affiliation[]; chosen: string | null; onOpenSettings(): void }) {
  const { t, i18n } = useTranslation('changingEmployer')
  const { t: tc } = useTranslation('career')
  if (affiliations.length === 0) {
    return (
      <div className="leaving-step">
        <p className="settings-text">{t('pick.empty')}</p>
        <div>
          <button type="button" className="btn" onClick={onOpenSettings}>
            {t('pick.openSettings')}
          </button>
        </div>
      </div>
    )
  }
  return (
    <div className="leaving-step">
      <p className="settings-text">{t('pick.intro')}</p>
      <fieldset className="leaving-timeline">
        <legend className="settings-label">{t('pick.legend')}</legend>
        {affiliations.map((a) => {
          const period = t('pick.period', { start: formatIsoDay(a.start, i18n.language), end: a.end ? formatIsoDay(a.end, i18n.language) : t('pick.present') })
          return (
            <label key={a.id} className={`leaving-affiliation${chosen === a.id ? ' is-chosen' : ''}`}>
              <input type="radio" name="leaving-affiliation" value={a.id} checked={chosen === a.id} onChange={() => chooseAffiliation(a.id)} />
              <AffiliationLogo attachmentId={a.logoAttachmentId} organisation={a.organisation} />
              <span className="leaving-affiliation-text">
                <span className="leaving-affiliation-name">{a.organisation}</span>
                <span className="hint">
                  {a.role ? `${a.role} · ` : ''}
                  {period}
                </span>
                <span className="hint">{t('pick.defaultLabel', { label: tc(`labels.${a.defaultLabel}`) })}</span>
              </span>
            </label>
          )
        })}
      </fieldset>
    </div>
  )
}

// The item's affiliation and label, in the detail pane. Each select says what "automatic" gives and why, so the
// person sees where an item belongs before deciding to change it.
import { memo, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { affiliationResolver, contributionDate, isContentLabel, type Affiliation, type ContentLabel } from '../../../core/career'
import type { Item } from '../../../core/items'
import { getDb } from '../../../db'
import { formatIsoDay, formatIsoMonth } from '../dates'
import { careerFactsOf } from '../facts'
import { useCareerContext, useResolvedCareer } from '../hooks'
import { setItemAffiliation, setItemLabel } from '../repository'
import { LabelOptions } from './LabelOptions'
import '../career.css'

const AUTO = 'auto'
const NONE = 'none'
const MISSING = 'missing'

function CareerFieldsView({ item }: { item: Item }) {
  const { t, i18n } = useTranslation('career')
  const { affiliations, defaultLabel } = useCareerContext()
  const resolved = useResolvedCareer(item)
  const affiliationId = useId()
  const labelId = useId()
  if (!resolved) return null
  const date = contributionDate(item)
  const dateText = formatIsoDay(date, i18n.language)

  const chosenMissing = typeof item.affiliationId === 'string' && !affiliations.some((a) => a.id === item.affiliationId)
  const affiliationValue = item.affiliationId === undefined ? AUTO : item.affiliationId === null ? NONE : chosenMissing ? MISSING : item.affiliationId
  // What "Automatic" gives, shown even while a specific one is chosen.
  const automatic = affiliationResolver(affiliations)(date)
  const autoText = automatic ? t('fields.automatic', { organisation: automatic.organisation }) : t('fields.automaticNone')
  const why = item.affiliationId === undefined ? (automatic ? t('fields.automaticWhy', { date: dateText }) : t('fields.automaticNoneWhy', { date: dateText })) : null

  const labelValue = item.label ?? AUTO
  const followText = resolved.affiliation
    ? t('fields.followsAffiliation', { organisation: resolved.affiliation.organisation, label: t(`labels.${resolved.affiliation.defaultLabel}`) })
    : t('fields.followsSettings', { label: t(`labels.${defaultLabel}`) })
  const labelHint = t(`labelHints.${resolved.label}`)

  const optionText = (a: Affiliation) => {
    const period = `${formatIsoMonth(a.start, i18n.language)} – ${a.end ? formatIsoMonth(a.end, i18n.language) : t('settings.present')}`
    return [a.organisation, a.role, period].filter(Boolean).join(' · ')
  }

  return (
    <div className="career-fields">
      <div className="career-field">
        <label htmlFor={affiliationId} className="field-label">
          {t('fields.affiliation')}
        </label>
        <select
          id={affiliationId}
          className="select"
          value={affiliationValue}
          aria-describedby={why ? `${affiliationId}-why` : undefined}
          onChange={(e) => {
            const value = e.target.value
            void setItemAffiliation(getDb(), item.id, value === AUTO ? undefined : value === NONE ? null : value)
          }}
        >
          <option value={AUTO}>{autoText}</option>
          <option value={NONE}>{t('fields.none')}</option>
          {chosenMissing && (
            <option value={MISSING} disabled>
              {t('fields.chosenMissing')}
            </option>
          )}
          {affiliations.map((a) => (
            <option key={a.id} value={a.id}>
              {optionText(a)}
            </option>
          ))}
        </select>
        {why && (
          <span id={`${affiliationId}-why`} className="career-field-why">
            {why}
          </span>
        )}
      </div>
      <div className="career-field">
        <label htmlFor={labelId} className="field-label">
          {t('fields.label')}
        </label>
        <select
          id={labelId}
          className="select"
          value={labelValue}
          aria-describedby={`${labelId}-why`}
          onChange={(e) => {
            const value = e.target.value
            void setItemLabel(getDb(), item.id, isContentLabel(value) ? (value as ContentLabel) : undefined)
          }}
        >
          <option value={AUTO}>{followText}</option>
          <LabelOptions />
        </select>
        <span id={`${labelId}-why`} className="career-field-why">
          {labelHint}
        </span>
      </div>
    </div>
  )
}

function sameFacts(a: Item, b: Item): boolean {
  if (a.id !== b.id) return false
  const x = careerFactsOf(a)
  const y = careerFactsOf(b)
  return x.kind === y.kind && x.createdAt === y.createdAt && x.savedAt === y.savedAt && x.date === y.date && x.affiliationId === y.affiliationId && x.label === y.label
}

/** Re-renders when what it shows changes, not on every autosave of the body. */
export const CareerFields = memo(CareerFieldsView, (prev, next) => sameFacts(prev.item, next.item))

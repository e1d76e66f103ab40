// The three labels as <option>s, in the person's language.
import { useTranslation } from 'react-i18next'
import { CONTENT_LABELS } from '../../../core/career'

export function LabelOptions() {
  const { t } = useTranslation('career')
  return (
    <>
      {CONTENT_LABELS.map((label) => (
        <option key={label} value={label}>
          {t(`labels.${label}`)}
        </option>
      ))}
    </>
  )
}

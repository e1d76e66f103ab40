import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { STATUSES_BY_KIND, type PostItem, type TalkItem } from '../../../core/items'
import { saveFields } from './save'

export function StatusSelect({ item }: { item: PostItem | TalkItem }) {
  const { t } = useTranslation()
  const { t: tl } = useTranslation('library')
  const id = useId()
  return (
    <div className="field field-status">
      <label htmlFor={id} className="field-label">
        {tl('fields.status')}
      </label>
      <select
        id={id}
        className={`select status-select status-${item.status}`}
        value={item.status}
        onChange={(e) => void saveFields(item.id, { status: e.target.value as PostItem['status'] })}
      >
        {STATUSES_BY_KIND[item.kind].map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${item.kind}.${s}`)}
          </option>
        ))}
      </select>
    </div>
  )
}

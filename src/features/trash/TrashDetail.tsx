// A trashed item, read-only, with the way back (Restore) and the way out (Delete forever).
import { RotateCcw, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { Item } from '../../core/items'
import { useActions } from '../library/actions'
import { formatFullDate } from '../library/dates'
import { KindIcon } from '../library/KindIcon'
import './trash.css'

export function TrashDetail({ item }: { item: Item }) {
  const { t, i18n } = useTranslation('trash')
  const { t: tc } = useTranslation()
  const actions = useActions()
  return (
    <div className="detail trash-detail">
      <div className="trash-banner" role="note">
        <span>{t('banner', { date: item.trashedAt ? formatFullDate(item.trashedAt, i18n.language) : '' })}</span>
        <div className="trash-banner-actions">
          <button type="button" className="btn" onClick={() => void actions.restoreItem(item.id)}>
            <RotateCcw size={14} aria-hidden />
            {t('restore')}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => actions.deleteForever(item.id)}>
            <Trash2 size={14} aria-hidden />
            {t('deleteForever')}
          </button>
        </div>
      </div>
      <article className="trash-preview">
        <p className="detail-kind">
          <KindIcon kind={item.kind} />
          {tc(`kinds.${item.kind}.one`)}
        </p>
        <h2 className="trash-title">{item.title || tc('untitled')}</h2>
        <div className="trash-body">{item.bodyText || <span className="hint">{t('emptyBody')}</span>}</div>
      </article>
    </div>
  )
}

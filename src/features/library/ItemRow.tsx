// One row of the list: kind icon, title, preview or search snippet, date, tags, status.
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Item } from '../../core/items'
import { preview } from '../../core/text'
import { formatListDate } from './dates'
import { KindIcon } from './KindIcon'
import { Highlighted, type LibraryHit } from './searchAdapter'

export const ROW_HEIGHT = 96

export interface ItemRowProps {
  item: Item | undefined
  hit?: LibraryHit
  index: number
  selected: boolean
  inTrash: boolean
  optionId: string
  onSelect(index: number, id: string): void
  onOpen(id: string): void
}

export const ItemRow = memo(function ItemRow({ item, hit, index, selected, inTrash, optionId, onSelect, onOpen }: ItemRowProps) {
  const { t, i18n } = useTranslation()
  if (!item) {
    return <div className="row row-placeholder" role="option" aria-selected={false} aria-busy="true" aria-label={t('loading')} />
  }
  const title = item.title.trim()
  const when = inTrash && item.trashedAt ? item.trashedAt : item.updatedAt
  return (
    <div
      id={optionId}
      role="option"
      aria-selected={selected}
      aria-label={title || t('untitled')}
      className={`row${selected ? ' row-selected' : ''}`}
      data-item-id={item.id}
      onMouseDown={(e) => {
        // Keep focus on the list so arrow keys keep working after a click.
        e.preventDefault()
        ;(e.currentTarget.closest('[role="listbox"]') as HTMLElement | null)?.focus()
        onSelect(index, item.id)
      }}
      onDoubleClick={() => onOpen(item.id)}
    >
      <div className="row-head">
        <KindIcon kind={item.kind} className="row-kind" />
        <span className={`row-title${title ? '' : ' row-untitled'}`}>
          {hit && title ? <Highlighted segments={hit.titleSegments} /> : title || t('untitled')}
        </span>
        <time className="row-date" dateTime={new Date(when).toISOString()}>
          {formatListDate(when, i18n.language)}
        </time>
      </div>
      <div className="row-preview">
        {hit ? <Highlighted segments={hit.snippetSegments} /> : rowPreview(item)}
      </div>
      <div className="row-meta">
        {item.status && <span className={`status-pill status-${item.status}`}>{t(`statuses.${item.kind}.${item.status}`)}</span>}
        {item.kind === 'link' && !item.read && <span className="status-pill status-unread">{t('unread')}</span>}
        {item.tags.slice(0, 4).map((tag) => (
          <span key={tag} className="row-tag">
            #{tag}
          </span>
        ))}
        {item.tags.length > 4 && <span className="row-tag">+{item.tags.length - 4}</span>}
      </div>
    </div>
  )
})

function rowPreview(item: Item): string {
  if (item.bodyText) return preview(item.bodyText, 180)
  if (item.kind === 'link') return item.description || item.url
  if (item.kind === 'post') return item.excerpt
  if (item.kind === 'talk') return [item.event, item.abstract].filter(Boolean).join(' — ')
  return ''
}

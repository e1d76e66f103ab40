// The sidebar's way to the Publications view, with how many posts wait to be posted by hand (reminders that went
// off). Counted through the `scheduledAt` index: only rows already due are read.
import { useLiveQuery } from 'dexie-react-hooks'
import { Send } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { getDb } from '../../../db'
import { openPublicationsView } from './viewStore'

export function PublicationsSidebarEntry() {
  const { t, i18n } = useTranslation('publicationQueue')
  const waiting = useLiveQuery(() =>
    getDb()
      .publications.where('scheduledAt')
      .belowOrEqual(Date.now())
      .filter((p) => p.status === 'awaiting-manual')
      .count(),
  )
  return (
    <li>
      <button type="button" className="sidebar-entry" onClick={() => openPublicationsView(waiting ? 'waiting' : 'all')}>
        <Send size={16} strokeWidth={1.8} aria-hidden />
        <span className="sidebar-label">{t('view.sidebar')}</span>{' '}
        <span className="sidebar-count" aria-hidden={!waiting}>
          {waiting ? new Intl.NumberFormat(i18n.language).format(waiting) : ''}
        </span>
      </button>
    </li>
  )
}

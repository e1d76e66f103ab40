// Starts the publication queue with the window (after the first paint) and answers notification clicks: one
// reminder opens its item with that channel's text ready to copy; a summary opens the Publications view. A click
// that opened this window (none was open) is taken from main once, at start.
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useToast } from '../../../app/ui/Toasts'
import type { NotificationTarget } from '../../../core/ipc/notifications'
import type { ChannelId } from '../../../core/publish/channels'
import { getDb } from '../../../db'
import { getApi } from '../../../lib/api'
import type { LibraryStore } from '../../library/libraryStore'
import { channelName } from '../describe'
import { openVariantsDialog } from '../dialogStore'
import { startAppPublicationQueue } from './start'
import { closePublicationsView, openPublicationsView } from './viewStore'

/** Shows the item in the library (leaving the Trash if needed) and opens its social posts on `channel`. */
export async function openPublicationItem(store: LibraryStore, publicationId: string): Promise<boolean> {
  const db = getDb()
  const row = await db.publications.get(publicationId)
  if (!row) return false
  const item = await db.items.get(row.itemId)
  if (!item) return false
  if (!!item.trashed !== (store.get().view.type === 'trash')) store.showView(item.trashed ? { type: 'trash' } : { type: 'items', filter: {} })
  // Leaves a full-window view (the calendar) for the library, where the item shows.
  else if ((store.get() as { calendar?: boolean }).calendar) store.showView(store.get().view)
  store.select(item.id)
  closePublicationsView()
  if (row.channel !== 'wordpress') openVariantsDialog(item.id, row.channel as ChannelId)
  return true
}

export function openNotificationTarget(store: LibraryStore, target: NotificationTarget): Promise<boolean> {
  if (target.kind === 'publications') {
    openPublicationsView(target.filter)
    return Promise.resolve(true)
  }
  return openPublicationItem(store, target.publicationId)
}

export function usePublicationQueue(store: LibraryStore): void {
  const { t } = useTranslation('publicationQueue')
  const toast = useToast()
  // Read at notification time: a language change must not restart the queue.
  const say = useRef({ t, toast })
  say.current = { t, toast }
  useEffect(() => {
    let stop: (() => void) | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    // After the first paint, as the app's other background work.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        stop = startAppPublicationQueue({
          showInWindow: (row, title) =>
            say.current.toast({
              message: say.current.t('notification.inWindow', { channel: channelName(row.channel), title }),
              duration: 20_000,
              action: { label: say.current.t('notification.open'), run: () => void openPublicationItem(store, row.id) },
            }),
        })
      }, 0)
    })
    const off = getApi().on('notificationClick', ({ target }) => void openNotificationTarget(store, target))
    // A click on a notification while no window was open (macOS) opened this one: open what it pointed at.
    let unmounted = false
    void getApi()
      .notificationTakePending()
      .then((result) => {
        if (!unmounted && result.ok && result.value.target) void openNotificationTarget(store, result.value.target)
      })
    return () => {
      unmounted = true
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      stop?.()
      off()
    }
  }, [store])
}

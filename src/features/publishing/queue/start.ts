// The app's publication queue: the runner (./runner) with the real clock and timers, the network state, the
// Mastodon poster (loaded when first needed), desktop notifications through main, and a Web Lock held for the
// runner's life so another window can tell a runner that stopped mid-post (its lock is gone) from one still
// posting. Started after the first paint; re-looks when the network comes back and when the window wakes up.
import { i18next } from '../../../i18n'
import { ulid } from 'ulid'
import type { Publication } from '../../../core/publish/ledger'
import { getDb } from '../../../db'
import { getApi } from '../../../lib/api'
import { channelName } from '../describe'
import { PublicationQueue, type Poster } from './runner'

const LOCK_PREFIX = 'baluchon-publication-queue:'
/** More reminders than this at once (missed while the app was closed) make one notification, not a pile. */
const MAX_SEPARATE_NOTIFICATIONS = 3

export interface QueueHost {
  /** The OS has no notifications: say it in the window instead. */
  showInWindow(row: Publication, title: string): void
}

const mastodonPoster: Poster = async (db, id, options) => (await import('../mastodon')).postMastodonPublication(db, id, options)
const wordpressPoster: Poster = async (db, id, options) => (await import('../wordpressPoster')).wordpressPoster(getApi())(db, id, options)

function t(key: string, options: Record<string, unknown> = {}): string {
  return i18next.t(key, { ns: 'publicationQueue', ...options })
}

async function notifyDue(rows: Publication[], host: QueueHost): Promise<void> {
  const db = getDb()
  const items = await db.items.bulkGet([...new Set(rows.map((r) => r.itemId))])
  const titleOf = (itemId: string) => items.find((item) => item?.id === itemId)?.title || t('notification.untitled')
  const api = getApi()
  if (rows.length > MAX_SEPARATE_NOTIFICATIONS) {
    const channels = [...new Set(rows.map((r) => channelName(r.channel)))].join(', ')
    const result = await api.notificationShow({
      title: t('notification.summaryTitle', { count: rows.length }),
      body: t('notification.summaryBody', { channels }),
      target: { kind: 'publications', filter: 'waiting' },
    })
    if (!result.ok || !result.value.shown) for (const row of rows) host.showInWindow(row, titleOf(row.itemId))
    return
  }
  for (const row of rows) {
    const title = titleOf(row.itemId)
    const result = await api.notificationShow({
      title: t('notification.title', { channel: channelName(row.channel) }),
      body: t('notification.body', { title: title.length > 120 ? `${title.slice(0, 119)}…` : title }),
      target: { kind: 'publication', publicationId: row.id },
    })
    if (!result.ok || !result.value.shown) host.showInWindow(row, title)
  }
}

/** Whether the runner named `runnerId` still holds its lock (a window still running it). */
async function isRunnerAlive(runnerId: string): Promise<boolean> {
  const locks = navigator.locks
  if (!locks) return false
  const state = await locks.query()
  return (state.held ?? []).some((lock) => lock.name === `${LOCK_PREFIX}${runnerId}`)
}

/** Starts the queue for the app's database; returns how to stop it. */
export function startAppPublicationQueue(host: QueueHost): () => void {
  const runnerId = ulid()
  let stopped = false
  let releaseLock: () => void = () => undefined
  const lockHeld = new Promise<void>((resolve) => {
    if (!navigator.locks) return resolve()
    void navigator.locks.request(`${LOCK_PREFIX}${runnerId}`, () => {
      resolve()
      return stopped ? undefined : new Promise<void>((release) => (releaseLock = release))
    })
  })
  const queue = new PublicationQueue({
    db: getDb(),
    posters: { mastodon: mastodonPoster, wordpress: wordpressPoster },
    notify: (rows) => notifyDue(rows, host),
    now: () => Date.now(),
    isOnline: () => navigator.onLine,
    random: Math.random,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    runnerId,
    isRunnerAlive,
    onError: (error) => console.warn('[publication queue]', error),
  })
  const onOnline = () => void queue.online()
  // Timers do not run while the computer sleeps: look again when the window comes back.
  const onWake = () => {
    if (document.visibilityState === 'visible') void queue.tick()
  }
  window.addEventListener('online', onOnline)
  window.addEventListener('focus', onWake)
  document.addEventListener('visibilitychange', onWake)
  // Claims name this runner: hold the lock before the first one.
  void lockHeld.then(() => queue.start())
  return () => {
    stopped = true
    window.removeEventListener('online', onOnline)
    window.removeEventListener('focus', onWake)
    document.removeEventListener('visibilitychange', onWake)
    queue.dispose()
    releaseLock()
  }
}

// The window's link queue: retries pending links at start and each time the connection comes back.
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { LinkQueue, type LinkQueueDeps } from './linkQueue'

let appQueue: LinkQueue | null = null
let onOnline: (() => void) | null = null

export function startLinkQueue(deps: LinkQueueDeps): LinkQueue {
  appQueue?.dispose()
  if (onOnline) window.removeEventListener('online', onOnline)
  const queue = new LinkQueue(deps)
  appQueue = queue
  onOnline = () => void queue.retryPending()
  window.addEventListener('online', onOnline)
  void queue.retryPending()
  return queue
}

export function getLinkQueue(): LinkQueue | null {
  return appQueue
}

/** The running queue, started on first use if the app has not started it yet (or on another database). */
export function linkQueue(): LinkQueue {
  return appQueue && appQueue.db === getDb() ? appQueue : startAppLinkQueue()
}

export function startAppLinkQueue(): LinkQueue {
  const db = getDb()
  return startLinkQueue({
    db,
    api: getApi(),
    isOnline: () => navigator.onLine,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  })
}

import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { getLinkQueue, startLinkQueue, type LinkQueue } from './linkQueue'

/** The running queue, started on first use if the app has not started it yet. */
export function linkQueue(): LinkQueue {
  return getLinkQueue() ?? startAppLinkQueue()
}

export function startAppLinkQueue(): LinkQueue {
  return startLinkQueue({
    db: getDb(),
    api: getApi(),
    isOnline: () => navigator.onLine,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  })
}

// Desktop notifications for the renderer's publication queue (src/features/publishing/queue). Electron's
// Notification class, the window's focus and the event sender come in as deps, so a Node test and the end-to-end
// harness run this module with doubles. A click brings the window forward and sends `notificationClick` with the
// target the renderer gave, which opens the item with the channel's text ready to copy; with no window open, the
// click waits for the new window's renderer to take it (`notificationTakePending`).
import type { EventPayloads } from '../../../src/core/ipc/contract'
import type { NotificationShown, NotificationTarget, PendingNotificationClick } from '../../../src/core/ipc/notifications'
import type { HandlerInput } from '../ipc/dispatcher'

/** The part of Electron's Notification this module uses. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown
  show(): void
}

export interface NotificationConstructor {
  new (options: { title: string; body: string }): NotificationLike
  isSupported(): boolean
}

export interface NotificationsDeps {
  Notification: NotificationConstructor
  /**
   * Shows the window and gives it focus (restored if minimised, shown if hidden): 'focused'. With no window (macOS
   * keeps running without one) it opens one: 'opened', and the click waits for that window's renderer to take it.
   */
  focusWindow(): 'focused' | 'opened'
  send(event: 'notificationClick', payload: EventPayloads['notificationClick']): void
}

/**
 * Notifications still on screen. Electron stops delivering `click` for a Notification object that was garbage
 * collected, so each is held until clicked or closed; the oldest are let go past a cap (some notification servers
 * never report a close).
 */
const MAX_HELD = 50

export function createNotificationHandlers(deps: NotificationsDeps) {
  const held = new Set<NotificationLike>()
  // Only the last click waits: it is the one the person just made.
  let pending: NotificationTarget | null = null
  return {
    notificationShow: ({ title, body, target }: HandlerInput<'notificationShow'>): NotificationShown => {
      if (!deps.Notification.isSupported()) return { shown: false }
      const notification = new deps.Notification({ title, body })
      held.add(notification)
      if (held.size > MAX_HELD) held.delete(held.values().next().value!)
      notification.on('click', () => {
        held.delete(notification)
        if (deps.focusWindow() === 'opened') pending = target
        else deps.send('notificationClick', { target })
      })
      notification.on('close', () => held.delete(notification))
      notification.show()
      return { shown: true }
    },
    notificationTakePending: (): PendingNotificationClick => {
      const target = pending
      pending = null
      return { target }
    },
  }
}

/** Where there is no notification support wired (tests that do not need it): nothing shown, and the renderer says so. */
export function noNotifications() {
  return { notificationShow: (): NotificationShown => ({ shown: false }), notificationTakePending: (): PendingNotificationClick => ({ target: null }) }
}

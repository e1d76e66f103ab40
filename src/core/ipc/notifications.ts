// Desktop notifications (spread into `contract` in contract.ts): the renderer's local publication queue asks main
// to show one when a reminder goes off; clicking it brings the window forward and main sends `notificationClick`
// back with the notification's target, so the renderer opens the right thing. Title and body are written in the
// person's language by the renderer; they name an item and a network, never an account secret. A click with no
// window open (macOS) opens one, whose renderer takes the click with `notificationTakePending` once it is ready.
import { z } from 'zod'

/** What a click on a notification opens. */
export type NotificationTarget =
  /** One ledger row: its item, with that channel's text ready to copy. */
  | { kind: 'publication'; publicationId: string }
  /** The Publications view, filtered (several reminders at once). */
  | { kind: 'publications'; filter: 'waiting' }

export interface NotificationClick {
  target: NotificationTarget
}

/** A click that arrived while no window was open (macOS keeps the app running without one). */
export interface PendingNotificationClick {
  target: NotificationTarget | null
}

export interface NotificationShown {
  /** False where the OS has no notifications (the renderer then says it in the window). */
  shown: boolean
}

// Notification servers (libnotify on Linux) may read a little markup in the body; control characters are dropped.
// eslint-disable-next-line no-control-regex
const plain = (max: number) => z.string().max(max).transform((s) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''))

export const notificationTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('publication'), publicationId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('publications'), filter: z.literal('waiting') }),
])

export const notificationsContract = {
  notificationShow: {
    input: z.object({ title: plain(200).refine((s) => s.trim() !== '', 'a title is needed'), body: plain(1000), target: notificationTarget }),
    output: {} as NotificationShown,
  },
  /** The click that opened the window, once: the new window's renderer asks for it when its queue starts. */
  notificationTakePending: { input: z.void(), output: {} as PendingNotificationClick },
}

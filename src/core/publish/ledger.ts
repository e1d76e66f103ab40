// The publication ledger's domain: one record per publication of an item on a channel (a blog post, a status, a
// thread), what was sent, where it lives now and what state it is in; plus the pure decisions the local queue
// makes from it (what is due, when to wake up, how long to back off). Storage (Dexie tables) and the clients
// that act on these decisions live elsewhere.
import type { ChannelId } from './channels'

export const PUBLICATION_CHANNELS = ['wordpress', 'linkedin', 'x', 'mastodon', 'bluesky'] as const
export type PublicationChannel = 'wordpress' | ChannelId

export const PUBLICATION_STATUSES = ['draft', 'scheduled', 'queued', 'publishing', 'awaiting-manual', 'published', 'failed', 'trashed'] as const
/**
 * - `draft`: saved as a draft on the platform (a WordPress draft), or not sent yet.
 * - `scheduled`: held by the platform itself until `scheduledAt` (WordPress `future`, a Mastodon scheduled status).
 * - `queued`: held by Baluchon's local queue until `scheduledAt` (or a retry at `nextAttemptAt`).
 * - `publishing`: a request is under way (if the app stops here, the next start checks the platform before retrying).
 * - `awaiting-manual`: the reminder went off; the person posts it by hand, then marks it published.
 * - `published`, `failed` (see `error`), `trashed` (on the platform).
 */
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number]

/**
 * Who makes it happen: the platform's own scheduler, Baluchon posting by itself (a Mastodon thread), or a reminder
 * to post by hand (LinkedIn, X, Bluesky have no API access here).
 */
export type PublicationHandling = 'server' | 'local-post' | 'local-reminder'

export interface PublicationError {
  /** A stable code (`unauthorized`, `rate-limited`, `network`, `server`, `rejected`...), translated by the UI. */
  code: string
  /** The platform's own message, shown as is under the translated one. */
  message: string
  at: number
  /** Whether the queue may try again by itself (network down, 429, 5xx), or needs the person (401, 422). */
  retryable: boolean
}

export interface Publication {
  /** ULID. */
  id: string
  itemId: string
  channel: PublicationChannel
  /** The account it went to (null for channels posted by hand). */
  accountId: string | null
  handling: PublicationHandling
  status: PublicationStatus
  /** The platform's id of the post (a WordPress post id, the first status of a thread): re-publishing updates it. */
  remoteId: string | null
  /** Ids of every post of a thread, in order, as they get posted (a retry resumes after the last one). */
  remotePartIds: string[]
  remoteUrl: string | null
  /** Exactly what was (or will be) sent: one entry per post of a thread. */
  parts: string[]
  scheduledAt: number | null
  publishedAt: number | null
  error: PublicationError | null
  attempts: number
  nextAttemptAt: number | null
  /** When the reminder for a hand-posted publication went off. */
  remindedAt: number | null
  /**
   * Set while a queue runner posts it (status `publishing`): when, and which runner (one per window and start).
   * A claim whose runner is gone (the app stopped mid-post) is resumed through the poster's idempotency.
   * Optional: rows written before the local queue existed do not have them.
   */
  claimedAt?: number | null
  claimedBy?: string | null
  /**
   * A WordPress post waiting in the local queue (offline, 5xx, timeout, 429): how to publish it again. Optional, so
   * rows written before it existed need no migration.
   */
  wordpress?: WordPressRetryOptions
  createdAt: number
  updatedAt: number
}

/** What sets a new ledger row apart; everything else starts empty (nothing sent, no attempt, no error). */
export type NewPublicationFields = Pick<Publication, 'id' | 'itemId' | 'channel' | 'accountId' | 'handling' | 'status'> & Partial<Publication>

/** A new ledger row, created and last changed at `now` (typed with the given fields, e.g. channel 'mastodon'). */
export function newPublication<Fields extends NewPublicationFields>(fields: Fields, now: number): Publication & Fields {
  return {
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: [],
    scheduledAt: null,
    publishedAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  }
}

/** What the WordPress poster needs to publish a queued post again (the content is read from the item then). */
export interface WordPressRetryOptions {
  mode: 'publish' | 'draft' | 'future'
  /** The instant a scheduled post goes out (mode 'future'). */
  scheduledAt: number | null
  categories: string[]
  tags: string[]
  featuredImageId: string | null
}

/** How a publication is carried out on `channel` (`thread`: more than one post). */
export function handlingFor(channel: PublicationChannel, options: { scheduled: boolean; thread: boolean }): PublicationHandling {
  switch (channel) {
    case 'wordpress':
      return 'server'
    case 'mastodon':
      // Mastodon schedules a single status; a thread must wait for its first post's id, so the queue posts it.
      return options.scheduled && options.thread ? 'local-post' : 'server'
    case 'linkedin':
    case 'x':
    case 'bluesky':
      return 'local-reminder'
  }
}

/** Statuses in which a publication is done with (nothing left to do for the queue). */
export function isSettled(status: PublicationStatus): boolean {
  return status === 'published' || status === 'trashed' || status === 'draft'
}

// ---------------------------------------------------------------------------------------------- the queue

export interface DueWork {
  /** To post now by Baluchon itself (first attempts and retries). */
  post: Publication[]
  /** Whose reminder goes off now. */
  remind: Publication[]
}

export interface QueueOptions {
  /** Remind this long before the time (default 0). */
  reminderLeadMs?: number
}

function readyToPost(p: Publication, now: number): boolean {
  if (p.handling !== 'local-post') return false
  if (p.status === 'queued') return (p.nextAttemptAt ?? p.scheduledAt ?? 0) <= now
  // A failed post is retried only when the failure allows it; never after the thread is fully posted.
  if (p.status === 'failed') return p.error?.retryable === true && p.nextAttemptAt !== null && p.nextAttemptAt <= now
  return false
}

function reminderDue(p: Publication, now: number, leadMs: number): boolean {
  return p.handling === 'local-reminder' && p.status === 'queued' && p.remindedAt === null && p.scheduledAt !== null && p.scheduledAt - leadMs <= now
}

/** What the local queue must do at `now`. A publication with every part posted is never posted again. */
export function dueWork(publications: Iterable<Publication>, now: number, options: QueueOptions = {}): DueWork {
  const lead = options.reminderLeadMs ?? 0
  const post: Publication[] = []
  const remind: Publication[] = []
  for (const p of publications) {
    if (readyToPost(p, now) && p.remotePartIds.length < p.parts.length) post.push(p)
    else if (reminderDue(p, now, lead)) remind.push(p)
  }
  const byTime = (a: Publication, b: Publication): number =>
    (a.nextAttemptAt ?? a.scheduledAt ?? 0) - (b.nextAttemptAt ?? b.scheduledAt ?? 0) || a.id.localeCompare(b.id)
  return { post: post.sort(byTime), remind: remind.sort(byTime) }
}

/** The next moment after `now` the queue has something to do (null: nothing pending), for a single timer. */
export function nextWakeUp(publications: Iterable<Publication>, now: number, options: QueueOptions = {}): number | null {
  const lead = options.reminderLeadMs ?? 0
  let next: number | null = null
  const consider = (at: number | null): void => {
    if (at !== null && at > now && (next === null || at < next)) next = at
  }
  for (const p of publications) {
    if (p.handling === 'local-post' && p.remotePartIds.length < p.parts.length) {
      if (p.status === 'queued') consider(p.nextAttemptAt ?? p.scheduledAt)
      else if (p.status === 'failed' && p.error?.retryable) consider(p.nextAttemptAt)
    } else if (p.handling === 'local-reminder' && p.status === 'queued' && p.remindedAt === null && p.scheduledAt !== null) {
      consider(p.scheduledAt - lead)
    }
  }
  return next
}

export const RETRY_BASE_MS = 30_000
export const RETRY_MAX_MS = 60 * 60_000

/**
 * How long to wait before attempt `attempts + 1`: 30 s, 1 min, 2 min... capped at an hour, or what the server
 * asked for (`Retry-After`) when that is longer. `random` (0..1) spreads retries by up to a fifth.
 */
export function retryDelay(attempts: number, options: { retryAfterMs?: number; random?: number } = {}): number {
  const exponential = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS)
  const jittered = exponential * (1 + 0.2 * Math.min(Math.max(options.random ?? 0, 0), 1))
  return Math.round(Math.max(jittered, options.retryAfterMs ?? 0))
}

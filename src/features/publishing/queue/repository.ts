// The local queue's writes to the ledger (`publications`): scheduling a channel's text for later (a reminder for
// channels posted by hand, a post by the queue itself for Mastodon threads), rescheduling, cancelling, retrying,
// and the claims that make sure a row is posted by one runner only. Every state change that must not happen twice
// (a reminder going off, a post starting) is a read-check-write inside one Dexie transaction: IndexedDB runs
// read-write transactions on the same table one after the other, across windows too, so two runners (two windows,
// or two ticks of one) never both win the same row.
import { encodeTime, ulid } from 'ulid'
import type { ChannelId } from '../../../core/publish/channels'
import { handlingFor, retryDelay, type Publication, type PublicationChannel, type PublicationError } from '../../../core/publish/ledger'
import type { BaluchonDb } from '../../../db/schema'
import { handPostedPublication } from '../repository'

/** Statuses the queue still has business with. */
const LIVE_STATUSES = new Set<Publication['status']>(['queued', 'publishing', 'failed', 'awaiting-manual'])

/** After this many failed attempts that could have worked later, the queue stops and asks the person. */
export const MAX_ATTEMPTS = 8

export function isLocal(p: Publication): boolean {
  return p.handling === 'local-post' || p.handling === 'local-reminder'
}

/** Rows of the local queue that are not done with (scheduled, waiting, being sent, failed). */
export function isPendingLocal(p: Publication): boolean {
  return isLocal(p) && LIVE_STATUSES.has(p.status)
}

export interface ScheduleInput {
  itemId: string
  channel: ChannelId
  /** The posts, exactly as they will be copied or sent. */
  parts: string[]
  scheduledAt: number
  /** The account that posts it (a Mastodon thread posted by the queue); null for a reminder. */
  accountId: string | null
}

/**
 * Queues a channel's text for `scheduledAt`: with an account, the queue posts it itself (a Mastodon thread);
 * without, a reminder goes off and the person posts it by hand. A channel keeps one pending row per item: a new
 * schedule replaces the pending one (unless a part of it already went out).
 */
export async function scheduleLocalPublication(db: BaluchonDb, input: ScheduleInput, now = Date.now()): Promise<Publication> {
  const handling = input.accountId ? handlingFor(input.channel, { scheduled: true, thread: input.parts.length > 1 }) : 'local-reminder'
  return db.transaction('rw', db.publications, async () => {
    const pending = (await db.publications.where('itemId').equals(input.itemId).toArray()).find(
      (p) => p.channel === input.channel && isPendingLocal(p) && p.status !== 'publishing' && p.remotePartIds.length === 0,
    )
    const row: Publication = {
      id: pending?.id ?? ulid(now),
      itemId: input.itemId,
      channel: input.channel,
      accountId: input.accountId,
      handling: handling === 'server' ? 'local-post' : handling,
      status: 'queued',
      remoteId: null,
      remotePartIds: [],
      remoteUrl: null,
      parts: input.parts,
      scheduledAt: input.scheduledAt,
      publishedAt: null,
      error: null,
      attempts: 0,
      nextAttemptAt: null,
      remindedAt: null,
      claimedAt: null,
      claimedBy: null,
      createdAt: pending?.createdAt ?? now,
      updatedAt: now,
    }
    await db.publications.put(row)
    return row
  })
}

/** The pending row of an item on a channel (queued, waiting for manual posting, failed), if any. */
export async function findPendingLocal(db: BaluchonDb, itemId: string, channel: PublicationChannel): Promise<Publication | undefined> {
  const rows = (await db.publications.where('itemId').equals(itemId).toArray()).filter((p) => p.channel === channel && isPendingLocal(p))
  // The reminder that went off first, then the soonest scheduled.
  const rank = (p: Publication) => (p.status === 'awaiting-manual' ? 0 : 1)
  return rows.sort((a, b) => rank(a) - rank(b) || (a.scheduledAt ?? 0) - (b.scheduledAt ?? 0))[0]
}

/** Moves a pending row to a new time: it waits in the queue again, with a fresh count of attempts. */
export async function reschedulePublication(db: BaluchonDb, id: string, scheduledAt: number, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.publications, async () => {
    const row = await db.publications.get(id)
    if (!row || !isPendingLocal(row) || row.status === 'publishing') return false
    await db.publications.put({ ...row, status: 'queued', scheduledAt, remindedAt: null, error: null, attempts: 0, nextAttemptAt: null, updatedAt: now })
    return true
  })
}

/**
 * Cancels a pending row. Nothing went out yet: the row goes away. Part of a thread already posted: the row stays
 * (the ledger keeps what was sent) but the queue stops, as a failure the person chose.
 */
export async function cancelPublication(db: BaluchonDb, id: string, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.publications, async () => {
    const row = await db.publications.get(id)
    if (!row || !isPendingLocal(row) || row.status === 'publishing') return false
    // A WordPress row is kept: its remote id is how the next publication updates that post, and an attempt whose
    // answer was lost may have made one (the next publication looks for it, see publishPost).
    if (row.remotePartIds.length === 0 && row.channel !== 'wordpress') await db.publications.delete(id)
    else await db.publications.put({ ...row, status: 'failed', error: { code: 'cancelled', message: '', at: now, retryable: false }, nextAttemptAt: null, updatedAt: now })
    return true
  })
}

/** "Retry" on a failed row: back in the queue now (a thread resumes after its last posted part). */
export async function retryPublication(db: BaluchonDb, id: string, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.publications, async () => {
    const row = await db.publications.get(id)
    if (!row || row.status !== 'failed' || !isLocal(row)) return false
    await db.publications.put({ ...row, status: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now })
    return true
  })
}

/**
 * "I posted it": the pending row of that channel becomes published with exactly the posts sent (a reminder that
 * went off, or one not due yet); with no pending row, a new row notes the hand-posted publication.
 */
export async function markPostedByHand(db: BaluchonDb, input: { itemId: string; channel: ChannelId; parts: string[] }, now = Date.now()): Promise<Publication> {
  return db.transaction('rw', db.publications, async () => {
    const pending = await findPendingLocal(db, input.itemId, input.channel)
    // A queued Mastodon thread posted by hand instead is done too: the queue must not post it again.
    const base: Publication =
      pending && pending.status !== 'publishing'
        ? { ...pending, handling: 'local-reminder', claimedAt: null, claimedBy: null }
        : handPostedPublication(input, now)
    const row: Publication = { ...base, status: 'published', parts: input.parts, publishedAt: now, error: null, nextAttemptAt: null, updatedAt: now }
    await db.publications.put(row)
    return row
  })
}

// ------------------------------------------------------------------------------------------- the runner's side

/**
 * The rows the runner looks at: local rows scheduled at or before `now` that are not done with. Read through the
 * `scheduledAt` index (every local row has one), so the 50,000 items of a library are never scanned.
 */
export async function duePendingRows(db: BaluchonDb, now: number): Promise<Publication[]> {
  const [scheduled, unscheduled] = await Promise.all([
    db.publications.where('scheduledAt').belowOrEqual(now).filter(isPendingLocal).toArray(),
    // Rows posted "now" (a Mastodon status or thread) have no scheduledAt, so no place in that index; the queue
    // picks up their retries and interrupted posts too. Ids are ULIDs, ordered by creation: only the last days'
    // rows are read (retries give up within hours).
    db.publications
      .where(':id')
      .aboveOrEqual(`${encodeTime(Math.max(0, now - UNSCHEDULED_WINDOW_MS), 10)}0000000000000000`)
      .filter((p) => p.scheduledAt === null && isPendingLocal(p))
      .toArray(),
  ])
  return [...scheduled, ...unscheduled]
}

/** How far back rows without a schedule are looked for. */
export const UNSCHEDULED_WINDOW_MS = 7 * 24 * 3_600_000

/** A row being sent with no runner named (posted "now" from a dialog) is taken as interrupted after this long. */
export const UNCLAIMED_STALE_MS = 5 * 60_000

/** The first local row scheduled after `now` that waits in the queue (its time is the next wake-up). */
export async function nextScheduledRow(db: BaluchonDb, now: number): Promise<Publication | undefined> {
  return db.publications
    .where('scheduledAt')
    .above(now)
    .filter((p) => isLocal(p) && p.status === 'queued')
    .first()
}

/** The reminder goes off once: queued → waiting for manual posting, with the time noted. Null if already done. */
export async function claimReminder(db: BaluchonDb, id: string, now: number): Promise<Publication | null> {
  return db.transaction('rw', db.publications, async () => {
    const row = await db.publications.get(id)
    if (!row || row.handling !== 'local-reminder' || row.status !== 'queued' || row.remindedAt !== null) return null
    if (row.scheduledAt === null || row.scheduledAt > now) return null
    const claimed: Publication = { ...row, status: 'awaiting-manual', remindedAt: now, updatedAt: now }
    await db.publications.put(claimed)
    return claimed
  })
}

/**
 * Takes a row to post it: `publishing`, with this runner's name and the time. `resume.from` names a runner found
 * gone (the app stopped mid-post): its claim may be taken over, and the poster resumes after the last part posted.
 * Null when the row is not ours to post (another runner has it, it is done, or it is not due).
 */
export async function claimPost(db: BaluchonDb, id: string, runnerId: string, now: number, resume?: { from: string | null }): Promise<Publication | null> {
  return db.transaction('rw', db.publications, async () => {
    const row = await db.publications.get(id)
    if (!row || row.handling !== 'local-post' || row.remotePartIds.length >= row.parts.length && row.parts.length > 0) return null
    const due = (row.nextAttemptAt ?? row.scheduledAt ?? 0) <= now
    const takeable =
      (row.status === 'queued' && due) ||
      (row.status === 'failed' && row.error?.retryable === true && row.nextAttemptAt !== null && due) ||
      (row.status === 'publishing' && resume !== undefined && (row.claimedBy ?? null) === resume.from)
    if (!takeable) return null
    // The last error is cleared: whatever error the row has after the attempt is this attempt's (see settlePost).
    const claimed: Publication = { ...row, status: 'publishing', error: null, claimedAt: now, claimedBy: runnerId, attempts: row.attempts + 1, updatedAt: now }
    await db.publications.put(claimed)
    return claimed
  })
}

export interface PostFailure {
  code: string
  message: string
  retryAfterMs?: number
  /** The poster's own verdict, when it knows better than the code. */
  retryable?: boolean
}

export type PostResult = { ok: true } | { ok: false; error: PostFailure }

const OFFLINE_CODES = new Set(['offline', 'network', 'aborted'])
/** A poster's answer for a row whose time has not come (Mastodon: too close for the server's scheduler). */
const NOT_DUE = 'not-due'
// 'busy': the same row is being posted from a dialog ("Post now") in this window; look again a little later.
const TRANSIENT_CODES = new Set(['timeout', 'rate-limited', 'server', 'server-error', 'unavailable', 'media-not-ready', 'busy'])

/** What kind of failure it is: no network, worth retrying later by itself, or the person must act (401, 422…). */
export function classifyFailure(error: PostFailure): 'offline' | 'transient' | 'permanent' {
  if (OFFLINE_CODES.has(error.code)) return 'offline'
  if (error.retryable === false) return 'permanent'
  if (error.retryable === true || TRANSIENT_CODES.has(error.code) || error.retryAfterMs !== undefined) return 'transient'
  return 'permanent'
}

/**
 * Writes what the poster answered, if this runner still holds the claim: published; or back in the queue with
 * the next attempt's time (back-off with jitter, at least what Retry-After asked); or failed for the person to
 * see. What the poster itself wrote on the row (remote ids of posted parts) is kept.
 */
export async function settlePost(
  db: BaluchonDb,
  claimed: Publication,
  runnerId: string,
  result: PostResult,
  now: number,
  random: number,
): Promise<Publication | null> {
  return db.transaction('rw', db.publications, async () => {
    const row = await db.publications.get(claimed.id)
    if (!row || row.claimedBy !== runnerId) return null
    // The claim counted this attempt; a poster that counts its own attempts does not make it two.
    const released = { ...row, attempts: claimed.attempts, claimedAt: null, claimedBy: null, updatedAt: now }
    let next: Publication
    if (result.ok) {
      // A poster may leave a row to the platform's scheduler (a single Mastodon status): it keeps that state.
      // The WordPress poster writes the blog's own state: a scheduled post or a draft on the blog stays so.
      const handedOver = (row.status === 'scheduled' || (row.status === 'draft' && row.channel === 'wordpress')) && row.handling === 'server'
      next = handedOver ? released : { ...released, status: 'published', publishedAt: row.publishedAt ?? now, error: null, nextAttemptAt: null }
    } else if (result.error.code === NOT_DUE) {
      // Nothing was tried: the poster says the row's time has not come (a single status too close to it for the
      // server's scheduler). Back in the queue for then, not counted as an attempt, no error to show.
      const at = now + Math.max(0, result.error.retryAfterMs ?? 0)
      next = { ...released, status: 'queued', attempts: Math.max(0, claimed.attempts - 1), error: null, nextAttemptAt: at }
    } else {
      // The poster may have written its own verdict on the row (whether this failure is worth retrying): used
      // when the answer's code alone does not say (a remote error may be a 5xx or a 4xx).
      const written = row.error !== null && row.error.code === result.error.code ? row.error.retryable : undefined
      const kind = classifyFailure(result.error.retryable === undefined && written !== undefined ? { ...result.error, retryable: written } : result.error)
      const error: PublicationError = { code: result.error.code, message: result.error.message, at: now, retryable: kind !== 'permanent' }
      // No network is no reason to give up: those wait for it however long it takes.
      if (kind === 'permanent' || (kind === 'transient' && claimed.attempts >= MAX_ATTEMPTS)) {
        next = { ...released, status: 'failed', error: { ...error, retryable: false }, nextAttemptAt: null }
      } else {
        const options = result.error.retryAfterMs !== undefined ? { retryAfterMs: result.error.retryAfterMs, random } : { random }
        next = { ...released, status: 'queued', error, nextAttemptAt: now + retryDelay(claimed.attempts, options) }
      }
    }
    await db.publications.put(next)
    return next
  })
}

/** The network came back: rows waiting only because it was down are due now rather than at their back-off time. */
export async function wakeOfflineRows(db: BaluchonDb, now: number): Promise<number> {
  return db.transaction('rw', db.publications, async () => {
    const rows = (await duePendingRows(db, now)).filter(
      (p) => p.handling === 'local-post' && p.status === 'queued' && p.error !== null && OFFLINE_CODES.has(p.error.code) && (p.nextAttemptAt ?? 0) > now,
    )
    for (const row of rows) await db.publications.put({ ...row, nextAttemptAt: now, updatedAt: now })
    return rows.length
  })
}

// Writes and reads of the publishing tables (schema v3): the ledger (`publications`) and the per-channel variants.
// Every write goes through here, with the database first, as the rest of the app's repositories do.
import { ulid } from 'ulid'
import type { WordPressPublished, WordPressRemoteState } from '../../core/ipc/publishing'
import type { ChannelId } from '../../core/publish/channels'
import { newPublication, type Publication, type PublicationError, type PublicationStatus, type WordPressRetryOptions } from '../../core/publish/ledger'
import type { BaluchonDb, ChannelVariant } from '../../db/schema'

export const variantId = (itemId: string, channel: ChannelId): string => `${itemId}:${channel}`

/** Saves the person's text for one channel (autosave: called on a short debounce as they type). */
export async function saveVariant(
  db: BaluchonDb,
  itemId: string,
  channel: ChannelId,
  value: { text: string; numbering: boolean; parts: string[] },
  now = Date.now(),
): Promise<ChannelVariant> {
  const record: ChannelVariant = { id: variantId(itemId, channel), itemId, channel, text: value.text, numbering: value.numbering, parts: value.parts, updatedAt: now }
  await db.variants.put(record)
  return record
}

/** Forgets an edited variant: the channel goes back to the default announcement. */
export async function resetVariant(db: BaluchonDb, itemId: string, channel: ChannelId): Promise<void> {
  await db.variants.delete(variantId(itemId, channel))
}

export function listVariants(db: BaluchonDb, itemId: string): Promise<ChannelVariant[]> {
  return db.variants.where('itemId').equals(itemId).toArray()
}

/** Every ledger row of an item, newest first. */
export async function listPublications(db: BaluchonDb, itemId: string): Promise<Publication[]> {
  const rows = await db.publications.where('itemId').equals(itemId).toArray()
  return rows.sort((a, b) => b.updatedAt - a.updatedAt || b.id.localeCompare(a.id))
}

/**
 * The ledger row of an item's post on a WordPress account: the one that has a remote post (re-publishing updates
 * that post, never a new one), else the latest attempt.
 */
export async function findWordPressPublication(db: BaluchonDb, itemId: string, accountId: string): Promise<Publication | undefined> {
  const rows = (await listPublications(db, itemId)).filter((p) => p.channel === 'wordpress' && p.accountId === accountId)
  return rows.find((p) => p.remoteId !== null) ?? rows[0]
}

/** A WordPress status as the ledger says it. 'deleted' means gone for good from the blog. */
export function ledgerStatusOf(wordpressStatus: string): PublicationStatus {
  switch (wordpressStatus) {
    case 'publish':
    case 'private':
      return 'published'
    case 'future':
      return 'scheduled'
    case 'trash':
    case 'deleted':
      return 'trashed'
    default:
      // draft, pending, auto-draft
      return 'draft'
  }
}

function dateOf(iso: string | null): number | null {
  if (!iso) return null
  // WordPress sends date_gmt without a zone: it is UTC.
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`)
  return Number.isNaN(ms) ? null : ms
}

function blankPublication(itemId: string, accountId: string, now: number): Publication {
  return newPublication({ id: ulid(now), itemId, channel: 'wordpress', accountId, handling: 'server', status: 'publishing' }, now)
}

/** Marks the start of a WordPress publication (status `publishing`), on the row of the same remote post if any. */
export async function startWordPressPublication(
  db: BaluchonDb,
  input: { itemId: string; accountId: string; html: string; scheduledAt: number | null },
  now = Date.now(),
): Promise<Publication> {
  const existing = await findWordPressPublication(db, input.itemId, input.accountId)
  const base = existing ?? blankPublication(input.itemId, input.accountId, now)
  const row: Publication = {
    ...base,
    status: 'publishing',
    parts: [input.html],
    scheduledAt: input.scheduledAt,
    error: null,
    attempts: base.attempts + 1,
    updatedAt: now,
  }
  await db.publications.put(row)
  return row
}

/** Records what WordPress answered: the remote id (kept for the next update), address, status and dates. */
export async function completeWordPressPublication(db: BaluchonDb, id: string, result: WordPressPublished, now = Date.now()): Promise<Publication> {
  const row = await db.publications.get(id)
  if (!row) throw new Error(`no publication ${id}`)
  const status = ledgerStatusOf(result.status)
  const when = dateOf(result.dateGmt)
  const updated: Publication = {
    ...row,
    status,
    remoteId: String(result.remoteId),
    remotePartIds: [String(result.remoteId)],
    remoteUrl: result.link || null,
    // Out of the local queue if it was waiting there: the blog holds it now (a schedule, a draft or the post).
    handling: 'server',
    nextAttemptAt: null,
    scheduledAt: status === 'scheduled' ? when : row.scheduledAt,
    publishedAt: status === 'published' ? (when ?? now) : row.publishedAt,
    error: null,
    updatedAt: now,
  }
  await db.publications.put(updated)
  return updated
}

/** Records a failed attempt; the remote id of an earlier success stays, so the next try still updates that post. */
export async function failPublication(db: BaluchonDb, id: string, error: Omit<PublicationError, 'at'>, now = Date.now()): Promise<void> {
  const row = await db.publications.get(id)
  if (!row) return
  await db.publications.put({ ...row, status: 'failed', error: { ...error, at: now }, updatedAt: now })
}

/**
 * A publication that failed for a reason that may pass (offline, timeout, 5xx, 429) waits in the local queue, with
 * what it takes to publish it again. `remotePartIds` is emptied so the queue sees something left to send, while
 * `remoteId` stays: the retry updates that post, never makes a second one. `scheduledAt` is the time it was queued
 * (the queue finds due rows through that index; the person's own schedule is in `wordpress.scheduledAt`).
 */
export async function queueWordPressRetry(
  db: BaluchonDb,
  id: string,
  input: { error: Omit<PublicationError, 'at'>; options: WordPressRetryOptions; nextAttemptAt: number },
  now = Date.now(),
): Promise<Publication | undefined> {
  const row = await db.publications.get(id)
  if (!row) return undefined
  const queued: Publication = {
    ...row,
    handling: 'local-post',
    status: 'queued',
    remotePartIds: [],
    scheduledAt: row.scheduledAt !== null && row.scheduledAt <= now ? row.scheduledAt : now,
    error: { ...input.error, at: now },
    nextAttemptAt: input.nextAttemptAt,
    wordpress: input.options,
    updatedAt: now,
  }
  await db.publications.put(queued)
  return queued
}

/** Brings a ledger row in line with the post's state on the blog (scheduled → published, trashed, deleted). */
export async function applyRemoteState(db: BaluchonDb, id: string, state: WordPressRemoteState, now = Date.now()): Promise<Publication | undefined> {
  const row = await db.publications.get(id)
  if (!row) return undefined
  if (row.status === 'queued' && row.wordpress) {
    // An update waiting in the queue stays there (Refresh must not drop it): only where the post lives is noted;
    // a post deleted for good on the blog means the queued publication makes a new one.
    const waiting: Publication = {
      ...row,
      remoteUrl: state.status === 'deleted' ? null : state.link || row.remoteUrl,
      ...(state.status === 'deleted' ? { remoteId: null } : {}),
      updatedAt: now,
    }
    await db.publications.put(waiting)
    return waiting
  }
  const status = ledgerStatusOf(state.status)
  const when = dateOf(state.dateGmt)
  const updated: Publication = {
    ...row,
    status,
    remoteUrl: state.link || row.remoteUrl,
    scheduledAt: status === 'scheduled' ? when : row.scheduledAt,
    publishedAt: status === 'published' ? (when ?? row.publishedAt ?? now) : row.publishedAt,
    // A post deleted for good cannot be updated: the next publication makes a new one.
    ...(state.status === 'deleted' ? { remoteId: null, remotePartIds: [] } : {}),
    error: null,
    updatedAt: now,
  }
  await db.publications.put(updated)
  return updated
}

/** The ledger row of a text the person posted by hand on a channel, at `now`. */
export function handPostedPublication(input: { itemId: string; channel: ChannelId; parts: string[] }, now: number): Publication {
  return newPublication(
    { id: ulid(now), itemId: input.itemId, channel: input.channel, accountId: null, handling: 'local-reminder', status: 'published', parts: input.parts, publishedAt: now },
    now,
  )
}

/**
 * The person posted a channel's text by hand (LinkedIn, X, Bluesky, Mastodon without an account here): the ledger
 * keeps exactly what was posted and when, so "Where it went" tells the whole story.
 */
export async function recordManualPublication(
  db: BaluchonDb,
  input: { itemId: string; channel: ChannelId; parts: string[] },
  now = Date.now(),
): Promise<Publication> {
  const row = handPostedPublication(input, now)
  await db.publications.add(row)
  return row
}

/** Forgets a ledger row (a hand-posted publication noted by mistake). Rows of remote posts are kept: refresh them. */
export async function removeManualPublication(db: BaluchonDb, id: string): Promise<void> {
  const row = await db.publications.get(id)
  if (row && row.accountId === null && row.remoteId === null) await db.publications.delete(id)
}

// Posting a Mastodon ledger row: the remaining parts of a status or thread, each reply chained to the previous
// part with in_reply_to_id, images uploaded with their alt text (main waits until the instance has processed
// them). Resumable and idempotent: called again on a failed or interrupted row (by "Post now", or by the local
// queue), it starts after the last part the ledger knows is posted, and re-sends an interrupted part with the
// same Idempotency-Key, which Mastodon answers with the status it already made.
import type { MastodonPosted } from '../../../core/ipc/mastodonTypes'
import type { IpcError, IpcResult } from '../../../core/ipc/result'
import { checkMastodonSchedule, retryDelay, type PublicationError } from '../../../core/publish'
import type { BaluchonDb } from '../../../db/schema'
import { getApi } from '../../../lib/api'
import { idempotencyKey, isMastodonPublication, patchMastodonRow, type MastodonPublication } from './ledger'

export type MastodonResult = { ok: true } | { ok: false; error: { code: string; message: string; retryAfterMs?: number } }

const failed = (code: string, message: string, retryAfterMs?: number): MastodonResult => ({
  ok: false,
  error: { code, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
})

/** Whether the queue may try again by itself (network down, 429, 5xx, media still processing), or needs the person. */
export function isRetryableMastodonError(error: Pick<IpcError, 'code' | 'detail'>): boolean {
  switch (error.code) {
    case 'network':
    case 'offline':
    case 'timeout':
    case 'rate-limited':
    case 'media-not-ready':
      return true
    case 'remote-error':
      return Number(error.detail?.['status'] ?? 0) >= 500
    default:
      return false
  }
}

function retryAfterOf(error: IpcError): number | undefined {
  const value = error.detail?.['retryAfterMs']
  return typeof value === 'number' && value >= 0 ? value : undefined
}

/** One call at a time per row: "Post now" and the queue never post the same part side by side. */
const inFlight = new Set<string>()

async function imagesOf(db: BaluchonDb, row: MastodonPublication, part: number) {
  const chosen = row.mastodon.media.filter((media) => media.part === part)
  const records = await db.attachments.bulkGet(chosen.map((media) => media.attachmentId))
  return Promise.all(
    chosen.map(async (media, index) => {
      const record = records[index]
      if (!record) throw { code: 'invalid-input', message: `The image ${media.attachmentId} is no longer in the library`, detail: { reason: 'missing-image' } } satisfies IpcError
      return {
        fileName: record.name || `${media.attachmentId}.${record.mime.split('/')[1] ?? 'img'}`,
        mimeType: record.mime,
        data: new Uint8Array(await record.data.arrayBuffer()),
        alt: media.alt,
      }
    }),
  )
}

async function recordFailure(db: BaluchonDb, row: MastodonPublication, error: IpcError, now: number): Promise<MastodonResult> {
  const retryable = isRetryableMastodonError(error)
  const retryAfterMs = retryAfterOf(error)
  const ledgerError: PublicationError = { code: error.code, message: error.message, at: now, retryable }
  await patchMastodonRow(
    db,
    row,
    {
      status: 'failed',
      error: ledgerError,
      // Baluchon posts it again by itself when that may work; the queue reads nextAttemptAt.
      handling: retryable ? 'local-post' : row.handling,
      nextAttemptAt: retryable ? now + retryDelay(row.attempts, retryAfterMs !== undefined ? { retryAfterMs } : {}) : null,
    },
    now,
  )
  return failed(error.code, error.message, retryAfterMs)
}

async function postRemaining(db: BaluchonDb, start: MastodonPublication, signal: AbortSignal | undefined): Promise<MastodonResult> {
  const api = getApi()
  const now = Date.now()
  if (start.accountId === null) return failed('unknown-account', 'This publication has no Mastodon account')
  let row = await patchMastodonRow(db, start, { status: 'publishing', attempts: start.attempts + 1, error: null }, now)

  // A single status for later goes to the instance's own scheduler when it is far enough ahead; too close for
  // that, it waits in the local queue (never posted early).
  const single = row.parts.length === 1 && row.remotePartIds.length === 0
  if (single && row.scheduledAt !== null && row.scheduledAt > now) {
    const check = checkMastodonSchedule(row.scheduledAt, now)
    if (!check.ok) {
      // Not due yet, and too close for the server's scheduler: the local queue posts it at its time. Answered as
      // a failure to retry at that time (not a success: nothing was posted, and the queue would call it published).
      await patchMastodonRow(db, row, { status: 'queued', handling: 'local-post', nextAttemptAt: row.scheduledAt }, now)
      return failed('not-due', 'Too close to its time for the server to schedule it; it will be posted at its time', row.scheduledAt - now)
    }
    const media = await imagesOf(db, row, 0)
    const result: IpcResult<MastodonPosted> = await api.mastodonPostStatus({
      accountId: row.accountId!,
      idempotencyKey: idempotencyKey(row.id, 0),
      status: row.parts[0]!,
      visibility: row.mastodon.visibility,
      scheduledAt: check.scheduledAt,
      media,
      ...(row.mastodon.language ? { language: row.mastodon.language } : {}),
      ...(row.mastodon.spoilerText ? { spoilerText: row.mastodon.spoilerText } : {}),
    })
    if (!result.ok) return recordFailure(db, row, result.error, Date.now())
    const posted = result.value
    if (posted.kind === 'scheduled') {
      await patchMastodonRow(db, row, {
        status: 'scheduled',
        handling: 'server',
        remoteId: posted.id,
        scheduledAt: Date.parse(posted.scheduledAt),
        nextAttemptAt: null,
        mastodon: { ...row.mastodon, scheduledStatusId: posted.id },
      })
      return { ok: true }
    }
    // The instance posted it at once (it may ignore a schedule): record it as posted.
    await patchMastodonRow(db, row, {
      status: 'published',
      remoteId: posted.id,
      remotePartIds: [posted.id],
      remoteUrl: posted.url || null,
      publishedAt: Date.parse(posted.createdAt) || Date.now(),
      nextAttemptAt: null,
      mastodon: { ...row.mastodon, partUrls: [posted.url] },
    })
    return { ok: true }
  }

  for (let part = row.remotePartIds.length; part < row.parts.length; part++) {
    if (signal?.aborted) {
      await patchMastodonRow(db, row, { status: 'failed', error: { code: 'cancelled', message: 'Stopped before every post was sent', at: Date.now(), retryable: false } })
      return failed('cancelled', 'Stopped before every post was sent')
    }
    let media
    try {
      media = await imagesOf(db, row, part)
    } catch (error) {
      return recordFailure(db, row, error as IpcError, Date.now())
    }
    const previous = row.remotePartIds[part - 1]
    const result = await api.mastodonPostStatus({
      accountId: row.accountId!,
      idempotencyKey: idempotencyKey(row.id, part),
      status: row.parts[part]!,
      visibility: row.mastodon.visibility,
      media,
      ...(previous ? { inReplyToId: previous } : {}),
      ...(row.mastodon.language ? { language: row.mastodon.language } : {}),
      ...(row.mastodon.spoilerText ? { spoilerText: row.mastodon.spoilerText } : {}),
    })
    if (!result.ok) return recordFailure(db, row, result.error, Date.now())
    const posted = result.value
    if (posted.kind !== 'status') return recordFailure(db, row, { code: 'remote-error', message: 'The server scheduled a post it was asked to post now' }, Date.now())
    const ids = [...row.remotePartIds, posted.id]
    const urls = [...row.mastodon.partUrls, posted.url]
    // Written after every part: a resumed thread starts after it, and replies to it.
    row = await patchMastodonRow(db, row, {
      remotePartIds: ids,
      remoteId: ids[0]!,
      remoteUrl: urls[0] || null,
      mastodon: { ...row.mastodon, partUrls: urls },
    })
  }
  await patchMastodonRow(db, row, { status: 'published', publishedAt: Date.now(), error: null, nextAttemptAt: null })
  return { ok: true }
}

/**
 * Posts the remaining parts of a queued, failed or interrupted Mastodon status or thread ledger row, and updates
 * the row (remote ids and addresses, state published or failed with the error). A row already posted (or held
 * by the instance's scheduler) is left alone and reported as done.
 */
export async function postMastodonPublication(db: BaluchonDb, publicationId: string, opts: { signal?: AbortSignal } = {}): Promise<MastodonResult> {
  if (inFlight.has(publicationId)) return failed('busy', 'This publication is being posted already')
  inFlight.add(publicationId)
  try {
    const row = await db.publications.get(publicationId)
    if (!row) return failed('not-found', 'This publication is no longer in the ledger')
    if (!isMastodonPublication(row)) return failed('invalid-input', 'This publication is not a Mastodon one')
    if (row.status === 'scheduled' || row.status === 'trashed') return { ok: true }
    if (row.remotePartIds.length >= row.parts.length && row.parts.length > 0) {
      if (row.status !== 'published') await patchMastodonRow(db, row, { status: 'published', publishedAt: row.publishedAt ?? Date.now(), error: null, nextAttemptAt: null })
      return { ok: true }
    }
    return await postRemaining(db, row, opts.signal)
  } catch (error) {
    const message = error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : String(error)
    return failed('internal', message)
  } finally {
    inFlight.delete(publicationId)
  }
}

/**
 * Moves a publication to `scheduledAt`: a status held by the instance's scheduler gets the new time there (PUT,
 * at least 5 minutes ahead); a thread or status waiting in the local queue just gets the new time.
 */
export async function rescheduleMastodonPublication(db: BaluchonDb, publicationId: string, scheduledAt: number): Promise<MastodonResult> {
  const row = await db.publications.get(publicationId)
  if (!row) return failed('not-found', 'This publication is no longer in the ledger')
  if (!isMastodonPublication(row)) return failed('invalid-input', 'This publication is not a Mastodon one')
  if (row.status === 'published' || row.status === 'trashed' || row.remotePartIds.length > 0) return failed('already-published', 'This publication has been posted already')
  if (row.status === 'scheduled' && row.handling === 'server' && row.mastodon.scheduledStatusId && row.accountId) {
    const check = checkMastodonSchedule(scheduledAt, Date.now())
    if (!check.ok) return failed('too-soon', 'Mastodon schedules a status at least 5 minutes ahead')
    const result = await getApi().mastodonReschedule({ accountId: row.accountId, scheduledStatusId: row.mastodon.scheduledStatusId, scheduledAt: check.scheduledAt })
    if (!result.ok) return failed(result.error.code, result.error.message, retryAfterOf(result.error))
    await patchMastodonRow(db, row, { scheduledAt: Date.parse(result.value.scheduledAt) })
    return { ok: true }
  }
  if (row.status === 'publishing') return failed('busy', 'This publication is being posted right now')
  await patchMastodonRow(db, row, { scheduledAt, nextAttemptAt: null, ...(row.status === 'failed' ? { status: 'queued', error: null } : {}) })
  return { ok: true }
}

/** Cancels a scheduled status on the instance (or takes a thread out of the local queue); the row becomes a draft. */
export async function cancelMastodonPublication(db: BaluchonDb, publicationId: string): Promise<MastodonResult> {
  const row = await db.publications.get(publicationId)
  if (!row) return failed('not-found', 'This publication is no longer in the ledger')
  if (!isMastodonPublication(row)) return failed('invalid-input', 'This publication is not a Mastodon one')
  if (row.status === 'published' || row.remotePartIds.length > 0) return failed('already-published', 'This publication has been posted already')
  if (row.mastodon.scheduledStatusId && row.accountId && row.status === 'scheduled') {
    const result = await getApi().mastodonCancelScheduled({ accountId: row.accountId, scheduledStatusId: row.mastodon.scheduledStatusId })
    if (!result.ok) return failed(result.error.code, result.error.message, retryAfterOf(result.error))
  }
  const { scheduledStatusId: _dropped, ...rest } = row.mastodon
  await patchMastodonRow(db, row, { status: 'draft', remoteId: null, nextAttemptAt: null, mastodon: rest })
  return { ok: true }
}

// The local queue's WordPress poster: publishes again a post that waits in the queue (it failed offline, on a
// timeout, or the blog answered 5xx/429), with the options the person chose, through publishToWordPress. Going
// through it keeps every guarantee of a publication from the dialog: the row's remote id, once known, means an
// update of that post; an attempt whose answer was lost is found on the blog (lost-response guard) rather than
// created twice; the ledger records the outcome.
//
// What gets published is the item's content AT RETRY TIME (read from the library now), not a copy taken when the
// first attempt failed: the person may have fixed a typo while waiting, and the blog should get that version.
import type { BaluchonApi } from '../../core/ipc/contract'
import type { BaluchonDb } from '../../db/schema'
import { errorOf, isRetryable, retryAfterOf } from './errors'
import { publishToWordPress, wordpressPublishIdle } from './publishPost'
import type { Poster } from './queue/runner'
import { findWordPressPublication } from './repository'

const failed = (code: string, message: string, retryable: boolean) => ({ ok: false as const, error: { code, message, retryable } })

/** A poster for the queue's `posters.wordpress`, sending through `api` (the app's bridge, or a test double). */
export function wordpressPoster(api: Pick<BaluchonApi, 'wordpressPublish'>): Poster {
  return async (db: BaluchonDb, publicationId: string) => {
    const claimed = await db.publications.get(publicationId)
    // The person may be publishing it from the dialog right now: let that finish; if it reached the blog, the
    // queue has nothing left to do (its outcome, on the row, is kept).
    if (claimed?.accountId) await wordpressPublishIdle(claimed.itemId, claimed.accountId)
    const row = await db.publications.get(publicationId)
    if (row && row.handling === 'server' && (row.status === 'published' || row.status === 'scheduled' || row.status === 'draft')) return { ok: true }
    if (row?.status === 'failed' && row.error && !row.error.retryable) return failed(row.error.code, row.error.message, false)
    if (!row) return failed('not-found', 'This publication is no longer in the ledger', false)
    if (row.channel !== 'wordpress' || row.accountId === null || !row.wordpress) {
      return failed('invalid-input', 'This publication has no WordPress options to publish it again', false)
    }
    const item = await db.items.get(row.itemId)
    if (!item || item.kind !== 'post') return failed('not-found', 'The post is no longer in the library', false)
    if (item.trashedAt != null) return failed('trashed', 'The post is in the trash', false)
    // publishToWordPress works on the item's row for this account (the one with the remote post): this must be it,
    // or the retry would write its outcome on another row.
    const current = await findWordPressPublication(db, row.itemId, row.accountId)
    if (current?.id !== row.id) return failed('superseded', 'A newer publication of this post replaced this one', false)
    const options = row.wordpress
    try {
      await publishToWordPress(db, api, {
        item,
        accountId: row.accountId,
        mode: options.mode,
        scheduledAt: options.mode === 'future' ? options.scheduledAt : null,
        categories: options.categories,
        tags: options.tags,
        featuredImageId: options.featuredImageId,
      })
      return { ok: true }
    } catch (failure) {
      const error = errorOf(failure)
      const asked = retryAfterOf(error)
      const result = failed(error.code, error.message, error.code === 'busy' || isRetryable(error))
      return asked !== undefined ? { ok: false, error: { ...result.error, retryAfterMs: asked } } : result
    }
  }
}

// Mastodon rows of the publication ledger (`publications`). A row is a status or a thread: `parts` holds exactly
// the text of each post, `remotePartIds` the ids of those already on the instance, in order. Posting resumes after
// the last posted part, and every part goes out with an Idempotency-Key made from the row id and the part's
// index, so even a part whose answer was lost (the app quit mid-request) is not posted twice: Mastodon answers a
// repeated key with the status it already made, for an hour.
//
// The row carries Mastodon's own options under `mastodon` (Dexie keeps extra fields; the ledger's shared type
// stays channel-neutral).
import { ulid } from 'ulid'
import type { MastodonVisibility } from '../../../core/ipc/mastodonTypes'
import { newPublication, type Publication } from '../../../core/publish'
import type { BaluchonDb } from '../../../db/schema'

export interface MastodonMediaChoice {
  /** The stored image (`attachments` id). */
  attachmentId: string
  /** Alt text sent as the media's `description`. */
  alt: string
  /** Which post of the thread it goes with (0: the first). */
  part: number
}

export interface MastodonRowOptions {
  visibility: MastodonVisibility
  /** ISO 639-1 code of the text ("fr"), when known. */
  language?: string
  spoilerText?: string
  media: MastodonMediaChoice[]
  /** Address of each posted part, in step with `remotePartIds`. */
  partUrls: string[]
  /** The ScheduledStatus id while the instance holds the status (server-side schedule). */
  scheduledStatusId?: string
}

export type MastodonPublication = Publication & { channel: 'mastodon'; mastodon: MastodonRowOptions }

export function isMastodonPublication(row: Publication | undefined): row is MastodonPublication {
  return row !== undefined && row.channel === 'mastodon' && typeof (row as Partial<MastodonPublication>).mastodon === 'object'
}

/** The Idempotency-Key of one part: the same for every attempt at that part, different for every other. */
export function idempotencyKey(publicationId: string, part: number): string {
  return `baluchon-${publicationId}-${part}`
}

export interface NewMastodonPublication {
  itemId: string
  accountId: string
  parts: string[]
  options: Omit<MastodonRowOptions, 'partUrls' | 'scheduledStatusId'>
  /** Null: post now. A single status is scheduled on the instance; a thread waits in the local queue. */
  scheduledAt: number | null
}

/**
 * Writes a new ledger row for a status or thread. Posted now: 'publishing', posted by Baluchon ('local-post', so a
 * failed attempt the queue may retry is picked up by it). A scheduled single status: 'publishing' then
 * 'scheduled' on the server once it accepts it. A scheduled thread: 'queued' in the local queue.
 */
export async function createMastodonPublication(db: BaluchonDb, input: NewMastodonPublication, now = Date.now()): Promise<MastodonPublication> {
  const thread = input.parts.length > 1
  const scheduled = input.scheduledAt !== null
  const row: MastodonPublication = {
    ...newPublication(
      {
        id: ulid(now),
        itemId: input.itemId,
        channel: 'mastodon',
        accountId: input.accountId,
        handling: scheduled && !thread ? 'server' : 'local-post',
        status: scheduled && thread ? 'queued' : 'publishing',
        parts: input.parts,
        scheduledAt: input.scheduledAt,
      },
      now,
    ),
    mastodon: { ...input.options, partUrls: [] },
  }
  await db.publications.add(row)
  return row
}

/** Loose update (Dexie's key-path types recurse on nested records): merges `patch` into the row. */
export async function patchMastodonRow(db: BaluchonDb, row: MastodonPublication, patch: Partial<MastodonPublication>, now = Date.now()): Promise<MastodonPublication> {
  const next: MastodonPublication = { ...row, ...patch, updatedAt: now }
  await db.publications.put(next)
  return next
}

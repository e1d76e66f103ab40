// The Mastodon part of the IPC contract (spread into `contract` in contract.ts): accounts (instance URL + access
// token, the token kept by main's encrypted store, never sent back), and one status at a time (electron/main/
// publishing/mastodonHandlers.ts). Threads, the ledger and resuming are the renderer's (src/features/publishing/mastodon/):
// it sends each part with an Idempotency-Key derived from the ledger row and the part, so a retry never posts twice.
import { z } from 'zod'

export { MASTODON_DEFAULT_LIMITS, MASTODON_VISIBILITIES } from './mastodonTypes'
export type { MastodonAccount, MastodonLimits, MastodonPosted, MastodonVisibility } from './mastodonTypes'
import { MASTODON_VISIBILITIES, type MastodonAccount, type MastodonPosted } from './mastodonTypes'

/** Largest image sent to Mastodon (the instance's own image_size_limit is usually far lower: it answers 422). */
export const MASTODON_IMAGE_MAX_BYTES = 40 * 1024 * 1024

const accountId = z.string().min(1).max(64)
const remoteId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Mastodon id')
const imageData = z.union([
  z.instanceof(Uint8Array).refine((d) => d.byteLength <= MASTODON_IMAGE_MAX_BYTES, 'image too large'),
  z.base64().max(Math.ceil(MASTODON_IMAGE_MAX_BYTES / 3) * 4, 'image too large'),
])

export const mastodonContract = {
  /**
   * Checks the token (GET /api/v1/accounts/verify_credentials), reads the instance's limits, then stores the
   * token in main's encrypted store. With `id`, replaces that account's token. 'insecure-storage' as for WordPress.
   */
  mastodonAccountSave: {
    input: z.object({
      id: accountId.optional(),
      instanceUrl: z.string().trim().min(1).max(2048),
      accessToken: z.string().trim().min(1).max(512),
      allowInsecureStorage: z.boolean().optional(),
    }),
    output: {} as MastodonAccount,
  },
  mastodonAccountList: { input: z.void(), output: {} as MastodonAccount[] },
  /** Checks the stored token again and refreshes the instance's limits. */
  mastodonAccountVerify: { input: z.object({ id: accountId }), output: {} as MastodonAccount },
  /** Forgets the account and deletes its token. Removing an unknown id is not an error. */
  mastodonAccountRemove: { input: z.object({ id: accountId }), output: undefined as void },
  /**
   * Posts ONE status (uploading its images first and waiting until the instance has processed them), or schedules
   * it on the instance when `scheduledAt` is given (at least 5 minutes ahead). `idempotencyKey` goes out as the
   * Idempotency-Key header: the same key within an hour gives back the same status instead of a second one.
   */
  mastodonPostStatus: {
    input: z.object({
      accountId,
      idempotencyKey: z.string().regex(/^[A-Za-z0-9:._-]{8,128}$/, 'an idempotency key'),
      status: z.string().max(100_000),
      visibility: z.enum(MASTODON_VISIBILITIES),
      inReplyToId: remoteId.optional(),
      language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code').optional(),
      spoilerText: z.string().max(10_000).optional(),
      scheduledAt: z.iso.datetime({ offset: true }).optional(),
      media: z
        .array(
          z.union([
            z.object({
              fileName: z.string().min(1).max(255),
              mimeType: z.string().regex(/^image\/[a-z0-9.+-]+$/i, 'image type expected'),
              data: imageData,
              alt: z.string().max(10_000),
            }),
            /** An upload made by an earlier attempt (not attached to any status yet). */
            z.object({ remoteMediaId: remoteId }),
          ]),
        )
        .max(20),
    }),
    output: {} as MastodonPosted,
  },
  /** Moves a scheduled status (PUT /api/v1/scheduled_statuses/:id) to `scheduledAt`, at least 5 minutes ahead. */
  mastodonReschedule: {
    input: z.object({ accountId, scheduledStatusId: remoteId, scheduledAt: z.iso.datetime({ offset: true }) }),
    output: {} as { id: string; scheduledAt: string },
  },
  /** Cancels a scheduled status (DELETE /api/v1/scheduled_statuses/:id); one already gone is not an error. */
  mastodonCancelScheduled: {
    input: z.object({ accountId, scheduledStatusId: remoteId }),
    output: undefined as void,
  },
}

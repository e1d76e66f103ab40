// The publishing part of the IPC contract (spread into `contract` in contract.ts): accounts whose secrets main
// keeps (electron/main/secrets.ts), and WordPress publishing (electron/main/handlers/publishing.ts).
// No secret ever travels back to the renderer: accounts come back without their password.
import { z } from 'zod'

export const PUBLISHING_ACCOUNT_KINDS = ['wordpress'] as const
export type PublishingAccountKind = (typeof PUBLISHING_ACCOUNT_KINDS)[number]

/** How an account's secret is protected on this computer: the OS keychain, basic_text (obfuscated), or not at all. */
export type SecretProtection = 'os' | 'weak' | 'plain'

export interface SecretStorageStatus {
  /** What a secret saved now would get. Anything but 'os' needs the person's consent (allowInsecureStorage). */
  protection: SecretProtection
  /** Electron's backend: "gnome_libsecret", "kwallet6", "basic_text"… or "keychain" (macOS, Windows). */
  backend: string
}

export interface PublishingAccount {
  id: string
  kind: 'wordpress'
  /** The site as the person gave it, normalised: "https://example.org/blog". */
  siteUrl: string
  /** The REST API root found when it was verified: "…/wp-json/" or "…/?rest_route=/". */
  restRoot: string
  /** The site's name (from its REST index; may be ""). */
  siteName: string
  username: string
  /** The name WordPress shows for the account. */
  displayName: string
  /** False for accounts that may only write drafts (contributors). */
  canPublish: boolean
  secretProtection: SecretProtection
  /** When the credentials were last checked against the site (ISO 8601). */
  verifiedAt: string
}

export type WordPressPostStatus = 'publish' | 'draft' | 'future'

export interface WordPressPublished {
  remoteId: number
  /** WordPress's status after saving: publish, future, draft, pending, private. */
  status: string
  link: string
  /** When it goes (or went) out, ISO 8601 UTC; null for a draft without a date. */
  dateGmt: string | null
  modifiedGmt: string | null
  /** True when a new remote post was made (first publication, or the earlier one was deleted on the blog). */
  created: boolean
  /** Where each image went: pass `remoteMediaId` back next time to reuse the upload. */
  media: { imageId: string; mediaId: number; url: string; uploaded: boolean }[]
  featuredMediaId: number | null
  categories: { name: string; id: number; created: boolean }[]
  tags: { name: string; id: number; created: boolean }[]
}

export interface WordPressRemoteState {
  remoteId: number
  /** publish, future, draft, pending, private, trash, or 'deleted' (gone for good from the blog). */
  status: string
  link: string
  dateGmt: string | null
  modifiedGmt: string | null
}

/** Largest image sent for publishing (the blog may accept less: its upload limit gives a remote-error). */
export const PUBLISH_IMAGE_MAX_BYTES = 64 * 1024 * 1024

const accountId = z.string().min(1).max(64)
const shortText = z.string().max(1000)
const termNames = z.array(z.string().min(1).max(200)).max(100)

/** Image bytes: a Uint8Array (Electron IPC), or base64 (bridges that only carry JSON). */
const imageData = z.union([
  z.instanceof(Uint8Array).refine((d) => d.byteLength <= PUBLISH_IMAGE_MAX_BYTES, 'image too large'),
  z.base64().max(Math.ceil(PUBLISH_IMAGE_MAX_BYTES / 3) * 4, 'image too large'),
])

export const publishingContract = {
  /** Secret protection available on this computer, to warn before the person types a password. */
  publishingStorageStatus: { input: z.void(), output: {} as SecretStorageStatus },
  /**
   * Verifies the credentials against the site, then stores them (secret in main's encrypted store). With `id`,
   * replaces that account's credentials. Fails with 'insecure-storage' (detail.protection, detail.backend)
   * when the OS keychain is not available, unless `allowInsecureStorage` says the person agreed.
   */
  publishingAccountSave: {
    input: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('wordpress'),
        id: accountId.optional(),
        siteUrl: z.string().min(1).max(2048),
        username: z.string().trim().min(1).max(200),
        applicationPassword: z.string().trim().min(1).max(200),
        allowInsecureStorage: z.boolean().optional(),
      }),
    ]),
    output: {} as PublishingAccount,
  },
  publishingAccountList: { input: z.void(), output: {} as PublishingAccount[] },
  /** Forgets the account and deletes its secret. Removing an unknown id is not an error. */
  publishingAccountRemove: { input: z.object({ id: accountId }), output: undefined as void },
  /**
   * Publishes (creates, or updates `remoteId`) a post: images referenced as `attachment:<id>` in `html` are
   * uploaded (or reused through `remoteMediaId`) and their sources rewritten.
   */
  wordpressPublish: {
    input: z
      .object({
        accountId,
        remoteId: z.number().int().positive().optional(),
        post: z.object({
          title: shortText,
          html: z.string().max(32 * 1024 * 1024),
          excerpt: z.string().max(10_000).optional(),
          slug: z.string().max(200).optional(),
          status: z.enum(['publish', 'draft', 'future']),
          /** The instant a 'future' post goes out. */
          dateGmt: z.iso.datetime({ offset: true }).optional(),
          categories: termNames,
          tags: termNames,
        }),
        images: z
          .array(
            z.object({
              id: z.string().min(1).max(128),
              fileName: z.string().min(1).max(255),
              mimeType: z.string().regex(/^image\/[a-z0-9.+-]+$/i, 'image type expected'),
              data: imageData,
              alt: z.string().max(1000),
              remoteMediaId: z.number().int().positive().optional(),
            }),
          )
          .max(500),
        featuredImageId: z.string().min(1).max(128).nullable().optional(),
        /**
         * An earlier attempt to create this post (no remoteId yet) got no answer (timeout, connection dropped) and
         * may have created it anyway: before creating, main looks for a post of this account with the same title
         * written since then (epoch ms), and updates it instead of making a duplicate.
         */
        recoverSince: z.number().int().nonnegative().optional(),
      })
      .refine((input) => input.post.status !== 'future' || input.post.dateGmt !== undefined, 'a scheduled post needs dateGmt'),
    output: {} as WordPressPublished,
  },
  /** Moves a post scheduled on the blog to another time (the calendar's drag); fails with reason 'not-scheduled' if it is not scheduled there any more. */
  wordpressReschedule: {
    input: z.object({ accountId, remoteId: z.number().int().positive(), dateGmt: z.iso.datetime({ offset: true }) }),
    output: {} as WordPressRemoteState,
  },
  /** The post's state on the blog now. */
  wordpressRefresh: {
    input: z.object({ accountId, remoteId: z.number().int().positive() }),
    output: {} as WordPressRemoteState,
  },
}

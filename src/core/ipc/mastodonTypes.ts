// Mastodon's shapes shared by main and the renderer, without zod: the renderer imports these values, and zod 4
// probes `new Function` when it loads, which the app's Content-Security-Policy reports as a violation.
import type { SecretProtection } from './publishing'

/** What the instance accepts (GET /api/v2/instance `configuration`, or /api/v1/instance on older servers). */
export interface MastodonLimits {
  /** configuration.statuses.max_characters (500 on a stock server). */
  maxCharacters: number
  /** configuration.statuses.characters_reserved_per_url (23). */
  charactersReservedPerUrl: number
  /** configuration.statuses.max_media_attachments (4). */
  maxMediaAttachments: number
  /** configuration.media_attachments.supported_mime_types (empty when the server does not say). */
  supportedMimeTypes: string[]
  /** configuration.media_attachments.image_size_limit, bytes (0 when unknown). */
  imageSizeLimit: number
  /** configuration.media_attachments.image_matrix_limit, pixels (0 when unknown). */
  imageMatrixLimit: number
  /** configuration.media_attachments.description_limit: longest alt text (1500 on a stock server). */
  descriptionLimit: number
}

export const MASTODON_DEFAULT_LIMITS: MastodonLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  supportedMimeTypes: [],
  imageSizeLimit: 0,
  imageMatrixLimit: 0,
  descriptionLimit: 1500,
}

export interface MastodonAccount {
  id: string
  kind: 'mastodon'
  /** The instance as the person gave it, normalised: "https://mastodon.social". */
  instanceUrl: string
  /** The instance's title (may be ""). */
  instanceTitle: string
  /** The account's handle on its server ("alice"); shown as @alice@host. */
  username: string
  /** Its display name (may be ""). */
  displayName: string
  /** Its profile address. */
  profileUrl: string
  limits: MastodonLimits
  /** Which endpoint the limits came from: v2 (Mastodon 4+) or v1 (older servers). */
  instanceApi: 'v2' | 'v1'
  secretProtection: SecretProtection
  /** When the token was last checked against the instance (ISO 8601). */
  verifiedAt: string
}

export const MASTODON_VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const
export type MastodonVisibility = (typeof MASTODON_VISIBILITIES)[number]

export type MastodonPosted =
  /** A status now on the instance. */
  | { kind: 'status'; id: string; url: string; createdAt: string; mediaIds: string[] }
  /** A ScheduledStatus the instance will post at `scheduledAt` (ISO 8601 UTC). */
  | { kind: 'scheduled'; id: string; scheduledAt: string; mediaIds: string[] }

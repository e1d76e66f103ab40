// Constants of the `.baluchon` archive format (docs/archive-format.md is the human description).

export const ARCHIVE_FORMAT = 'baluchon-archive'
/** The version this code writes and the newest it reads. Bump it (and add an upgrade) when the layout changes. */
export const CURRENT_FORMAT_VERSION = 1
export const ARCHIVE_EXTENSION = '.baluchon'

export const MANIFEST_PATH = 'manifest.json'
export const DATA_DIR = 'data/'
export const ATTACHMENTS_DIR = 'attachments/'
export const CONTENT_DIR = 'content/'

/** The tables every archive has; others (e.g. a future publication ledger) travel as extension tables. */
export const CORE_TABLES = ['items', 'revisions', 'attachments', 'settings'] as const
export type CoreTable = (typeof CORE_TABLES)[number]

/**
 * Tables are written in shards so that neither the writer nor the reader ever holds one giant JSON
 * string: a shard closes at 5,000 records or 16 MiB of JSON, whichever comes first (one oversized
 * record still gets a shard of its own).
 */
export const SHARD_MAX_RECORDS = 5_000
export const SHARD_MAX_BYTES = 16 * 1024 * 1024

export function shardPath(table: string, index: number): string {
  return `${DATA_DIR}${table}/${String(index + 1).padStart(4, '0')}.json`
}

/** Table names: short identifiers, so they are safe as folder names and as object keys. */
export const TABLE_NAME_PATTERN = /^[a-z][A-Za-z0-9_-]{0,63}$/
/** Attachment ids become file names (`attachments/<id>.<ext>`): ULIDs and similar tokens only. */
export const ATTACHMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/

const EXTENSION_BY_MIME: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'image/tiff': 'tif',
  'application/pdf': 'pdf',
}

/**
 * Where an attachment's bytes live. The extension is only for people opening the archive by hand
 * (image viewers and Markdown tools go by extension); readers find the id as the name before the dot.
 */
export function attachmentPath(id: string, mime: string): string {
  const ext = EXTENSION_BY_MIME[mime.toLowerCase()] ?? 'bin'
  return `${ATTACHMENTS_DIR}${id}.${ext}`
}

/** The attachment id an `attachments/...` entry holds, or null when the name is not one we write. */
export function attachmentIdFromPath(path: string): string | null {
  if (!path.startsWith(ATTACHMENTS_DIR)) return null
  const name = path.slice(ATTACHMENTS_DIR.length)
  if (name.includes('/')) return null
  const dot = name.indexOf('.')
  const id = dot === -1 ? name : name.slice(0, dot)
  return ATTACHMENT_ID_PATTERN.test(id) ? id : null
}

/**
 * Already-compressed media gain nothing from deflate and cost time: stored as they are.
 * SVG and BMP are text or raw pixels, so they are compressed like JSON.
 */
export function isCompressedMedia(mime: string): boolean {
  const m = mime.toLowerCase()
  if (m === 'image/svg+xml' || m === 'image/bmp' || m === 'image/tiff') return false
  return m.startsWith('image/') || m.startsWith('video/') || m.startsWith('audio/') || m === 'application/zip' || m === 'application/pdf'
}

export interface ArchiveLimits {
  /** Sum of the uncompressed sizes of every entry. */
  maxTotalBytes: number
  /** Uncompressed size of any one entry. */
  maxEntryBytes: number
  /** Uncompressed size of manifest.json or of one JSON shard (bounds JSON.parse). */
  maxJsonBytes: number
  /** Number of entries in the zip. */
  maxEntries: number
  /** Largest uncompressed/compressed ratio allowed for entries above `ratioFloorBytes`. */
  maxRatio: number
  /** Entries smaller than this are not ratio-checked: a small repetitive file is harmless. */
  ratioFloorBytes: number
}

export const DEFAULT_LIMITS: Readonly<ArchiveLimits> = {
  maxTotalBytes: 4 * 1024 ** 3,
  maxEntryBytes: 1024 ** 3,
  maxJsonBytes: 256 * 1024 ** 2,
  maxEntries: 1_000_000,
  // Prose and JSON deflate 3-10x; zeros deflate ~1000x. 200 leaves room for repetitive text.
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
}

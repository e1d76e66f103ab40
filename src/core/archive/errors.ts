// Why an archive could not be written or read, as codes the UI turns into sentences in the person's
// language. Messages are English developer detail; they never contain record contents or setting values.

export const ARCHIVE_ERROR_CODES = [
  // The container
  'not-zip',
  'truncated',
  'corrupt',
  'unsupported',
  'too-many-entries',
  'too-large',
  'suspicious-ratio',
  'unsafe-path',
  'forbidden-name',
  'symlink',
  'duplicate-entry',
  // The manifest and its version
  'missing-manifest',
  'invalid-manifest',
  'newer-format',
  'unsupported-version',
  'upgrade-failed',
  // Entries and records
  'missing-entry',
  'checksum',
  'invalid-json',
  'forbidden-key',
  'invalid-record',
  'duplicate-id',
  // Writing
  'secret',
  'unserializable',
  /** Something outside the data failed (a compression worker crashed, the disk refused a write). */
  'write-failed',
  'aborted',
] as const

export type ArchiveErrorCode = (typeof ARCHIVE_ERROR_CODES)[number]

/** Facts the UI may put in its message. Only names, ids, numbers: never record contents. */
export interface ArchiveErrorInfo {
  /** The zip entry at fault, e.g. `data/items/0001.json`. */
  entry?: string
  /** The table (items, revisions, attachments, settings, or an extension table). */
  table?: string
  /** Id of the record at fault (for settings: the key). */
  recordId?: string
  /** For `newer-format` / `unsupported-version`: the archive's format version and the newest this app reads. */
  found?: number
  supported?: number
  /** For the caps: the limit and what the archive asked for. */
  limit?: number
  actual?: number
  /** A short English explanation for logs and bug reports. */
  detail?: string
}

export class ArchiveError extends Error {
  readonly code: ArchiveErrorCode
  readonly info: Readonly<ArchiveErrorInfo>

  constructor(code: ArchiveErrorCode, info: ArchiveErrorInfo = {}, options?: { cause?: unknown }) {
    super(describe(code, info), options)
    this.name = 'ArchiveError'
    this.code = code
    this.info = info
  }
}

export function isArchiveError(error: unknown, code?: ArchiveErrorCode): error is ArchiveError {
  return error instanceof ArchiveError && (code === undefined || error.code === code)
}

function describe(code: ArchiveErrorCode, info: ArchiveErrorInfo): string {
  const parts: string[] = [`Archive refused: ${code}`]
  if (info.entry !== undefined) parts.push(`entry ${JSON.stringify(info.entry)}`)
  if (info.table !== undefined) parts.push(`table ${info.table}`)
  if (info.recordId !== undefined) parts.push(`record ${JSON.stringify(info.recordId)}`)
  if (info.found !== undefined) parts.push(`found ${info.found}`)
  if (info.supported !== undefined) parts.push(`supported ${info.supported}`)
  if (info.limit !== undefined) parts.push(`limit ${info.limit}`)
  if (info.actual !== undefined) parts.push(`actual ${info.actual}`)
  if (info.detail) parts.push(info.detail)
  return parts.join('; ')
}

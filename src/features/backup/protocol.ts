// Messages between the UI thread and the backup workers. Archive bytes travel as transferred Uint8Arrays.
import type { ArchiveErrorCode, ArchiveErrorInfo, ArchiveProgress } from '../../core/archive'
import type { AbsentRanges } from '../../core/archive/zipReader'
import type { LeavingSummary } from './leavingScope'
import type { PlanEntry, PlanKind, Outcome } from './plan'

/** Why a backup job failed, in terms the UI can put into the person's language. */
export type BackupProblem =
  | { source: 'archive'; code: ArchiveErrorCode; info: ArchiveErrorInfo }
  | { source: 'io'; code: string; reason?: string; limit?: number; actual?: number }
  | { source: 'database'; message: string }
  | { source: 'worker'; message: string }

/** What an export holds: everything (a backup), or what may leave with the person (the changing-employer wizard). */
export type ExportScope = 'all' | 'may-leave'

/**
 * `deflateInMain`: large entries (the items' shards) are deflated by main's zlib (backupDeflate), relayed by the UI
 * thread as `deflate` / `deflated`, main keeping the deflated bytes until a chunk places them; without it (tests, an
 * api without the channel) the worker pool deflates them.
 */
export type ExportRequest =
  | { type: 'start'; dbName: string; appVersion: string; createdAt: number; contentCompressionLevel: number; scope?: ExportScope; deflateInMain?: boolean }
  | { type: 'ack' }
  | { type: 'cancel' }
  /** `held`: main kept the deflated bytes (the request's `hold`), `data` is then null. */
  | { type: 'deflated'; id: number; crc: number; data: Uint8Array<ArrayBuffer> | null; held?: { id: number; length: number } }
  | { type: 'deflate-failed'; id: number; message: string }

export type ExportMessage =
  | { type: 'progress'; progress: ArchiveProgress }
  /** `held`: entries main deflated and kept, placed at these offsets of `data` (backupWriteChunk's `held`). */
  | { type: 'chunk'; data: Uint8Array<ArrayBuffer>; held?: { at: number; id: number }[] }
  /** `hold`: main keeps the deflated bytes and answers with their length and number (backupDeflate's `hold`). */
  | { type: 'deflate'; id: number; data: Uint8Array<ArrayBuffer>; level: number; hold?: true }
  | { type: 'done'; size: number; items: number; leaving?: LeavingSummary }
  | { type: 'failed'; problem: BackupProblem }

/** What the dry run shows: counts per kind and outcome, the entries it lists, and what the archive says of itself. */
export interface RestoreSummary {
  counts: Record<PlanKind, Record<Outcome, number>>
  /** Up to LISTED_PER_GROUP per kind and outcome, none unchanged (listedEntries); the counts are complete. */
  entries: PlanEntry[]
  archive: { createdAt: string; appVersion: string; formatVersion: number; items: number }
  warnings: number
  changesNothing: boolean
}

/** `absent`: ranges of `bytes` not read from the file (the content/ Markdown, see readBackupFile). */
export type RestoreRequest = { type: 'prepare'; dbName: string; bytes: Uint8Array; absent?: AbsentRanges } | { type: 'apply' }

export type RestoreMessage =
  | { type: 'progress'; progress: ArchiveProgress }
  | { type: 'planned'; summary: RestoreSummary }
  | { type: 'applied'; written: { items: number; revisions: number; attachments: number; settings: number } }
  | { type: 'failed'; problem: BackupProblem }

// The `.baluchon` backup archive: a documented, versioned zip (docs/archive-format.md). Pure code for
// workers, main and tests: the caller reads the database and writes the file.
export { buildArchive, checkItemRecord, writeArchive } from './build'
export type {
  ArchiveAttachmentInput,
  ArchiveInput,
  ArchiveSummary,
  BuildArchiveOptions,
  MarkdownContext,
  MarkdownFile,
  MarkdownRenderer,
  PagedRecords,
  RecordSource,
  RenderedMarkdown,
  ShardMarkdownRenderer,
  ItemsShardPreparer,
  PreparedItemsShard,
} from './build'
export { readArchive, inspectArchive } from './read'
export type { ArchiveContents, ArchiveOverview, ArchiveWarning, ReadArchiveOptions } from './read'
export { ArchiveError, isArchiveError, ARCHIVE_ERROR_CODES, type ArchiveErrorCode, type ArchiveErrorInfo } from './errors'
export {
  ARCHIVE_EXTENSION,
  ARCHIVE_FORMAT,
  CURRENT_FORMAT_VERSION,
  DEFAULT_LIMITS,
  MANIFEST_PATH,
  attachmentPath,
  type ArchiveLimits,
} from './format'
export type { ArchivePhase, ArchiveProgress, ArchiveJobOptions } from './progress'
export {
  itemSchema,
  revisionSchema,
  attachmentMetaSchema,
  settingSchema,
  planRecordSchema,
  richDocProblem,
  type ArchiveAttachment,
  type ArchiveAttachmentMeta,
  type ArchiveManifest,
  type ArchiveRevision,
  type ArchiveSetting,
} from './schema'
export { ARCHIVE_UPGRADES, type ArchiveUpgrade } from './upgrades'
export { fflateCompressor, type CompressedEntry, type EntryCompressor } from './zipWriter'
export { looksSecret } from './secrets'
export { isSafeContentPath } from './paths'

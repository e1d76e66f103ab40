// One table for every call across the bridge: its input schema and output type.
// Adding a call: a name in channels.ts, a line here, a handler in electron/main/handlers.
import { z } from 'zod'
import type { ChannelName, EventName } from './channels'
import { publishingContract } from './publishing'
import { mastodonContract } from './mastodon'
import { portfolioContract } from './portfolio'
import { notificationsContract, type NotificationClick } from './notifications'
import type { IpcResult } from './result'
import { BACKUP_DEFLATE_MAX_BYTES, BACKUP_HELD_MAX, IMPORT_CHUNK_MAX_BYTES } from './limits'

export const LANGUAGES = ['en', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]

const httpUrl = z
  .string()
  .max(4096)
  .refine((s) => /^https?:\/\//i.test(s), 'http(s) URL expected')

export interface AppInfo {
  version: string
  platform: string
  /** The OS language, e.g. "fr-FR". */
  locale: string
  /** Where the app keeps its data on disk (shown in Settings). */
  dataPath: string
}

export interface LinkPreview {
  /** The URL after redirects. */
  url: string
  title: string
  description: string
  siteName: string
}

/** Largest piece of a backup archive sent across the bridge in one call (keeps messages and memory bounded). */
export const BACKUP_CHUNK_MAX_BYTES = 8 * 1024 * 1024

/**
 * An entry deflated by main: the CRC-32 of the uncompressed bytes (unsigned) and either the raw DEFLATE bytes, or,
 * when asked to `hold` them, their length and the number main keeps them under until a chunk places them (see
 * backupWriteChunk's `held`).
 */
export type BackupDeflated = { crc: number; data: Uint8Array } | { crc: number; held: number; length: number }

/** A backup file being written: main holds the open temporary file, the renderer only this handle. */
export interface BackupWriteHandle {
  handle: string
  /** The name the file will have (shown in messages; never a path the renderer could reuse). */
  fileName: string
}

export interface BackupWritten {
  fileName: string
  size: number
  /** Automatic backups removed by the rotation. */
  removed: string[]
  /** SHA-256 (lowercase hex) of the file as written. */
  sha256: string
  /** The folder a file saved through the save dialog is in (shown to the person); absent for automatic backups. */
  folder?: string
}

/** A backup file opened for reading, in chunks. */
export interface BackupOpened {
  handle: string
  fileName: string
  size: number
}

/** An automatic backup in `<userData>/backups/`. */
export interface BackupFileInfo {
  fileName: string
  size: number
  /** Epoch ms the file was written. */
  modifiedAt: number
}

export { IMPORT_CHUNK_MAX_BYTES }

/** A file of a picked folder, by its path from the folder ("notes/Idea.md", "/" separators). */
export interface ImportFolderFile {
  path: string
  size: number
  modifiedAt: number
}

/** What the person picked to import: main keeps the path, the renderer reads through `handle`. */
export type ImportOpened =
  | { kind: 'file'; handle: string; name: string; size: number }
  | {
      kind: 'folder'
      handle: string
      name: string
      files: ImportFolderFile[]
      totalBytes: number
      /** Entries left out: symbolic links (never followed), files over the size cap, unreadable folders. */
      skipped: { path: string; reason: 'symlink' | 'too-large' | 'unreadable' }[]
    }

/** An image downloaded for an import (checked to be a stored raster type by its bytes). */
export interface ImportedImage {
  /** The URL after redirects. */
  url: string
  mime: string
  name: string
  data: Uint8Array
}

/** Kinds of file the open-format export saves through the save dialog. */
export type ExportFileKind = 'zip' | 'md' | 'html' | 'ics'

/** An export being written: main keeps the temporary target, the renderer sends files through `handle`. */
export interface ExportFilesHandle {
  handle: string
  /** Where it will be (the folder's name may still get a number if taken meanwhile). */
  name: string
}

export interface ExportFilesWritten {
  /** The final path. */
  path: string
  name: string
  files: number
  bytes: number
}

/** Largest batch of export files sent across the bridge in one call. */
export const EXPORT_BATCH_MAX_BYTES = 64 * 1024 * 1024
export const EXPORT_BATCH_MAX_FILES = 5000

const exportHandle = z.string().min(1).max(64)
const exportName = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[/\\:*?"<>|\u0000-\u001f]/.test(s) && !/^\.|[. ]$/.test(s), 'plain file name expected')

const importHandle = z.string().min(1).max(64)

const backupHandle = z.string().min(1).max(64)
const backupFileName = z.string().min(1).max(255)

export const contract = {
  appInfo: { input: z.void(), output: {} as AppInfo },
  setMenuLanguage: { input: z.object({ language: z.enum(LANGUAGES) }), output: undefined as void },
  openExternal: { input: z.object({ url: z.string().max(8192) }), output: undefined as void },
  linkPreview: { input: z.object({ url: httpUrl }), output: {} as LinkPreview },
  readyToClose: { input: z.void(), output: undefined as void },
  /** `choose`: the native save dialog (null when the person cancels); `auto`: a new file in the automatic backups folder. */
  backupWriteBegin: {
    input: z.discriminatedUnion('target', [
      z.object({ target: z.literal('choose'), suggestedName: backupFileName }),
      z.object({ target: z.literal('auto') }),
    ]),
    output: {} as BackupWriteHandle | null,
  },
  /**
   * Appends `data` to the file. `held`: entries main deflated and kept (backupDeflate with `hold`), each written at its
   * offset `at` in `data` (before the byte at `at`; offsets in order, `data.length` for after it), then forgotten.
   */
  backupWriteChunk: {
    input: z.object({
      handle: backupHandle,
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= BACKUP_CHUNK_MAX_BYTES, 'chunk too large'),
      held: z
        .array(z.object({ at: z.number().int().nonnegative(), id: z.number().int().positive() }))
        .max(BACKUP_HELD_MAX)
        .optional(),
    }),
    output: undefined as void,
  },
  /**
   * Deflates one large entry of the archive being written (`handle`) with Node's zlib (raw DEFLATE, off main's
   * thread) and returns it with the CRC-32 of `data`; nothing is written. Why: zlib at level 1 is about five times
   * faster than fflate in the renderer's workers, and compression was most of an export's CPU. The renderer still
   * frames the zip, so the archive's bytes are the same kind of zip either way. `hold`: the deflated bytes stay in
   * main (their length and a number come back) until a chunk places them (backupWriteChunk's `held`): they need not
   * travel to the renderer and back. Held bytes not placed are dropped when the write is committed or aborted.
   */
  backupDeflate: {
    input: z.object({
      handle: backupHandle,
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= BACKUP_DEFLATE_MAX_BYTES, 'entry too large'),
      level: z.number().int().min(1).max(9),
      hold: z.literal(true).optional(),
    }),
    output: {} as BackupDeflated,
  },
  /** Flushes to disk and renames the temporary file into place; `keep` rotates automatic backups. */
  backupWriteCommit: { input: z.object({ handle: backupHandle, keep: z.number().int().min(1).max(365).optional() }), output: {} as BackupWritten },
  /** Stops a write and deletes its temporary file (cancel, or a failure in the renderer). */
  backupWriteAbort: { input: z.object({ handle: backupHandle }), output: undefined as void },
  /** `choose`: the native open dialog (null when cancelled); `auto`: one of the automatic backups, by name. */
  backupOpen: {
    input: z.discriminatedUnion('source', [z.object({ source: z.literal('choose') }), z.object({ source: z.literal('auto'), fileName: backupFileName })]),
    output: {} as BackupOpened | null,
  },
  backupReadChunk: {
    input: z.object({ handle: backupHandle, offset: z.number().int().nonnegative(), length: z.number().int().min(1).max(BACKUP_CHUNK_MAX_BYTES) }),
    output: {} as Uint8Array,
  },
  backupReadClose: { input: z.object({ handle: backupHandle }), output: undefined as void },
  /**
   * A short Markdown file beside an archive just saved through the save dialog (the changing-employer record):
   * `<archive name>.<suffix>.md`, written atomically. Only the archive's handle names the place.
   */
  backupWriteRecord: {
    input: z.object({ handle: backupHandle, suffix: z.string().regex(/^[a-z0-9-]{1,40}$/), text: z.string().max(16 * 1024 * 1024) }),
    output: {} as { fileName: string },
  },
  /** Automatic backups, newest first; null when this installation makes none (no folder for them). */
  backupList: { input: z.void(), output: {} as BackupFileInfo[] | null },
  /** The native open dialog: a file (WordPress export, bookmarks, CSV) or a folder of Markdown; null when cancelled. */
  importOpen: { input: z.object({ source: z.enum(['file', 'folder']) }), output: {} as ImportOpened | null },
  /** Bytes of the picked file (no `path`) or of one listed file of the picked folder. */
  importReadChunk: {
    input: z.object({
      handle: importHandle,
      path: z.string().min(1).max(4096).optional(),
      offset: z.number().int().nonnegative(),
      length: z.number().int().min(1).max(IMPORT_CHUNK_MAX_BYTES),
    }),
    output: {} as Uint8Array,
  },
  importClose: { input: z.object({ handle: importHandle }), output: undefined as void },
  /** Downloads an image an imported post shows (same address rules as the link preview). */
  importFetchImage: { input: z.object({ url: httpUrl }), output: {} as ImportedImage },
  /** `folder`: the native folder dialog, then a new folder `folderName` inside it; `zip`/`file`: the save dialog. Null when cancelled. */
  exportFilesBegin: {
    input: z.discriminatedUnion('target', [
      z.object({ target: z.literal('folder'), folderName: exportName }),
      z.object({ target: z.literal('zip'), suggestedName: exportName }),
      z.object({ target: z.literal('file'), suggestedName: exportName, kind: z.enum(['md', 'html', 'ics']) }),
    ]),
    output: {} as ExportFilesHandle | null,
  },
  /** Paths are relative with `/` separators; main refuses unsafe or repeated ones. */
  exportFilesWrite: {
    input: z.object({
      handle: exportHandle,
      files: z
        // Text as a string (written as UTF-8 by main), images as bytes.
        .array(z.object({ path: z.string().min(1).max(1024), data: z.union([z.string(), z.instanceof(Uint8Array)]), compress: z.boolean() }))
        .max(EXPORT_BATCH_MAX_FILES)
        .refine(
          (files) => files.reduce((sum, f) => sum + (typeof f.data === 'string' ? f.data.length * 3 : f.data.byteLength), 0) <= EXPORT_BATCH_MAX_BYTES,
          'batch too large',
        ),
    }),
    output: undefined as void,
  },
  /** Finishes and renames the export into place. */
  exportFilesCommit: { input: z.object({ handle: exportHandle }), output: {} as ExportFilesWritten },
  /** Stops an export and deletes what it wrote. */
  exportFilesAbort: { input: z.object({ handle: exportHandle }), output: undefined as void },
  ...publishingContract,
  ...mastodonContract,
  ...portfolioContract,
  ...notificationsContract,
} satisfies Record<ChannelName, { input: z.ZodType; output: unknown }>

export type Contract = typeof contract
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>
export type ChannelOutput<K extends ChannelName> = Contract[K]['output']

export const MENU_COMMANDS = [
  'new-item',
  'new-post',
  'new-talk',
  'new-link',
  'new-note',
  'open-palette',
  'search',
  'settings',
  'show-trash',
  'show-calendar',
  'export-backup',
  'restore-backup',
  'import',
  'export-markdown',
  'changing-employer',
  'portfolio',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export interface EventPayloads {
  menuCommand: { command: MenuCommand }
  flushRequest: Record<string, never>
  /** A desktop notification was clicked (the window is already in front): open its target. */
  notificationClick: NotificationClick
}
export type EventPayload<K extends EventName> = EventPayloads[K]

/** `window.api`: one method per channel, each resolving to a result (never throwing across the bridge). */
export type BaluchonApi = {
  [K in ChannelName]: (...args: ChannelInput<K> extends void ? [] : [input: ChannelInput<K>]) => Promise<IpcResult<ChannelOutput<K>>>
} & {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void
}

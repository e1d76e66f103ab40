// Reads a `.baluchon` archive and checks ALL of it before returning anything: the container (from the
// central directory, before inflating), the manifest and its version, every checksum, every record.
// Either the whole content comes back, or an ArchiveError says what is wrong; never a partial result.
import type { z } from 'zod'
import type { Item, ItemKind } from '../items'
import { ArchiveError } from './errors'
import {
  ARCHIVE_FORMAT,
  ATTACHMENTS_DIR,
  CONTENT_DIR,
  CORE_TABLES,
  CURRENT_FORMAT_VERSION,
  DEFAULT_LIMITS,
  MANIFEST_PATH,
  attachmentIdFromPath,
  type ArchiveLimits,
  type CoreTable,
} from './format'
import { sha256Hex } from './hash'
import { parseJsonEntry } from './json'
import { Ticker, type ArchiveJobOptions } from './progress'
import {
  CORE_RECORD_SCHEMAS,
  describeIssue,
  extensionRecordSchema,
  manifestProblem,
  manifestV1Schema,
  recordIdOf,
  type ArchiveAttachment,
  type ArchiveAttachmentMeta,
  type ArchiveManifest,
  type ArchiveRevision,
  type ArchiveSetting,
} from './schema'
import { looksSecret } from './secrets'
import { ARCHIVE_UPGRADES, upgradeArchive, type ArchiveUpgrade } from './upgrades'
import type { EntryExtractor, ExtractedEntry } from './extractTask'
import { extractEntry, readZipDirectory, type AbsentRanges, type ZipDirectory, type ZipEntry } from './zipReader'

/** Entries inflated and hashed ahead of the one being checked (see `verified` in read()). */
const LOOK_AHEAD = 8

export interface ReadArchiveOptions extends ArchiveJobOptions {
  /** Caps against zip bombs and oversized archives; unspecified ones take DEFAULT_LIMITS. */
  limits?: Partial<ArchiveLimits>
  /** Upgrade steps for older formats (tests inject made-up ones); defaults to ARCHIVE_UPGRADES. */
  upgrades?: readonly ArchiveUpgrade[]
  /** Check the SHA-256 of the `content/` Markdown files too (default true). Restores never read them. */
  verifyContent?: boolean
  /**
   * Inflates and hashes the large deflated entries (the tables' shards) elsewhere, e.g. on a pool of workers
   * (extractTask.ts), while this thread parses and checks records. Same checks, same errors.
   */
  extract?: EntryExtractor
  /**
   * Ranges of `bytes` that were not read from the file (zeros): a restore reads neither the `content/` Markdown nor
   * its local headers (more than half of an archive's bytes). Only with `verifyContent: false`; an entry the read
   * needs whose bytes are absent is refused as corrupt.
   */
  absent?: AbsentRanges
}

/** Deflated entries from this size are worth a trip to `extract` (a worker); smaller ones are inflated here. */
const EXTRACT_ELSEWHERE_FROM = 64 * 1024

/** Things worth telling the person that do not make the archive unusable. */
export interface ArchiveWarning {
  code:
    | 'attachment-mismatch' // metadata size or sha256 differs from the bytes
    | 'orphan-file' // an attachments/ file no record describes (not returned)
    | 'orphan-record' // a revision or attachment whose item is not in the archive
    | 'secret-dropped' // a setting whose key looks secret (not returned)
  entry?: string
  table?: string
  recordId?: string
  detail?: string
}

export interface ArchiveContents {
  /** The manifest, upgraded to the current format when the archive is older. */
  manifest: ArchiveManifest
  /** The version the archive was written in. */
  sourceFormatVersion: number
  items: Item[]
  revisions: ArchiveRevision[]
  attachments: ArchiveAttachment[]
  settings: ArchiveSetting[]
  /** Extension tables (anything besides the four core ones), by name. */
  tables: Record<string, Record<string, unknown>[]>
  /** Zip entries the manifest does not list: not read, not returned. */
  ignoredEntries: string[]
  warnings: ArchiveWarning[]
}

export interface ArchiveOverview {
  manifest: ArchiveManifest
  sourceFormatVersion: number
  ignoredEntries: string[]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface OpenedArchive extends ArchiveOverview {
  directory: ZipDirectory
  upgradeRecord: (table: string, record: unknown) => unknown
}

function open(bytes: Uint8Array, limits: ArchiveLimits, upgrades: readonly ArchiveUpgrade[], absent: AbsentRanges = []): OpenedArchive {
  const directory = readZipDirectory(bytes, limits, absent)
  const entry = directory.byName.get(MANIFEST_PATH)
  if (!entry || entry.isDirectory) throw new ArchiveError('missing-manifest')
  if (entry.size > limits.maxJsonBytes) throw new ArchiveError('too-large', { entry: MANIFEST_PATH, limit: limits.maxJsonBytes, actual: entry.size })
  const raw = parseJsonEntry(extractEntry(bytes, entry, { checkCrc: true }), { entry: MANIFEST_PATH }, 'invalid-manifest')
  if (!isObject(raw) || raw.format !== ARCHIVE_FORMAT) throw new ArchiveError('invalid-manifest', { entry: MANIFEST_PATH, detail: 'not a Baluchon archive' })
  const version = raw.formatVersion
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new ArchiveError('invalid-manifest', { entry: MANIFEST_PATH, detail: 'formatVersion is not a version number' })
  }
  if (version > CURRENT_FORMAT_VERSION) throw new ArchiveError('newer-format', { found: version, supported: CURRENT_FORMAT_VERSION })
  const upgraded = upgradeArchive(raw, version, CURRENT_FORMAT_VERSION, upgrades)
  const parsed = manifestV1Schema.safeParse(upgraded.manifest)
  if (!parsed.success) throw new ArchiveError('invalid-manifest', { entry: MANIFEST_PATH, detail: describeIssue(parsed.error) })
  const manifest = parsed.data
  const problem = manifestProblem(manifest)
  if (problem) throw new ArchiveError('invalid-manifest', { entry: MANIFEST_PATH, detail: problem })

  for (const [path, { size }] of Object.entries(manifest.entries)) {
    const zipEntry = directory.byName.get(path)
    if (!zipEntry || zipEntry.isDirectory) throw new ArchiveError('missing-entry', { entry: path })
    if (zipEntry.size !== size) throw new ArchiveError('checksum', { entry: path, detail: 'size differs from the manifest' })
  }
  const ignoredEntries = directory.entries.filter((e) => e.name !== MANIFEST_PATH && !Object.hasOwn(manifest.entries, e.name)).map((e) => e.name)
  return { manifest, sourceFormatVersion: version, ignoredEntries, directory, upgradeRecord: upgraded.upgradeRecord }
}

/**
 * The manifest alone, after the container checks (for listing backups without reading them whole).
 * Checksums and records are not verified: use readArchive before restoring anything.
 */
export async function inspectArchive(bytes: Uint8Array, options: Pick<ReadArchiveOptions, 'limits' | 'upgrades'> = {}): Promise<ArchiveOverview> {
  try {
    const { manifest, sourceFormatVersion, ignoredEntries } = open(bytes, { ...DEFAULT_LIMITS, ...options.limits }, options.upgrades ?? ARCHIVE_UPGRADES)
    return { manifest, sourceFormatVersion, ignoredEntries }
  } catch (error) {
    throw asArchiveError(error)
  }
}

export async function readArchive(bytes: Uint8Array, options: ReadArchiveOptions = {}): Promise<ArchiveContents> {
  try {
    return await read(bytes, options)
  } catch (error) {
    throw asArchiveError(error)
  }
}

/** Anything unexpected while reading (an allocation refused, a parser's own error) is still a typed refusal. */
function asArchiveError(error: unknown): ArchiveError {
  if (error instanceof ArchiveError) return error
  return new ArchiveError('corrupt', { detail: `unexpected: ${error instanceof Error ? error.message.slice(0, 200) : 'failure'}` }, { cause: error })
}

async function read(bytes: Uint8Array, options: ReadArchiveOptions): Promise<ArchiveContents> {
  const limits: ArchiveLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const ticker = new Ticker(options)
  ticker.throwIfAborted()
  ticker.report('checking')
  const verifyContent = options.verifyContent ?? true
  if (verifyContent && (options.absent?.length ?? 0) > 0) throw new ArchiveError('corrupt', { detail: 'content/ cannot be verified: not read' })
  const opened = open(bytes, limits, options.upgrades ?? ARCHIVE_UPGRADES, options.absent)
  const { manifest, directory } = opened
  ticker.total = Object.entries(manifest.entries).reduce((sum, [path, { size }]) => sum + (verifyContent || !path.startsWith(CONTENT_DIR) ? size : 0), 0)

  const checked = new Set<string>()
  // Look-ahead: the next few entries are inflated and their SHA-256 started (Web Crypto hashes on its own
  // thread) while this one is parsed, instead of this thread idling on one digest after another. Entries
  // are still checked, and their failures reported, strictly in order.
  const started = new Map<string, Promise<ExtractedEntry>>()
  // The tables' shards are JSON: a pool worker decodes them too (extractTask.ts).
  const jsonFiles = new Set(Object.values(manifest.tables).flatMap(({ files }) => files))
  const start = (path: string): void => {
    if (started.has(path) || checked.has(path)) return
    const entry = directory.byName.get(path)!
    const hashed = (async (): Promise<ExtractedEntry> => {
      if (entry.unread) throw new ArchiveError('corrupt', { entry: path, detail: 'entry not read' })
      if (options.extract && entry.method === 8 && entry.compressedSize >= EXTRACT_ELSEWHERE_FROM) {
        return options.extract(bytes, entry, jsonFiles.has(path) ? { decode: true } : undefined)
      }
      const data = extractEntry(bytes, entry)
      return { data, sha256: await sha256Hex(data) }
    })()
    hashed.catch(() => undefined)
    started.set(path, hashed)
  }
  const verified = async (path: string, entry: ZipEntry, phase: 'parsing' | 'verifying', next: readonly string[] = []): Promise<ExtractedEntry> => {
    start(path)
    for (const ahead of next) start(ahead)
    const extracted = await started.get(path)!
    started.delete(path)
    if (extracted.sha256 !== manifest.entries[path]!.sha256) throw new ArchiveError('checksum', { entry: path })
    checked.add(path)
    await ticker.advance(phase, entry.size)
    return extracted
  }
  /** Up to LOOK_AHEAD entries after `list[i]` (bounded, so only a few inflated entries wait in memory). */
  const after = <T>(list: readonly T[], i: number): readonly T[] => list.slice(i + 1, i + 1 + LOOK_AHEAD)

  // Tables
  const records = new Map<string, unknown[]>()
  for (const [table, { files }] of Object.entries(manifest.tables)) {
    const schema: z.ZodType = Object.hasOwn(CORE_RECORD_SCHEMAS, table) ? CORE_RECORD_SCHEMAS[table as CoreTable] : extensionRecordSchema
    const list: unknown[] = []
    const ids = new Set<string>()
    for (const [i, path] of files.entries()) {
      const entry = directory.byName.get(path)!
      if (entry.size > limits.maxJsonBytes) throw new ArchiveError('too-large', { entry: path, limit: limits.maxJsonBytes, actual: entry.size })
      const ahead = after(files, i).filter((p) => directory.byName.get(p)!.size <= limits.maxJsonBytes)
      const { data, text } = await verified(path, entry, 'parsing', ahead)
      const parsed = parseJsonEntry(data, { entry: path, table }, 'invalid-json', text)
      if (!Array.isArray(parsed)) throw new ArchiveError('invalid-json', { entry: path, table, detail: 'not an array of records' })
      for (const original of parsed as unknown[]) {
        const record = opened.sourceFormatVersion < CURRENT_FORMAT_VERSION ? opened.upgradeRecord(table, original) : original
        const result = schema.safeParse(record)
        const recordId = recordIdOf(record)
        if (!result.success) {
          throw new ArchiveError('invalid-record', { entry: path, table, detail: describeIssue(result.error), ...(recordId === undefined ? {} : { recordId }) })
        }
        if (recordId !== undefined) {
          if (ids.has(recordId)) throw new ArchiveError('duplicate-id', { entry: path, table, recordId })
          ids.add(recordId)
        }
        list.push(record)
      }
    }
    if (list.length !== manifest.counts.tables[table]) {
      throw new ArchiveError('invalid-manifest', { table, detail: `counts say ${manifest.counts.tables[table]} records, found ${list.length}` })
    }
    records.set(table, list)
  }

  const items = records.get('items') as Item[]
  const kinds: Record<ItemKind, number> = { post: 0, talk: 0, link: 0, note: 0 }
  let trashed = 0
  for (const item of items) {
    kinds[item.kind]++
    if (item.trashed === 1) trashed++
  }
  if (trashed !== manifest.counts.trashed || (Object.keys(kinds) as ItemKind[]).some((k) => kinds[k] !== manifest.counts.kinds[k])) {
    throw new ArchiveError('invalid-manifest', { table: 'items', detail: 'counts per kind differ from the items' })
  }
  const itemIds = new Set(items.map((item) => item.id))
  // An affiliation's logo is an attachment owned by the affiliation (schema v4), not by an item.
  const logoOwners = new Set(((records.get('affiliations') ?? []) as { id?: unknown }[]).map((a) => a.id))
  const warnings: ArchiveWarning[] = []

  // Attachments: each record gets exactly one file, named after its id.
  const filesById = new Map<string, string>()
  const contentPaths: string[] = []
  for (const path of Object.keys(manifest.entries)) {
    if (path.startsWith(CONTENT_DIR)) contentPaths.push(path)
    if (!path.startsWith(ATTACHMENTS_DIR)) continue
    const id = attachmentIdFromPath(path)
    if (id === null) {
      warnings.push({ code: 'orphan-file', entry: path })
      continue
    }
    if (filesById.has(id)) throw new ArchiveError('duplicate-entry', { entry: path, recordId: id, detail: 'two files for one attachment' })
    filesById.set(id, path)
  }
  if (contentPaths.length !== manifest.counts.content) {
    throw new ArchiveError('invalid-manifest', { detail: `counts say ${manifest.counts.content} content files, found ${contentPaths.length}` })
  }
  const attachments: ArchiveAttachment[] = []
  const described = new Set<string>()
  const attachmentMetas = records.get('attachments') as ArchiveAttachmentMeta[]
  const attachmentFiles = attachmentMetas.map((meta) => filesById.get(meta.id))
  for (const [i, meta] of attachmentMetas.entries()) {
    const path = attachmentFiles[i]
    if (path === undefined) throw new ArchiveError('missing-entry', { table: 'attachments', recordId: meta.id, detail: 'attachment file missing' })
    described.add(path)
    const ahead = after(attachmentFiles, i).filter((p): p is string => p !== undefined)
    const { data } = await verified(path, directory.byName.get(path)!, 'verifying', ahead)
    if (data.length !== meta.size || manifest.entries[path]!.sha256 !== meta.sha256) {
      warnings.push({ code: 'attachment-mismatch', table: 'attachments', recordId: meta.id, entry: path })
    }
    if (!itemIds.has(meta.itemId) && !logoOwners.has(meta.itemId)) warnings.push({ code: 'orphan-record', table: 'attachments', recordId: meta.id })
    attachments.push({ ...meta, data })
  }
  for (const path of filesById.values()) if (!described.has(path)) warnings.push({ code: 'orphan-file', entry: path })

  // Everything else the manifest lists: content/ Markdown, attachment files no record describes.
  const rest = Object.keys(manifest.entries).filter((path) => !checked.has(path) && (verifyContent || !path.startsWith(CONTENT_DIR)))
  for (const [i, path] of rest.entries()) await verified(path, directory.byName.get(path)!, 'verifying', after(rest, i))

  const revisions = records.get('revisions') as ArchiveRevision[]
  for (const revision of revisions) {
    if (!itemIds.has(revision.itemId)) warnings.push({ code: 'orphan-record', table: 'revisions', recordId: revision.id })
  }
  const settings: ArchiveSetting[] = []
  for (const setting of records.get('settings') as ArchiveSetting[]) {
    if (looksSecret(setting.key)) warnings.push({ code: 'secret-dropped', table: 'settings', recordId: setting.key })
    else settings.push(setting)
  }
  const tables: Record<string, Record<string, unknown>[]> = {}
  for (const [name, list] of records) {
    if (!(CORE_TABLES as readonly string[]).includes(name)) tables[name] = list as Record<string, unknown>[]
  }
  ticker.report('done')
  return {
    manifest,
    sourceFormatVersion: opened.sourceFormatVersion,
    items,
    revisions,
    attachments,
    settings,
    tables,
    ignoredEntries: opened.ignoredEntries,
    warnings,
  }
}

// Writes a `.baluchon` archive (layout: docs/archive-format.md). Pure: runs in a Web Worker, in main or
// in Node; the caller reads the database and writes the bytes. Every record is checked against the
// same schemas the reader uses, so Baluchon never writes an archive it would refuse to restore.
import type { z } from 'zod'
import type { Item, ItemKind } from '../items'
import { ArchiveError } from './errors'
import {
  ARCHIVE_FORMAT,
  CONTENT_DIR,
  CORE_TABLES,
  CURRENT_FORMAT_VERSION,
  MANIFEST_PATH,
  SHARD_MAX_BYTES,
  SHARD_MAX_RECORDS,
  TABLE_NAME_PATTERN,
  attachmentPath,
  isCompressedMedia,
  shardPath,
} from './format'
import { sha256Hex } from './hash'
import { utf8Bytes, utf8JsonArray } from './utf8'
import { jsonProblem, stringifyRecord } from './json'
import { FORBIDDEN_NAMES, isSafeContentPath } from './paths'
import { Ticker, type ArchiveJobOptions, type ArchivePhase } from './progress'
import {
  attachmentMetaSchema,
  describeIssue,
  extensionRecordSchema,
  itemSchema,
  linkItemSchema,
  manifestProblem,
  manifestV1Schema,
  noteItemSchema,
  postItemSchema,
  recordIdOf,
  revisionSchema,
  settingSchema,
  talkItemSchema,
  type ArchiveAttachmentMeta,
  type ArchiveManifest,
  type ArchiveRevision,
  type ArchiveSetting,
} from './schema'
import { findSecretKey, looksSecret } from './secrets'
import { ZipWriter, type CompressedEntry, type EntryCompressor, type ZipSink, type ZipWriterOptions } from './zipWriter'

/** Records read in pages (a Dexie table read in chunks), so a big database is never all in memory. */
export interface PagedRecords<T> {
  /** How many records `pages()` will yield (for the progress bar). */
  count: number
  pages(): AsyncIterable<readonly T[]>
}

export type RecordSource<T> = readonly T[] | PagedRecords<T>

/** An attachment as the database holds it: metadata and its bytes. */
export interface ArchiveAttachmentInput extends ArchiveAttachmentMeta {
  data: Blob | Uint8Array
}

/**
 * Everything an archive holds. There is deliberately no place for credentials: publishing secrets
 * never leave main's encrypted store (and settings that look secret are refused anyway).
 */
export interface ArchiveInput {
  appVersion: string
  /** Epoch ms; stamped in the manifest and on every entry (same input and time give the same bytes). */
  createdAt: number
  items: RecordSource<Item>
  revisions: RecordSource<ArchiveRevision>
  attachments: RecordSource<ArchiveAttachmentInput>
  settings: RecordSource<ArchiveSetting>
  /** Extension tables (e.g. a publication ledger): name -> records (plain JSON objects). */
  tables?: Readonly<Record<string, RecordSource<Record<string, unknown>>>>
}

export interface MarkdownFile {
  /** Path inside `content/`, e.g. `posts/my-post.md`. Unsafe or colliding paths are replaced or numbered. */
  path: string
  text: string
}

export interface MarkdownContext {
  /** Where an attachment's bytes are in the archive (e.g. `attachments/01J….png`), to link images relatively. */
  attachmentPath(id: string): string | undefined
}

/** Renders one item for the human-readable `content/` folder; null leaves it out. Trashed items are passed too. */
export type MarkdownRenderer = (item: Item, context: MarkdownContext) => MarkdownFile | null

/** One item's `content/` file, rendered elsewhere (a pool worker) with its checksums. */
export interface RenderedMarkdown {
  id: string
  kind: ItemKind
  /** Proposed path inside `content/` (numbered or replaced here, as MarkdownFile.path). */
  path: string
  /** The UTF-8 text. */
  data: Uint8Array
  crc: number
  sha256: string
}

/**
 * Renders the `content/` files of one shard of items: `shard` is the JSON text of the items shard exactly as
 * the archive holds it (records already checked), `attachmentPaths` the attachment id -> entry path map. The
 * results are written in the order returned, after that shard.
 */
export type ShardMarkdownRenderer = (shard: Uint8Array, attachmentPaths: ReadonlyMap<string, string>) => Promise<readonly RenderedMarkdown[]>

/** One shard of the items table made elsewhere (a pool worker): its JSON bytes, compressed, and its content/ files. */
export interface PreparedItemsShard {
  /** The shard's JSON as the archive holds it: `[\n` records joined by `,\n` then `\n]\n`, UTF-8. */
  json: Uint8Array
  /** Its CRC-32, raw DEFLATE bytes (null: stored) and SHA-256. */
  entry: CompressedEntry & { sha256: string }
  /** The content/ files of its items, written after it in this order (see RenderedMarkdown). */
  markdown: readonly RenderedMarkdown[]
}

/**
 * Turns the JSON texts of a shard's records (checked and serialised here, in order) into a PreparedItemsShard,
 * off this thread: joining, encoding, deflating at `level`, hashing and rendering the Markdown are most of an
 * export's work, and this thread is then free to read and check the next shard. It must throw the ArchiveError of
 * `checkItemRecord` for a record that fails it: records written with their stored body (`storedItemBody`) are
 * checked only there.
 */
export type ItemsShardPreparer = (records: readonly string[], attachmentPaths: ReadonlyMap<string, string>, level: number) => Promise<PreparedItemsShard>

/**
 * The checks every item record passes before it is written (its schema, no field that looks like a credential, JSON
 * that survives the trip), for an item parsed from its record's JSON elsewhere (see `storedItemBody`); throws the
 * ArchiveError the writer would have thrown.
 */
export function checkItemRecord(item: unknown): void {
  check(itemSchema, item, 'items')
  checkExtraFields(item as object, 'items')
  const problem = jsonProblem(item)
  if (problem !== null) {
    const recordId = recordIdOf(item)
    throw new ArchiveError(problem.startsWith('key ') ? 'forbidden-key' : 'unserializable', { table: 'items', detail: problem, ...(recordId === undefined ? {} : { recordId }) })
  }
}

export interface BuildArchiveOptions extends ArchiveJobOptions {
  renderMarkdown?: MarkdownRenderer
  /**
   * Instead of `renderMarkdown`: renders a shard of items at a time, off this thread (the backup export's pool
   * workers), while the next shard is built here. The content/ files are stored (`contentCompressionLevel` 0).
   */
  renderMarkdownShard?: ShardMarkdownRenderer
  /**
   * Instead of both: the items' shards are joined, encoded, deflated, hashed and their Markdown rendered by this
   * (the backup export's pool), a shard at a time while the next is read and checked here. content/ files are stored.
   */
  prepareItemsShard?: ItemsShardPreparer
  /**
   * With `prepareItemsShard`: an item's body as the JSON text it is stored as, or undefined once something parsed it
   * (the database keeps bodies as text and parses them only when read: src/db/bodyAsJson.ts). Such an item's record
   * is written with that text as is, and it is checked by the preparer from the shard's JSON (`checkItemRecord`)
   * instead of here. Why: the checks and the serialisation here parsed each body and wrote it back to the same text,
   * the largest part of this thread's work in a 10,000-item export, while the preparer parses the shard anyway.
   */
  storedItemBody?: (item: Item) => string | undefined
  /**
   * Items shards rendered or prepared elsewhere at once (default 2). The backup export, whose shards go to the pool
   * and then to main to be deflated, keeps more in flight so a pool worker is not idle while main deflates its last.
   */
  shardsInFlight?: number
  /** Deflate level for JSON: 1 (fast, the default) to 9 (small); 0 stores. Images are always stored. */
  compressionLevel?: number
  /**
   * Deflate level for the content/ Markdown files; 0 (the default) stores them. They are a copy for
   * people, one small file per item, and deflating tens of thousands of small files costs as much as
   * all the JSON (fflate sets up ~200 KB of tables per call): storing them makes a 50,000-item export
   * about a third faster for a larger file. Automatic backups, kept N at a time, may prefer 1.
   */
  contentCompressionLevel?: number
  /** Shard sizes (tests use small ones to exercise sharding). */
  shardMaxRecords?: number
  shardMaxBytes?: number
  /** 'always' writes Zip64 records even for small archives (tests). */
  zip64?: 'auto' | 'always'
  /**
   * Compresses entries; defaults to fflate on the calling thread. Pass one backed by a worker pool
   * (or Node's zlib in main) to compress on several cores: deflate is most of an export's time.
   */
  compress?: EntryCompressor
  /** Entries compressed at once with an asynchronous `compress` (default 8). */
  concurrency?: number
  /** Where the bytes of entries `compress` left held elsewhere go (see ZipWriterOptions.placeHeld). */
  placeHeld?: ZipWriterOptions['placeHeld']
}

export interface ArchiveSummary {
  manifest: ArchiveManifest
  /** Size of the whole archive in bytes. */
  size: number
}

function sourceCount(source: RecordSource<unknown>): number {
  return 'pages' in source ? source.count : source.length
}

async function* recordsOf<T>(source: RecordSource<T>): AsyncIterable<T> {
  if ('pages' in source) {
    for await (const page of source.pages()) yield* page
  } else {
    yield* source as readonly T[]
  }
}

/** Attachments whose bytes are read this far ahead of the one being written (see withBytesAhead). */
const BYTES_AHEAD = 8

function bytesOfAttachment(record: ArchiveAttachmentInput): Promise<Uint8Array> {
  const { data } = record
  if (data instanceof Uint8Array) return Promise.resolve(data)
  if (typeof (data as Blob | undefined)?.arrayBuffer !== 'function') {
    return Promise.reject(new ArchiveError('invalid-record', { table: 'attachments', recordId: record.id, detail: 'no bytes' }))
  }
  return data.arrayBuffer().then((buffer) => new Uint8Array(buffer))
}

/**
 * The attachments with their bytes being read a few records ahead. Why: an image stored in IndexedDB comes back as
 * a Blob whose bytes are fetched from the browser process; read one after another, the 200 images of the bench's
 * base kept the export waiting 0.5-1.5 s before its first chunk. Records still come in order, each one's failure
 * (no bytes, a read that fails) reported when its turn comes, and at most BYTES_AHEAD images are held.
 */
async function* withBytesAhead(
  records: AsyncIterable<ArchiveAttachmentInput>,
): AsyncIterable<{ record: ArchiveAttachmentInput; bytes: Promise<Uint8Array> }> {
  const queue: { record: ArchiveAttachmentInput; bytes: Promise<Uint8Array> }[] = []
  for await (const record of records) {
    const bytes = bytesOfAttachment(record)
    // Awaited in turn by the caller; until then a failure must not count as unhandled.
    bytes.catch(() => undefined)
    queue.push({ record, bytes })
    if (queue.length > BYTES_AHEAD) yield queue.shift()!
  }
  while (queue.length > 0) yield queue.shift()!
}

/**
 * Entries written so far and their checksums: computed by the compressor when it can (a worker pool
 * hashes off the main thread), otherwise on the platform's crypto threads while the export goes on.
 */
class Entries {
  readonly checksums = new Map<string, { sha256: string; size: number }>()
  private hashing: Promise<void>[] = []
  constructor(private readonly writer: ZipWriter) {}

  async add(path: string, bytes: Uint8Array, level: number, stored?: { crc: number; sha256: string }): Promise<void> {
    const checksum = { sha256: '', size: bytes.length }
    this.checksums.set(path, checksum)
    const onWritten = (written: CompressedEntry): void => {
      if (written.sha256 !== undefined) checksum.sha256 = written.sha256
      else this.hashing.push(sha256Hex(bytes).then((hex) => void (checksum.sha256 = hex)))
    }
    if (stored) await this.writer.addStored(path, bytes, stored.crc, stored.sha256, onWritten)
    else await this.writer.add(path, bytes, level, onWritten)
    await this.settleSome()
  }

  /** An entry compressed and hashed elsewhere (see PreparedItemsShard). */
  async addCompressed(path: string, bytes: Uint8Array, entry: CompressedEntry & { sha256: string }): Promise<void> {
    this.checksums.set(path, { sha256: entry.sha256, size: bytes.length })
    await this.writer.addCompressed(path, bytes, entry)
  }

  private async settleSome(): Promise<void> {
    // Digests of many small files cost little each but add up when awaited one by one; a bounded
    // number in flight keeps the copies Web Crypto makes of their bytes bounded too.
    if (this.hashing.length >= 256) await this.settleHashes()
  }

  private async settleHashes(): Promise<void> {
    const pending = this.hashing
    this.hashing = []
    await Promise.all(pending)
  }

  /** Every entry written and hashed. */
  async settle(): Promise<void> {
    await this.writer.drain()
    await this.settleHashes()
  }
}

/** Gathers one table's records into JSON shards (docs/archive-format.md, "Tables"). */
class TableWriter {
  readonly files: string[] = []
  count = 0
  private parts: string[] = []
  private chars = 0
  private readonly ids = new Set<string>()

  constructor(
    private readonly name: string,
    private readonly entries: Entries,
    private readonly level: number,
    private readonly maxRecords: number,
    private readonly maxChars: number,
    /** Called with each shard's bytes as it is written (the items' Markdown is rendered from them). */
    private readonly onShard?: (bytes: Uint8Array) => void,
    /** Instead of encoding and adding a shard here: its path and records' JSON texts go to this (prepared elsewhere). */
    private readonly onRecords?: (path: string, records: string[]) => void,
  ) {}

  async add(record: unknown): Promise<void> {
    const recordId = recordIdOf(record)
    if (recordId !== undefined) {
      if (this.ids.has(recordId)) throw new ArchiveError('duplicate-id', { table: this.name, recordId })
      this.ids.add(recordId)
    }
    await this.addText(stringifyRecord(record, recordId === undefined ? { table: this.name } : { table: this.name, recordId }))
  }

  /** A record whose body is the JSON text `body` (see storedItemBody): the rest serialised and checked here. */
  async addWithBody(record: object, body: string): Promise<void> {
    const recordId = recordIdOf(record)
    if (recordId !== undefined) {
      if (this.ids.has(recordId)) throw new ArchiveError('duplicate-id', { table: this.name, recordId })
      this.ids.add(recordId)
    }
    // Every field but the body, copied without reading the body (reading it parses it).
    const rest: Record<string, unknown> = {}
    for (const key of Object.keys(record)) if (key !== 'body') rest[key] = (record as Record<string, unknown>)[key]
    const text = stringifyRecord(rest, recordId === undefined ? { table: this.name } : { table: this.name, recordId })
    // Last, where JSON.stringify puts the body of a row read from the database (bodyAsJson defines it last).
    await this.addText(`${text.length > 2 ? `${text.slice(0, -1)},` : '{'}"body":${body}}`)
  }

  private async addText(json: string): Promise<void> {
    if (this.parts.length > 0 && (this.parts.length >= this.maxRecords || this.chars + json.length > this.maxChars)) await this.flush()
    this.parts.push(json)
    this.chars += json.length + 2
    this.count++
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return
    const path = shardPath(this.name, this.files.length)
    this.files.push(path)
    if (this.onRecords) {
      const records = this.parts
      this.parts = []
      this.chars = 0
      this.onRecords(path, records)
      return
    }
    const bytes = utf8JsonArray(this.parts)
    this.parts = []
    this.chars = 0
    this.onShard?.(bytes)
    await this.entries.add(path, bytes, this.level)
  }
}

function check(schema: z.ZodType, record: unknown, table: string): void {
  const result = schema.safeParse(record)
  if (!result.success) {
    const recordId = recordIdOf(record)
    throw new ArchiveError('invalid-record', { table, detail: describeIssue(result.error), ...(recordId === undefined ? {} : { recordId }) })
  }
}

function checkNoSecret(record: unknown, table: string): void {
  const key = table === 'settings' && typeof (record as ArchiveSetting).key === 'string' ? (record as ArchiveSetting).key : undefined
  if (key !== undefined && looksSecret(key)) throw new ArchiveError('secret', { table, recordId: key })
  const nested = findSecretKey(table === 'settings' ? (record as ArchiveSetting).value : record)
  if (nested !== null) {
    const recordId = recordIdOf(record)
    throw new ArchiveError('secret', { table, detail: `key ${JSON.stringify(nested)}`, ...(recordId === undefined ? {} : { recordId }) })
  }
}

/** Fields the app's records have; any other top-level field is one a future version added, checked by name. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set(
  [postItemSchema, talkItemSchema, linkItemSchema, noteItemSchema, revisionSchema, attachmentMetaSchema].flatMap((schema) => Object.keys(schema.shape)),
)

/** Items, revisions and attachments keep unknown fields (lossless): none of them may be a credential. */
function checkExtraFields(record: object, table: string): void {
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(key) && looksSecret(key)) {
      const recordId = recordIdOf(record)
      throw new ArchiveError('secret', { table, detail: `field ${JSON.stringify(key)}`, ...(recordId === undefined ? {} : { recordId }) })
    }
  }
}

/**
 * Where an item's Markdown goes: the renderer's path when it is safe on every system and unique
 * (ignoring case, for macOS and Windows), numbered on collision (`a.md`, `a-2.md`…), else
 * `<kind>/<id>.md`. A strange title never makes an export fail.
 */
function uniqueContentPath(proposed: string, item: Pick<Item, 'id' | 'kind'>, used: Set<string>): string {
  const safeId = item.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || 'item'
  for (const base of [proposed, `${item.kind}/${safeId}.md`]) {
    if (!isSafeContentPath(CONTENT_DIR + base)) continue
    const slash = base.lastIndexOf('/')
    const dot = base.lastIndexOf('.')
    const [stem, ext] = dot > slash + 1 ? [base.slice(0, dot), base.slice(dot)] : [base, '']
    for (let n = 1; n <= 10_000; n++) {
      const candidate = n === 1 ? base : `${stem}-${n}${ext}`
      if (!isSafeContentPath(CONTENT_DIR + candidate)) break
      if (!used.has(candidate.toLowerCase())) {
        used.add(candidate.toLowerCase())
        return CONTENT_DIR + candidate
      }
    }
  }
  for (let n = used.size; ; n++) {
    const candidate = `items/${n}.md`
    if (!used.has(candidate)) {
      used.add(candidate)
      return CONTENT_DIR + candidate
    }
  }
}

/**
 * Writes the archive to `sink` chunk by chunk (main appends them to a temporary file and renames it
 * when this resolves; on a throw, including `aborted`, it deletes the temporary file).
 */
export async function writeArchive(input: ArchiveInput, sink: ZipSink, options: BuildArchiveOptions = {}): Promise<ArchiveSummary> {
  try {
    return await write(input, sink, options)
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    // The sink (disk full), a compressor, a page of records that failed to load: typed for the UI.
    throw new ArchiveError('write-failed', { detail: error instanceof Error ? error.message.slice(0, 200) : 'failed' }, { cause: error })
  }
}

async function write(input: ArchiveInput, sink: ZipSink, options: BuildArchiveOptions): Promise<ArchiveSummary> {
  const level = Math.min(9, Math.max(0, Math.round(options.compressionLevel ?? 1)))
  const contentLevel = Math.min(9, Math.max(0, Math.round(options.contentCompressionLevel ?? 0)))
  const maxRecords = options.shardMaxRecords ?? SHARD_MAX_RECORDS
  const maxChars = options.shardMaxBytes ?? SHARD_MAX_BYTES
  const ticker = new Ticker(options)
  const extensionTables = Object.entries(input.tables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [name] of extensionTables) {
    if (!TABLE_NAME_PATTERN.test(name) || FORBIDDEN_NAMES.has(name) || (CORE_TABLES as readonly string[]).includes(name)) {
      throw new ArchiveError('invalid-record', { table: name, detail: 'invalid extension table name' })
    }
  }
  ticker.total =
    2 * sourceCount(input.items) +
    sourceCount(input.revisions) +
    sourceCount(input.attachments) +
    sourceCount(input.settings) +
    extensionTables.reduce((sum, [, source]) => sum + sourceCount(source), 0)
  if (!Number.isFinite(input.createdAt)) throw new ArchiveError('invalid-manifest', { detail: 'createdAt is not a time' })
  ticker.report('attachments')

  const writer = new ZipWriter(sink, {
    mtime: input.createdAt,
    zip64: options.zip64 ?? 'auto',
    ...(options.compress ? { compress: options.compress } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.placeHeld ? { placeHeld: options.placeHeld } : {}),
  })
  const entries = new Entries(writer)
  const table = (name: string): TableWriter => new TableWriter(name, entries, level, maxRecords, maxChars)
  const tables = new Map<string, TableWriter>()

  // Attachments first: the Markdown renderer needs to know where each image is.
  const attachmentPaths = new Map<string, string>()
  const attachments = table('attachments')
  for await (const { record, bytes: reading } of withBytesAhead(recordsOf(input.attachments))) {
    const { data: _data, ...meta } = record
    check(attachmentMetaSchema, meta, 'attachments')
    checkExtraFields(meta, 'attachments')
    const bytes = await reading
    const path = attachmentPath(meta.id, meta.mime)
    if (attachmentPaths.has(meta.id)) throw new ArchiveError('duplicate-id', { table: 'attachments', recordId: meta.id })
    attachmentPaths.set(meta.id, path)
    await entries.add(path, bytes, isCompressedMedia(meta.mime) ? 0 : level)
    await attachments.add(meta)
    await ticker.advance('attachments', 1)
  }
  await attachments.flush()
  tables.set('attachments', attachments)

  const simpleTables: [string, RecordSource<unknown>, ArchivePhase, (record: unknown) => void][] = [
    ['settings', input.settings, 'settings', (r) => (check(settingSchema, r, 'settings'), checkNoSecret(r, 'settings'))],
    ...extensionTables.map(([name, source]): [string, RecordSource<unknown>, ArchivePhase, (record: unknown) => void] => [
      name,
      source,
      'tables',
      (r) => (check(extensionRecordSchema, r, name), checkNoSecret(r, name)),
    ]),
    ['revisions', input.revisions, 'revisions', (r) => (check(revisionSchema, r, 'revisions'), checkExtraFields(r as object, 'revisions'))],
  ]
  for (const [name, source, phase, validate] of simpleTables) {
    const writerOfTable = table(name)
    for await (const record of recordsOf(source)) {
      validate(record)
      await writerOfTable.add(record)
      await ticker.advance(phase, 1)
    }
    await writerOfTable.flush()
    tables.set(name, writerOfTable)
  }

  // Items, with their Markdown beside them: rendered here item by item, or by `renderMarkdownShard` a shard at a
  // time elsewhere while the next shard is built (its files are written after that shard, in the order returned).
  const kinds: Record<ItemKind, number> = { post: 0, talk: 0, link: 0, note: 0 }
  let trashed = 0
  let contentCount = 0
  const usedContentPaths = new Set<string>()
  const context: MarkdownContext = { attachmentPath: (id) => attachmentPaths.get(id) }
  const prepareShard = options.prepareItemsShard
  const shardsAhead = Math.max(1, Math.round(options.shardsInFlight ?? 2) - 1)
  const renderShard = prepareShard ? undefined : options.renderMarkdownShard
  // Each pending shard: its Markdown (rendered elsewhere), and the shard itself first when it was prepared elsewhere.
  const rendering: Promise<{ shard?: { path: string; prepared: PreparedItemsShard }; markdown: readonly RenderedMarkdown[] }>[] = []
  const pending = <T,>(promise: Promise<T>): Promise<T> => {
    // Awaited in turn below; a failure until then must not count as unhandled.
    promise.catch(() => undefined)
    return promise
  }
  const items = new TableWriter(
    'items',
    entries,
    level,
    maxRecords,
    maxChars,
    renderShard ? (shard) => void rendering.push(pending(renderShard(shard, attachmentPaths).then((markdown) => ({ markdown })))) : undefined,
    prepareShard
      ? (path, records) =>
          void rendering.push(pending(prepareShard(records, attachmentPaths, level).then((prepared) => ({ shard: { path, prepared }, markdown: prepared.markdown }))))
      : undefined,
  )
  const writeRendered = async ({ shard, markdown }: { shard?: { path: string; prepared: PreparedItemsShard }; markdown: readonly RenderedMarkdown[] }): Promise<void> => {
    if (shard) await entries.addCompressed(shard.path, shard.prepared.json, shard.prepared.entry)
    for (const file of markdown) {
      await entries.add(uniqueContentPath(file.path, file, usedContentPaths), file.data, 0, { crc: file.crc, sha256: file.sha256 })
      contentCount++
    }
  }
  const storedBody = prepareShard ? options.storedItemBody : undefined
  for await (const item of recordsOf(input.items)) {
    const body = storedBody?.(item)
    if (body === undefined) {
      check(itemSchema, item, 'items')
      checkExtraFields(item, 'items')
      await items.add(item)
    } else {
      // Checked by prepareShard from the shard's JSON (checkItemRecord), where the body is parsed anyway.
      await items.addWithBody(item, body)
    }
    // Own kinds only: an item left to the preparer to check is not checked yet (and fails the export there).
    if (Object.hasOwn(kinds, item.kind)) kinds[item.kind]++
    if (item.trashed === 1) trashed++
    if (!renderShard && !prepareShard) {
      const file = options.renderMarkdown?.(item, context)
      if (file) {
        await entries.add(uniqueContentPath(file.path, item, usedContentPaths), utf8Bytes(file.text), contentLevel)
        contentCount++
      }
    }
    // Shards rendering while the next is built (one by default); an older one is written as soon as it is waited for.
    while (rendering.length > shardsAhead) await writeRendered(await rendering.shift()!)
    await ticker.advance('items', 2)
  }
  await items.flush()
  while (rendering.length > 0) await writeRendered(await rendering.shift()!)
  tables.set('items', items)
  await entries.settle()

  const ordered = [...CORE_TABLES, ...extensionTables.map(([name]) => name)]
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: CURRENT_FORMAT_VERSION,
    appVersion: input.appVersion,
    createdAt: new Date(input.createdAt).toISOString(),
    counts: {
      kinds,
      trashed,
      tables: Object.fromEntries(ordered.map((name) => [name, tables.get(name)!.count])),
      content: contentCount,
    },
    tables: Object.fromEntries(ordered.map((name) => [name, { files: tables.get(name)!.files }])),
    entries: Object.fromEntries(entries.checksums),
  }
  // Self-check: what we write must be what we read.
  const parsed = manifestV1Schema.safeParse(manifest)
  if (!parsed.success) throw new ArchiveError('invalid-manifest', { detail: describeIssue(parsed.error) })
  const problem = manifestProblem(manifest)
  if (problem) throw new ArchiveError('invalid-manifest', { detail: problem })
  ticker.report('manifest')
  await writer.add(MANIFEST_PATH, utf8Bytes(JSON.stringify(manifest, null, 2) + '\n'), level)
  const size = await writer.finish()
  ticker.report('done')
  return { manifest, size }
}

/** The whole archive in memory (tests, automatic backups of small bases, workers handing bytes to main). */
export async function buildArchive(input: ArchiveInput, options: BuildArchiveOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const { size } = await writeArchive(input, (chunk) => void chunks.push(chunk), options)
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

// The content/ Markdown of a shard of items, rendered in a pool worker of the export (archive.worker.ts): the
// shard's JSON (exactly the bytes the archive holds, its records already checked by the export) is parsed here,
// each item rendered by the same renderer as on the export's own thread, encoded, and its CRC-32 and SHA-256
// computed, so the export worker only stores the bytes.
import {
  ArchiveError,
  checkItemRecord,
  isArchiveError,
  type ArchiveErrorCode,
  type ArchiveErrorInfo,
  type ItemsShardPreparer,
  type PreparedItemsShard,
  type RenderedMarkdown,
  type ShardMarkdownRenderer,
} from '../../core/archive'
import { crc32 } from '../../core/archive/crc32'
import { fflateCompressor, type EntryCompressor } from '../../core/archive/zipWriter'
import { sha256Hex } from '../../core/archive/hash'
import { utf8Bytes, utf8BytesEach, utf8JsonArray } from '../../core/archive/utf8'
import type { Item } from '../../core/items'
import type { TaskAnswer } from '../../core/archive/poolWorker'
import { renderItemMarkdown } from './markdown'

export interface RenderShardTask {
  type: 'render-markdown'
  shard: Uint8Array
  attachmentPaths: [string, string][]
}

const decoder = new TextDecoder()

export interface ItemsShardTask {
  type: 'items-shard'
  /**
   * The shard's bytes as the archive holds them (shardText, UTF-8), handed over to the pool worker (not copied) and
   * handed back with the result. Why not its text: cloning a string of 4 M characters into a message took the
   * export's thread about 100 ms a shard (V8's serialiser copies a two-byte string slowly; 1.5 s of a 10,000-item
   * export in a trace), where encodeInto takes about 10 ms and a transfer nothing. Not the records' texts either:
   * cloning an array of 1,000 strings was slower still (each flattened and copied on its own).
   */
  json: Uint8Array
  attachmentPaths: [string, string][]
  level: number
  /** Neither deflate nor CRC here: the caller has them done by main's zlib (see pooledItemsShardPreparer). */
  deflateElsewhere?: boolean
}

/** An items shard made in a pool worker, but left for main to deflate: its bytes, SHA-256 and content/ files. */
export interface HashedItemsShard {
  json: Uint8Array
  sha256: string
  markdown: readonly RenderedMarkdown[]
}

export function renderShard(shard: Uint8Array, attachmentPaths: ReadonlyMap<string, string>): Promise<RenderedMarkdown[]> {
  return renderItems(JSON.parse(decoder.decode(shard)) as Item[], attachmentPaths)
}

/** The text of an items shard as the archive holds it, from its records' JSON texts in order (its bytes: utf8JsonArray). */
export function shardText(records: readonly string[]): string {
  return `[\n${records.join(',\n')}\n]\n`
}

/**
 * A shard of the items table from its records' JSON texts (checked and serialised by the export, in order): the
 * shard's bytes exactly as the archive holds them, deflated, hashed, and the content/ Markdown of its items.
 */
export async function prepareItemsShard(records: readonly string[], attachmentPaths: ReadonlyMap<string, string>, level: number): Promise<PreparedItemsShard> {
  const text = shardText(records)
  return prepareShardBytes(utf8Bytes(text), attachmentPaths, level, text)
}

/** As prepareItemsShard, from the shard's bytes and their text. */
async function prepareShardBytes(json: Uint8Array, attachmentPaths: ReadonlyMap<string, string>, level: number, text: string): Promise<PreparedItemsShard> {
  const { sha256, markdown } = await hashShardBytes(json, attachmentPaths, text)
  // Level 0 stores, as the writer's own `add` does.
  const { crc, data } = level > 0 ? await fflateCompressor(json, level) : { crc: crc32(json), data: null }
  return { json, entry: { crc, data, sha256 }, markdown }
}

/**
 * The shard's bytes, their SHA-256 and its items' content/ files: everything but the deflate. Every item is checked
 * here as the writer checks it (checkItemRecord): the export writes items with their body as stored without
 * parsing it, so this parse of the shard is where their bodies are checked (see storedItemBody in core/archive).
 */
export async function hashItemsShard(records: readonly string[], attachmentPaths: ReadonlyMap<string, string>): Promise<HashedItemsShard> {
  const text = shardText(records)
  return hashShardBytes(utf8Bytes(text), attachmentPaths, text)
}

/** As hashItemsShard, from the shard's bytes and their text. */
async function hashShardBytes(json: Uint8Array, attachmentPaths: ReadonlyMap<string, string>, text: string): Promise<HashedItemsShard> {
  const items = JSON.parse(text) as Item[]
  for (const item of items) checkItemRecord(item)
  const hashing = sha256Hex(json)
  const markdown = renderItems(items, attachmentPaths)
  return { json, sha256: await hashing, markdown: await markdown }
}

/** A record that failed its checks in a pool worker, sent back as data: a thrown error would reach the export as its message alone. */
interface RefusedShard {
  refused: { code: ArchiveErrorCode; info: ArchiveErrorInfo }
}

function refusal(error: unknown): TaskAnswer {
  if (!isArchiveError(error)) throw error
  return { result: { refused: { code: error.code, info: { ...error.info } } } satisfies RefusedShard }
}

function throwIfRefused<T>(result: T | RefusedShard): T {
  if (typeof result === 'object' && result !== null && 'refused' in result) throw new ArchiveError(result.refused.code, result.refused.info)
  return result
}

async function renderItems(items: readonly Item[], attachmentPaths: ReadonlyMap<string, string>): Promise<RenderedMarkdown[]> {
  const context = { attachmentPath: (id: string) => attachmentPaths.get(id) }
  const rendered: { item: Item; path: string; text: string }[] = []
  for (const item of items) {
    const file = renderItemMarkdown(item, context)
    if (file) rendered.push({ item, path: file.path, text: file.text })
  }
  // Views into one buffer for the whole shard (see utf8BytesEach): one buffer handed back instead of one per file.
  const bytes = utf8BytesEach(rendered.map((file) => file.text))
  const files: Omit<RenderedMarkdown, 'sha256'>[] = rendered.map(({ item, path }, i) => {
    const data = bytes[i]!
    return { id: item.id, kind: item.kind, path, data, crc: crc32(data) }
  })
  // Digests of the whole shard at once: Web Crypto works on them in parallel instead of one after another.
  const digests = await Promise.all(files.map((file) => sha256Hex(file.data)))
  return files.map((file, i) => ({ ...file, sha256: digests[i]! }))
}

/** The export's tasks in a pool worker: a shard's Markdown ('render-markdown') or a whole items shard ('items-shard'). */
export async function renderShardTask(task: unknown): Promise<TaskAnswer> {
  return answerShardTask(task).catch(refusal)
}

async function answerShardTask(task: unknown): Promise<TaskAnswer> {
  const { type } = task as RenderShardTask | ItemsShardTask
  if (type === 'items-shard' && (task as ItemsShardTask).deflateElsewhere === true) {
    const { json, attachmentPaths } = task as ItemsShardTask
    const result = await hashShardBytes(json, new Map(attachmentPaths), decoder.decode(json))
    return { result, transfer: [...new Set([result.json.buffer as ArrayBuffer, ...result.markdown.map((file) => file.data.buffer as ArrayBuffer)])] }
  }
  if (type === 'items-shard') {
    const { json, attachmentPaths, level } = task as ItemsShardTask
    const result = await prepareShardBytes(json, new Map(attachmentPaths), level, decoder.decode(json))
    // Handed back, not copied: every buffer here was made by this task (the deflated bytes are their own buffer or none).
    const buffers = new Set<ArrayBuffer>([result.json.buffer as ArrayBuffer, ...result.markdown.map((file) => file.data.buffer as ArrayBuffer)])
    if (result.entry.data !== null && result.entry.data.byteOffset === 0 && result.entry.data.byteLength === result.entry.data.buffer.byteLength) {
      buffers.add(result.entry.data.buffer as ArrayBuffer)
    }
    return { result, transfer: [...buffers] }
  }
  if (type !== 'render-markdown') throw new Error(`unknown task ${String(type)}`)
  const { shard, attachmentPaths } = task as RenderShardTask
  const result = await renderShard(shard, new Map(attachmentPaths))
  // Once each: the files' bytes share buffers (see renderItems), and a buffer listed twice fails the hand-over.
  return { result, transfer: [...new Set(result.map((file) => file.data.buffer as ArrayBuffer))] }
}

/** The export's side: a renderer that hands each shard to the pool (a copy: the writer still stores the shard). */
export function pooledShardRenderer(run: <T>(task: unknown) => Promise<T>): ShardMarkdownRenderer {
  return (shard, attachmentPaths) => run<RenderedMarkdown[]>({ type: 'render-markdown', shard, attachmentPaths: [...attachmentPaths] } satisfies RenderShardTask)
}

/**
 * The export's side: a preparer that joins each items shard's records here, encodes them and hands the bytes over to
 * the pool (see ItemsShardTask.json), which parses, checks, hashes and renders them and hands them back. With
 * `deflate` (main's zlib), the pool does not deflate, and the shard is deflated by `deflate`.
 */
export function pooledItemsShardPreparer(run: <T>(task: unknown, transfer?: ArrayBuffer[]) => Promise<T>, deflate?: EntryCompressor): ItemsShardPreparer {
  return async (records, attachmentPaths, level) => {
    const json = utf8JsonArray(records)
    const task = (deflateElsewhere: boolean): ItemsShardTask => ({
      type: 'items-shard',
      json,
      attachmentPaths: [...attachmentPaths],
      level,
      ...(deflateElsewhere ? { deflateElsewhere } : {}),
    })
    if (!deflate || level === 0) return throwIfRefused(await run<PreparedItemsShard | RefusedShard>(task(false), [json.buffer]))
    const { json: back, sha256, markdown } = throwIfRefused(await run<HashedItemsShard | RefusedShard>(task(true), [json.buffer]))
    // The deflated bytes, or their place when main holds them (CompressedEntry.held).
    const deflated = await deflate(back, level)
    return { json: back, entry: { ...deflated, sha256 }, markdown }
  }
}

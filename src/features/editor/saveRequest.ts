// What the save worker does with one request (save.worker.ts), apart from the worker, so it can be tested.
import { docToPlainText, type RichDoc } from '../../core/doc'
import { previewSource, ROW_PREVIEW_CHARS } from '../../core/text'
import type { BaluchonDb } from '../../db/schema'
import { isStorageFullError } from '../attachments/errors'
import { saveContent } from '../items/repository'
import type { BodyBlocks, SaveBase, SaveReply, SaveRequest } from './saveProtocol'

/** Items whose last block list is kept (the most recently saved last): an editor saves one item at a time. */
const KEPT_ITEMS = 8
/** Each item's last block list, by database and item. */
const lists = new Map<string, { seq: number; blocks: string[] }>()

/** The whole block list `body` stands for, kept as the item's last; null when it is written against a list not kept. */
function blockList(key: string, body: BodyBlocks): string[] | null {
  let blocks = body.blocks
  if (body.base !== undefined) {
    const base = lists.get(key)
    if (!base || base.seq !== body.base) return null
    const prefix = body.prefix ?? 0
    const suffix = body.suffix ?? 0
    if (prefix + suffix > base.blocks.length) return null
    blocks = [...base.blocks.slice(0, prefix), ...body.blocks, ...base.blocks.slice(base.blocks.length - suffix)]
  }
  lists.delete(key)
  lists.set(key, { seq: body.seq, blocks })
  if (lists.size > KEPT_ITEMS) lists.delete(lists.keys().next().value!)
  return blocks
}

/**
 * The request's body as JSON text, or null when its blocks are written against a list no longer kept. Run as
 * soon as the request arrives, before any other request is handled: each is written against the one before.
 */
export function requestBodyJson(request: SaveRequest): string | null {
  const body = request.bodyBlocks
  if (!body) return request.bodyJson ?? null
  const blocks = blockList(`${request.dbName}\u0000${request.itemId}`, body)
  if (!blocks) return null
  if (!blocks.length) return body.head + body.tail
  const parts = blocks.slice()
  parts[0] = body.head + parts[0]!
  parts[parts.length - 1] += body.tail
  return parts.join(',')
}

/** Keeps an item's blocks as opened (SaveBase), for its next request to be written against. */
export function keepSaveBase(base: SaveBase): void {
  blockList(`${base.dbName}\u0000${base.itemId}`, base.body)
}

export function writeSaveRequest(db: BaluchonDb, request: SaveRequest): Promise<SaveReply> {
  // Before anything is awaited: the next request may be written against this one's blocks.
  const json = requestBodyJson(request)
  if (json === null) return Promise.resolve({ id: request.id, ok: false, message: 'The save worker no longer holds the blocks this save builds on', storageFull: false, resend: true })
  return write(db, request, json)
}

async function write(db: BaluchonDb, request: SaveRequest, json: string): Promise<SaveReply> {
  try {
    const body = JSON.parse(json) as RichDoc
    // The editor sends the plain text only when it had it: deriving it from a 200 KB document is work kept off the UI thread.
    const bodyText = request.bodyText ?? docToPlainText(body)
    const row = await saveContent(db, request.itemId, { title: request.title, body, bodyText }, request.now)
    // The list shows a row's text only as its preview: the row goes back with the start of its text the preview
    // reads, not the whole of it (a 200 KB draft's text was copied to the UI thread, and collected there, after
    // each autosave: 0.25 MB of the UI thread's garbage per save, in a sampling heap profile).
    return row ? { id: request.id, ok: true, row: { ...row, bodyText: previewSource(row.bodyText, ROW_PREVIEW_CHARS) } } : { id: request.id, ok: true }
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), storageFull: isStorageFullError(error) }
  }
}

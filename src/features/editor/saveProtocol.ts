// Messages between the editor and its save worker (saveOffThread.ts, save.worker.ts).
import type { Item } from '../../core/items'

/**
 * The body as its top-level blocks' JSON texts (docJson.ts): the text is `head`, the blocks joined by commas,
 * then `tail`. Typing changes a block or two of a long draft: a request then carries only those, and says which
 * blocks of the item's previous list (`base`, which the worker keeps) stay before and after them.
 */
export interface BodyBlocks {
  /** This list's number: the next request for the item may be written against it. */
  seq: number
  /** The list this one is written against; absent when `blocks` are all of them. */
  base?: number
  /** How many blocks of the base list come first, unchanged (with `base`). */
  prefix?: number
  /** How many blocks of the base list come last, unchanged (with `base`). */
  suffix?: number
  head: string
  /** Every block, or without `base`'s first `prefix` and last `suffix`. */
  blocks: string[]
  tail: string
}

export interface SaveRequest {
  id: number
  dbName: string
  itemId: string
  title: string
  /** The document as JSON text: copied to the worker as one string, not as thousands of objects. */
  bodyJson?: string
  /** Or in blocks, only those that changed since the item's previous request (one of the two is set). */
  bodyBlocks?: BodyBlocks
  /** The plain text when the editor had it already; else the worker derives it from the document. */
  bodyText?: string
  now: number
}

/**
 * The blocks of an item's document as it was opened, posted while the page is idle (EditorSession.attach), so
 * that its first save is written against them and carries only the blocks typed in: no reply, nothing written.
 */
export interface SaveBase {
  type: 'base'
  dbName: string
  itemId: string
  body: BodyBlocks
}

/** What the save worker is sent. */
export type SaveMessage = SaveRequest | SaveBase

export type SaveReply =
  /** `row`: the row as written, without its body, its plain text cut to the start the list's preview reads (core/text.ts
   * previewSource); absent when nothing changed. For the list (library/rowWrites.ts). */
  | { id: number; ok: true; row?: Omit<Item, 'body'> }
  /** `storageFull`: the write failed because the disk or the origin's quota is full. `resend`: the worker no
   * longer holds the blocks the request was written against; nothing was written, send every block. */
  | { id: number; ok: false; message: string; storageFull: boolean; resend?: boolean }

// Where the editor's saves are written: in a worker (save.worker.ts) when the page can run one, so the UI
// thread only posts the document's JSON text, instead of also reading the row and writing it back (each a
// structured clone of the whole document: a save of the 200 KB draft held the UI thread for about 20 ms, with
// as much again in garbage collection). An editor's draft is posted as the blocks that changed since the item's
// previous save (the worker keeps the rest): joining the 200 KB text and copying it to the worker cost the UI
// thread 4-5 ms per autosave of a long draft, for a block or two typed. Without workers (tests) or while the
// page is going away, the same repository function runs here.
import type { BaluchonDb } from '../../db'
import { saveContent, type ContentPatch } from '../items/repository'
import { noteOwnRowSaving, noteOwnRowWritten } from '../library/rowWrites'
import type { DocJsonParts } from './docJson'
import { contentBodyJson, contentBodyParts, contentBodyTextIfKnown } from './draftContent'
import type { BodyBlocks, SaveBase, SaveReply, SaveRequest } from './saveProtocol'

interface Pending {
  resolve(): void
  reject(error: Error): void
  /** To write it again on this thread if the page goes away before the worker answers. */
  db: BaluchonDb
  itemId: string
  patch: ContentPatch
  now: number
  /** The draft's blocks, to post again, every one of them, if the worker asks for them (`resend`). */
  parts: DocJsonParts | undefined
}

let worker: Worker | null | undefined
let nextId = 1
const pending = new Map<number, Pending>()
/** Set while the page is being left: a worker may be stopped before it answers, this thread's writes go through. */
let leaving = false
/** The block list last posted for each item (by database and item), which the worker keeps too. */
const posted = new Map<string, { seq: number; blocks: string[] }>()
let nextSeq = 1

/**
 * The body's blocks to post: those that changed since the item's previous request, with how many of its
 * blocks stay before and after them (compared by identity first: an unchanged block is the very string
 * docJson.ts remembers for it), or all of them without `full` set when there is no previous request to build on.
 */
function blocksToPost(key: string, parts: DocJsonParts, full: boolean): BodyBlocks {
  const seq = nextSeq++
  const before = full ? undefined : posted.get(key)
  posted.set(key, { seq, blocks: parts.blocks })
  const { head, tail, blocks } = parts
  if (!before) return { seq, head, blocks, tail }
  const old = before.blocks
  const most = Math.min(old.length, blocks.length)
  let prefix = 0
  while (prefix < most && old[prefix] === blocks[prefix]) prefix++
  let suffix = 0
  while (suffix < most - prefix && old[old.length - 1 - suffix] === blocks[blocks.length - 1 - suffix]) suffix++
  return { seq, base: before.seq, prefix, suffix, head, blocks: blocks.slice(prefix, blocks.length - suffix), tail }
}

function requestFor(id: number, db: BaluchonDb, itemId: string, patch: ContentPatch, parts: DocJsonParts | undefined, now: number, full: boolean): SaveRequest {
  const request: SaveRequest = { id, dbName: db.name, itemId, title: patch.title, now }
  if (parts) request.bodyBlocks = blocksToPost(`${db.name}\u0000${itemId}`, parts, full)
  else request.bodyJson = contentBodyJson(patch)
  const bodyText = contentBodyTextIfKnown(patch)
  if (bodyText !== undefined) request.bodyText = bodyText
  return request
}

function saveError(reply: Extract<SaveReply, { ok: false }>): Error {
  const error = new Error(reply.message)
  // What isStorageFullError (and so the save state shown) looks for.
  if (reply.storageFull) error.name = 'QuotaExceededError'
  return error
}

/** The page is going away (reload, close): writes still waiting on the worker are made again here. */
function onPageHide(): void {
  leaving = true
  for (const [id, save] of pending) {
    pending.delete(id)
    // Whichever write lands second finds the same content and writes nothing (saveContent).
    saveHere(save.db, save.itemId, save.patch, save.now).then(save.resolve, save.reject)
  }
}

function startWorker(): Worker | null {
  if (worker !== undefined) return worker
  worker = null
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return null
  try {
    const started = new Worker(new URL('./save.worker.ts', import.meta.url), { type: 'module', name: 'save' })
    started.addEventListener('message', (event: MessageEvent<SaveReply>) => {
      const reply = event.data
      const save = pending.get(reply.id)
      if (!save) return
      if (!reply.ok && reply.resend && save.parts) {
        // The worker lost the blocks this request builds on (it keeps a few items' only): every block, once more.
        started.postMessage(requestFor(reply.id, save.db, save.itemId, save.patch, save.parts, save.now, true))
        return
      }
      pending.delete(reply.id)
      if (reply.ok && reply.row) noteOwnRowWritten(save.db.name, reply.row)
      if (reply.ok) save.resolve()
      else save.reject(saveError(reply))
    })
    // The worker could not start or broke: later saves run here, and those it held fail, so the autosaver
    // retries them (here).
    started.addEventListener('error', () => {
      if (worker === started) worker = null
      posted.clear()
      for (const [id, save] of pending) {
        pending.delete(id)
        save.reject(new Error('The save worker stopped'))
      }
    })
    window.addEventListener('pagehide', onPageHide)
    window.addEventListener('pageshow', () => {
      leaving = false
    })
    worker = started
  } catch {
    worker = null
  }
  return worker
}

/** Starts the save worker ahead of the first save (an idle moment after an item is shown): its start is UI-thread work too. */
export function prepareSaveWorker(): void {
  if (!leaving) startWorker()
}

/**
 * Posts the blocks of an item's document as it was opened to the save worker (an idle moment after it is shown),
 * unless a save of the item has posted some already: its first save is then written against them and carries only
 * the blocks typed in. Without it, the first save after opening a long draft posted every block, its 200 KB copied
 * to the worker as the person typed (the first autosave of a session cost the UI thread about 8 ms more than the
 * next ones). Moved, not saved: the copy is made here, while nothing else runs.
 */
export function postSaveBase(db: BaluchonDb, itemId: string, parts: DocJsonParts): void {
  const key = `${db.name}\u0000${itemId}`
  if (leaving || posted.has(key)) return
  const target = startWorker()
  if (!target) return
  const base: SaveBase = { type: 'base', dbName: db.name, itemId, body: blocksToPost(key, parts, true) }
  target.postMessage(base)
}

/** saveContent on this thread, the row it wrote told to the list (library/rowWrites.ts). */
async function saveHere(db: BaluchonDb, itemId: string, patch: ContentPatch, now: number): Promise<void> {
  const row = await saveContent(db, itemId, patch, now)
  if (row) noteOwnRowWritten(db.name, row)
}

/**
 * saveContent, written by the save worker when there is one. The row written (without its body) is told to
 * the list before the returned promise resolves, and the list is told a save of the row is under way.
 */
export function saveContentOffThread(db: BaluchonDb, itemId: string, patch: ContentPatch, now: number): Promise<void> {
  const target = leaving ? null : startWorker()
  const done = target
    ? new Promise<void>((resolve, reject) => {
        const id = nextId++
        const parts = contentBodyParts(patch)
        const request = requestFor(id, db, itemId, patch, parts, now, false)
        pending.set(id, { resolve, reject, db, itemId, patch, now, parts })
        target.postMessage(request)
      })
    : saveHere(db, itemId, patch, now)
  noteOwnRowSaving(db.name, itemId, done)
  return done
}

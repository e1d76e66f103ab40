// Where the editor's saves are written: in a worker (save.worker.ts) when the page can run one, so the UI
// thread only turns the document into JSON text and posts it, instead of also reading the row and writing
// it back (each a structured clone of the whole document: a save of the 200 KB draft held the UI thread
// for about 20 ms, with as much again in garbage collection). Without workers (tests) or while the page
// is going away, the same repository function runs here.
import type { BaluchonDb } from '../../db'
import { saveContent, type ContentPatch } from '../items/repository'
import { contentBodyJson, contentBodyTextIfKnown } from './draftContent'
import type { SaveReply, SaveRequest } from './saveProtocol'

interface Pending {
  resolve(): void
  reject(error: Error): void
  /** To write it again on this thread if the page goes away before the worker answers. */
  db: BaluchonDb
  itemId: string
  patch: ContentPatch
  now: number
}

let worker: Worker | null | undefined
let nextId = 1
const pending = new Map<number, Pending>()
/** Set while the page is being left: a worker may be stopped before it answers, this thread's writes go through. */
let leaving = false

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
    saveContent(save.db, save.itemId, save.patch, save.now).then(save.resolve, save.reject)
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
      pending.delete(reply.id)
      if (reply.ok) save.resolve()
      else save.reject(saveError(reply))
    })
    // The worker could not start or broke: later saves run here, and those it held fail, so the autosaver
    // retries them (here).
    started.addEventListener('error', () => {
      if (worker === started) worker = null
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

/** saveContent, written by the save worker when there is one. */
export function saveContentOffThread(db: BaluchonDb, itemId: string, patch: ContentPatch, now: number): Promise<void> {
  const target = leaving ? null : startWorker()
  if (!target) return saveContent(db, itemId, patch, now)
  return new Promise<void>((resolve, reject) => {
    const id = nextId++
    pending.set(id, { resolve, reject, db, itemId, patch, now })
    const request: SaveRequest = { id, dbName: db.name, itemId, title: patch.title, bodyJson: contentBodyJson(patch), now }
    const bodyText = contentBodyTextIfKnown(patch)
    if (bodyText !== undefined) request.bodyText = bodyText
    target.postMessage(request)
  })
}

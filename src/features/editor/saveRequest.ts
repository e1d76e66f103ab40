// What the save worker does with one request (save.worker.ts), apart from the worker, so it can be tested.
import { docToPlainText, type RichDoc } from '../../core/doc'
import type { BaluchonDb } from '../../db/schema'
import { isStorageFullError } from '../attachments/errors'
import { saveContent } from '../items/repository'
import type { SaveReply, SaveRequest } from './saveProtocol'

export async function writeSaveRequest(db: BaluchonDb, request: SaveRequest): Promise<SaveReply> {
  try {
    const body = JSON.parse(request.bodyJson) as RichDoc
    // The editor sends the plain text only when it had it: deriving it from a 200 KB document is work kept off the UI thread.
    const bodyText = request.bodyText ?? docToPlainText(body)
    await saveContent(db, request.itemId, { title: request.title, body, bodyText }, request.now)
    return { id: request.id, ok: true }
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), storageFull: isStorageFullError(error) }
  }
}

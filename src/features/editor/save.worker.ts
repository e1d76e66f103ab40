// The editor's saves, written here rather than on the UI thread: reading the item's row and writing it
// back (each a structured clone of the whole document, 200 KB of text in thousands of objects for a
// long draft), deciding on revisions and writing them. Dexie tells the windows' live queries of the
// change through its BroadcastChannel, as for any write made in a worker.
import { isStorageFullError } from '../attachments/errors'
import { BaluchonDb } from '../../db/schema'
import { saveContent } from '../items/repository'
import type { SaveReply, SaveRequest } from './saveProtocol'

interface WorkerScope {
  postMessage(message: SaveReply): void
  addEventListener(type: 'message', listener: (event: MessageEvent<SaveRequest>) => void): void
}

const scope = self as unknown as WorkerScope
const databases = new Map<string, BaluchonDb>()

function database(name: string): BaluchonDb {
  let db = databases.get(name)
  if (!db) databases.set(name, (db = new BaluchonDb(name)))
  return db
}

scope.addEventListener('message', (event) => {
  const request = event.data
  void (async (): Promise<SaveReply> => {
    try {
      const body = JSON.parse(request.bodyJson) as Parameters<typeof saveContent>[2]['body']
      await saveContent(database(request.dbName), request.itemId, { title: request.title, body, bodyText: request.bodyText }, request.now)
      return { id: request.id, ok: true }
    } catch (error) {
      return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), storageFull: isStorageFullError(error) }
    }
  })().then((reply) => scope.postMessage(reply))
})

// The editor's saves, written here rather than on the UI thread: parsing the document sent as JSON text,
// deriving its plain text, reading the item's row and writing it back (each a structured clone of the
// whole document, 200 KB of text in thousands of objects for a long draft), deciding on revisions and
// writing them. Dexie tells the windows' live queries of the change through its BroadcastChannel, as for
// any write made in a worker.
import { BaluchonDb } from '../../db/schema'
import type { SaveMessage, SaveReply } from './saveProtocol'
import { keepSaveBase, writeSaveRequest } from './saveRequest'

interface WorkerScope {
  postMessage(message: SaveReply): void
  addEventListener(type: 'message', listener: (event: MessageEvent<SaveMessage>) => void): void
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
  if ('type' in request) {
    keepSaveBase(request)
    return
  }
  void writeSaveRequest(database(request.dbName), request).then((reply) => scope.postMessage(reply))
})

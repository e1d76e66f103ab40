// The Markdown export's files, built off the UI thread: reads the base page by page, renders each item's Markdown,
// encodes it as UTF-8 and hands batches to the UI thread, which relays them to main. Rendering 10,000 items took
// about a second of the UI thread (plus its garbage collection, costly there: the window's heap is large), during
// which the window could not answer; here it runs beside it. One batch is built while main writes the previous one,
// and posted only once that one is acknowledged: at most two batches are held.
import { BaluchonDb } from '../../db/schema'
import { dexieExportSource } from './dexieSource'
import { ExportCancelled } from './errors'
import { markdownExportBatches } from './markdownExport'
import type { MarkdownExportMessage, MarkdownExportRequest } from './protocol'
import { encodedBatch } from './encodedBatch'

interface WorkerScope {
  postMessage(message: MarkdownExportMessage, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<MarkdownExportRequest>) => void): void
}
const scope = self as unknown as WorkerScope

const abort = new AbortController()
let acknowledge: (() => void) | null = null

let opened: BaluchonDb | null = null

/**
 * The database, opened on 'prepare' (while the export dialog is on screen) or else on 'start'. Opening it is
 * 30 ms on a warm base, about 200 ms on the first export of a session: time the export no longer waits for.
 */
function database(dbName: string): BaluchonDb {
  if (opened?.name !== dbName) {
    opened?.close()
    opened = new BaluchonDb(dbName)
    // A failure to open is reported by the export's first read.
    opened.open().catch(() => undefined)
  }
  return opened
}

scope.addEventListener('message', (event) => {
  const request = event.data
  if (request.type === 'prepare') database(request.dbName)
  else if (request.type === 'start') void run(request.dbName)
  else {
    if (request.type === 'cancel') abort.abort()
    const resolve = acknowledge
    acknowledge = null
    resolve?.()
  }
})

async function run(dbName: string): Promise<void> {
  const db = database(dbName)
  try {
    const batches = markdownExportBatches(dexieExportSource(db), {
      signal: abort.signal,
      // Nothing else runs on this thread: no turns to give between slices.
      sliceMs: Number.POSITIVE_INFINITY,
      onProgress: ({ done, total }) => scope.postMessage({ type: 'progress', done, total }),
      // Smaller batches than on the UI thread: main starts zipping after a few hundred items rather than 2,000, and
      // has less left to write once the last item is rendered (a batch is one call to main, a few ms at most).
      batchFiles: 500,
      batchBytes: 2 * 1024 * 1024,
    })
    let inFlight: Promise<void> = Promise.resolve()
    for (;;) {
      const next = await batches.next()
      await inFlight
      if (abort.signal.aborted) throw new ExportCancelled()
      if (next.done) {
        scope.postMessage({ type: 'done', summary: next.value })
        return
      }
      inFlight = new Promise<void>((resolve) => (acknowledge = resolve))
      const { files, transfer } = encodedBatch(next.value)
      scope.postMessage({ type: 'batch', files }, transfer)
    }
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof ExportCancelled ? 'cancelled' : error instanceof Error ? error.message : String(error) })
  } finally {
    db.close()
  }
}

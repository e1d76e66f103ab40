// The Markdown export's batches as the writer consumes them (an async generator), made by the export worker
// (markdownExport.worker.ts). Asking for the next batch acknowledges the previous one: the worker builds one ahead
// while main writes, never more. Returning early (a cancel, a failed write, a cancelled save dialog) stops the worker.
import { ExportCancelled } from './errors'
import type { ExportFile, ExportProgress, MarkdownExportSummary } from './markdownExport'
import type { MarkdownExportMessage, MarkdownExportRequest } from './protocol'

/** What is needed of the worker (a Web Worker in the app). */
export interface ExportWorker {
  post(message: MarkdownExportRequest): void
  onMessage(listener: (message: MarkdownExportMessage) => void): void
  onError(listener: (message: string) => void): void
  terminate(): void
}

export const spawnMarkdownExportWorker = (): ExportWorker => {
  const worker = new Worker(new URL('./markdownExport.worker.ts', import.meta.url), { type: 'module', name: 'markdown-export' })
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (event: MessageEvent<MarkdownExportMessage>) => listener(event.data)),
    onError: (listener) => {
      worker.addEventListener('error', (event) => listener(event.message || 'worker error'))
      worker.addEventListener('messageerror', () => listener('message could not be read'))
    },
    terminate: () => worker.terminate(),
  }
}

/**
 * A worker spawned when the export dialog opens, its script loaded and the database opened while the person
 * chooses between a folder and a zip (on the first export of a session both took 300-400 ms of the export).
 */
let prepared: { worker: ExportWorker; dbName: string } | null = null

/** Spawns the export's worker ahead, for the database `dbName` (kept if one is ready already). */
export function prepareExportWorker(dbName: string, spawn: () => ExportWorker = spawnMarkdownExportWorker): void {
  if (prepared?.dbName === dbName) return
  dropPreparedExportWorker()
  const worker = spawn()
  worker.post({ type: 'prepare', dbName })
  prepared = { worker, dbName }
}

/** Stops the worker spawned ahead, if any (the dialog closed without an export). */
export function dropPreparedExportWorker(): void {
  prepared?.worker.terminate()
  prepared = null
}

/** The worker spawned ahead for `dbName`, handed over once; null if there is none. */
export function takePreparedExportWorker(dbName: string): ExportWorker | null {
  const taken = prepared?.dbName === dbName ? prepared.worker : null
  if (taken) prepared = null
  else dropPreparedExportWorker()
  return taken
}

/**
 * The export's batches. The worker starts at once, before the first batch is asked for: the writer asks only once
 * the person has picked where to save, so the reading and rendering go on while the native dialog is open (at most
 * two batches are held; the writer closes the batches if the dialog is cancelled, which stops the worker).
 */
export function workerExportBatches(
  dbName: string,
  options: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void; spawn?: () => ExportWorker; worker?: ExportWorker } = {},
): AsyncGenerator<ExportFile[], MarkdownExportSummary> {
  const worker = options.worker ?? (options.spawn ?? spawnMarkdownExportWorker)()
  const queue: (MarkdownExportMessage | { type: 'error'; message: string })[] = []
  let wake: (() => void) | null = null
  const push = (message: MarkdownExportMessage | { type: 'error'; message: string }): void => {
    if (message.type === 'progress') return options.onProgress?.({ done: message.done, total: message.total })
    queue.push(message)
    const resolve = wake
    wake = null
    resolve?.()
  }
  worker.onMessage(push)
  worker.onError((message) => push({ type: 'error', message }))
  const onAbort = (): void => worker.post({ type: 'cancel' })
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const stop = (): void => {
    options.signal?.removeEventListener('abort', onAbort)
    worker.terminate()
  }
  worker.post({ type: 'start', dbName })
  const batches = (async function* (): AsyncGenerator<ExportFile[], MarkdownExportSummary> {
    try {
      for (;;) {
        if (options.signal?.aborted) throw new ExportCancelled()
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
        const message = queue.shift()!
        switch (message.type) {
          case 'batch':
            yield message.files
            worker.post({ type: 'ack' })
            break
          case 'done':
            return message.summary
          case 'failed':
            if (message.message === 'cancelled' || options.signal?.aborted) throw new ExportCancelled()
            throw new Error(message.message)
          case 'error':
            throw new Error(message.message)
        }
      }
    } finally {
      stop()
    }
  })()
  // Closing a generator that was never asked for a batch skips its `finally`: the worker is stopped here too.
  const close = batches.return.bind(batches)
  batches.return = (value) => {
    stop()
    return close(value)
  }
  return batches
}

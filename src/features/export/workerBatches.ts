// The Markdown export's batches as the writer consumes them (an async generator), made by the export worker
// (markdownExport.worker.ts). Asking for the next batch acknowledges the previous one: the worker builds one ahead
// while main writes, never more. Returning early (a cancel, a failed write) stops the worker.
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

export async function* workerExportBatches(
  dbName: string,
  options: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void; spawn?: () => ExportWorker } = {},
): AsyncGenerator<ExportFile[], MarkdownExportSummary> {
  const worker = (options.spawn ?? spawnMarkdownExportWorker)()
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
  try {
    worker.post({ type: 'start', dbName })
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
    options.signal?.removeEventListener('abort', onAbort)
    worker.terminate()
  }
}

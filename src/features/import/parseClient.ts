// Runs a parse in a Web Worker (terminated on cancel: a synchronous parser cannot be interrupted otherwise),
// or in this thread where workers do not exist (jsdom tests), loading the parsers only then.
import type { ImportProgress } from '../../core/import'
import { ParseFailed, type ParseOutcome, type ParseRequest, type WorkerMessage } from './parseTypes'

export async function parseImport(request: ParseRequest, onProgress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<ParseOutcome> {
  if (typeof Worker === 'undefined') {
    const { runParse, toParseFailure } = await import('./parseJob')
    try {
      return runParse(request, onProgress, signal)
    } catch (error) {
      throw new ParseFailed(toParseFailure(error))
    }
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'import' })
    const stop = (): void => {
      worker.terminate()
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = (): void => {
      stop()
      reject(new ParseFailed({ code: 'cancelled' }))
    }
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data
      if (message.type === 'progress') return onProgress(message.progress)
      stop()
      if (message.type === 'done') resolve(message.outcome)
      else reject(new ParseFailed(message.failure))
    }
    worker.onerror = (event) => {
      event.preventDefault()
      stop()
      reject(new ParseFailed({ code: 'internal', detail: event.message }))
    }
    // The bytes are handed over, not copied: the window no longer needs them once the worker has them.
    const transfer = request.kind === 'folder' ? request.files.flatMap((f) => (f.bytes ? [f.bytes.buffer] : [])) : [request.bytes.buffer]
    worker.postMessage(request, transfer as Transferable[])
  })
}

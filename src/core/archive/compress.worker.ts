// Entry point of a compression worker for the app (a module Web Worker):
//   createPooledCompressor(() => fromWebWorker(new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module' })), n)
import { answerCompressRequest, type CompressRequest, type CompressResponse } from './compressPool'

// Typed by hand: src/core is also compiled without the DOM and WebWorker libraries.
const scope = globalThis as unknown as {
  onmessage: ((event: { data: CompressRequest }) => void) | null
  postMessage(message: CompressResponse, transfer: ArrayBuffer[]): void
}

scope.onmessage = (event) => {
  void answerCompressRequest(event.data).then((response) => {
    // The compressed bytes are handed over, not copied, when they fill their own buffer.
    const data = response.ok ? response.data : null
    const transferable = data !== null && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
    scope.postMessage(response, transferable ? [data.buffer as ArrayBuffer] : [])
  })
}

// The message loop of a pool worker (compressPool.ts), for the worker entry points: compression requests are
// answered here; tasks by `runTask`, which the entry point supplies (core knows nothing of what they mean).
import { answerCompressRequest, isTaskRequest, type PoolRequest, type PoolResponse } from './compressPool'

/** A task's result and the buffers to hand over rather than copy. */
export interface TaskAnswer {
  result: unknown
  transfer?: ArrayBuffer[]
}

export type TaskRunner = (task: unknown) => Promise<TaskAnswer>

// Typed by hand: src/core is also compiled without the DOM and WebWorker libraries.
interface WorkerScope {
  onmessage: ((event: { data: PoolRequest }) => void) | null
  postMessage(message: PoolResponse, transfer: ArrayBuffer[]): void
}

function ownBuffer(data: Uint8Array | null): ArrayBuffer | null {
  // Handed over, not copied, only when the bytes fill their own buffer.
  return data !== null && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer ? data.buffer : null
}

export function servePoolRequests(runTask?: TaskRunner): void {
  const scope = globalThis as unknown as WorkerScope
  scope.onmessage = (event) => {
    const request = event.data
    if (isTaskRequest(request)) {
      const answer = runTask ? runTask(request.task) : Promise.reject(new Error('this worker runs no tasks'))
      void answer.then(
        ({ result, transfer }) => scope.postMessage({ id: request.id, ok: true, result }, transfer ?? []),
        (error: unknown) => scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : 'task failed' }, []),
      )
      return
    }
    void answerCompressRequest(request).then((response) => {
      const buffer = ownBuffer(response.ok ? response.data : null)
      scope.postMessage(response, buffer ? [buffer] : [])
    })
  }
}

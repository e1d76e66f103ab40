// Runs the changing-employer review off the UI thread (see review.ts).
import { BaluchonDb } from '../../db/schema'
import type { ReviewMessage, ReviewRequest } from './protocol'
import { runReview } from './review'

interface WorkerScope {
  postMessage(message: ReviewMessage): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ReviewRequest>) => void): void
}
const scope = self as unknown as WorkerScope

scope.addEventListener('message', (event) => {
  const { dbName, ...request } = event.data
  const db = new BaluchonDb(dbName)
  let lastPost = 0
  runReview(db, request, (done, total) => {
    const now = performance.now()
    if (now - lastPost > 100 || done === total) {
      lastPost = now
      scope.postMessage({ type: 'progress', done, total })
    }
  })
    .then((result) => scope.postMessage({ type: 'done', result }))
    .catch((error: unknown) => scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => db.close())
})

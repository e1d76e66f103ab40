// Entry point of a compression worker for the app (a module Web Worker):
//   createPooledCompressor(() => fromWebWorker(new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module' })), n)
// (The backup export's workers also render Markdown: src/features/backup/archive.worker.ts.)
import { servePoolRequests } from './poolWorker'

servePoolRequests()

// The Markdown export the person is running (one at a time), shared by the File menu, Settings, the palette
// and the dialog that shows the choice, the progress with Cancel and the outcome. Hand-written: a value and
// listeners for useSyncExternalStore (as the backup's store).
import { useSyncExternalStore } from 'react'
import type { ExportFilesWritten } from '../../core/ipc/contract'
import { getDb } from '../../db'
import { holdWhile } from '../../lib/backgroundHold'
import { ExportCancelled, ExportFailure, type ExportProblem } from './errors'
import type { ExportFile, ExportProgress, MarkdownExportSummary } from './markdownExport'
import { writeExport } from './writer'

export type ExportJob =
  | { type: 'idle' }
  | { type: 'choose'; cancelled?: boolean }
  | { type: 'exporting'; done: number; total: number | null }
  | { type: 'done'; written: ExportFilesWritten; summary: MarkdownExportSummary }
  | { type: 'failed'; problem: ExportProblem }

let job: ExportJob = { type: 'idle' }
/** The worker module, once an export dialog has asked for it. */
let workerBatches: typeof import('./workerBatches') | null = null
let abort: AbortController | null = null
const listeners = new Set<() => void>()
/**
 * The app's background work (search's catch-up and saving, chunks fetched ahead) waits from the dialog's choice to
 * the outcome: the export's worker opens the database and reads every item and image meanwhile (backgroundHold.ts).
 */
const holdBackground = holdWhile()

function set(next: ExportJob): void {
  job = next
  holdBackground(next.type === 'choose' || next.type === 'exporting')
  if (next.type === 'choose') void prepareWorker()
  else if (next.type === 'idle') dropWorker()
  for (const listener of listeners) listener()
}

export function useExportJob(): ExportJob {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => job,
  )
}

/** `baluchon-markdown-2026-11-28`: the folder the export creates (never an existing one). */
export function exportFolderName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `baluchon-markdown-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Opens the dialog on its first step (folder or zip). Does nothing while an export runs. */
export function openMarkdownExport(): void {
  if (job.type !== 'exporting') set({ type: 'choose' })
}

export function dismissMarkdownExport(): void {
  if (job.type !== 'exporting') set({ type: 'idle' })
}

export function cancelMarkdownExport(): void {
  abort?.abort()
}

/**
 * The export's files: made in a worker where there are workers (the app: the window stays responsive and the
 * rendering's garbage stays out of its heap), on this thread otherwise (component tests). Either way the Markdown
 * code (markdown-it, yaml) is fetched when an export starts, not with the app's first paint.
 */
async function exportBatches(signal: AbortSignal, onProgress: (progress: ExportProgress) => void): Promise<AsyncGenerator<ExportFile[], MarkdownExportSummary>> {
  if (typeof Worker !== 'undefined') {
    const { workerExportBatches, takePreparedExportWorker } = await import('./workerBatches')
    const name = getDb().name
    return workerExportBatches(name, { signal, onProgress, worker: takePreparedExportWorker(name) ?? undefined })
  }
  const [{ markdownExportBatches }, { dexieExportSource }] = await Promise.all([import('./markdownExport'), import('./dexieSource')])
  return markdownExportBatches(dexieExportSource(getDb()), { signal, onProgress })
}

/**
 * While the dialog offers its choice, the export's worker is spawned and opens the database (workerBatches.ts):
 * the first export of a session waited 300-400 ms for that after the click. Stopped when the dialog closes.
 */
async function prepareWorker(): Promise<void> {
  if (typeof Worker === 'undefined') return
  workerBatches ??= await import('./workerBatches')
  if (job.type === 'choose') workerBatches.prepareExportWorker(getDb().name)
}

function dropWorker(): void {
  workerBatches?.dropPreparedExportWorker()
}

export async function startMarkdownExport(as: 'folder' | 'zip'): Promise<void> {
  if (job.type === 'exporting') return
  const controller = new AbortController()
  abort = controller
  set({ type: 'exporting', done: 0, total: null })
  let lastPaint = 0
  const onProgress = ({ done, total }: ExportProgress): void => {
    // Repainting the bar more than a few times a second would only slow the export down.
    const now = performance.now()
    if (now - lastPaint > 100 || done === total) {
      lastPaint = now
      set({ type: 'exporting', done, total })
    }
  }
  const batches = await exportBatches(controller.signal, onProgress)
  const name = exportFolderName()
  try {
    const result = await writeExport(as === 'folder' ? { target: 'folder', folderName: name } : { target: 'zip', suggestedName: `${name}.zip` }, batches, controller.signal)
    set(result ? { type: 'done', written: result.written, summary: result.summary } : { type: 'choose' })
  } catch (error) {
    if (error instanceof ExportCancelled) set({ type: 'choose', cancelled: true })
    else set({ type: 'failed', problem: error instanceof ExportFailure ? error.problem : { kind: 'database', message: String(error) } })
  } finally {
    if (abort === controller) abort = null
  }
}

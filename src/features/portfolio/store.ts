// The portfolio dialog's state, shared by the File menu, the palette, Settings and the "changing employer"
// wizard (openPortfolioExport): open or not, which tab, and the export or PDF running (one at a time), with
// progress and Cancel. Hand-written value + listeners for useSyncExternalStore, as the Markdown export's store.
import { useSyncExternalStore } from 'react'
import type { PortfolioSummary, SiteFile } from '../../core/portfolio'
import { slugify } from '../../core/slug'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { ExportCancelled, ExportFailure, type ExportProblem } from '../export/errors'
import { writeExport } from '../export/writer'
import { readPortfolioProfile } from './profile'

export type PortfolioTab = 'profile' | 'content' | 'preview'
export type PortfolioOutput = 'folder' | 'zip' | 'pdf'

export type PortfolioJob =
  | { type: 'idle'; cancelled?: boolean }
  | { type: 'running'; output: PortfolioOutput; done: number; total: number }
  | { type: 'done'; output: PortfolioOutput; path: string; summary: PortfolioSummary }
  | { type: 'failed'; output: PortfolioOutput; problem: ExportProblem }

export interface PortfolioState {
  open: boolean
  tab: PortfolioTab
  job: PortfolioJob
}

let state: PortfolioState = { open: false, tab: 'profile', job: { type: 'idle' } }
let abort: AbortController | null = null
const listeners = new Set<() => void>()

function set(next: Partial<PortfolioState>): void {
  state = { ...state, ...next }
  for (const listener of listeners) listener()
}

export function usePortfolioState(): PortfolioState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => state,
  )
}

/** Opens the portfolio dialog (File menu, palette, Settings, the changing-employer wizard). */
export function openPortfolioExport(): void {
  set({ open: true, job: state.job.type === 'running' ? state.job : { type: 'idle' } })
}

export function closePortfolio(): void {
  if (state.job.type === 'running') abort?.abort()
  set({ open: false })
}

export function showPortfolioTab(tab: PortfolioTab): void {
  set({ tab })
}

export function cancelPortfolioJob(): void {
  abort?.abort()
}

export function dismissPortfolioResult(): void {
  if (state.job.type !== 'running') set({ job: { type: 'idle' } })
}

/** `portfolio-camille-durand`: the folder, zip or PDF name. */
export function portfolioName(name: string): string {
  const slug = slugify(name, 40)
  return slug ? `portfolio-${slug}` : 'portfolio'
}

function problemOf(error: unknown): ExportProblem {
  return error instanceof ExportFailure ? error.problem : { kind: 'database', message: error instanceof Error ? error.message : String(error) }
}

/** Builds the site from the database and writes it (folder or zip) or prints it (PDF). */
export async function startPortfolioExport(output: PortfolioOutput, fallbackLanguage: 'en' | 'fr'): Promise<void> {
  if (state.job.type === 'running') return
  const controller = new AbortController()
  abort = controller
  set({ job: { type: 'running', output, done: 0, total: 0 } })
  let lastPaint = 0
  const onProgress = (done: number, total: number): void => {
    const now = performance.now()
    if (now - lastPaint > 100 || done === total) {
      lastPaint = now
      set({ job: { type: 'running', output, done, total } })
    }
  }
  try {
    const db = getDb()
    const profile = await readPortfolioProfile(db, fallbackLanguage)
    // The generator and its readers load with the first export, not with the app (this store does: the File menu
    // and the palette open the dialog through it).
    const [{ buildPortfolio }, { siteBatches }, { loadPortfolioInput }] = await Promise.all([import('../../core/portfolio'), import('./build'), import('./data')])
    const input = await loadPortfolioInput(db, profile)
    const build = buildPortfolio(input, { print: output === 'pdf' })
    const name = portfolioName(profile.name)
    if (output === 'pdf') {
      const written = await printPdf(name, siteBatches(build, { signal: controller.signal, onProgress, filter: (f) => f.path === 'print.html' || !/\.(html|xml|json)$/.test(f.path) }), controller.signal)
      set({ job: written ? { type: 'done', output, path: written, summary: build.summary } : { type: 'idle' } })
      return
    }
    const result = await writeExport(
      output === 'folder' ? { target: 'folder', folderName: name } : { target: 'zip', suggestedName: `${name}.zip` },
      siteBatches(build, { signal: controller.signal, onProgress }),
      controller.signal,
    )
    set({ job: result ? { type: 'done', output, path: result.written.path, summary: build.summary } : { type: 'idle' } })
  } catch (error) {
    set({ job: error instanceof ExportCancelled ? { type: 'idle', cancelled: true } : { type: 'failed', output, problem: problemOf(error) } })
  } finally {
    if (abort === controller) abort = null
  }
}

function failureOf(error: { code: string; message: string; detail?: Record<string, unknown> }): ExportFailure {
  if (error.code === 'io') return new ExportFailure({ kind: 'io', reason: String(error.detail?.reason ?? 'other') })
  return new ExportFailure({ kind: 'refused', message: `${error.code}: ${error.message}` })
}

/** Sends the print page's files to main, which prints them to PDF where the person chose. Null if they cancel the dialog. */
async function printPdf(name: string, batches: AsyncGenerator<SiteFile[], void>, signal: AbortSignal): Promise<string | null> {
  const api = getApi()
  const begun = await api.portfolioPdfBegin({ suggestedName: `${name}.pdf` })
  if (!begun.ok) throw failureOf(begun.error)
  if (begun.value === null) return null
  const { handle } = begun.value
  try {
    for await (const batch of batches) {
      if (signal.aborted) throw new ExportCancelled()
      const wrote = await api.portfolioPdfWrite({ handle, files: batch.map((f) => ({ path: f.path, data: f.data })) })
      if (!wrote.ok) throw failureOf(wrote.error)
    }
    if (signal.aborted) throw new ExportCancelled()
    const committed = await api.portfolioPdfCommit({ handle, page: 'print.html' })
    if (!committed.ok) throw failureOf(committed.error)
    return committed.value.path
  } catch (error) {
    await api.portfolioPdfAbort({ handle }).catch(() => undefined)
    throw error
  }
}

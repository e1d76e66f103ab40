// The changing-employer wizard's state (one at a time), shared by the File menu, the palette, Settings and the dialog:
// the step, the affiliation being left, the review (run in a worker), the person's decisions on flagged items, the
// export of the personal archive with its progress and Cancel, and where the files went. Hand-written: a value and
// listeners for useSyncExternalStore (as the backup's and the export's stores), so it survives closing the dialog
// (the person may open a flagged item, then come back to the review where they were).
import { useSyncExternalStore } from 'react'
import i18n from 'i18next'
import { CONFIDENTIAL_LABEL, type Affiliation, type ContentLabel, type FlaggedItem } from '../../core/career'
import { slugify } from '../../core/slug'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import type { ExportWritten } from '../backup/client'
import type { BackupProblem } from '../backup/protocol'
import { setItemLabel } from '../career/repository'
import { openPortfolioExport } from '../portfolio/store'
import { getAppInfo } from '../settings/appInfo'
import type { ReviewMessage, ReviewRequest, ReviewResult } from './protocol'
import type { Decision } from './record'
import { readWatchWords } from './repository'

export type WizardStep = 'pick' | 'review' | 'output' | 'done'

export type ReviewState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'ready'; result: ReviewResult }
  | { status: 'failed'; message: string }

export interface WizardOutput {
  archive: ExportWritten
  record: { fileName: string } | null
  recordProblem: BackupProblem | null
}

export interface WizardState {
  open: boolean
  step: WizardStep
  affiliationId: string | null
  review: ReviewState
  /** What the person decided on flagged items (by item id); the label a "confidential" replaced, to undo it. */
  decisions: ReadonlyMap<string, Decision>
  exporting: { fraction: number } | null
  exportProblem: BackupProblem | null
  output: WizardOutput | null
  /** "Also build my public portfolio": once the archive is saved, the portfolio dialog is one click away. */
  portfolio: boolean
}

const initial: WizardState = {
  open: false,
  step: 'pick',
  affiliationId: null,
  review: { status: 'idle' },
  decisions: new Map(),
  exporting: null,
  exportProblem: null,
  output: null,
  portfolio: false,
}

let state: WizardState = initial
const listeners = new Set<() => void>()
const previousLabels = new Map<string, ContentLabel | undefined>()
let exportAbort: AbortController | null = null
let reviewRun = 0
/** The flagged items of the review being replaced by a new run. */
let previousFlagged: FlaggedItem[] = []

function set(patch: Partial<WizardState>): void {
  state = { ...state, ...patch }
  for (const listener of listeners) listener()
}

export function getWizardState(): WizardState {
  return state
}

export function useWizardState(): WizardState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => state,
  )
}

/** Opens the wizard where the person left it (a finished one starts over). */
export function openChangingEmployer(): void {
  if (state.step === 'done') return set({ ...initial, open: true })
  set({ open: true })
}

/** Closing keeps the review (to come back after opening an item), except during an export (Cancel first). */
export function closeChangingEmployer(): void {
  if (state.exporting) return
  set({ open: false })
}

/** Back to the first step, forgetting the review and decisions (labels already changed stay changed). */
export function restartChangingEmployer(): void {
  if (state.exporting) return
  reviewRun++
  previousLabels.clear()
  set({ ...initial, open: true })
}

export function goToStep(step: WizardStep): void {
  if (state.exporting) return
  if ((step === 'review' || step === 'output') && !state.affiliationId) return
  set({ step, exportProblem: null })
}

export function chooseAffiliation(affiliationId: string): void {
  if (state.affiliationId === affiliationId) return
  previousFlagged = []
  set({ affiliationId, review: { status: 'idle' }, decisions: new Map(), output: null })
}

/** Runs the review for the chosen affiliation (again, e.g. after the watch list changed). */
export async function startReview(): Promise<void> {
  const affiliationId = state.affiliationId
  if (!affiliationId) return
  const run = ++reviewRun
  if (state.review.status === 'ready') previousFlagged = state.review.result.flagged
  set({ review: { status: 'running', done: 0, total: 0 } })
  try {
    const watchWords = await readWatchWords(getDb())
    const result = await reviewRunner({ dbName: getDb().name, affiliationId, watchWords }, (done, total) => {
      if (run === reviewRun) set({ review: { status: 'running', done, total } })
    })
    if (run !== reviewRun) return
    // Items kept confidential during this review no longer leave, so a new scan does not flag them: keep their
    // cards (with Undo) and their line in the record.
    const before = state.review.status === 'ready' ? state.review.result.flagged : previousFlagged
    const found = new Set(result.flagged.map((f) => f.id))
    const kept = before.filter((f) => state.decisions.get(f.id) === 'confidential' && !found.has(f.id))
    previousFlagged = []
    set({ review: { status: 'ready', result: { ...result, flagged: [...result.flagged, ...kept] } } })
  } catch (error) {
    if (run === reviewRun) set({ review: { status: 'failed', message: error instanceof Error ? error.message : String(error) } })
  }
}

type ReviewRunner = (request: ReviewRequest, onProgress: (done: number, total: number) => void) => Promise<ReviewResult>

/** In a worker where there are workers (the app); on this thread otherwise (component tests). */
const workerRunner: ReviewRunner = (request, onProgress) => {
  if (typeof Worker === 'undefined') return import('./review').then(({ runReview }) => runReview(getDb(), request, onProgress))
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./review.worker.ts', import.meta.url), { type: 'module', name: 'changing-employer-review' })
    worker.addEventListener('message', (event: MessageEvent<ReviewMessage>) => {
      const message = event.data
      if (message.type === 'progress') return onProgress(message.done, message.total)
      worker.terminate()
      if (message.type === 'done') resolve(message.result)
      else reject(new Error(message.message))
    })
    worker.addEventListener('error', (event) => {
      worker.terminate()
      reject(new Error(event.message || 'review worker failed'))
    })
    worker.postMessage(request)
  })
}

let reviewRunner: ReviewRunner = workerRunner

/** Tests replace how the review runs. */
export function setReviewRunner(runner: ReviewRunner | null): void {
  reviewRunner = runner ?? workerRunner
}

/**
 * The person's decision on a flagged item. "Confidential" labels it so at once (the item then stays behind, here and
 * in the archive, which re-reads the base); undoing puts its previous label back. "Fine" only goes in the record.
 */
export async function decide(itemId: string, decision: Decision | null): Promise<void> {
  const db = getDb()
  const before = state.decisions.get(itemId)
  if (before === decision) return
  if (decision === 'confidential') {
    const item = await db.items.get(itemId)
    if (!item) return
    previousLabels.set(itemId, item.label)
    await setItemLabel(db, itemId, CONFIDENTIAL_LABEL)
  } else if (before === 'confidential') {
    await setItemLabel(db, itemId, previousLabels.get(itemId))
    previousLabels.delete(itemId)
  }
  const decisions = new Map(state.decisions)
  if (decision) decisions.set(itemId, decision)
  else decisions.delete(itemId)
  const moved = decision === 'confidential' ? moveItem(state.review, itemId, true) : before === 'confidential' ? moveItem(state.review, itemId, false) : state.review
  set({ decisions, review: moved })
}

/** Moves a flagged item between "goes with you" and "stays behind" in the shown review, as its new label says. */
function moveItem(review: ReviewState, itemId: string, toConfidential: boolean): ReviewState {
  if (review.status !== 'ready') return review
  const r = review.result
  const flagged = r.flagged.find((f) => f.id === itemId)
  if (!flagged) return review
  const listed = { id: flagged.id, kind: flagged.kind, title: flagged.title, date: flagged.date, trashed: flagged.trashed }
  const leaving = r.leaving.filter((l) => l.id !== itemId)
  const staying = r.staying.filter((s) => s.id !== itemId)
  const step = toConfidential ? 1 : -1
  return {
    status: 'ready',
    result: {
      ...r,
      leaving: toConfidential ? leaving : [listed, ...leaving],
      staying: toConfidential ? [{ ...listed, reason: 'item', affiliationId: state.affiliationId }, ...staying] : staying,
      leavingCounts: { ...r.leavingCounts, [flagged.kind]: r.leavingCounts[flagged.kind] - step },
      stayingCounts: { ...r.stayingCounts, [flagged.kind]: r.stayingCounts[flagged.kind] + step },
    },
  }
}

/** `baluchon-leaving-acme-2026-11-28.baluchon` (in the person's language). */
export function archiveName(affiliation: Pick<Affiliation, 'organisation'>, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  const organisation = slugify(affiliation.organisation, 40) || 'employer'
  return `${i18n.t('changingEmployer:file.name', { organisation, date })}.baluchon`
}

/** Saves the personal archive through the save dialog (progress, Cancel), then the record beside it. */
export async function saveLeavingArchive(affiliations: readonly Affiliation[]): Promise<void> {
  const affiliation = affiliations.find((a) => a.id === state.affiliationId)
  if (!affiliation || state.exporting) return
  const controller = new AbortController()
  exportAbort = controller
  const now = new Date()
  set({ exporting: { fraction: 0 }, exportProblem: null })
  try {
    const api = getApi()
    // The archive's writer and the record's text load with the first archive, not with the app (this store does:
    // the menu and the palette open the wizard through it).
    const [{ runExport }, { buildLeavingRecord }] = await Promise.all([import('../backup/client'), import('./record')])
    const written = await runExport({
      api,
      dbName: getDb().name,
      appVersion: getAppInfo()?.version ?? '0.0.0',
      target: { target: 'choose', suggestedName: archiveName(affiliation, now) },
      scope: 'may-leave',
      signal: controller.signal,
      now: () => now.getTime(),
      onProgress: (p) => {
        if (exportAbort === controller) set({ exporting: { fraction: p.total > 0 ? p.done / p.total : 0 } })
      },
    })
    if (written === null) return set({ exporting: null })
    const flagged = state.review.status === 'ready' ? state.review.result.flagged : []
    const t = i18n.getFixedT(i18n.language, 'changingEmployer')
    const text = buildLeavingRecord({
      t,
      language: i18n.language,
      now,
      affiliation,
      affiliations,
      archive: written,
      summary: written.leaving!,
      flagged,
      decisions: state.decisions,
    })
    const saved = await api.backupWriteRecord({ handle: written.handle, suffix: t('file.recordSuffix'), text })
    set({
      exporting: null,
      step: 'done',
      output: {
        archive: written,
        record: saved.ok ? saved.value : null,
        recordProblem: saved.ok ? null : { source: 'io', code: saved.error.code, ...(typeof saved.error.detail?.reason === 'string' ? { reason: saved.error.detail.reason } : {}) },
      },
    })
  } catch (error) {
    const { BackupFailure } = await import('../backup/client')
    const problem: BackupProblem = error instanceof BackupFailure ? error.problem : { source: 'worker', message: String(error) }
    const cancelled = problem.source === 'archive' && problem.code === 'aborted'
    set({ exporting: null, exportProblem: cancelled ? null : problem })
  } finally {
    if (exportAbort === controller) exportAbort = null
  }
}

export function setAlsoPortfolio(portfolio: boolean): void {
  set({ portfolio })
}

/** Closes the wizard for the portfolio dialog (one modal at a time). */
export function continueToPortfolio(): void {
  set({ open: false })
  openPortfolioExport()
}

export function cancelLeavingArchive(): void {
  exportAbort?.abort()
}

/** Tests start from a clean wizard. */
export function resetChangingEmployer(): void {
  reviewRun++
  previousLabels.clear()
  exportAbort = null
  state = initial
  for (const listener of listeners) listener()
}

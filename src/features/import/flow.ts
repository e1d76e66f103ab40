// One import from pick to report, as a small state machine outside React (the dialog renders its state):
//   choose -> working (open, read, parse) -> preview -> working (media, convert, write) -> report
// and from any step to `error` with a code the dialog translates. Nothing is written before the person
// confirms the preview, and then everything is written in one transaction or nothing is.
import type { ImportParseResult, SkippedEntry } from '../../core/import'
import type { BaluchonApi, ImportOpened } from '../../core/ipc/contract'
import { IpcFailure, type IpcErrorCode } from '../../core/ipc/result'
import type { ItemKind } from '../../core/items'
import type { BaluchonDb } from '../../db'
import { applyImport, type ImportReport } from './apply'
import { collectMedia, type MediaFailure } from './media'
import { parseImport } from './parseClient'
import { ParseFailed, type ImportFormat, type ParseFailureCode } from './parseTypes'
import { planImport, type ImportPlan, type PlanAction } from './plan'
import { readFolderNotes, readPickedFile, unwrap } from './source'

export type WorkPhase = 'open' | 'read' | 'parse' | 'media' | 'convert' | 'write'

export type FlowError =
  | { kind: 'parse'; code: Exclude<ParseFailureCode, 'unknown-format'> | 'unknown-format'; detail?: string }
  | { kind: 'ipc'; code: IpcErrorCode; detail?: Record<string, string | number> }
  | { kind: 'unknown-format'; name: string }
  | { kind: 'write'; detail?: string }

export interface Preview {
  format: ImportFormat
  name: string
  summary: ImportParseResult['summary']
  plan: ImportPlan
  counts: Record<ItemKind, Record<PlanAction, number>>
  /** Parser refusals and plan duplicates. */
  skipped: SkippedEntry[]
  /** Images the entries to write reference (URLs for WordPress, folder paths for Markdown). */
  media: string[]
  /** Images referenced by nothing that will be imported (WordPress attachments of no imported post). */
  otherMedia: number
  /** WordPress only: the person may have the images downloaded. */
  canDownloadMedia: boolean
  downloadMedia: boolean
  /** Folder entries main left out (symbolic links, files over the cap). */
  folderSkipped: { path: string; reason: string }[]
}

export type FlowState =
  | { step: 'choose' }
  | { step: 'working'; phase: WorkPhase; done: number; total: number }
  | { step: 'preview'; preview: Preview }
  | { step: 'report'; format: ImportFormat; report: ImportReport; mediaFailures: MediaFailure[] }
  | { step: 'error'; error: FlowError }

export interface FlowDeps {
  api: BaluchonApi
  db: BaluchonDb
}

export class ImportFlow {
  private state: FlowState = { step: 'choose' }
  private readonly listeners = new Set<() => void>()
  private opened: ImportOpened | null = null
  private openedName: string | null = null
  private abort: AbortController | null = null
  private readonly deps: FlowDeps

  constructor(deps: FlowDeps) {
    this.deps = deps
  }

  get = (): FlowState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private set(state: FlowState): void {
    this.state = state
    for (const l of this.listeners) l()
  }

  private progress(phase: WorkPhase, done: number, total: number): void {
    this.set({ step: 'working', phase, done, total })
  }

  /** Opens the native dialog, reads and parses what was picked, and shows the preview. */
  async pick(source: 'file' | 'folder'): Promise<void> {
    this.close()
    const abort = new AbortController()
    this.abort = abort
    try {
      this.progress('open', 0, 0)
      const opened = unwrap(await this.deps.api.importOpen({ source }))
      if (!opened) return this.set({ step: 'choose' })
      this.opened = opened
      this.openedName = opened.name
      const onParse = (p: { done: number; total: number }): void => this.progress('parse', p.done, p.total)
      let outcome
      if (opened.kind === 'file') {
        const bytes = await readPickedFile(this.deps.api, opened, (done, total) => this.progress('read', done, total), abort.signal)
        this.progress('parse', 0, bytes.length)
        outcome = await parseImport({ kind: 'file', name: opened.name, bytes }, onParse, abort.signal)
      } else {
        const files = await readFolderNotes(this.deps.api, opened, (done, total) => this.progress('read', done, total), abort.signal)
        this.progress('parse', 0, files.length)
        outcome = await parseImport({ kind: 'folder', files }, onParse, abort.signal)
      }
      const { format, result } = outcome
      if (abort.signal.aborted) return
      const plan = await planImport(this.deps.db, result.drafts)
      this.set({ step: 'preview', preview: previewOf(format, opened, result, plan) })
    } catch (error) {
      if (abort.signal.aborted) return
      const flowError = toFlowError(error)
      this.fail(flowError.kind === 'parse' && flowError.code === 'unknown-format' ? { kind: 'unknown-format', name: this.openedName ?? '' } : flowError)
    }
  }

  setDownloadMedia(on: boolean): void {
    if (this.state.step !== 'preview') return
    this.set({ step: 'preview', preview: { ...this.state.preview, downloadMedia: on } })
  }

  /** Writes what the preview showed: images first (listed failures never stop it), then one transaction. */
  async apply(): Promise<void> {
    if (this.state.step !== 'preview' || !this.opened) return
    const { preview } = this.state
    const opened = this.opened
    const abort = new AbortController()
    this.abort = abort
    try {
      let mediaFailures: MediaFailure[] = []
      let media = new Map()
      const wanted = preview.format === 'markdown' || (preview.canDownloadMedia && preview.downloadMedia) ? preview.media : []
      if (wanted.length > 0) {
        this.progress('media', 0, wanted.length)
        const collected = await collectMedia(this.deps.api, opened, wanted, (done, total) => this.progress('media', done, total), abort.signal)
        media = collected.media
        mediaFailures = collected.failures
      }
      if (abort.signal.aborted) return
      this.progress('convert', 0, preview.plan.entries.length)
      const report = await applyImport(this.deps.db, preview.plan, {
        media,
        skipped: preview.skipped.filter((s) => !preview.plan.skipped.includes(s)),
        onProgress: (p) => this.progress(p.phase, p.done, p.total),
      })
      this.set({ step: 'report', format: preview.format, report, mediaFailures })
    } catch (error) {
      if (!abort.signal.aborted) this.fail(error instanceof IpcFailure || error instanceof ParseFailed ? toFlowError(error) : { kind: 'write', detail: errorText(error) })
    } finally {
      this.release()
    }
  }

  /** Stops whatever runs (a parse in its worker is terminated) and forgets the picked file. */
  cancel(): void {
    this.abort?.abort()
    this.close()
    this.set({ step: 'choose' })
  }

  private fail(error: FlowError): void {
    this.release()
    this.set({ step: 'error', error })
  }

  private release(): void {
    if (this.opened) void this.deps.api.importClose({ handle: this.opened.handle })
    this.opened = null
  }

  private close(): void {
    this.release()
    this.abort = null
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300)
}

export function toFlowError(error: unknown): FlowError {
  if (error instanceof ParseFailed) return { kind: 'parse', ...error.failure }
  if (error instanceof IpcFailure) return error.detail ? { kind: 'ipc', code: error.code, detail: error.detail } : { kind: 'ipc', code: error.code }
  return { kind: 'parse', code: 'internal', detail: errorText(error) }
}

export function previewOf(format: ImportFormat, opened: ImportOpened, result: ImportParseResult, plan: ImportPlan): Preview {
  const counts = {} as Preview['counts']
  for (const kind of ['post', 'talk', 'link', 'note'] as const) counts[kind] = { add: 0, update: 0, unchanged: 0 }
  const writing = new Set<string>()
  for (const entry of plan.entries) {
    counts[entry.draft.kind][entry.action]++
    if (entry.action !== 'unchanged') writing.add(entry.draft.sourceKey)
  }
  const media = new Set<string>()
  for (const entry of plan.entries) if (writing.has(entry.draft.sourceKey)) for (const m of entry.draft.media) media.add(m.ref)
  const all = new Set((result.media ?? []).map((m) => m.ref))
  const remote = format === 'wxr' ? [...media].filter((ref) => /^https?:\/\//i.test(ref)) : [...media]
  return {
    format,
    name: opened.name,
    summary: result.summary,
    plan,
    counts,
    skipped: [...result.skipped, ...plan.skipped],
    media: remote,
    otherMedia: [...all].filter((ref) => !media.has(ref)).length,
    canDownloadMedia: format === 'wxr' && remote.length > 0,
    downloadMedia: false,
    folderSkipped: opened.kind === 'folder' ? opened.skipped : [],
  }
}

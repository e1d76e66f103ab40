// The state of the backup the person is running (one at a time), shared by the menu, Settings and the dialog
// that shows progress, the dry run and the outcome. Hand-written: a value and listeners for useSyncExternalStore.
import { useSyncExternalStore } from 'react'
import type { BackupWritten, ChannelInput } from '../../core/ipc/contract'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { holdWhile } from '../../lib/backgroundHold'
import { getAppInfo } from '../settings/appInfo'
import { applyLanguage } from '../settings/language'
import { readPreferences, resolveLanguage } from '../settings/preferences'
import { applyTheme } from '../settings/theme'
import { dropStagedRestore } from '../search/restored'
import { BackupFailure, defaultBackupName, readBackupFile, RestoreSession, runExport } from './client'
import { throttledProgress } from './progressThrottle'
import type { BackupProblem, RestoreSummary } from './protocol'

export type BackupJob =
  | { type: 'idle' }
  | { type: 'exporting'; fraction: number }
  | { type: 'exported'; written: BackupWritten }
  | { type: 'reading'; fraction: number }
  | { type: 'checking'; fraction: number }
  | { type: 'dry-run'; fileName: string; summary: RestoreSummary }
  | { type: 'applying' }
  | { type: 'restored'; fileName: string; summary: RestoreSummary }
  | { type: 'failed'; operation: 'export' | 'restore'; problem: BackupProblem }

let job: BackupJob = { type: 'idle' }
const listeners = new Set<() => void>()
let abort: AbortController | null = null
let session: RestoreSession | null = null
let restoring: { fileName: string; summary: RestoreSummary } | null = null

/** The app's background work (search's catch-up and saving, chunks fetched ahead) waits while a job runs (backgroundHold.ts). */
const holdBackground = holdWhile()

function set(next: BackupJob): void {
  job = next
  holdBackground(isBusy())
  for (const listener of listeners) listener()
}

export function getBackupJob(): BackupJob {
  return job
}

export function useBackupJob(): BackupJob {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => job,
  )
}

function isBusy(): boolean {
  return job.type === 'exporting' || job.type === 'reading' || job.type === 'checking' || job.type === 'applying'
}

function problemOf(error: unknown): BackupProblem {
  return error instanceof BackupFailure ? error.problem : { source: 'worker', message: String(error) }
}

/** Export everything through the save dialog, with progress; Cancel aborts and removes the partial file. */
export async function startExport(): Promise<void> {
  if (isBusy()) return
  closeSession()
  const controller = new AbortController()
  abort = controller
  set({ type: 'exporting', fraction: 0 })
  const showProgress = throttledProgress((fraction) => {
    if (abort === controller) set({ type: 'exporting', fraction })
  })
  try {
    const written = await runExport({
      api: getApi(),
      dbName: getDb().name,
      appVersion: getAppInfo()?.version ?? '0.0.0',
      target: { target: 'choose', suggestedName: defaultBackupName(new Date()) },
      signal: controller.signal,
      onProgress: (p) => showProgress(p.total > 0 ? p.done / p.total : 0),
    })
    set(written === null ? { type: 'idle' } : { type: 'exported', written })
  } catch (error) {
    const problem = problemOf(error)
    set(problem.source === 'archive' && problem.code === 'aborted' ? { type: 'idle' } : { type: 'failed', operation: 'export', problem })
  } finally {
    if (abort === controller) abort = null
  }
}

/** Reads a backup (chosen in the open dialog, or an automatic one), checks it and shows the dry run. */
export async function startRestore(source: ChannelInput<'backupOpen'> = { source: 'choose' }): Promise<void> {
  if (isBusy()) return
  closeSession()
  const controller = new AbortController()
  abort = controller
  try {
    set({ type: 'reading', fraction: 0 })
    // Started now, so that the worker (and its pool) load while main reads the file, not after.
    session = new RestoreSession()
    const file = await readBackupFile(getApi(), source, (done, total) => set({ type: 'reading', fraction: total ? done / total : 1 }), controller.signal)
    if (file === null) {
      closeSession()
      return set({ type: 'idle' })
    }
    set({ type: 'checking', fraction: 0 })
    const summary = await session.prepare(
      getDb().name,
      file.bytes,
      (p) => {
        if (abort === controller) set({ type: 'checking', fraction: p.total > 0 ? p.done / p.total : 0 })
      },
      file.absent,
    )
    if (controller.signal.aborted) return
    restoring = { fileName: file.fileName, summary }
    set({ type: 'dry-run', fileName: file.fileName, summary })
  } catch (error) {
    closeSession()
    if (controller.signal.aborted) return set({ type: 'idle' })
    set({ type: 'failed', operation: 'restore', problem: problemOf(error) })
  } finally {
    if (abort === controller) abort = null
  }
}

/** Applies the dry run's plan, in one transaction. */
export async function applyRestore(): Promise<void> {
  if (job.type !== 'dry-run' || !session || !restoring) return
  const shown = restoring
  set({ type: 'applying' })
  try {
    const written = await session.apply()
    // Restored preferences take effect now, not at the next start.
    if (written.settings > 0) await applyRestoredPreferences().catch(() => undefined)
    set({ type: 'restored', fileName: shown.fileName, summary: shown.summary })
  } catch (error) {
    set({ type: 'failed', operation: 'restore', problem: problemOf(error) })
  } finally {
    closeSession()
  }
}

async function applyRestoredPreferences(): Promise<void> {
  const prefs = await readPreferences(getDb())
  applyTheme(prefs.theme)
  await applyLanguage(resolveLanguage(prefs.language, getAppInfo()?.locale ?? navigator.language))
}

/** Cancel during a job, or close the dialog afterwards. Applying cannot be cancelled (it is one short transaction). */
export function dismissBackup(): void {
  if (job.type === 'applying') return
  abort?.abort()
  abort = null
  closeSession()
  set({ type: 'idle' })
}

function closeSession(): void {
  // Items a dry run staged with search, if it was never applied (after a commit, nothing is left to drop).
  if (session) dropStagedRestore(getDb().name)
  session?.close()
  session = null
  restoring = null
}

// Automatic backups: a rotating archive in `<userData>/backups/`, daily by default, the last 7 kept. The
// renderer decides when (a while after start, then every quarter of an hour, if the newest one is older than
// the interval); main writes, rotates and lists the files. The archive is built in the export worker when the
// page is idle, so typing never waits for it.
import { useEffect, useSyncExternalStore } from 'react'
import type { BackupFileInfo, BaluchonApi } from '../../core/ipc/contract'
import type { BaluchonDb } from '../../db'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { whenBackgroundFree } from '../../lib/backgroundHold'
import { getAppInfo } from '../settings/appInfo'
import { BackupFailure, runExport } from './client'
import type { BackupProblem } from './protocol'

export interface AutoBackupSettings {
  enabled: boolean
  intervalHours: number
  keep: number
}

export const DEFAULT_AUTO_BACKUP: AutoBackupSettings = { enabled: true, intervalHours: 24, keep: 7 }
export const INTERVAL_CHOICES = [1, 6, 12, 24, 168] as const
export const KEEP_RANGE = { min: 1, max: 60 } as const

const KEYS = { enabled: 'backup.auto.enabled', intervalHours: 'backup.auto.intervalHours', keep: 'backup.auto.keep' } as const

export async function readAutoBackupSettings(db: BaluchonDb): Promise<AutoBackupSettings> {
  const [enabled, interval, keep] = await db.settings.bulkGet([KEYS.enabled, KEYS.intervalHours, KEYS.keep])
  const hours = Number(interval?.value)
  const kept = Number(keep?.value)
  return {
    enabled: typeof enabled?.value === 'boolean' ? enabled.value : DEFAULT_AUTO_BACKUP.enabled,
    intervalHours: (INTERVAL_CHOICES as readonly number[]).includes(hours) ? hours : DEFAULT_AUTO_BACKUP.intervalHours,
    keep: Number.isInteger(kept) && kept >= KEEP_RANGE.min && kept <= KEEP_RANGE.max ? kept : DEFAULT_AUTO_BACKUP.keep,
  }
}

export async function saveAutoBackupSettings(db: BaluchonDb, patch: Partial<AutoBackupSettings>): Promise<void> {
  await db.settings.bulkPut(Object.entries(patch).map(([key, value]) => ({ key: KEYS[key as keyof AutoBackupSettings], value })))
}

/** Whether a backup is due: none yet, or the newest is older than the interval (or from the future: a clock change). */
export function isBackupDue(newestAt: number | null, intervalHours: number, now: number): boolean {
  if (newestAt === null) return true
  const age = now - newestAt
  return age < 0 || age >= intervalHours * 3_600_000 - 60_000
}

export interface AutoBackupState {
  /** null: this installation makes no automatic backups. */
  backups: BackupFileInfo[] | null
  running: boolean
  lastProblem: BackupProblem | null
}

let state: AutoBackupState = { backups: null, running: false, lastProblem: null }
const listeners = new Set<() => void>()
function set(patch: Partial<AutoBackupState>): void {
  state = { ...state, ...patch }
  for (const listener of listeners) listener()
}

export function useAutoBackupState(): AutoBackupState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => state,
  )
}

type AutoApi = Pick<BaluchonApi, 'backupList' | 'backupWriteBegin' | 'backupWriteChunk' | 'backupWriteCommit' | 'backupWriteAbort'>

export interface AutoBackupDeps {
  api: AutoApi
  db: BaluchonDb
  appVersion: string
  now(): number
  /** Runs the export (the worker in the app; tests pass a fake). */
  run?: (options: Parameters<typeof runExport>[0]) => Promise<unknown>
}

/** Refreshes the list shown in Settings. */
export async function refreshBackupList(api: Pick<BaluchonApi, 'backupList'> = getApi()): Promise<BackupFileInfo[] | null> {
  const result = await api.backupList()
  if (result.ok) set({ backups: result.value })
  return result.ok ? result.value : state.backups
}

/** Makes an automatic backup if one is due (and the base is not empty). Returns whether one was written. */
export async function backUpIfDue(deps: AutoBackupDeps): Promise<boolean> {
  if (state.running) return false
  const settings = await readAutoBackupSettings(deps.db)
  // An empty base has nothing to keep (and a fresh profile makes no file before its first item). One key read, not a
  // count: IndexedDB counts a table by walking it (50,000 rows, in the origin's one queue, 5 s after a start, where a
  // view switch's rows waited behind it).
  if (!settings.enabled || (await deps.db.items.limit(1).primaryKeys()).length === 0) return false
  const list = await refreshBackupList(deps.api)
  if (list === null) return false
  const newest = list[0]?.modifiedAt ?? null
  if (!isBackupDue(newest, settings.intervalHours, deps.now())) return false
  set({ running: true })
  try {
    await (deps.run ?? runExport)({
      api: deps.api,
      dbName: deps.db.name,
      appVersion: deps.appVersion,
      target: { target: 'auto' },
      keep: settings.keep,
      // Kept several at a time: the Markdown copy is deflated too.
      contentCompressionLevel: 1,
      now: deps.now,
    })
    set({ lastProblem: null })
    return true
  } catch (error) {
    set({ lastProblem: error instanceof BackupFailure ? error.problem : { source: 'worker', message: String(error) } })
    return false
  } finally {
    set({ running: false })
    await refreshBackupList(deps.api).catch(() => undefined)
  }
}

/** First check this long after start (start-up and first paint come first), then every CHECK_EVERY_MS. */
export const FIRST_CHECK_MS = 5_000
export const CHECK_EVERY_MS = 15 * 60_000

/** Runs `task` when the page is idle (or after 10 s at most): a backup is never urgent. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 10_000 })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(task, 0)
  return () => clearTimeout(handle)
}

/** Starts the schedule; returns a function that stops it. */
export function startAutoBackups(deps: AutoBackupDeps): () => void {
  let cancelIdle: (() => void) | null = null
  const check = (): void => {
    cancelIdle?.()
    // Not beside an export or a restore the person runs (backgroundHold.ts): after it.
    cancelIdle = whenIdle(() => void whenBackgroundFree().then(() => backUpIfDue(deps)).catch(() => undefined))
  }
  const first = setTimeout(check, FIRST_CHECK_MS)
  const every = setInterval(check, CHECK_EVERY_MS)
  return () => {
    clearTimeout(first)
    clearInterval(every)
    cancelIdle?.()
  }
}

/** Mounted once in the app shell (through BackupDialog). */
export function useAutoBackups(): void {
  useEffect(() => startAutoBackups({ api: getApi(), db: getDb(), appVersion: getAppInfo()?.version ?? '0.0.0', now: Date.now }), [])
}

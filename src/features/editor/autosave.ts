// Autosave: the editor's content is written a moment after typing stops, and at once on blur, on
// item switch, on page hide and when the window closes. Reading the content (serialising the
// document) happens only when a save runs, never per keystroke. A failed save keeps the content,
// shows why, and is retried on the next change and with back-off until it goes through.
import { useEffect, useSyncExternalStore } from 'react'
import { getApi } from '../../lib/api'
import { isStorageFullError } from '../attachments/errors'

export const AUTOSAVE_DELAY_MS = 700
/** Waits between retries of a failing save; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000]

export type SaveFailure = 'storage-full' | 'generic'

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'error'; reason: SaveFailure }

export interface AutosaverOptions<T> {
  /** Snapshots the content to save; called when a save runs, not on each change. */
  read: () => T
  write: (content: T) => Promise<void>
  delayMs?: number
  retryDelaysMs?: readonly number[]
  /** Told about every failed save with the content that could not be written, and null once saved. */
  onUnsaved?: (content: T | null, error?: unknown) => void
}

/** Name of the performance measure taken each time a save reads (serialises) the content. */
export const READ_MEASURE = 'baluchon:autosave-read'

const SAVED: SaveStatus = { state: 'saved' }
const PENDING: SaveStatus = { state: 'pending' }
const SAVING: SaveStatus = { state: 'saving' }

/** Every autosaver with content not yet written, mounted or not: what a window close must wait for. */
const live = new Set<Autosaver<unknown>>()
/** When an autosaver last had all its content written (Date.now()). */
let lastWrittenAt = Number.NEGATIVE_INFINITY

/**
 * True when no editor content is waiting to be written (typed, in flight, failed) and none was written in the
 * last `graceMs`: by then the windows' live queries have heard of the last write (Dexie tells them a moment
 * after it lands), so a row a list read is no older than the database. See library/useItem.ts (listCopyWhileReading).
 */
export function contentWritesSettled(graceMs: number): boolean {
  return live.size === 0 && Date.now() - lastWrittenAt >= graceMs
}

export class Autosaver<T> {
  private readonly options: AutosaverOptions<T>
  private dirty = false
  /** Content captured when the editor went away, kept until written. */
  private orphan: { content: T } | null = null
  private attached = true
  private inFlight: Promise<boolean> | null = null
  private debounceTimer: ReturnType<typeof setTimeout> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private failures = 0
  private status: SaveStatus = SAVED
  private readonly listeners = new Set<() => void>()

  constructor(options: AutosaverOptions<T>) {
    this.options = options
  }

  /** The content changed: save once typing pauses. Cheap enough to call on every keystroke. */
  change(): void {
    this.dirty = true
    live.add(this as Autosaver<unknown>)
    installPageHideFlush()
    if (this.status.state !== 'error' && this.status.state !== 'saving') this.setStatus(PENDING)
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null
      void this.flush()
    }, this.options.delayMs ?? AUTOSAVE_DELAY_MS)
  }

  /** True while something typed is not yet safely written. */
  get hasUnsavedChanges(): boolean {
    return this.dirty || this.inFlight !== null || this.orphan !== null
  }

  getStatus = (): SaveStatus => this.status

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Writes pending content now. Resolves true once everything is written, false if a save failed. */
  async flush(): Promise<boolean> {
    this.clearTimers()
    for (;;) {
      if (this.inFlight) {
        // A save already running: wait for it; if it failed, its retry is scheduled, report the failure.
        if (!(await this.inFlight)) return false
        continue
      }
      if (!this.dirty) {
        if (this.orphan === null && live.delete(this as Autosaver<unknown>)) lastWrittenAt = Date.now()
        return this.status.state !== 'error'
      }
      if (!(await this.saveOnce())) return false
    }
  }

  /**
   * The editor is going away (item switch, unmount): capture its content now, while it can still be
   * read, and write it. The capture survives a failed write and keeps being retried.
   */
  detach(): Promise<boolean> {
    if (this.dirty && this.attached && !this.orphan) this.orphan = { content: this.options.read() }
    this.attached = false
    return this.flush()
  }

  /** The same editor is back (React StrictMode remounts effects): read from it again. */
  attach(): void {
    this.attached = true
    this.orphan = null
  }

  private saveOnce(): Promise<boolean> {
    let content: T
    try {
      const startedAt = performance.now()
      content = this.orphan ? this.orphan.content : this.options.read()
      // The main-thread cost of reading the content, in the performance timeline for benchmarks (the
      // last one only: the timeline is never trimmed by itself).
      performance.clearMeasures(READ_MEASURE)
      performance.measure(READ_MEASURE, { start: startedAt, end: performance.now() })
    } catch (error) {
      this.fail(error)
      return Promise.resolve(false)
    }
    this.dirty = false
    this.setStatus(SAVING)
    const run = this.options.write(content).then(
      () => {
        this.failures = 0
        if (this.orphan?.content === content) this.orphan = null
        this.options.onUnsaved?.(null)
        this.setStatus(this.dirty ? PENDING : SAVED)
        return true
      },
      (error: unknown) => {
        // Whatever was being written is still unsaved: mark it so the next flush writes it (or newer).
        // With the editor gone, this content is the only copy left: keep it.
        this.dirty = true
        if (!this.attached && !this.orphan) this.orphan = { content }
        this.options.onUnsaved?.(content, error)
        this.fail(error)
        return false
      },
    )
    this.inFlight = run.finally(() => {
      this.inFlight = null
    })
    return this.inFlight
  }

  private fail(error: unknown): void {
    this.dirty = true
    live.add(this as Autosaver<unknown>)
    this.failures++
    this.setStatus({ state: 'error', reason: isStorageFullError(error) ? 'storage-full' : 'generic' })
    const delays = this.options.retryDelaysMs ?? RETRY_DELAYS_MS
    const wait = delays[Math.min(this.failures - 1, delays.length - 1)] ?? 30_000
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.flush()
    }, wait)
  }

  private clearTimers(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.debounceTimer = null
    this.retryTimer = null
  }

  private setStatus(status: SaveStatus): void {
    if (status === this.status) return
    this.status = status
    for (const listener of this.listeners) listener()
  }
}

/** The save state to show, re-rendering only when it changes. */
export function useSaveStatus<T>(saver: Autosaver<T>): SaveStatus {
  return useSyncExternalStore(saver.subscribe, saver.getStatus)
}

/** Other unsaved work (a detail field's draft) that must be written before the window closes. */
type FlushHandler = () => Promise<boolean | void>
const flushHandlers = new Set<FlushHandler>()

/**
 * Registers more work for flushAllPendingSaves (and so for the window close) to wait for; a handler
 * resolving false (or throwing) counts as a failed save. Returns the unregister function.
 */
export function registerFlushHandler(handler: FlushHandler): () => void {
  flushHandlers.add(handler)
  return () => flushHandlers.delete(handler)
}

/** Flushes every editor's pending save, mounted or already unmounted, and the registered handlers. True when all are written. */
export async function flushAllPendingSaves(): Promise<boolean> {
  const results = await Promise.all([
    ...[...live].map((saver) => saver.flush()),
    ...[...flushHandlers].map((handler) =>
      handler().then(
        (ok) => ok !== false,
        () => false,
      ),
    ),
  ])
  return results.every(Boolean)
}

let pageHideInstalled = false

/**
 * Leaving the page (reload, window hidden or minimised, renderer about to be discarded) flushes at
 * once: the debounce timer might never get to run.
 */
function installPageHideFlush(): void {
  if (pageHideInstalled || typeof window === 'undefined') return
  pageHideInstalled = true
  window.addEventListener('pagehide', () => void flushAllPendingSaves())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAllPendingSaves()
  })
}

let closeSubscribers = 0
let closeUnsubscribe: (() => void) | null = null

function onFlushRequest(): void {
  void flushAllPendingSaves().then((ok) => {
    if (ok) void getApi().readyToClose()
  })
}

/**
 * Answers main's close request: flush every pending save, then tell main it may close. When a save
 * fails (disk full) main is not told: the window stays open with the error shown and the text still
 * in the editor (and in the rescue copy), rather than closing on unsaved work; main's own timeout
 * remains the last word. Any number of components may call this (the app shell and each editor):
 * there is one subscription, so main gets one answer.
 */
export function useCloseFlush(): void {
  useEffect(() => {
    const api = typeof window === 'undefined' ? undefined : (window as Partial<Window>).api
    if (!api) return
    if (closeSubscribers++ === 0) closeUnsubscribe = api.on('flushRequest', onFlushRequest)
    return () => {
      if (--closeSubscribers === 0) {
        closeUnsubscribe?.()
        closeUnsubscribe = null
      }
    }
  }, [])
}

/** For tests: forget every autosaver and handler (each test starts from a clean slate). */
export function resetAutosaversForTests(): void {
  live.clear()
  lastWrittenAt = Number.NEGATIVE_INFINITY
  flushHandlers.clear()
}

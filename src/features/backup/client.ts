// The UI thread's side of backups: it starts the workers and relays bytes between them and main. It never
// holds more than one chunk of an export, and does no parsing or compression itself, so typing stays fluid.
import type { ArchiveProgress } from '../../core/archive'
import { readSkippingContent } from '../../core/archive/sparseRead'
import type { AbsentRanges } from '../../core/archive/zipReader'
import type { BackupWritten, BaluchonApi, ChannelInput } from '../../core/ipc/contract'
import type { IpcResult } from '../../core/ipc/result'
import type { LeavingSummary } from './leavingScope'
import type { BackupProblem, ExportMessage, ExportRequest, ExportScope, RestoreMessage, RestoreRequest, RestoreSummary } from './protocol'

/** What the client needs of a worker (a Web Worker in the app; tests may pass an in-process stand-in). */
export interface JobWorker<Req, Msg> {
  post(message: Req, transfer?: Transferable[]): void
  onMessage(listener: (message: Msg) => void): void
  onError(listener: (message: string) => void): void
  terminate(): void
}

export function fromWorker<Req, Msg>(worker: Worker): JobWorker<Req, Msg> {
  return {
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (listener) => worker.addEventListener('message', (event: MessageEvent<Msg>) => listener(event.data)),
    onError: (listener) => {
      worker.addEventListener('error', (event) => listener(event.message || 'worker error'))
      worker.addEventListener('messageerror', () => listener('message could not be read'))
    },
    terminate: () => worker.terminate(),
  }
}

/** How long the worker of a finished export (and its pool) is kept for the next export. */
export const KEEP_EXPORT_WORKER_MS = 60_000

/**
 * Leases of one worker kept between jobs: a lease's `terminate()` parks the worker for `keepMs` instead, when its job
 * ended with a message `reusable` accepts and the worker never reported an error; the next lease takes it. Any other
 * end (a failure, a cancel, a crash) terminates it, so a job never inherits a broken one. Jobs at once each get their
 * own worker; only one is parked. Why: an export spawned its worker and its pool each time (their code fetched,
 * compiled and run cold again) while the person exports again soon (a backup, then the changing-employer wizard's
 * archive, a retry, automatic backups).
 */
export function keptWorkers<Req, Msg>(
  spawn: () => JobWorker<Req, Msg>,
  reusable: (message: Msg) => boolean,
  keepMs: number,
  timers: { set: (run: () => void, ms: number) => unknown; clear: (timer: unknown) => void } = {
    set: (run, ms) => setTimeout(run, ms),
    clear: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  },
): () => JobWorker<Req, Msg> {
  interface Kept {
    worker: JobWorker<Req, Msg>
    onMessage: ((message: Msg) => void) | null
    onError: ((message: string) => void) | null
    broken: boolean
  }
  let parked: { kept: Kept; timer: unknown } | null = null
  const create = (): Kept => {
    const kept: Kept = { worker: spawn(), onMessage: null, onError: null, broken: false }
    kept.worker.onMessage((message) => kept.onMessage?.(message))
    kept.worker.onError((message) => {
      kept.broken = true
      kept.onError?.(message)
    })
    return kept
  }
  return () => {
    let kept: Kept
    if (parked) {
      timers.clear(parked.timer)
      kept = parked.kept
      parked = null
    } else {
      kept = create()
    }
    let reuse = false
    let ended = false
    const messageListeners: ((message: Msg) => void)[] = []
    const errorListeners: ((message: string) => void)[] = []
    kept.onMessage = (message) => {
      reuse = reusable(message)
      for (const listener of messageListeners) listener(message)
    }
    kept.onError = (message) => {
      for (const listener of errorListeners) listener(message)
    }
    return {
      post: (message, transfer) => {
        if (!ended) kept.worker.post(message, transfer)
      },
      onMessage: (listener) => void messageListeners.push(listener),
      onError: (listener) => void errorListeners.push(listener),
      terminate: () => {
        if (ended) return
        ended = true
        kept.onMessage = null
        kept.onError = null
        if (!reuse || kept.broken || parked) return kept.worker.terminate()
        const timer = timers.set(() => {
          if (parked?.kept !== kept) return
          parked = null
          kept.worker.terminate()
        }, keepMs)
        parked = { kept, timer }
      },
    }
  }
}

/** The export worker, kept a minute after an export that finished (see keptWorkers). */
export const spawnExportWorker: () => JobWorker<ExportRequest, ExportMessage> = keptWorkers(
  () => fromWorker(new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'backup-export' })),
  (message) => message.type === 'done',
  KEEP_EXPORT_WORKER_MS,
)

export const spawnRestoreWorker = (): JobWorker<RestoreRequest, RestoreMessage> =>
  fromWorker(new Worker(new URL('./restore.worker.ts', import.meta.url), { type: 'module', name: 'backup-restore' }))

export class BackupFailure extends Error {
  constructor(readonly problem: BackupProblem) {
    super(problem.source === 'archive' ? `archive: ${problem.code}` : `${problem.source}: ${'message' in problem ? problem.message : problem.code}`)
    this.name = 'BackupFailure'
  }
}

type BackupApi = Pick<
  BaluchonApi,
  'backupWriteBegin' | 'backupWriteChunk' | 'backupWriteCommit' | 'backupWriteAbort' | 'backupOpen' | 'backupReadChunk' | 'backupReadClose'
>

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value
  const detail = result.error.detail ?? {}
  throw new BackupFailure({
    source: 'io',
    code: result.error.code,
    ...(typeof detail.reason === 'string' ? { reason: detail.reason } : {}),
    ...(typeof detail.limit === 'number' ? { limit: detail.limit } : {}),
    ...(typeof detail.actual === 'number' ? { actual: detail.actual } : {}),
  })
}

/** `baluchon-2026-03-14.baluchon`, in the person's local date. */
export function defaultBackupName(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `baluchon-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.baluchon`
}

export interface ExportJobOptions {
  /** With `backupDeflate`, main deflates the large entries (see ExportRequest); tests may leave it out. */
  api: Pick<BackupApi, 'backupWriteBegin' | 'backupWriteChunk' | 'backupWriteCommit' | 'backupWriteAbort'> & Partial<Pick<BaluchonApi, 'backupDeflate'>>
  dbName: string
  appVersion: string
  target: ChannelInput<'backupWriteBegin'>
  /** Automatic backups to keep (rotation), for target `auto`. */
  keep?: number
  /** Automatic backups deflate their Markdown too: they are kept several at a time. */
  contentCompressionLevel?: number
  onProgress?: (progress: ArchiveProgress) => void
  signal?: AbortSignal
  spawn?: () => JobWorker<ExportRequest, ExportMessage>
  now?: () => number
  /** 'may-leave': only what may leave with the person (the changing-employer wizard's personal archive). */
  scope?: ExportScope
}

/** A written archive, with the handle main still knows it by (to write its record beside it) and what it left out. */
export type ExportWritten = BackupWritten & { handle: string; leaving?: LeavingSummary }

/** Exports the whole base (or its scope); null when the person cancelled the save dialog. Throws a BackupFailure. */
export async function runExport(options: ExportJobOptions): Promise<ExportWritten | null> {
  const { api } = options
  const begun = unwrap(await api.backupWriteBegin(options.target))
  if (begun === null) return null
  const worker = (options.spawn ?? spawnExportWorker)()
  const { handle } = begun
  try {
    const done = await new Promise<Extract<ExportMessage, { type: 'done' }>>((resolve, reject) => {
      let failed = false
      const fail = (problem: BackupProblem): void => {
        if (failed) return
        failed = true
        reject(new BackupFailure(problem))
      }
      const onAbort = (): void => worker.post({ type: 'cancel' })
      options.signal?.addEventListener('abort', onAbort, { once: true })
      worker.onError((message) => fail({ source: 'worker', message }))
      worker.onMessage((message) => {
        switch (message.type) {
          case 'progress':
            return options.onProgress?.(message.progress)
          case 'chunk':
            // One chunk in flight: the worker waits for this ack before producing more.
            void api.backupWriteChunk({ handle, data: message.data, ...(message.held ? { held: message.held } : {}) }).then(
              (result) => {
                if (result.ok) return worker.post({ type: 'ack' })
                worker.post({ type: 'cancel' })
                try {
                  unwrap(result)
                } catch (error) {
                  fail((error as BackupFailure).problem)
                }
              },
              (error: unknown) => fail({ source: 'worker', message: String(error) }),
            )
            return
          case 'deflate': {
            const { id, data, level, hold } = message
            const deflate = api.backupDeflate
            if (!deflate) return worker.post({ type: 'deflate-failed', id, message: 'main cannot deflate' })
            void deflate({ handle, data, level, ...(hold ? { hold } : {}) }).then(
              (result) => {
                if (result.ok) {
                  const value = result.value
                  // Main kept the bytes: only their place comes to the worker.
                  if ('held' in value) return worker.post({ type: 'deflated', id, crc: value.crc, data: null, held: { id: value.held, length: value.length } })
                  const out = value.data
                  // Handed over when the bytes fill their own buffer (as IPC delivers them), else copied.
                  const own = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? (out as Uint8Array<ArrayBuffer>) : out.slice()
                  return worker.post({ type: 'deflated', id, crc: value.crc, data: own }, [own.buffer])
                }
                worker.post({ type: 'deflate-failed', id, message: result.error.message })
                try {
                  unwrap(result)
                } catch (error) {
                  fail((error as BackupFailure).problem)
                }
              },
              (error: unknown) => {
                worker.post({ type: 'deflate-failed', id, message: String(error) })
                fail({ source: 'worker', message: String(error) })
              },
            )
            return
          }
          case 'done':
            options.signal?.removeEventListener('abort', onAbort)
            return resolve(message)
          case 'failed':
            return fail(message.problem)
        }
      })
      if (options.signal?.aborted) return fail({ source: 'archive', code: 'aborted', info: {} })
      worker.post({
        type: 'start',
        dbName: options.dbName,
        appVersion: options.appVersion,
        createdAt: (options.now ?? Date.now)(),
        contentCompressionLevel: options.contentCompressionLevel ?? 0,
        ...(options.scope ? { scope: options.scope } : {}),
        ...(typeof api.backupDeflate === 'function' ? { deflateInMain: true } : {}),
      })
    })
    const written = unwrap(await api.backupWriteCommit(options.keep === undefined ? { handle } : { handle, keep: options.keep }))
    return { ...written, handle, ...(done.leaving ? { leaving: done.leaving } : {}) }
  } catch (error) {
    // Nothing half-written stays on disk.
    await api.backupWriteAbort({ handle }).catch(() => undefined)
    throw error instanceof BackupFailure ? error : new BackupFailure({ source: 'worker', message: String(error) })
  } finally {
    worker.terminate()
  }
}

/**
 * Reads a backup file from main, in chunks, into one buffer of the file's size (the reader needs random access):
 * everything but the `content/` Markdown a restore never uses (readSkippingContent), whose ranges come back as
 * `absent` for the checks. Progress counts the bytes read or skipped.
 */
export async function readBackupFile(
  api: BackupApi,
  source: ChannelInput<'backupOpen'>,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ fileName: string; bytes: Uint8Array; absent: AbsentRanges } | null> {
  const opened = unwrap(await api.backupOpen(source))
  if (opened === null) return null
  try {
    const bytes = new Uint8Array(opened.size)
    const CHUNK = 4 * 1024 * 1024
    let done = 0
    const fill = async (start: number, end: number): Promise<void> => {
      for (let offset = start; offset < end; ) {
        if (signal?.aborted) throw new BackupFailure({ source: 'archive', code: 'aborted', info: {} })
        const chunk = unwrap(await api.backupReadChunk({ handle: opened.handle, offset, length: Math.min(CHUNK, end - offset) }))
        // The file got shorter since it was opened: the checks will find it truncated.
        if (chunk.length === 0) return
        bytes.set(chunk, offset)
        offset += chunk.length
        done += chunk.length
        onProgress?.(done, opened.size)
      }
    }
    const absent = await readSkippingContent(bytes, fill)
    if (absent.length > 0) onProgress?.(opened.size, opened.size)
    return { fileName: opened.fileName, bytes, absent }
  } finally {
    await api.backupReadClose({ handle: opened.handle }).catch(() => undefined)
  }
}

/** One restore: a worker holding the checked archive between the dry run and the apply. */
export class RestoreSession {
  private readonly worker: JobWorker<RestoreRequest, RestoreMessage>
  private waiting: { resolve: (message: RestoreMessage) => void } | null = null
  private onProgress: ((progress: ArchiveProgress) => void) | undefined

  constructor(spawn: () => JobWorker<RestoreRequest, RestoreMessage> = spawnRestoreWorker) {
    this.worker = spawn()
    this.worker.onMessage((message) => {
      if (message.type === 'progress') return this.onProgress?.(message.progress)
      const waiting = this.waiting
      this.waiting = null
      waiting?.resolve(message)
    })
    this.worker.onError((message) => {
      const waiting = this.waiting
      this.waiting = null
      waiting?.resolve({ type: 'failed', problem: { source: 'worker', message } })
    })
  }

  private request(message: RestoreRequest, transfer?: Transferable[]): Promise<RestoreMessage> {
    return new Promise((resolve) => {
      this.waiting = { resolve }
      this.worker.post(message, transfer)
    })
  }

  /** Checks the archive and plans the merge; throws a BackupFailure naming what is wrong. */
  async prepare(dbName: string, bytes: Uint8Array, onProgress?: (progress: ArchiveProgress) => void, absent: AbsentRanges = []): Promise<RestoreSummary> {
    this.onProgress = onProgress
    const reply = await this.request({ type: 'prepare', dbName, bytes, absent }, [bytes.buffer as ArrayBuffer])
    if (reply.type === 'planned') return reply.summary
    throw new BackupFailure(reply.type === 'failed' ? reply.problem : { source: 'worker', message: `unexpected ${reply.type}` })
  }

  /** Writes the plan in one transaction; on failure nothing was written. */
  async apply(): Promise<Extract<RestoreMessage, { type: 'applied' }>['written']> {
    const reply = await this.request({ type: 'apply' })
    if (reply.type === 'applied') return reply.written
    throw new BackupFailure(reply.type === 'failed' ? reply.problem : { source: 'worker', message: `unexpected ${reply.type}` })
  }

  close(): void {
    this.worker.terminate()
  }
}

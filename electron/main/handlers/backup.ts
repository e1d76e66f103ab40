// Backup files on disk: main writes what the renderer's export worker produces and reads archives back
// for a restore, always in chunks through a handle, so no archive ever crosses the bridge as one giant
// message and memory stays bounded whatever its size. Writes are atomic (atomicWrite.ts): a temporary file in the target
// folder, fsync, rename; any failure removes the temporary file. Automatic backups live in one folder of
// the app's data and are rotated here. The dialogs and paths are injected (Electron in the app, doubles
// in Node tests and the end-to-end harness).
import { createHash, randomUUID, type Hash } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import * as zlib from 'node:zlib'
import { crc32 as jsCrc32 } from '../../../src/core/archive/crc32'
import type {
  BackupDeflated,
  BackupFileInfo,
  BackupOpened,
  BackupWriteHandle,
  BackupWritten,
} from '../../../src/core/ipc/contract'
import { IpcFailure } from '../../../src/core/ipc/result'
import { commitTempFile, discardTempFile, tempPathBeside, writeAll, writeFileAtomic } from '../atomicWrite'
import type { HandlerInput } from '../ipc/dispatcher'

export const BACKUP_EXTENSION = '.baluchon'
/** Automatic backups are recognised by this prefix; files the person put in the folder are never rotated away. */
export const AUTO_BACKUP_PREFIX = 'baluchon-auto-'
/** A restore reads the whole archive into the renderer's memory; larger files are refused up front. */
export const DEFAULT_MAX_READ_BYTES = 2 * 1024 ** 3

/** The file system calls used here (node:fs/promises; tests pass one that fails on purpose). */
export interface BackupFs {
  open(path: string, flags: string): Promise<nodeFs.FileHandle>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>
  readdir(path: string): Promise<string[]>
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean }>
}

export interface BackupDeps {
  /** The native save dialog; resolves to the chosen path, or null when the person cancels. */
  showSaveDialog(suggestedName: string): Promise<string | null>
  /** The native open dialog for `.baluchon` files; null when cancelled. */
  showOpenDialog(): Promise<string | null>
  /** `<userData>/backups`; null turns automatic backups off (test harnesses and benchmarks that do not want them). */
  autoBackupDir(): string | null
  fs?: BackupFs
  now?: () => number
  maxReadBytes?: number
}

interface WriteJob {
  file: nodeFs.FileHandle
  tempPath: string
  finalPath: string
  auto: boolean
  written: number
  /** SHA-256 of the bytes as written (the changing-employer record quotes it), computed as they go by. */
  hash: Hash
  /** Chunks are appended one after another even if calls overlap. */
  queue: Promise<void>
  /** Entries deflated and kept here (backupDeflate's `hold`) until a chunk places them, by number. */
  held: Map<number, Uint8Array>
  nextHeld: number
}

/**
 * Deflated bytes main keeps for one write at most (backupDeflate's `hold`): an export has a few shards in flight, each
 * placed by the next chunk; an entry written stored after all (deflate did not pay) stays until the commit.
 */
const HELD_MAX_BYTES = 256 * 1024 * 1024

function heldBytes(job: WriteJob): number {
  let total = 0
  for (const bytes of job.held.values()) total += bytes.byteLength
  return total
}

/** Companion files (the changing-employer record) may be written beside this many recently saved archives. */
const RECENT_ARCHIVES = 16

interface ReadJob {
  file: nodeFs.FileHandle
  fileName: string
  size: number
}

export type BackupHandlers = {
  backupWriteBegin(input: HandlerInput<'backupWriteBegin'>): Promise<BackupWriteHandle | null>
  backupWriteChunk(input: HandlerInput<'backupWriteChunk'>): Promise<void>
  backupDeflate(input: HandlerInput<'backupDeflate'>): Promise<BackupDeflated>
  backupWriteCommit(input: HandlerInput<'backupWriteCommit'>): Promise<BackupWritten>
  backupWriteAbort(input: HandlerInput<'backupWriteAbort'>): Promise<void>
  backupOpen(input: HandlerInput<'backupOpen'>): Promise<BackupOpened | null>
  backupReadChunk(input: HandlerInput<'backupReadChunk'>): Promise<Uint8Array>
  backupReadClose(input: HandlerInput<'backupReadClose'>): Promise<void>
  backupList(): Promise<BackupFileInfo[] | null>
  backupWriteRecord(input: HandlerInput<'backupWriteRecord'>): Promise<{ fileName: string }>
}

const deflateRaw = promisify(zlib.deflateRaw)
/** zlib's native CRC-32 where this Node has it (20.15, 22.2 on); else the archive's own (the same value). */
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32
const crc32Of = (data: Uint8Array): number => (zlibCrc32 ? zlibCrc32(data) >>> 0 : jsCrc32(data))

/**
 * An entry deflated for the renderer's archive writer (see the contract's backupDeflate). Asynchronous zlib: the
 * deflate runs on libuv's thread pool, so main's own thread (window events, other IPC) is held only for the CRC.
 */
export async function deflateEntry(data: Uint8Array, level: number): Promise<{ crc: number; data: Uint8Array }> {
  const crc = crc32Of(data)
  const out = await deflateRaw(data, { level })
  return { crc, data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) }
}

/** Why the disk refused, as a reason the renderer turns into a sentence in the person's language. */
export function ioReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full'
    case 'EACCES':
    case 'EPERM':
      return 'permission'
    case 'EROFS':
      return 'read-only'
    case 'ENOENT':
    case 'ENOTDIR':
      return 'not-found'
    case 'EISDIR':
      return 'is-directory'
    default:
      return 'other'
  }
}

function ioFailure(action: string, error: unknown): IpcFailure {
  const code = (error as { code?: unknown } | null)?.code
  return new IpcFailure('io', `Could not ${action} the backup file${typeof code === 'string' ? ` (${code})` : ''}`, { reason: ioReason(error) })
}

/** `baluchon-auto-2026-03-14T09-30-00-000Z.baluchon`: sorts by time, safe on every file system. */
export function autoBackupName(now: number): string {
  return `${AUTO_BACKUP_PREFIX}${new Date(now).toISOString().replace(/[:.]/g, '-')}${BACKUP_EXTENSION}`
}

export function isAutoBackupName(name: string): boolean {
  return name.startsWith(AUTO_BACKUP_PREFIX) && name.endsWith(BACKUP_EXTENSION) && basename(name) === name && !name.includes('..')
}

/** The save dialog's answer with the extension the file must have (Linux dialogs do not add it). */
function withExtension(path: string): string {
  return path.toLowerCase().endsWith(BACKUP_EXTENSION) ? path : `${path}${BACKUP_EXTENSION}`
}

export function createBackupHandlers(deps: BackupDeps): BackupHandlers {
  const fs: BackupFs = deps.fs ?? nodeFs
  const now = deps.now ?? Date.now
  const maxReadBytes = deps.maxReadBytes ?? DEFAULT_MAX_READ_BYTES
  const writes = new Map<string, WriteJob>()
  const reads = new Map<string, ReadJob>()
  /** Archives saved through the save dialog, by the handle they were written with (oldest first). */
  const saved = new Map<string, string>()

  const writeJob = (handle: string): WriteJob => {
    const job = writes.get(handle)
    if (!job) throw new IpcFailure('invalid-input', 'Unknown or finished backup write')
    return job
  }
  const readJob = (handle: string): ReadJob => {
    const job = reads.get(handle)
    if (!job) throw new IpcFailure('invalid-input', 'Unknown or closed backup file')
    return job
  }

  /** Closes and deletes the temporary file; never throws (it runs after another failure). */
  const discard = async (handle: string): Promise<void> => {
    const job = writes.get(handle)
    if (!job) return
    writes.delete(handle)
    job.held.clear()
    await job.queue.catch(() => undefined)
    await discardTempFile(job.file, job.tempPath, fs)
  }

  const autoDir = (): string => {
    const dir = deps.autoBackupDir()
    if (dir === null) throw new IpcFailure('io', 'Automatic backups are off', { reason: 'not-found' })
    return dir
  }

  const listAuto = async (): Promise<BackupFileInfo[]> => {
    const dir = autoDir()
    let names: string[]
    try {
      names = await fs.readdir(dir)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return []
      throw ioFailure('list', error)
    }
    const out: BackupFileInfo[] = []
    for (const fileName of names.filter(isAutoBackupName)) {
      const stat = await fs.stat(join(dir, fileName)).catch(() => null)
      if (stat?.isFile()) out.push({ fileName, size: stat.size, modifiedAt: Math.round(stat.mtimeMs) })
    }
    // Names carry the time they were made: sorting by name survives copies that reset mtimes.
    return out.sort((a, b) => (a.fileName < b.fileName ? 1 : a.fileName > b.fileName ? -1 : 0))
  }

  const openForRead = async (path: string): Promise<BackupOpened> => {
    let file: nodeFs.FileHandle
    try {
      file = await fs.open(path, 'r')
    } catch (error) {
      throw ioFailure('open', error)
    }
    try {
      const stat = await file.stat()
      if (!stat.isFile()) throw new IpcFailure('io', 'Not a file', { reason: 'is-directory' })
      if (stat.size > maxReadBytes) throw new IpcFailure('too-large', 'Backup file too large', { limit: maxReadBytes, actual: stat.size })
      const handle = randomUUID()
      reads.set(handle, { file, fileName: basename(path), size: stat.size })
      return { handle, fileName: basename(path), size: stat.size }
    } catch (error) {
      await file.close().catch(() => undefined)
      throw error instanceof IpcFailure ? error : ioFailure('read', error)
    }
  }

  return {
    async backupWriteBegin(input) {
      let finalPath: string
      let auto = false
      if (input.target === 'choose') {
        const chosen = await deps.showSaveDialog(input.suggestedName)
        if (chosen === null) return null
        finalPath = withExtension(chosen)
      } else {
        const dir = autoDir()
        try {
          await fs.mkdir(dir, { recursive: true })
        } catch (error) {
          throw ioFailure('create the folder of', error)
        }
        finalPath = join(dir, autoBackupName(now()))
        auto = true
      }
      // Same folder as the target, so the final rename never crosses file systems (and stays atomic).
      const tempPath = tempPathBeside(finalPath)
      let file: nodeFs.FileHandle
      try {
        file = await fs.open(tempPath, 'wx')
      } catch (error) {
        throw ioFailure('create', error)
      }
      const handle = randomUUID()
      writes.set(handle, { file, tempPath, finalPath, auto, written: 0, hash: createHash('sha256'), queue: Promise.resolve(), held: new Map(), nextHeld: 1 })
      return { handle, fileName: basename(finalPath) }
    },

    async backupWriteChunk({ handle, data, held = [] }) {
      const job = writeJob(handle)
      // The held entries this chunk places, taken now (checked before anything is written): each is placed once.
      const places: { at: number; bytes: Uint8Array }[] = []
      let last = 0
      for (const { at, id } of held) {
        const bytes = job.held.get(id)
        if (bytes === undefined || at < last || at > data.byteLength) {
          await discard(handle)
          throw new IpcFailure('invalid-input', 'Unknown held entry or offset out of order')
        }
        job.held.delete(id)
        places.push({ at, bytes })
        last = at
      }
      const append = async (bytes: Uint8Array): Promise<void> => {
        if (bytes.byteLength === 0) return
        await writeAll(job.file, bytes)
        job.hash.update(bytes)
        job.written += bytes.byteLength
      }
      const run = job.queue.then(async () => {
        let from = 0
        for (const { at, bytes } of places) {
          await append(data.subarray(from, at))
          await append(bytes)
          from = at
        }
        await append(from === 0 ? data : data.subarray(from))
      })
      job.queue = run
      try {
        await run
      } catch (error) {
        await discard(handle)
        throw ioFailure('write', error)
      }
    },

    async backupDeflate({ handle, data, level, hold }) {
      // Only for an archive being written: main is no general-purpose compressor for the renderer.
      const job = writeJob(handle)
      if (hold && heldBytes(job) >= HELD_MAX_BYTES) throw new IpcFailure('invalid-input', 'Too many held entries')
      const deflated = await deflateEntry(data, level)
      if (!hold) return deflated
      // Aborted meanwhile: nothing to keep it for.
      if (writes.get(handle) !== job) throw new IpcFailure('invalid-input', 'Unknown or finished backup write')
      const id = job.nextHeld++
      job.held.set(id, deflated.data)
      return { crc: deflated.crc, held: id, length: deflated.data.byteLength }
    },

    async backupWriteCommit({ handle, keep }) {
      const job = writeJob(handle)
      try {
        await job.queue
      } catch (error) {
        await discard(handle)
        throw ioFailure('write', error)
      }
      writes.delete(handle)
      // Entries deflated but written stored after all (deflate did not pay): never placed.
      job.held.clear()
      try {
        // Flush, close, rename, sync the folder entry (a power cut right after cannot leave the old name); on any
        // failure the temporary file is removed.
        await commitTempFile(job.file, job.tempPath, job.finalPath, fs)
      } catch (error) {
        throw ioFailure('save', error)
      }
      const removed: string[] = []
      if (job.auto && keep !== undefined) {
        const all = await listAuto().catch(() => [])
        for (const old of all.slice(keep)) {
          // A failed removal is retried at the next rotation; the new backup is written either way.
          await fs
            .unlink(join(autoDir(), old.fileName))
            .then(() => removed.push(old.fileName))
            .catch(() => undefined)
        }
      }
      if (!job.auto) {
        saved.set(handle, job.finalPath)
        for (const old of saved.keys()) if (saved.size > RECENT_ARCHIVES) saved.delete(old)
      }
      return {
        fileName: basename(job.finalPath),
        size: job.written,
        removed,
        sha256: job.hash.digest('hex'),
        // Shown to the person ("saved in …"); automatic backups live in the app's own folder.
        ...(job.auto ? {} : { folder: dirname(job.finalPath) }),
      }
    },

    async backupWriteRecord({ handle, suffix, text }) {
      // Only beside an archive this window just saved where the person chose: never a path from the renderer.
      const archive = saved.get(handle)
      if (archive === undefined) throw new IpcFailure('invalid-input', 'Unknown archive')
      const stem = basename(archive).replace(/\.baluchon$/i, '')
      const finalPath = join(dirname(archive), `${stem}.${suffix}.md`)
      try {
        await writeFileAtomic(finalPath, Buffer.from(text, 'utf8'), fs)
      } catch (error) {
        throw ioFailure('save', error)
      }
      return { fileName: basename(finalPath) }
    },

    async backupWriteAbort({ handle }) {
      await discard(handle)
    },

    async backupOpen(input) {
      if (input.source === 'choose') {
        const chosen = await deps.showOpenDialog()
        if (chosen === null) return null
        return openForRead(chosen)
      }
      // Only a file of the automatic backups folder, named as the list named it: never a path.
      if (!isAutoBackupName(input.fileName)) throw new IpcFailure('invalid-input', 'Not an automatic backup name')
      return openForRead(join(autoDir(), input.fileName))
    },

    async backupReadChunk({ handle, offset, length }) {
      const job = readJob(handle)
      const size = Math.max(0, Math.min(length, job.size - offset))
      const out = new Uint8Array(size)
      let at = 0
      try {
        while (at < size) {
          const { bytesRead } = await job.file.read(out, at, size - at, offset + at)
          if (bytesRead === 0) break
          at += bytesRead
        }
      } catch (error) {
        throw ioFailure('read', error)
      }
      return at === size ? out : out.subarray(0, at)
    },

    async backupReadClose({ handle }) {
      const job = reads.get(handle)
      if (!job) return
      reads.delete(handle)
      await job.file.close().catch(() => undefined)
    },

    backupList: async () => (deps.autoBackupDir() === null ? null : listAuto()),
  }
}

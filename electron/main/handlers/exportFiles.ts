// Open-format exports on disk (Markdown folder or zip, single-item Markdown or HTML): the renderer builds
// the files and sends them in batches through a handle; main writes them where the person chose, never
// trusting the paths it is sent. Nothing appears half-written under the final name:
//  - folder: everything goes into a hidden `.<name>.<random>.partial` folder inside the chosen folder,
//    renamed to `<name>` (numbered if taken: an existing folder is never written into) on commit;
//  - zip: a temporary file beside the chosen one, streamed through the archive's ZipWriter (Zip64 when
//    needed) with Node's zlib deflating text, fsync'd and renamed over the chosen name on commit;
//  - file: one entry, same temporary-file dance.
// Abort (cancel, or a failure in the renderer) and any write error remove the temporary folder or file.
// The dialogs are injected (Electron in the app, doubles in Node tests and the end-to-end harness).
import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { isSafeContentPath } from '../../../src/core/archive/paths'
import { ZipWriter, type EntryCompressor } from '../../../src/core/archive/zipWriter'
import { fileNameKey } from '../../../src/core/filenames'
import type { ExportFileKind, ExportFilesHandle, ExportFilesWritten } from '../../../src/core/ipc/contract'
import { IpcFailure } from '../../../src/core/ipc/result'
import type { HandlerInput } from '../ipc/dispatcher'
import { commitTempFile, discardTempFile, syncFolder, tempPathBeside, writeAll } from '../atomicWrite'
import { ioReason } from './backup'

export interface ExportFilesDeps {
  /** The native save dialog for a file of this kind; the chosen path, or null when the person cancels. */
  showSaveDialog(suggestedName: string, kind: ExportFileKind): Promise<string | null>
  /** The native folder dialog; the chosen folder, or null when cancelled. */
  showFolderDialog(): Promise<string | null>
  /** Zip's time stamp on every entry (default: now). */
  now?: () => number
}

export type ExportFilesHandlers = {
  exportFilesBegin(input: HandlerInput<'exportFilesBegin'>): Promise<ExportFilesHandle | null>
  exportFilesWrite(input: HandlerInput<'exportFilesWrite'>): Promise<void>
  exportFilesCommit(input: HandlerInput<'exportFilesCommit'>): Promise<ExportFilesWritten>
  exportFilesAbort(input: HandlerInput<'exportFilesAbort'>): Promise<void>
}

const EXTENSIONS: Record<ExportFileKind, string> = { zip: '.zip', md: '.md', html: '.html', ics: '.ics' }
/**
 * Text is deflated at zlib's fastest level; images (already compressed) are stored. On the Markdown of 10,000 items
 * (one file of about 3 KB each) level 1 takes about half the time of zlib's default 6 for a zip about 6 % larger:
 * deflating was most of main's work in an export, and the export waited on it.
 */
const DEFLATE_LEVEL = 1

interface Sink {
  write(path: string, data: Uint8Array, compress: boolean): Promise<void>
  /** Finishes the temporary target and renames it into place; returns the final path. */
  commit(): Promise<string>
  /** Removes the temporary target; never throws. */
  discard(): Promise<void>
}

interface Job {
  sink: Sink
  kind: 'folder' | 'zip' | 'file'
  names: Set<string>
  files: number
  bytes: number
  /** Batches are written one after another even if calls overlap. */
  queue: Promise<void>
}

function ioFailure(action: string, error: unknown): IpcFailure {
  if (error instanceof IpcFailure) return error
  const code = (error as { code?: unknown } | null)?.code
  return new IpcFailure('io', `Could not ${action} the export${typeof code === 'string' ? ` (${code})` : ''}`, { reason: ioReason(error) })
}

/** The save dialog's answer with the extension the file must have (Linux dialogs do not add it). */
function withExtension(path: string, kind: ExportFileKind): string {
  return path.toLowerCase().endsWith(EXTENSIONS[kind]) ? path : `${path}${EXTENSIONS[kind]}`
}

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    (error: { code?: string }) => {
      if (error.code === 'ENOENT') return false
      throw error
    },
  )
}

function folderSink(parent: string, name: string, temp: string): Sink {
  const made = new Set<string>()
  return {
    async write(path, data) {
      const target = resolve(temp, ...path.split('/'))
      // Defence in depth: the path was checked, and must still land inside the temporary folder.
      if (!target.startsWith(temp + sep)) throw new IpcFailure('invalid-input', 'Export path outside its folder')
      const dir = dirname(target)
      if (!made.has(dir)) {
        await fs.mkdir(dir, { recursive: true })
        made.add(dir)
      }
      const file = await fs.open(target, 'wx')
      try {
        await writeAll(file, data)
      } finally {
        await file.close()
      }
    },
    async commit() {
      // Never into an existing folder: "name", else "name-2", "name-3"...
      let final = join(parent, name)
      for (let n = 2; await exists(final); n++) final = join(parent, `${name}-${n}`)
      await fs.rename(temp, final)
      await syncFolder(parent)
      return final
    },
    async discard() {
      await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined)
    },
  }
}

/**
 * Node's zlib, synchronous: most files are a few KB, where the asynchronous API costs several times more (a
 * stream set up per file). The window is sized to the file (a 4 KB file finds every match in a 4 KB window,
 * and zlib clears less memory per call). CRC-32 is zlib's too (native).
 */
const deflateEntry: EntryCompressor = (data, level) => {
  const windowBits = data.length <= 4096 ? 12 : data.length <= 16384 ? 14 : 15
  const out = deflateRawSync(data, { level, windowBits })
  return { crc: crc32(data), data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) }
}

function zipSink(file: FileHandle, temp: string, final: string, mtime: number): Sink {
  const zip = new ZipWriter((chunk) => writeAll(file, chunk), { mtime, compress: deflateEntry })
  return {
    write: (path, data, compress) => zip.add(path, data, compress ? DEFLATE_LEVEL : 0),
    async commit() {
      await zip.finish()
      await commitTempFile(file, temp, final)
      return final
    },
    discard: () => discardTempFile(file, temp),
  }
}

function fileSink(file: FileHandle, temp: string, final: string): Sink {
  let written = false
  return {
    async write(_path, data) {
      if (written) throw new IpcFailure('invalid-input', 'A single-file export holds one file')
      written = true
      await writeAll(file, data)
    },
    async commit() {
      await commitTempFile(file, temp, final)
      return final
    },
    discard: () => discardTempFile(file, temp),
  }
}

export function createExportFileHandlers(deps: ExportFilesDeps): ExportFilesHandlers {
  const now = deps.now ?? Date.now
  const jobs = new Map<string, Job>()
  const jobOf = (handle: string): Job => {
    const job = jobs.get(handle)
    if (!job) throw new IpcFailure('invalid-input', 'Unknown or finished export')
    return job
  }
  const discard = async (handle: string): Promise<void> => {
    const job = jobs.get(handle)
    if (!job) return
    jobs.delete(handle)
    await job.queue.catch(() => undefined)
    await job.sink.discard()
  }
  const start = (sink: Sink, kind: Job['kind'], name: string): ExportFilesHandle => {
    const handle = randomUUID()
    jobs.set(handle, { sink, kind, names: new Set(), files: 0, bytes: 0, queue: Promise.resolve() })
    return { handle, name }
  }
  const openTemp = async (final: string): Promise<{ file: FileHandle; temp: string }> => {
    const temp = tempPathBeside(final)
    try {
      return { file: await fs.open(temp, 'wx'), temp }
    } catch (error) {
      throw ioFailure('create', error)
    }
  }

  return {
    async exportFilesBegin(input) {
      if (input.target === 'folder') {
        const parent = await deps.showFolderDialog()
        if (parent === null) return null
        const temp = tempPathBeside(join(parent, input.folderName))
        try {
          await fs.mkdir(temp)
        } catch (error) {
          throw ioFailure('create', error)
        }
        return start(folderSink(parent, input.folderName, temp), 'folder', join(parent, input.folderName))
      }
      const kind: ExportFileKind = input.target === 'zip' ? 'zip' : input.kind
      const chosen = await deps.showSaveDialog(input.suggestedName, kind)
      if (chosen === null) return null
      const final = withExtension(chosen, kind)
      const { file, temp } = await openTemp(final)
      const sink = input.target === 'zip' ? zipSink(file, temp, final, now()) : fileSink(file, temp, final)
      return start(sink, input.target, final)
    },

    async exportFilesWrite({ handle, files }) {
      const job = jobOf(handle)
      for (const { path } of files) {
        // Names from the renderer are checked as if they came from an archive: relative, no `..`, no
        // reserved device names or characters, no trailing dot or space, no duplicate (case aside).
        if (!isSafeContentPath(path)) {
          await discard(handle)
          throw new IpcFailure('invalid-input', 'Unsafe path in an export')
        }
        const key = fileNameKey(path)
        if (job.names.has(key)) {
          await discard(handle)
          throw new IpcFailure('invalid-input', 'The same path twice in an export')
        }
        job.names.add(key)
      }
      const run = job.queue.then(async () => {
        for (const file of files) {
          const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data
          await job.sink.write(file.path, data, file.compress)
          job.files++
          job.bytes += data.byteLength
        }
      })
      job.queue = run
      try {
        await run
      } catch (error) {
        await discard(handle)
        throw ioFailure('write', error)
      }
    },

    async exportFilesCommit({ handle }) {
      const job = jobOf(handle)
      try {
        await job.queue
        if (job.kind === 'file' && job.files !== 1) throw new IpcFailure('invalid-input', 'A single-file export holds one file')
        const path = await job.sink.commit()
        jobs.delete(handle)
        return { path, name: basename(path), files: job.files, bytes: job.bytes }
      } catch (error) {
        await discard(handle)
        throw ioFailure('save', error)
      }
    },

    async exportFilesAbort({ handle }) {
      await discard(handle)
    },
  }
}

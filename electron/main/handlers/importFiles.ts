// Files to import (a WordPress export, bookmarks, a CSV, a folder of Markdown): the person picks them in the
// native open dialog, main checks them and hands the renderer a handle, and the renderer reads the bytes
// through that handle in chunks. The renderer never names a path: it can read only what the person picked,
// and within a folder only the files the walk listed.
//
// Caps, so a wrong pick cannot exhaust memory: one file at most `maxFileBytes` (the parsers' own 64 MB);
// a folder walk keeps Markdown files and images only, follows no symbolic link (listed as skipped),
// skips hidden folders (.git, .obsidian, .trash), stops at `maxDepth`, and refuses a folder with more than
// `maxFolderFiles` such files or `maxFolderBytes` in total. A file inside a folder larger than
// `maxFolderFileBytes` is listed as skipped. Each read checks again that the file is still a regular file
// under the folder (not replaced by a link meanwhile).
import { randomUUID } from 'node:crypto'
import { constants, type Dirent } from 'node:fs'
import * as fs from 'node:fs/promises'
import { basename, join, relative, resolve, sep } from 'node:path'
import type { ImportFolderFile, ImportOpened } from '../../../src/core/ipc/contract'
import { IpcFailure } from '../../../src/core/ipc/result'
import type { HandlerInput } from '../ipc/dispatcher'

export interface ImportFileLimits {
  maxFileBytes: number
  maxFolderFiles: number
  maxFolderBytes: number
  maxFolderFileBytes: number
  maxDepth: number
  /** Directory entries looked at in all (of any kind), so a huge tree of other files cannot stall main. */
  maxEntriesVisited: number
}

export const IMPORT_FILE_LIMITS: ImportFileLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxFolderFiles: 100_000,
  maxFolderBytes: 512 * 1024 * 1024,
  // The largest image an attachment may be; Markdown files have their own (smaller) cap in the parser.
  maxFolderFileBytes: 20 * 1024 * 1024,
  maxDepth: 32,
  maxEntriesVisited: 500_000,
}

export interface ImportFilesDeps {
  /** The native open dialog for a file or a folder; the chosen path, or null when the person cancels. */
  showImportDialog(kind: 'file' | 'folder'): Promise<string | null>
  limits?: Partial<ImportFileLimits>
}

const FOLDER_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp'])
/** Handles kept open at once: an abandoned import never keeps more than a few. */
const MAX_OPEN = 4
const O_NOFOLLOW = process.platform === 'win32' ? 0 : constants.O_NOFOLLOW

interface OpenedFile {
  kind: 'file'
  path: string
  size: number
}
interface OpenedFolder {
  kind: 'folder'
  root: string
  files: Map<string, ImportFolderFile>
}

export function createImportFileHandlers(deps: ImportFilesDeps) {
  const limits = { ...IMPORT_FILE_LIMITS, ...deps.limits }
  const open = new Map<string, OpenedFile | OpenedFolder>()
  const remember = (entry: OpenedFile | OpenedFolder): string => {
    const handle = randomUUID()
    open.set(handle, entry)
    while (open.size > MAX_OPEN) open.delete(open.keys().next().value!)
    return handle
  }

  return {
    importOpen: async ({ source }: HandlerInput<'importOpen'>): Promise<ImportOpened | null> => {
      const path = await deps.showImportDialog(source)
      if (!path) return null
      if (source === 'file') {
        const stat = await statOrFail(path)
        if (!stat.isFile()) throw new IpcFailure('io', 'Not a file')
        if (stat.size > limits.maxFileBytes) {
          throw new IpcFailure('too-large', `The file is larger than ${limits.maxFileBytes} bytes`, { size: stat.size, maxBytes: limits.maxFileBytes })
        }
        return { kind: 'file', handle: remember({ kind: 'file', path, size: stat.size }), name: basename(path), size: stat.size }
      }
      const root = await fs.realpath(path).catch(() => {
        throw new IpcFailure('io', 'The folder cannot be read')
      })
      const walked = await walkFolder(root, limits)
      const files = new Map(walked.files.map((f) => [f.path, f]))
      return {
        kind: 'folder',
        handle: remember({ kind: 'folder', root, files }),
        name: basename(root),
        files: walked.files,
        totalBytes: walked.totalBytes,
        skipped: walked.skipped,
      }
    },

    importReadChunk: async ({ handle, path, offset, length }: HandlerInput<'importReadChunk'>): Promise<Uint8Array> => {
      const entry = open.get(handle)
      if (!entry) throw new IpcFailure('invalid-input', 'Unknown or closed import handle')
      let full: string
      let size: number
      if (entry.kind === 'file') {
        full = entry.path
        size = entry.size
      } else {
        const file = path === undefined ? undefined : entry.files.get(path)
        if (!file) throw new IpcFailure('invalid-input', 'Not a file of the picked folder')
        full = join(entry.root, ...file.path.split('/'))
        size = file.size
        // The folder may have changed since the walk: the file must still be a regular file inside it.
        const real = await fs.realpath(full).catch(() => null)
        if (!real || !isInside(entry.root, real)) throw new IpcFailure('io', 'The file moved or became a link')
      }
      if (offset >= size) return new Uint8Array(0)
      const wanted = Math.min(length, size - offset)
      let file: fs.FileHandle | null = null
      try {
        file = await fs.open(full, constants.O_RDONLY | O_NOFOLLOW)
        const stat = await file.stat()
        if (!stat.isFile()) throw new IpcFailure('io', 'Not a file')
        const buffer = new Uint8Array(wanted)
        let read = 0
        while (read < wanted) {
          const { bytesRead } = await file.read(buffer, read, wanted - read, offset + read)
          if (bytesRead === 0) break
          read += bytesRead
        }
        return read === wanted ? buffer : buffer.slice(0, read)
      } catch (error) {
        if (error instanceof IpcFailure) throw error
        throw new IpcFailure('io', 'The file cannot be read', { reason: errorCode(error) })
      } finally {
        await file?.close().catch(() => undefined)
      }
    },

    importClose: ({ handle }: HandlerInput<'importClose'>): void => {
      open.delete(handle)
    },
  }
}

async function statOrFail(path: string): Promise<import('node:fs').Stats> {
  try {
    return await fs.stat(path)
  } catch (error) {
    throw new IpcFailure('io', 'The file cannot be read', { reason: errorCode(error) })
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'unknown'
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && resolve(root, rel) === path
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

export interface FolderWalk {
  files: ImportFolderFile[]
  totalBytes: number
  skipped: { path: string; reason: 'symlink' | 'too-large' | 'unreadable' }[]
}

/** Breadth-first, no links followed, hidden entries left out. Paths use "/" whatever the OS. */
export async function walkFolder(root: string, limits: ImportFileLimits = IMPORT_FILE_LIMITS): Promise<FolderWalk> {
  const out: FolderWalk = { files: [], totalBytes: 0, skipped: [] }
  let visited = 0
  const queue: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: '', depth: 0 }]
  while (queue.length > 0) {
    const { dir, rel, depth } = queue.shift()!
    let entries: Dirent[]
    try {
      entries = await fs.readdir(dir, { withFileTypes: true })
    } catch {
      out.skipped.push({ path: rel || '.', reason: 'unreadable' })
      continue
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (++visited > limits.maxEntriesVisited) {
        throw new IpcFailure('too-large', `The folder holds more than ${limits.maxEntriesVisited} entries`, { maxFiles: limits.maxEntriesVisited })
      }
      if (entry.name.startsWith('.')) continue
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isSymbolicLink()) {
        out.skipped.push({ path, reason: 'symlink' })
        continue
      }
      if (entry.isDirectory()) {
        if (depth + 1 <= limits.maxDepth) queue.push({ dir: join(dir, entry.name), rel: path, depth: depth + 1 })
        continue
      }
      if (!entry.isFile() || !FOLDER_EXTENSIONS.has(extensionOf(entry.name))) continue
      let stat: import('node:fs').Stats
      try {
        stat = await fs.lstat(join(dir, entry.name))
      } catch {
        out.skipped.push({ path, reason: 'unreadable' })
        continue
      }
      if (stat.size > limits.maxFolderFileBytes) {
        out.skipped.push({ path, reason: 'too-large' })
        continue
      }
      out.files.push({ path, size: stat.size, modifiedAt: Math.round(stat.mtimeMs) })
      out.totalBytes += stat.size
      if (out.files.length > limits.maxFolderFiles) {
        throw new IpcFailure('too-large', `The folder holds more than ${limits.maxFolderFiles} files to import`, { maxFiles: limits.maxFolderFiles })
      }
      if (out.totalBytes > limits.maxFolderBytes) {
        throw new IpcFailure('too-large', `The folder's files add up to more than ${limits.maxFolderBytes} bytes`, { maxBytes: limits.maxFolderBytes })
      }
    }
  }
  return out
}

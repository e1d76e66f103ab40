// Writing a file or folder so that it appears whole or not at all: everything goes to a temporary name
// in the same folder as the target (so the final rename never crosses file systems and stays atomic),
// is flushed to disk, then renamed into place; the folder entry is synced too, so a power cut right after
// cannot leave the old name. Used by the open-format export (handlers/exportFiles.ts) and backups
// (handlers/backup.ts, whose tests pass a file system that fails on purpose: hence the optional `fs`).
import { randomUUID } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import * as nodeFs from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The file system calls made here (node:fs/promises unless a test passes its own). */
export interface AtomicFs {
  open(path: string, flags: string): Promise<FileHandle>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

/** `.<name>.<random>.partial` beside `finalPath`: hidden, recognisable, never the final name. */
export function tempPathBeside(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${randomUUID().slice(0, 8)}.partial`)
}

/** Writes every byte (a single write may write fewer). */
export async function writeAll(file: FileHandle, data: Uint8Array): Promise<void> {
  let at = 0
  while (at < data.byteLength) {
    const { bytesWritten } = await file.write(data, at, data.byteLength - at)
    at += bytesWritten
  }
}

/** Flushes a folder's entries (the rename itself); some systems refuse to open folders: best effort. */
export async function syncFolder(path: string, fs: AtomicFs = nodeFs): Promise<void> {
  try {
    const dir = await fs.open(path, 'r')
    try {
      await dir.sync().catch(() => undefined)
    } finally {
      await dir.close()
    }
  } catch {
    // Windows cannot open a folder for syncing; its renames are durable on their own (NTFS journal).
  }
}

/**
 * Puts a fully written temporary file in place: flush, close, rename over `finalPath`, sync the folder. All or
 * nothing: if it throws, the temporary file is gone and `finalPath` is as it was.
 */
export async function commitTempFile(file: FileHandle, tempPath: string, finalPath: string, fs: AtomicFs = nodeFs): Promise<void> {
  try {
    await file.sync()
    await file.close()
  } catch (error) {
    await discardTempFile(file, tempPath, fs)
    throw error
  }
  try {
    await fs.rename(tempPath, finalPath)
  } catch (error) {
    await fs.unlink(tempPath).catch(() => undefined)
    throw error
  }
  await syncFolder(dirname(finalPath), fs)
}

/** Closes and deletes a temporary file after a failure or a cancel; never throws. */
export async function discardTempFile(file: FileHandle, tempPath: string, fs: AtomicFs = nodeFs): Promise<void> {
  await file.close().catch(() => undefined)
  await fs.unlink(tempPath).catch(() => undefined)
}

/** Writes `data` to `finalPath` atomically (temporary file, fsync, rename); removes the temporary file on failure. */
export async function writeFileAtomic(finalPath: string, data: Uint8Array, fs: AtomicFs = nodeFs): Promise<void> {
  const temp = tempPathBeside(finalPath)
  const file = await fs.open(temp, 'wx')
  try {
    await writeAll(file, data)
  } catch (error) {
    await discardTempFile(file, temp, fs)
    throw error
  }
  await commitTempFile(file, temp, finalPath, fs)
}

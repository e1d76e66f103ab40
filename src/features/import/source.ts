// Reading what the person picked, through main's handle, in chunks (no giant message across the bridge).
import type { FolderFile } from '../../core/import'
import type { ImportOpened } from '../../core/ipc/contract'
import { IMPORT_CHUNK_MAX_BYTES } from '../../core/ipc/limits'
import { IpcFailure, type IpcResult } from '../../core/ipc/result'
import type { BaluchonApi } from '../../core/ipc/contract'
import { ParseFailed } from './parseTypes'

export type ReadProgress = (done: number, total: number) => void

export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value
  throw new IpcFailure(result.error.code, result.error.message, result.error.detail)
}

async function readBytes(api: BaluchonApi, handle: string, size: number, path: string | undefined, onChunk: (n: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const out = new Uint8Array(size)
  let offset = 0
  while (offset < size) {
    // Cancel stops reading at the next chunk rather than pulling the rest of a big file for nothing.
    if (signal?.aborted) throw new ParseFailed({ code: 'cancelled' })
    const chunk = unwrap(await api.importReadChunk(path === undefined ? { handle, offset, length: IMPORT_CHUNK_MAX_BYTES } : { handle, path, offset, length: IMPORT_CHUNK_MAX_BYTES }))
    if (chunk.length === 0) break
    // A file that grew since it was picked is read up to the size main reported (and capped).
    out.set(chunk.subarray(0, size - offset), offset)
    offset += chunk.length
    onChunk(chunk.length)
  }
  return offset >= size ? out : out.slice(0, offset)
}

export async function readPickedFile(api: BaluchonApi, opened: Extract<ImportOpened, { kind: 'file' }>, onProgress: ReadProgress, signal?: AbortSignal): Promise<Uint8Array> {
  let done = 0
  return readBytes(api, opened.handle, opened.size, undefined, (n) => onProgress((done += n), opened.size), signal)
}

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i

/** The folder's Markdown files with their bytes, and its images by path only (read later, if a note shows them). */
export async function readFolderNotes(api: BaluchonApi, opened: Extract<ImportOpened, { kind: 'folder' }>, onProgress: ReadProgress, signal?: AbortSignal): Promise<FolderFile[]> {
  const notes = opened.files.filter((f) => MARKDOWN.test(f.path))
  const total = notes.reduce((n, f) => n + f.size, 0)
  let done = 0
  const out: FolderFile[] = []
  for (const file of opened.files) {
    if (!MARKDOWN.test(file.path)) {
      out.push({ path: file.path, modifiedAt: file.modifiedAt })
      continue
    }
    if (signal?.aborted) throw new ParseFailed({ code: 'cancelled' })
    const bytes = file.size === 0 ? new Uint8Array(0) : await readBytes(api, opened.handle, file.size, file.path, (n) => onProgress((done += n), total), signal)
    out.push({ path: file.path, bytes, modifiedAt: file.modifiedAt })
  }
  return out
}

export async function readFolderFile(api: BaluchonApi, handle: string, path: string, size: number): Promise<Uint8Array> {
  return readBytes(api, handle, size, path, () => undefined)
}

// Images an import brings: from the picked folder (Markdown) or downloaded by main (WordPress, when the
// person asks). Each is checked by its bytes, hashed, and ready for the import's transaction; a failure
// is listed for the report and never stops the import.
import { sniffImageType } from '../../core/imageType'
import type { ImportOpened, BaluchonApi } from '../../core/ipc/contract'
import { IpcFailure } from '../../core/ipc/result'
import { cleanName, MAX_ATTACHMENT_BYTES } from '../attachments/repository'
import { sha256Hex } from '../attachments/hash'
import type { PreparedMedia } from './apply'
import { readFolderFile, unwrap } from './source'

export interface MediaFailure {
  ref: string
  /** An IPC error code (network, http-status, too-large...) or 'not-image' / 'missing'. */
  code: string
  status?: number
}

export interface MediaResult {
  media: Map<string, PreparedMedia>
  failures: MediaFailure[]
}

/** Downloads at once: enough to hide latency, few enough not to hammer a small blog. */
const CONCURRENCY = 4

async function prepare(bytes: Uint8Array, name: string): Promise<PreparedMedia | null> {
  const mime = sniffImageType(bytes)
  if (!mime) return null
  const data = new Blob([bytes as BlobPart], { type: mime })
  return { data, mime, name: cleanName(name, mime), sha256: await sha256Hex(data) }
}

async function eachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!)
  })
  await Promise.all(lanes)
}

export async function collectMedia(
  api: BaluchonApi,
  opened: ImportOpened,
  refs: readonly string[],
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<MediaResult> {
  const media = new Map<string, PreparedMedia>()
  const failures: MediaFailure[] = []
  const unique = [...new Set(refs)]
  const sizes = opened.kind === 'folder' ? new Map(opened.files.map((f) => [f.path, f.size])) : null
  let done = 0
  await eachLimited(unique, CONCURRENCY, async (ref) => {
    if (signal?.aborted) return
    try {
      let prepared: PreparedMedia | null
      if (sizes) {
        const size = sizes.get(ref)
        if (size === undefined) {
          failures.push({ ref, code: 'missing' })
          return
        }
        if (size > MAX_ATTACHMENT_BYTES) {
          failures.push({ ref, code: 'too-large' })
          return
        }
        prepared = await prepare(await readFolderFile(api, opened.handle, ref, size), ref.split('/').pop() ?? ref)
      } else if (/^https?:\/\//i.test(ref)) {
        const image = unwrap(await api.importFetchImage({ url: ref }))
        prepared = await prepare(image.data, image.name)
      } else {
        failures.push({ ref, code: 'unsupported-url' })
        return
      }
      if (prepared) media.set(ref, prepared)
      else failures.push({ ref, code: 'not-image' })
    } catch (error) {
      if (error instanceof IpcFailure) failures.push({ ref, code: error.code, ...(typeof error.detail?.status === 'number' ? { status: error.detail.status } : {}) })
      else failures.push({ ref, code: 'internal' })
    } finally {
      onProgress(++done, unique.length)
    }
  })
  failures.sort((a, b) => (a.ref < b.ref ? -1 : 1))
  return { media, failures }
}

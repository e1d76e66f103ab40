// Downloads an image an imported WordPress post shows, so it can become an attachment (stored, offline).
//
// The address comes from an imported file, so it is as hostile as any link: the same rules as the link
// preview apply (its helpers are reused): http(s) only, every address of the host (and of every redirect's
// host) must be public, redirects followed by hand and checked again, one time budget. On top: the
// answer must say it is a raster image Baluchon stores (PNG, JPEG, GIF, WebP, AVIF, BMP: SVG can carry
// scripts) AND its first bytes must agree, and at most `maxBytes` are read (a larger image is refused,
// never cut). Failures are IpcFailures the import report lists per image; they never stop an import.
import { sniffImageType, STORED_IMAGE_TYPES } from '../../../src/core/imageType'
import type { ImportedImage } from '../../../src/core/ipc/contract'
import { IpcFailure } from '../../../src/core/ipc/result'
import type { HandlerInput } from '../ipc/dispatcher'
import { mimeTypeOf } from '../linkPreview/pageMeta'
import {
  fetchPublic,
  httpUrl,
  nameFromUrl,
  raceAbort,
  toFailure,
  type LinkPreviewDeps,
} from './linkPreview'

export interface ImageDownloadDeps extends LinkPreviewDeps {
  /** Largest image accepted; IMAGE_DOWNLOAD_LIMITS.maxBytes by default (the attachment cap). */
  maxImageBytes?: number
  /** Budget per image; IMAGE_DOWNLOAD_LIMITS.timeoutMs by default. */
  imageTimeoutMs?: number
}

export const IMAGE_DOWNLOAD_LIMITS = { maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000 }

const REQUEST_HEADERS = {
  accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/bmp;q=0.9',
  'user-agent': 'Mozilla/5.0 (compatible; Baluchon import)',
}

export { sniffImageType }

export function createImageDownload(deps: ImageDownloadDeps): (input: HandlerInput<'importFetchImage'>) => Promise<ImportedImage> {
  return async ({ url }) => {
    if (!deps.isOnline()) throw new IpcFailure('offline', 'The computer is offline')
    const signal = AbortSignal.timeout(deps.imageTimeoutMs ?? IMAGE_DOWNLOAD_LIMITS.timeoutMs)
    try {
      return await download(deps, url, signal)
    } catch (error) {
      throw toFailure(error, signal, deps)
    }
  }
}

async function download(deps: ImageDownloadDeps, rawUrl: string, signal: AbortSignal): Promise<ImportedImage> {
  const race = <T>(promise: Promise<T>): Promise<T> => raceAbort(promise, signal)
  const maxBytes = deps.maxImageBytes ?? IMAGE_DOWNLOAD_LIMITS.maxBytes
  const { response, url: current } = await fetchPublic(deps, httpUrl(rawUrl), { signal, headers: REQUEST_HEADERS }, race)
  const declared = mimeTypeOf(response.headers.get('content-type'))
  if (!STORED_IMAGE_TYPES.includes(declared)) {
    void response.body?.cancel().catch(() => undefined)
    throw new IpcFailure('unsupported-url', `Not an image Baluchon stores (${declared || 'unknown type'})`, { contentType: declared })
  }
  const length = Number(response.headers.get('content-length') ?? NaN)
  if (Number.isFinite(length) && length > maxBytes) {
    void response.body?.cancel().catch(() => undefined)
    throw new IpcFailure('too-large', `The image is larger than ${maxBytes} bytes`, { maxBytes })
  }
  const bytes = await readAll(response.body, maxBytes, race)
  const actual = sniffImageType(bytes)
  if (!actual) throw new IpcFailure('unsupported-url', 'The answer is not an image', { contentType: declared })
  return { url: current.toString(), mime: actual, name: nameFromUrl(current), data: bytes }
}

async function readAll(body: ReadableStream<Uint8Array> | null, maxBytes: number, race: <T>(p: Promise<T>) => Promise<T>): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await race(reader.read())
      if (done) break
      total += value.byteLength
      if (total > maxBytes) throw new IpcFailure('too-large', `The image is larger than ${maxBytes} bytes`, { maxBytes })
      chunks.push(value)
    }
  } finally {
    reader.cancel().catch(() => undefined)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

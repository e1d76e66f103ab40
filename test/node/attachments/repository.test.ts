// Stored images: type and size rules, de-duplication per item, storage-full reporting, blob: URLs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BaluchonDb } from '../../../src/db/schema'
import {
  addAttachment,
  AttachmentError,
  createAttachmentUrlCache,
  getAttachment,
  isStorageFullError,
  MAX_ATTACHMENT_BYTES,
  sha256Hex,
} from '../../../src/features/attachments'

let db: BaluchonDb
let n = 0

beforeEach(async () => {
  db = new BaluchonDb(`attachments-test-${Date.now()}-${n++}`)
  await db.open()
})
afterEach(async () => {
  vi.restoreAllMocks()
  db.close()
  await db.delete()
})

const png = (bytes: number[] = [137, 80, 78, 71, 1, 2, 3]): Blob => new Blob([new Uint8Array(bytes)], { type: 'image/png' })

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    expect(error).toBeInstanceOf(AttachmentError)
    return (error as AttachmentError).code
  }
}

describe('sha256Hex', () => {
  it('matches the standard test vector', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('addAttachment', () => {
  it('stores the image with its hash, type, size and a clean name', async () => {
    const blob = png()
    const id = await addAttachment(db, 'item-1', blob, 'C:\\Users\\me\\shot\u0007.png', 1000)
    const stored = await getAttachment(db, id)
    expect(stored).toMatchObject({ id, itemId: 'item-1', mime: 'image/png', name: 'shot.png', size: blob.size, createdAt: 1000 })
    expect(stored?.sha256).toBe(await sha256Hex(blob))
    expect(new Uint8Array(await stored!.data.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71, 1, 2, 3]))
  })

  it('gives back the first id when the same bytes are added to the same item again', async () => {
    const first = await addAttachment(db, 'item-1', png(), 'a.png')
    const again = await addAttachment(db, 'item-1', png(), 'b.png')
    const other = await addAttachment(db, 'item-2', png(), 'a.png')
    const different = await addAttachment(db, 'item-1', png([9, 9, 9]), 'c.png')
    expect(again).toBe(first)
    expect(other).not.toBe(first)
    expect(different).not.toBe(first)
    expect(await db.attachments.count()).toBe(3)
  })

  it('names a nameless image after its type', async () => {
    const id = await addAttachment(db, 'item-1', new Blob([new Uint8Array([1])], { type: 'image/jpeg' }), '  ')
    expect((await getAttachment(db, id))?.name).toBe('image.jpeg')
  })

  it('refuses what is not a raster image, SVG included', async () => {
    expect(await codeOf(addAttachment(db, 'i', new Blob(['hello'], { type: 'text/plain' }), 'a.txt'))).toBe('not-image')
    expect(await codeOf(addAttachment(db, 'i', new Blob(['<svg onload="x()"/>'], { type: 'image/svg+xml' }), 'a.svg'))).toBe('not-image')
    expect(await codeOf(addAttachment(db, 'i', new Blob([new Uint8Array([1])]), 'untyped'))).toBe('not-image')
    expect(await db.attachments.count()).toBe(0)
  })

  it('refuses an empty image and one over the size cap', async () => {
    expect(await codeOf(addAttachment(db, 'i', new Blob([], { type: 'image/png' }), 'empty.png'))).toBe('empty')
    const huge = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], { type: 'image/png' })
    expect(await codeOf(addAttachment(db, 'i', huge, 'huge.png'))).toBe('too-large')
    const exact = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES)], { type: 'image/png' })
    expect(await codeOf(addAttachment(db, 'i', exact, 'exact.png'))).toBe('resolved')
  })

  it('reports a full disk as storage-full and other failures as failed', async () => {
    vi.spyOn(db.attachments, 'add').mockRejectedValueOnce(new DOMException('Quota exceeded', 'QuotaExceededError'))
    expect(await codeOf(addAttachment(db, 'i', png(), 'a.png'))).toBe('storage-full')
    vi.spyOn(db.attachments, 'add').mockRejectedValueOnce(new Error('disk on fire'))
    expect(await codeOf(addAttachment(db, 'i', png(), 'a.png'))).toBe('failed')
    expect(await db.attachments.count()).toBe(0)
  })
})

describe('isStorageFullError', () => {
  it('finds the quota error directly, wrapped by Dexie, or as a cause', () => {
    const quota = new DOMException('full', 'QuotaExceededError')
    expect(isStorageFullError(quota)).toBe(true)
    expect(isStorageFullError({ name: 'AbortError', inner: quota })).toBe(true)
    expect(isStorageFullError(new Error('x', { cause: quota }))).toBe(true)
    expect(isStorageFullError(new Error('QuotaExceededError'))).toBe(false)
    expect(isStorageFullError(null)).toBe(false)
  })
})

describe('attachment URL cache', () => {
  it('shares one blob: URL per image and revokes it when the last user releases it', async () => {
    const created = vi.spyOn(URL, 'createObjectURL')
    const revoked = vi.spyOn(URL, 'revokeObjectURL')
    const id = await addAttachment(db, 'i', png(), 'a.png')
    const cache = createAttachmentUrlCache(db, 0)
    const a = cache.acquire(id)
    const b = cache.acquire(id)
    const url = await a.url
    expect(url).toMatch(/^blob:/)
    expect(await b.url).toBe(url)
    expect(created).toHaveBeenCalledTimes(1)
    a.release()
    a.release() // a second release of the same handle must not take b's reference
    await Promise.resolve()
    expect(revoked).not.toHaveBeenCalled()
    b.release()
    await vi.waitFor(() => expect(revoked).toHaveBeenCalledWith(url))
    expect(cache.size).toBe(0)
  })

  it('keeps a released URL for a grace period so undo or re-render reuse it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const revoked = vi.spyOn(URL, 'revokeObjectURL')
      const id = await addAttachment(db, 'i', png(), 'a.png')
      const cache = createAttachmentUrlCache(db, 5_000)
      const first = cache.acquire(id)
      const url = await first.url
      first.release()
      vi.advanceTimersByTime(4_000)
      const second = cache.acquire(id)
      expect(await second.url).toBe(url)
      vi.advanceTimersByTime(10_000)
      expect(revoked).not.toHaveBeenCalled()
      second.release()
      vi.advanceTimersByTime(5_000)
      await vi.waitFor(() => expect(revoked).toHaveBeenCalledWith(url))
    } finally {
      vi.useRealTimers()
    }
  })

  it('resolves a missing image to null without remembering it, so it shows once stored', async () => {
    const cache = createAttachmentUrlCache(db, 0)
    const missing = cache.acquire('nope')
    expect(await missing.url).toBeNull()
    await Promise.resolve()
    expect(cache.size).toBe(0)
    missing.release()
    expect(cache.size).toBe(0)
  })

  it('clear() revokes every URL', async () => {
    const revoked = vi.spyOn(URL, 'revokeObjectURL')
    const id = await addAttachment(db, 'i', png(), 'a.png')
    const cache = createAttachmentUrlCache(db)
    const url = await cache.acquire(id).url
    cache.clear()
    await vi.waitFor(() => expect(revoked).toHaveBeenCalledWith(url))
    expect(cache.size).toBe(0)
  })
})

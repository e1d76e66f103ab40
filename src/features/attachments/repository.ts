// Images stored in the database, so documents show them offline and carry them in backups.
import { ulid } from 'ulid'
import type { Attachment, BaluchonDb } from '../../db'
import { AttachmentError, isStorageFullError } from './errors'
import { sha256Hex } from './hash'

/** Large enough for a screenshot or a photo, small enough to keep the database light. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

/**
 * Raster formats only. SVG is an image/* type too, but it is a document that can carry scripts and
 * remote references: refusing it keeps every stored image inert wherever it is later shown or exported.
 */
export const ATTACHMENT_MIME_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']

export function isAcceptedImageType(mime: string): boolean {
  return ATTACHMENT_MIME_TYPES.includes(mime.toLowerCase())
}

/** A file name fit to keep: no path, no control characters, bounded length (also used by imports). */
export function cleanName(name: string, mime: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200)
  return cleaned || `image.${mime.split('/')[1] ?? 'bin'}`
}

/**
 * Stores an image for an item and returns its id (the document refers to it as `attachment:<id>`).
 * The same bytes added twice to one item give back the first id. Throws an AttachmentError whose
 * code says why it was refused: not an accepted image, empty, too large, or storage full.
 */
export async function addAttachment(db: BaluchonDb, itemId: string, blob: Blob, name: string, now = Date.now()): Promise<string> {
  const mime = blob.type.toLowerCase()
  if (!isAcceptedImageType(mime)) throw new AttachmentError('not-image')
  if (blob.size === 0) throw new AttachmentError('empty')
  if (blob.size > MAX_ATTACHMENT_BYTES) throw new AttachmentError('too-large')
  // Hash before the transaction: an IndexedDB transaction commits as soon as it awaits anything else.
  const sha256 = await sha256Hex(blob)
  try {
    return await db.transaction('rw', db.attachments, async () => {
      const existing = await db.attachments
        .where('sha256')
        .equals(sha256)
        .filter((a) => a.itemId === itemId)
        .first()
      if (existing) return existing.id
      const attachment: Attachment = { id: ulid(now), itemId, mime, name: cleanName(name, mime), size: blob.size, sha256, createdAt: now, data: blob }
      await db.attachments.add(attachment)
      return attachment.id
    })
  } catch (error) {
    throw new AttachmentError(isStorageFullError(error) ? 'storage-full' : 'failed', { cause: error })
  }
}

export async function getAttachment(db: BaluchonDb, id: string): Promise<Attachment | undefined> {
  return db.attachments.get(id)
}

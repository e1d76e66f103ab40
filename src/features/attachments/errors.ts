// Why an attachment could not be stored, as codes the UI turns into sentences in the person's language.

export type AttachmentErrorCode = 'not-image' | 'too-large' | 'empty' | 'storage-full' | 'failed'

export class AttachmentError extends Error {
  readonly code: AttachmentErrorCode

  constructor(code: AttachmentErrorCode, options?: { cause?: unknown }) {
    super(`Attachment not stored: ${code}`, options)
    this.name = 'AttachmentError'
    this.code = code
  }
}

/**
 * True when a write failed because the disk or the origin's storage quota is full. Dexie wraps the
 * browser's DOMException (name `QuotaExceededError`) in its own error of the same name, sometimes
 * with the original as `inner`; an aborted transaction may carry it one level further down.
 */
export function isStorageFullError(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const name = (current as { name?: unknown }).name
    if (name === 'QuotaExceededError') return true
    current = (current as { inner?: unknown; cause?: unknown }).inner ?? (current as { cause?: unknown }).cause
  }
  return false
}

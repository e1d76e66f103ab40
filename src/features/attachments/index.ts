export { addAttachment, getAttachment, isAcceptedImageType, ATTACHMENT_MIME_TYPES, MAX_ATTACHMENT_BYTES } from './repository'
export { AttachmentError, isStorageFullError, type AttachmentErrorCode } from './errors'
export { attachmentUrlsFor, createAttachmentUrlCache, type AttachmentUrlCache, type AttachmentUrlHandle } from './objectUrls'
export { sha256Hex } from './hash'

// A batch of the Markdown export's files with its texts as UTF-8 (main writes bytes either way), made in the export's
// worker so the UI thread only relays bytes. All the batch's texts go into one buffer (utf8BytesEach): one encoder
// pass per batch and one buffer handed over, where TextEncoder.encode per file was the worker's largest cost (about
// 0.8 s of a 10,000-item export's 4.7 s of worker time in a profile).
import { utf8BytesEach } from '../../core/archive/utf8'
import type { ExportFile } from './markdownExport'

export interface EncodedBatch {
  /** The files in order, each text replaced by its UTF-8 bytes (views into one buffer); images as they were. */
  files: ExportFile[]
  /**
   * The texts' buffer, to hand over, not copy, to the UI thread. Images are copied, never handed over: an attachment
   * shown by two items may appear in a later batch too, from the same buffer.
   */
  transfer: ArrayBuffer[]
}

export function encodedBatch(files: readonly ExportFile[]): EncodedBatch {
  const texts = files.flatMap((file) => (typeof file.data === 'string' ? [file.data] : []))
  const bytes = utf8BytesEach(texts)
  let next = 0
  return {
    files: files.map((file) => (typeof file.data === 'string' ? { ...file, data: bytes[next++]! } : file)),
    transfer: bytes.length > 0 ? [bytes[0]!.buffer] : [],
  }
}

// One parse, as the worker runs it (and tests, and browsers without workers): which format a file is, the
// right parser, progress, cancellation, and any failure turned into a plain object that crosses postMessage.
import {
  ImportError,
  parseBookmarks,
  parseMarkdownFolder,
  parsePocketCsv,
  parseRaindropCsv,
  parseWxr,
  sniffImportFormat,
  type ImportProgress,
} from '../../core/import'
import type { ParseFailure, ParseOutcome, ParseRequest } from './parseTypes'

class UnknownFormat extends Error {}

export function runParse(request: ParseRequest, onProgress: (p: ImportProgress) => void, signal?: AbortSignal): ParseOutcome {
  const options = { onProgress, signal }
  if (request.kind === 'folder') return { format: 'markdown', result: parseMarkdownFolder(request.files, options) }
  const format = sniffImportFormat(request.name, request.bytes.subarray(0, 4096))
  switch (format) {
    case 'wxr':
      return { format, result: parseWxr(request.bytes, options) }
    case 'bookmarks':
      return { format, result: parseBookmarks(request.bytes, options) }
    case 'pocket':
      return { format, result: parsePocketCsv(request.bytes, options) }
    case 'raindrop':
      return { format, result: parseRaindropCsv(request.bytes, options) }
    case null:
      throw new UnknownFormat(request.name)
  }
}

export function toParseFailure(error: unknown): ParseFailure {
  if (error instanceof UnknownFormat) return { code: 'unknown-format' }
  if (error instanceof ImportError) return error.detail ? { code: error.code, detail: error.detail } : { code: error.code }
  // A parser bug or the worker running out of memory: say so plainly rather than pretend the file is bad.
  return { code: 'internal', detail: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) }
}

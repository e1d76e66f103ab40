// One parse, as the worker runs it (and tests, and browsers without workers): the right parser for the
// format, progress, cancellation, and any failure turned into a plain object that crosses postMessage.
import {
  ImportError,
  parseBookmarks,
  parseMarkdownFolder,
  parsePocketCsv,
  parseRaindropCsv,
  parseWxr,
  type FolderFile,
  type ImportParseResult,
  type ImportProgress,
} from '../../core/import'

export type FileFormat = 'wxr' | 'bookmarks' | 'pocket' | 'raindrop'
export type ImportFormat = FileFormat | 'markdown'

export type ParseRequest = { format: FileFormat; bytes: Uint8Array } | { format: 'markdown'; files: FolderFile[] }

export type ParseFailureCode = ImportError['code'] | 'internal'

export interface ParseFailure {
  code: ParseFailureCode
  detail?: string
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: ImportParseResult }
  | { type: 'failed'; failure: ParseFailure }

export function runParse(request: ParseRequest, onProgress: (p: ImportProgress) => void, signal?: AbortSignal): ImportParseResult {
  const options = { onProgress, signal }
  switch (request.format) {
    case 'wxr':
      return parseWxr(request.bytes, options)
    case 'bookmarks':
      return parseBookmarks(request.bytes, options)
    case 'pocket':
      return parsePocketCsv(request.bytes, options)
    case 'raindrop':
      return parseRaindropCsv(request.bytes, options)
    case 'markdown':
      return parseMarkdownFolder(request.files, options)
  }
}

export function toParseFailure(error: unknown): ParseFailure {
  if (error instanceof ImportError) return error.detail ? { code: error.code, detail: error.detail } : { code: error.code }
  // A parser bug or the worker running out of memory: say so plainly rather than pretend the file is bad.
  return { code: 'internal', detail: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) }
}

/** Thrown in the window when a parse failed, with the parser's code. */
export class ParseFailed extends Error {
  readonly failure: ParseFailure
  constructor(failure: ParseFailure) {
    super(`Import parse failed: ${failure.code}`)
    this.name = 'ParseFailed'
    this.failure = failure
  }
}

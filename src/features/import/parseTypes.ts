// What crosses between the window and the import worker. No parser here: the parsers live in the worker's
// bundle only, so the window does not load them (nor their XML, CSV and YAML libraries) at start.
import type { FolderFile, ImportError, ImportParseResult, ImportProgress } from '../../core/import'

export type FileFormat = 'wxr' | 'bookmarks' | 'pocket' | 'raindrop'
export type ImportFormat = FileFormat | 'markdown'

/** A picked file (its format is sniffed in the worker) or a picked folder's files. */
export type ParseRequest = { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'folder'; files: FolderFile[] }

export interface ParseOutcome {
  format: ImportFormat
  result: ImportParseResult
}

export type ParseFailureCode = ImportError['code'] | 'unknown-format' | 'internal'

export interface ParseFailure {
  code: ParseFailureCode
  detail?: string
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; outcome: ParseOutcome }
  | { type: 'failed'; failure: ParseFailure }

/** Thrown in the window when a parse failed, with the parser's code. */
export class ParseFailed extends Error {
  readonly failure: ParseFailure
  constructor(failure: ParseFailure) {
    super(`Import parse failed: ${failure.code}`)
    this.name = 'ParseFailed'
    this.failure = failure
  }
}

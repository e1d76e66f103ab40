// What every importer (WordPress WXR, Markdown folders, browser bookmarks, Pocket/Raindrop CSV) produces:
// neutral drafts, turned into items by the renderer (which converts HTML/Markdown bodies to editor documents).
import type { ItemKind, ItemStatus } from '../items'

export type DraftBody =
  | { format: 'html'; source: string }
  | { format: 'markdown'; source: string }
  | { format: 'text'; source: string }

export interface ImportDraft {
  kind: ItemKind
  /**
   * Stable identity of the thing imported, so importing the same file twice updates or skips instead of
   * duplicating: e.g. `wxr:<site>:<post id or guid>`, `md:<relative path>`, `url:<normalized url>`.
   */
  sourceKey: string
  title: string
  body: DraftBody
  tags: string[]
  status: ItemStatus | null
  createdAt: number | null
  updatedAt: number | null
  /** Kind-specific fields by their Item names (slug, excerpt, url, description, event, date, ...). */
  fields: Record<string, string | number | boolean>
  /** Front-matter keys or source fields Baluchon has no place for, kept so nothing is lost. */
  extra: Record<string, unknown>
  /** Images and media the source references (URL or relative path), to list or fetch as attachments. */
  media: { ref: string; alt?: string }[]
}

export interface SkippedEntry {
  /** What was skipped, as the source names it (a title, a line number, a path). */
  what: string
  /** Machine-readable reason, translated by the UI. */
  reason: 'comment' | 'attachment-post' | 'unsupported-type' | 'malformed' | 'empty' | 'duplicate' | 'unsafe-url' | 'too-large' | 'other'
  detail?: string
}

export interface ImportParseResult {
  drafts: ImportDraft[]
  skipped: SkippedEntry[]
  /** Facts the preview shows: e.g. the WordPress site title, counts of comments skipped. */
  summary: Record<string, string | number>
  /**
   * Every media file the source references, across drafts (with the draft it belongs to, when known) and
   * media attached to nothing (a WordPress attachment whose parent post is not in the file), so the preview
   * can list them and a later step can download or attach them.
   */
  media?: ImportMediaRef[]
}

export interface ImportMediaRef {
  /** An absolute http(s) URL, or a path relative to the imported folder's root. */
  ref: string
  alt?: string
  /** The draft that references it, if any. */
  sourceKey?: string
}

/** Where a parser is, for a progress bar: `done` and `total` in the same unit (bytes, rows or files). */
export interface ImportProgress {
  done: number
  total: number
}

/** Options every parser takes. */
export interface ImportParseOptions {
  /** Input larger than this is refused at once with ImportError('too-large'). */
  maxBytes?: number
  /** Called now and then (at most every few percent) while parsing; parsers run synchronously, e.g. in a worker. */
  onProgress?: (progress: ImportProgress) => void
  /** Checked between chunks: once aborted the parser throws ImportError('cancelled'). */
  signal?: AbortSignal
}

/** Thrown by parsers for input they refuse as a whole; `code` is translated by the UI. */
export class ImportError extends Error {
  readonly code:
    | 'malformed'
    | 'too-large'
    | 'unsupported-version'
    | 'entity-expansion'
    | 'empty'
    | 'not-this-format'
    | 'cancelled'
  readonly detail: string | undefined
  constructor(code: ImportError['code'], message: string, detail?: string) {
    super(message)
    this.name = 'ImportError'
    this.code = code
    this.detail = detail
  }
}

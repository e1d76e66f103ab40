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
}

/** Thrown by parsers for input they refuse as a whole; `code` is translated by the UI. */
export class ImportError extends Error {
  readonly code: 'malformed' | 'too-large' | 'unsupported-version' | 'entity-expansion' | 'empty' | 'not-this-format'
  readonly detail: string | undefined
  constructor(code: ImportError['code'], message: string, detail?: string) {
    super(message)
    this.name = 'ImportError'
    this.code = code
    this.detail = detail
  }
}

// The importers' parsers: pure, synchronous, safe on hostile input; run in a Web Worker by the app and in
// Node by the tests. Each turns a file (or a folder's files) into neutral drafts; converting bodies to
// editor documents, the preview and the database transaction happen afterwards.
export { parseWxr, WXR_DEFAULT_MAX_BYTES, type WxrParseOptions } from './wxr'
export { parseBookmarks, BOOKMARKS_DEFAULT_MAX_BYTES, type BookmarksParseOptions } from './bookmarks'
export { parsePocketCsv } from './pocket'
export { parseRaindropCsv } from './raindrop'
export { CSV_DEFAULT_MAX_BYTES, type CsvParseOptions } from './csv'
export { parseMarkdownFolder, MARKDOWN_DEFAULT_MAX_BYTES, type FolderFile, type MarkdownFolderParseOptions } from './markdownFolder'
export { WIKILINK_SCHEME, wikilinkHref, wikilinkTarget } from './markdownLinks'
export * from './types'
export { markdownSourceKey, notePathOfSourceKey } from './sourceKeys'

export type ImportFormat = 'wxr' | 'bookmarks' | 'pocket' | 'raindrop'

/**
 * Which single-file importer a file is for, from its first bytes (and name as a tie-breaker), so the UI can
 * pick the right one or say the file is not one it knows. Null when nothing matches; the parser still
 * decides for sure (a file that looks right may be refused as malformed).
 */
export function sniffImportFormat(fileName: string, head: Uint8Array | string): ImportFormat | null {
  const text = (typeof head === 'string' ? head : new TextDecoder('utf-8').decode(head.subarray(0, 4096))).replace(/^\uFEFF/, '')
  const start = text.trimStart().slice(0, 4096)
  if (/^<\?xml[^>]*>[\s\S]*<rss\b/i.test(start) || /^<rss\b/i.test(start) || /xmlns:wp="https?:\/\/wordpress\.org\/export\//i.test(start)) return 'wxr'
  if (/<!DOCTYPE\s+NETSCAPE-Bookmark-file-1>/i.test(start) || (/<DL>/i.test(start) && /<DT>/i.test(start))) return 'bookmarks'
  const header = (/^[^\r\n]*/.exec(start)?.[0] ?? '').toLowerCase().replace(/["\s]/g, '')
  const columns = header.split(/[,;\t]/)
  if (columns.includes('url')) {
    if (columns.includes('folder') || columns.includes('excerpt') || columns.includes('highlights') || columns.includes('note')) return 'raindrop'
    if (columns.includes('time_added') || columns.includes('status')) return 'pocket'
    return /raindrop/i.test(fileName) ? 'raindrop' : /pocket|part_\d+/i.test(fileName) ? 'pocket' : null
  }
  return null
}

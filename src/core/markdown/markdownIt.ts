// The one markdown-it configuration Baluchon reads Markdown with (CommonMark + GFM tables and
// strikethrough, raw HTML tokenised so it can be kept as text, no typographic replacements), and the
// character classes its emphasis rules use, so the serializer decides delimiters by the same rules.
import MarkdownIt from 'markdown-it'
import { wikilinkRule } from './wikilinks'

export const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false })

// markdown-it percent-encodes link targets by default ("my image.png" -> "my%20image.png"). Documents
// keep targets exactly as written; the caller resolves relative paths itself. validateLink (which refuses
// javascript:, vbscript:, file: and non-image data: targets) stays as it is.
md.normalizeLink = (url: string) => url
md.inline.ruler.before('link', 'wikilink', wikilinkRule)

const { isWhiteSpace, isMdAsciiPunct, isPunctCharCode, unescapeAll } = md.utils

export { unescapeAll }

export type CharClass = 'space' | 'punct' | 'other'

/** How markdown-it's delimiter scanner sees a code point (line starts and ends count as space). */
export function charClass(codePoint: number | undefined): CharClass {
  if (codePoint === undefined) return 'space'
  if (isWhiteSpace(codePoint)) return 'space'
  if (isMdAsciiPunct(codePoint) || isPunctCharCode(codePoint)) return 'punct'
  return 'other'
}

/** markdown-it's delimiter whitespace (narrower than JavaScript's \s: no U+FEFF, U+2028, U+2029). */
export function isMarkdownWhitespace(codePoint: number): boolean {
  return isWhiteSpace(codePoint)
}

export function firstCodePoint(s: string): number | undefined {
  return s.length > 0 ? s.codePointAt(0) : undefined
}

export function lastCodePoint(s: string): number | undefined {
  if (s.length === 0) return undefined
  const last = s.charCodeAt(s.length - 1)
  if (last >= 0xdc00 && last <= 0xdfff && s.length > 1) {
    const high = s.charCodeAt(s.length - 2)
    if (high >= 0xd800 && high <= 0xdbff) return s.codePointAt(s.length - 2)
  }
  return last
}

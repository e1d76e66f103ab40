// Inline content (text with marks, hard breaks) to Markdown, written so markdown-it reads back the same
// text and marks. The tricky parts are CommonMark's own rules:
//  - `**`, `*` and `~~` only open/close next to the right characters ("left/right-flanking" runs): a span
//    that cannot be written with delimiters is written as <strong>/<em>/<del> instead (the parser maps
//    these tags back to marks);
//  - text is escaped where a character would mean something (always `\ * [ ] ~ | backtick`; `_` unless
//    inside a word; `<` unless a space follows; `&` before an entity; `!` before a link; `#`, `>`, `-`,
//    `+`, `=`, `:`, `1.` at the start of a line);
//  - whitespace at the start or end of a line (which Markdown trims) is written as a character reference.
import type { RichMark, RichNode } from '../doc'
import { canonicalInline, sameMarks } from './canonical'
import { parseInlineMarkdown } from './parse'
import { charClass, firstCodePoint, lastCodePoint, type CharClass } from './markdownIt'
import { MARK, NODE } from './nodes'

/** Where the inline content goes: paragraphs break lines with `\`; headings and table cells cannot, so <br>. */
export type InlineMode = 'paragraph' | 'heading' | 'cell'

type Piece =
  | { kind: 'text'; s: string }
  | { kind: 'raw'; s: string }
  | { kind: 'delim'; ch: '*' | '~'; s: string; html: string; pair: number; opening: boolean }
  | { kind: 'break' }

const DELIMS: Record<string, { ch: '*' | '~'; s: string; tag: string }> = {
  [MARK.bold]: { ch: '*', s: '**', tag: 'strong' },
  [MARK.italic]: { ch: '*', s: '*', tag: 'em' },
  [MARK.strike]: { ch: '~', s: '~~', tag: 'del' },
}

const ENTITY_LIKE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/
const WORD_CHAR = /[\p{L}\p{N}]/u

const NEEDS_ESCAPE = /[\\`*[\]~|_<&\n\r]/

/** Escapes text so Markdown reads it literally (line-start rules come later, see escapeLineStart). */
export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    switch (c) {
      // `|` is escaped everywhere, not only in tables: a line of text could otherwise start a table.
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '~':
      case '|':
        out += '\\' + c
        break
      case '_': {
        // snake_case stays readable: `_` between two letters or digits can never be emphasis.
        const intraword = i > 0 && i + 1 < text.length && WORD_CHAR.test(text[i - 1]!) && WORD_CHAR.test(text[i + 1]!)
        out += intraword ? c : '\\_'
        break
      }
      case '<':
        // Unless a space follows: it could start a tag, a comment or an autolink (`<a@b.c>`, `<x:y>`).
        // Text pieces never end right before a tag character: the next piece starts with Markdown syntax.
        out += i + 1 < text.length && /\s/.test(text[i + 1]!) ? c : '\\<'
        break
      case '&':
        out += ENTITY_LIKE.test(text.slice(i, i + 40)) ? '\\&' : c
        break
      case '\n':
        out += '&#10;'
        break
      case '\r':
        out += '&#13;'
        break
      default:
        out += c
    }
  }
  return out
}

/**
 * Characters that start a block at the beginning of a line: heading, quote, list, setext underline,
 * rule, and `:` which with `-` and `|` (always escaped) makes a table's delimiter row under a line of text.
 */
export function escapeLineStart(escaped: string): string {
  if (/^[#>+=:-]/.test(escaped)) return '\\' + escaped
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(escaped)
  if (ordered) return `${ordered[1]}\\${escaped.slice(ordered[1]!.length)}`
  return escaped
}

/** JavaScript's \s (what String#trim removes, and markdown-it trims with): all in the BMP. */
function isJsSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

function charRefOf(code: number): string {
  return `&#x${code.toString(16).toUpperCase()};`
}

/** Markdown trims whitespace (in JavaScript's broad sense) at the start and end of lines and cells. */
function protectEdges(s: string, start: boolean, end: boolean): string {
  let out = s
  if (start && out.length > 0 && isJsSpace(out.charCodeAt(0))) out = charRefOf(out.charCodeAt(0)) + out.slice(1)
  if (end && out.length > 0 && isJsSpace(out.charCodeAt(out.length - 1))) {
    out = out.slice(0, -1) + charRefOf(out.charCodeAt(out.length - 1))
  }
  return out
}

export function codeSpan(text: string, inTable: boolean): string {
  const content = inTable ? text.replace(/\|/g, '\\|') : text
  let longest = 0
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(longest + 1)
  const allSpaces = /^ +$/.test(content)
  const pad =
    content.startsWith('`') || content.endsWith('`') || (!allSpaces && content.startsWith(' ') && content.endsWith(' '))
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`
}

/** A link or image target: `<...>` when it holds spaces, parentheses or angle brackets. */
export function linkDestination(url: string, inTable: boolean): string {
  // `[`, `]` and backticks are escaped too (CommonMark unescapes them) so no `[[…]]`, `![…](…)` or code span
  // delimiter appears in a link for a Markdown-folder reader (Obsidian, Baluchon's importer) to misread.
  let escaped = url.replace(/[\\<>[\]`]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  if (inTable) escaped = escaped.replace(/\|/g, '\\|')
  // eslint-disable-next-line no-control-regex
  return url === '' || /[\s()<>\u0000-\u001f\u007f]/.test(url) ? `<${escaped}>` : escaped
}

export function linkTitle(title: string, inTable: boolean): string {
  let escaped = title.replace(/[\\"[\]`]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  if (inTable) escaped = escaped.replace(/\|/g, '\\|')
  return `"${escaped}"`
}

function linkClose(mark: RichMark, inTable: boolean): string {
  const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : ''
  const title = typeof mark.attrs?.title === 'string' && mark.attrs.title ? mark.attrs.title : null
  return `](${linkDestination(href, inTable)}${title ? ' ' + linkTitle(title, inTable) : ''})`
}

function sameMark(a: RichMark, b: RichMark): boolean {
  return sameMarks([a], [b])
}

function buildPieces(nodes: readonly RichNode[], mode: InlineMode): Piece[] {
  const inTable = mode === 'cell'
  const pieces: Piece[] = []
  const active: { mark: RichMark; pair: number }[] = []
  let pairs = 0
  const open = (mark: RichMark): void => {
    const pair = pairs++
    active.push({ mark, pair })
    const delim = DELIMS[mark.type]
    if (delim) pieces.push({ kind: 'delim', ch: delim.ch, s: delim.s, html: `<${delim.tag}>`, pair, opening: true })
    else if (mark.type === MARK.link) {
      // "!" right before the link's "[" would turn the link into an image.
      const prev = pieces[pieces.length - 1]
      if (prev?.kind === 'text' && prev.s.endsWith('!')) prev.s = prev.s.slice(0, -1) + '\\!'
      pieces.push({ kind: 'raw', s: '[' })
    }
    else if (mark.type === MARK.underline) pieces.push({ kind: 'raw', s: '<u>' })
  }
  const closeDownTo = (keep: number): void => {
    while (active.length > keep) {
      const { mark, pair } = active.pop()!
      const delim = DELIMS[mark.type]
      if (delim) pieces.push({ kind: 'delim', ch: delim.ch, s: delim.s, html: `</${delim.tag}>`, pair, opening: false })
      else if (mark.type === MARK.link) pieces.push({ kind: 'raw', s: linkClose(mark, inTable) })
      else if (mark.type === MARK.underline) pieces.push({ kind: 'raw', s: '</u>' })
    }
  }
  for (const node of nodes) {
    if (node.type === NODE.hardBreak) {
      closeDownTo(0)
      pieces.push({ kind: 'break' })
      continue
    }
    if (node.type !== NODE.text || !node.text) continue
    const marks = node.marks ?? []
    const isCode = marks.some((m) => m.type === MARK.code)
    const outer = marks.filter((m) => m.type !== MARK.code)
    // Marks already open stay open (in their order) so `**a *b* c**` is not closed and reopened.
    const ordered = [
      ...active.map((a) => a.mark).filter((am) => outer.some((m) => sameMark(m, am))),
      ...outer.filter((m) => !active.some((a) => sameMark(a.mark, m))),
    ]
    let keep = 0
    while (keep < active.length && keep < ordered.length && sameMark(active[keep]!.mark, ordered[keep]!)) keep++
    closeDownTo(keep)
    for (const mark of ordered.slice(keep)) open(mark)
    pieces.push(isCode ? { kind: 'raw', s: codeSpan(node.text, inTable) } : { kind: 'text', s: escapeText(node.text) })
  }
  closeDownTo(0)
  return pieces
}

/** Applies line-start escapes and edge protection to the text pieces that begin or end a line. */
function protectLines(pieces: Piece[], mode: InlineMode): void {
  let lineStart = 0
  for (let i = 0; i <= pieces.length; i++) {
    if (i < pieces.length && pieces[i]!.kind !== 'break') continue
    if (i > lineStart) {
      const first = pieces[lineStart]!
      if (first.kind === 'text') {
        if (mode === 'paragraph') first.s = escapeLineStart(first.s)
        first.s = protectEdges(first.s, true, false)
      }
      const last = pieces[i - 1]!
      if (last.kind === 'text') last.s = protectEdges(last.s, false, true)
    }
    lineStart = i + 1
  }
}

function pieceText(piece: Piece, html: ReadonlySet<number>, mode: InlineMode): string {
  switch (piece.kind) {
    case 'text':
    case 'raw':
      return piece.s
    case 'delim':
      return html.has(piece.pair) ? piece.html : piece.s
    case 'break':
      return mode === 'paragraph' ? '\\\n' : '<br>'
  }
}

function isLiveDelim(piece: Piece | undefined, html: ReadonlySet<number>): piece is Extract<Piece, { kind: 'delim' }> {
  return piece?.kind === 'delim' && !html.has(piece.pair)
}

/**
 * Runs markdown-it's flanking rules over every delimiter run and switches each span whose opening run
 * cannot open (or closing run cannot close) to its HTML tag, until every remaining delimiter works.
 * A run that is both left- and right-flanking (`a**b**c`, CJK text, `!*\*`) may also pair up in another
 * way than intended (CommonMark's "multiple of 3" rule); in `strict` mode such runs become tags as well.
 * Returns the spans written as tags, and whether any both-flanking run was kept.
 */
function chooseHtmlSpans(pieces: readonly Piece[], mode: InlineMode, strict: boolean): { html: Set<number>; ambiguous: boolean } {
  const html = new Set<number>()
  const neighbour = (piece: Piece | undefined, side: 'before' | 'after'): CharClass => {
    if (piece === undefined) return 'space'
    if (piece.kind === 'break') return mode === 'paragraph' ? (side === 'before' ? 'space' : 'punct') : 'punct'
    const s = pieceText(piece, html, mode)
    return charClass(side === 'before' ? lastCodePoint(s) : firstCodePoint(s))
  }
  let ambiguous = false
  for (let changed = true; changed; ) {
    changed = false
    ambiguous = false
    for (let i = 0; i < pieces.length; ) {
      const piece = pieces[i]
      if (!isLiveDelim(piece, html)) {
        i++
        continue
      }
      let j = i
      while (j < pieces.length && isLiveDelim(pieces[j], html) && (pieces[j] as { ch: string }).ch === piece.ch) j++
      const before = neighbour(pieces[i - 1], 'before')
      const after = neighbour(pieces[j], 'after')
      const leftFlanking = after !== 'space' && (after !== 'punct' || before !== 'other')
      const rightFlanking = before !== 'space' && (before !== 'punct' || after !== 'other')
      const both = leftFlanking && rightFlanking
      const run = pieces.slice(i, j) as Extract<Piece, { kind: 'delim' }>[]
      // A run that closes some spans and opens others (`**a*` + `*b**`) is never left to chance.
      const mixed = run.some((d) => d.opening) && run.some((d) => !d.opening)
      for (const delim of run) {
        if ((delim.opening ? !leftFlanking || mixed : !rightFlanking) || (strict && both)) {
          html.add(delim.pair)
          changed = true
        }
      }
      if (both && !strict) ambiguous = true
      i = j
    }
  }
  return { html, ambiguous }
}

const NO_SPANS: ReadonlySet<number> = new Set()

/** Inline nodes (canonical: see canonical.ts) as Markdown. Paragraph lines are separated by "\n". */
export function inlineToMarkdown(nodes: readonly RichNode[], mode: InlineMode): string {
  const pieces = buildPieces(nodes, mode)
  protectLines(pieces, mode)
  const render = (html: ReadonlySet<number>): string => {
    const out = pieces.map((piece) => pieceText(piece, html, mode)).join('')
    // An ATX heading's trailing "#"s would be read as its closing sequence.
    return mode === 'heading' ? out.replace(/(#+)$/, '\\$1') : out
  }
  if (!pieces.some((piece) => piece.kind === 'delim')) return render(NO_SPANS)
  const lenient = chooseHtmlSpans(pieces, mode, false)
  const out = render(lenient.html)
  // Both-flanking runs are rare (intraword or CJK emphasis, punctuation on both sides): check that
  // markdown-it reads them as meant, else write those spans as tags too.
  if (!lenient.ambiguous || readsBackAs(out, nodes, mode)) return out
  return render(chooseHtmlSpans(pieces, mode, true).html)
}

function readsBackAs(markdown: string, nodes: readonly RichNode[], mode: InlineMode): boolean {
  // In a table the row splitter removes the backslash of every `\|` before inline parsing.
  const source = mode === 'cell' ? markdown.replace(/\\\|/g, '|') : markdown
  const parsed = canonicalInline(parseInlineMarkdown(source), { keepTrailingBreaks: true })
  return JSON.stringify(parsed) === JSON.stringify(canonicalInline(nodes, { keepTrailingBreaks: true }))
}

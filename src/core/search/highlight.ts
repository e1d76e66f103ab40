// Marks matched words in the original text (accents, capitals and ligatures as typed by the author).
// Hand-written because the search libraries highlight the folded text they index, or not at all: here
// the folded terms a result matched become one accent-insensitive regular expression, run natively
// over the original text.
import { foldText } from '../text'

export interface Segment {
  text: string
  match: boolean
}

/** Characters of the Latin, Greek and Cyrillic blocks that fold to something else, by what they fold to. */
let variants: Map<string, string[]> | null = null

function foldVariants(): Map<string, string[]> {
  if (variants) return variants
  variants = new Map()
  const ranges: Array<[number, number]> = [
    [0x00c0, 0x024f],
    [0x0370, 0x03ff],
    [0x0400, 0x04ff],
    [0x1e00, 0x1eff],
  ]
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp)
      const folded = foldText(ch)
      if (folded === ch || folded === '' || /[^\p{L}\p{N}]/u.test(folded)) continue
      const list = variants.get(folded) ?? []
      list.push(ch)
      variants.set(folded, list)
    }
  }
  return variants
}

/** Combining diacritics (decomposed accents). A small class: \\p{M} makes every expression slow to compile. */
const MARKS = '[\\u0300-\\u036f]*'
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

const patternCache = new Map<string, string>()

/** A pattern matching every spelling of a folded term: "coeur" matches "Cœur", "COEUR", "coeur". */
export function termPattern(term: string): string {
  let pattern = patternCache.get(term)
  if (pattern === undefined) {
    if (patternCache.size > 5000) patternCache.clear()
    pattern = buildTermPattern(term)
    patternCache.set(term, pattern)
  }
  return pattern
}

function buildTermPattern(term: string): string {
  const table = foldVariants()
  let out = ''
  let i = 0
  while (i < term.length) {
    // Ligatures and ß fold to two letters: try those first ("oe" may be "œ").
    const pair = term.slice(i, i + 2)
    const pairVariants = pair.length === 2 ? table.get(pair) : undefined
    if (pairVariants) {
      out += `(?:${charPattern(pair[0]!, table)}${charPattern(pair[1]!, table)}|${pairVariants.map(escape).join('|')})`
      i += 2
      continue
    }
    out += charPattern(term[i]!, table)
    i += 1
  }
  return out
}

/**
 * One letter in every case and accent. Cases are listed rather than left to the `i` flag: a
 * case-insensitive Unicode expression costs far more to compile and run.
 */
function charPattern(ch: string, table: Map<string, string[]>): string {
  const forms = new Set([ch, ...caseForms(ch), ...(table.get(ch) ?? [])])
  const body = forms.size > 1 ? `[${[...forms].map(escape).join('')}]` : escape(ch)
  return `${body}${MARKS}`
}

function caseForms(ch: string): string[] {
  const upper = ch.toUpperCase()
  return upper.length === 1 && upper !== ch ? [upper] : []
}

/** A letter, digit or mark: what must not touch a match for it to be a whole word. Compiled once. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

/**
 * One expression for all the matched terms. Longer terms first, so "économie" wins over "eco" at the
 * same place. Whole words are checked by `nextMatch` (word boundaries inside the expression would need
 * Unicode classes, which cost milliseconds to compile, per item shown). Null when there is nothing to mark.
 */
export function matcherFor(terms: Iterable<string>): RegExp | null {
  const unique = [...new Set([...terms].filter((t) => t !== ''))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  if (unique.length === 0) return null
  // Results of one query mostly share their matched terms: compile each set once.
  const key = unique.join(' ')
  let matcher = matcherCache.get(key)
  if (matcher === undefined) {
    if (matcherCache.size > 500) matcherCache.clear()
    matcher = new RegExp(unique.map(termPattern).join('|'), 'gu')
    matcherCache.set(key, matcher)
  }
  // Shared and global: every use below resets lastIndex first and runs synchronously to the end.
  return matcher
}

const matcherCache = new Map<string, RegExp>()

/** The next whole-word match at or after `from`, or null. */
function nextMatch(text: string, matcher: RegExp, from: number): { index: number; text: string } | null {
  matcher.lastIndex = from
  for (let m = matcher.exec(text); m !== null; m = matcher.exec(text)) {
    const end = m.index + m[0].length
    const before = m.index > 0 ? text.slice(Math.max(0, m.index - 2), m.index) : ''
    const after = text.slice(end, end + 2)
    // Surrogate pairs: look at the whole code point next to the match.
    const prev = before ? [...before].pop()! : ''
    const next = after ? [...after][0]! : ''
    if ((prev === '' || !WORD_CHAR.test(prev)) && (next === '' || !WORD_CHAR.test(next))) {
      matcher.lastIndex = 0
      return { index: m.index, text: m[0] }
    }
    matcher.lastIndex = m.index + 1
  }
  matcher.lastIndex = 0
  return null
}

/** Whether the text has a whole-word match. */
export function hasMatch(text: string, matcher: RegExp | null): boolean {
  return matcher !== null && text !== '' && nextMatch(text, matcher, 0) !== null
}

/** The text cut into matched and unmatched runs (empty runs left out). */
export function highlight(text: string, matcher: RegExp | null): Segment[] {
  if (!matcher || text === '') return text === '' ? [] : [{ text, match: false }]
  const segments: Segment[] = []
  let last = 0
  for (let m = nextMatch(text, matcher, 0); m !== null; m = nextMatch(text, matcher, last)) {
    if (m.index > last) segments.push({ text: text.slice(last, m.index), match: false })
    segments.push({ text: m.text, match: true })
    last = m.index + m.text.length
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false })
  return segments
}

export interface SnippetOptions {
  /** Characters in the window (before ellipses). */
  width?: number
  /** Characters of context kept before the first match. */
  lead?: number
}

/**
 * A window of about `width` characters around the first match, on word boundaries, with whitespace
 * flattened and ellipses where the text was cut. Without a match: the start of the text.
 */
export function snippet(text: string, matcher: RegExp | null, { width = 160, lead = 50 }: SnippetOptions = {}): Segment[] {
  if (text === '') return []
  let at = -1
  if (matcher) at = nextMatch(text, matcher, 0)?.index ?? -1
  let start = at <= lead ? 0 : at - lead
  if (start > 0) {
    // Start on a word: skip forward to just after the nearest space, unless that would pass the match.
    const space = text.slice(start, at).search(/\s/)
    start = space >= 0 ? start + space + 1 : at
  }
  let end = Math.min(text.length, start + width)
  if (end < text.length) {
    const cut = text.slice(start, end)
    const lastSpace = cut.search(/\s\S*$/)
    const matchEnd = at >= 0 ? at - start + 1 : 0
    if (lastSpace > Math.max(width * 0.6, matchEnd)) end = start + lastSpace
  }
  const segments = highlight(text.slice(start, end), matcher)
    .map((s) => ({ text: s.text.replace(/\s+/g, ' '), match: s.match }))
  if (segments.length > 0) {
    const first = segments[0]!
    if (!first.match) first.text = first.text.trimStart()
    const lastSegment = segments[segments.length - 1]!
    if (!lastSegment.match) lastSegment.text = lastSegment.text.trimEnd()
  }
  const out = segments.filter((s) => s.text !== '')
  if (start > 0) prepend(out, '…')
  if (end < text.length) append(out, '…')
  return out
}

function prepend(segments: Segment[], text: string): void {
  const first = segments[0]
  if (first && !first.match) first.text = text + first.text
  else segments.unshift({ text, match: false })
}

function append(segments: Segment[], text: string): void {
  const last = segments[segments.length - 1]
  if (last && !last.match) last.text += text
  else segments.push({ text, match: false })
}

// Finds where a text mentions the employer being left or a word from the person's watch list (client names,
// project code names), so the "changing employer" wizard can show each passage before anything leaves.
//
// Matching is case- and accent-insensitive (foldText's rules: "ACME", "Acmé" and "acme" are one word), on whole
// words only ("Acme" does not match "Acmeist"), with any apostrophe accepted in place of another and a run of spaces
// or hyphens in place of a space, so "Banque de France", "l'Acme", "d’Acme", "Acme's" and "Acme-Corp" all match
// "Acme" or "Banque de France". Hand-written: no library matches folded text while reporting offsets in the
// original one (which highlighting needs), and a single alternation regex over the folded text is fast enough to
// scan 50,000 items in a worker.
import { foldText } from '../text'

/** A passage around one or more matches, with the matches' offsets inside the passage (for highlighting). */
export interface MentionPassage {
  /** The passage as written (whitespace runs collapsed so it reads as one line). */
  text: string
  /** Offsets into `text`, `[start, end)`, sorted, non-overlapping. */
  highlights: { start: number; end: number }[]
  /** The watched terms (as the person typed them) found in this passage. */
  terms: string[]
}

/** A watched term and the form it is matched in. */
interface Term {
  /** As the person typed it (shown in the review). */
  original: string
  /** Folded, apostrophes unified: what the regex looks for. */
  folded: string
}

export interface MentionMatcher {
  /** The terms, cleaned and deduplicated (empty: nothing is ever found). */
  readonly terms: readonly string[]
  /** Every match in `text`, as offsets in the original text. */
  find(text: string): { start: number; end: number; term: string }[]
}

const APOSTROPHES = /['’‘ʼ`´′]/g

/** Folds one UTF-16 code unit or surrogate pair (cached: a base's few thousand distinct characters). */
const foldCache = new Map<string, string>()
function foldChar(ch: string): string {
  let folded = foldCache.get(ch)
  if (folded === undefined) {
    folded = foldText(ch).replace(APOSTROPHES, "'").replace(/ς/g, 'σ')
    if (foldCache.size < 20_000) foldCache.set(ch, folded)
  }
  return folded
}

/**
 * Combining marks of the Basic Multilingual Plane as a class for a regular expression without the `u` flag: V8 runs
 * `/\p{M}/gu` over a long two-byte string about four times slower than a plain class (measured: 460 vs 130 ms for
 * 50,000 texts of 900 characters). Built from `\p{M}` itself, so the two never disagree, and built the first time a
 * text is folded, not when the module loads: the app's entry imports this module (through the career slice), and
 * testing 65,536 characters at load took 10-70 ms of every start before the first rows were drawn.
 */
let bmpMarks: RegExp | null = null
function bmpMarksClass(): RegExp {
  if (bmpMarks) return bmpMarks
  const mark = /\p{M}/u
  const ranges: string[] = []
  const hex = (n: number): string => `\\u${n.toString(16).padStart(4, '0')}`
  for (let c = 0; c <= 0xffff; ) {
    if (c >= 0xd800 && c <= 0xdfff) {
      c = 0xe000
      continue
    }
    if (!mark.test(String.fromCharCode(c))) {
      c++
      continue
    }
    const from = c
    while (c + 1 <= 0xffff && mark.test(String.fromCharCode(c + 1))) c++
    ranges.push(from === c ? hex(from) : `${hex(from)}-${hex(c)}`)
    c++
  }
  return (bmpMarks = new RegExp(`[${ranges.join('')}]+`, 'g'))
}

/**
 * The whole text folded at once, exactly as `foldText` (then apostrophes unified and the one context-dependent
 * lowercasing, Greek final sigma, undone) but faster: what `foldWithOffsets` builds character by character. Used to
 * skip the many texts with no match cheaply.
 */
export function foldWhole(text: string): string {
  let s = text.normalize('NFD').replace(bmpMarksClass(), '')
  // Marks outside the BMP (rare: musical notation, variation selectors) need the Unicode-aware pass.
  if (/[\ud800-\udfff]/.test(s)) s = s.replace(/\p{M}+/gu, '')
  return s
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/ς/g, 'σ')
}

/**
 * The folded text and, for each folded code unit, the offset of the original character it came from (folding can
 * change lengths: "œ" becomes "oe", a combining accent disappears). ASCII text, the common case, folds in place.
 */
export function foldWithOffsets(text: string): { folded: string; offsets: Int32Array | null } {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return { folded: text.toLowerCase().replace(APOSTROPHES, "'"), offsets: null }
  const parts: string[] = []
  const offsets: number[] = []
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i)
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1
    const folded = foldChar(text.slice(i, i + width))
    parts.push(folded)
    for (let k = 0; k < folded.length; k++) offsets.push(i)
    i += width
  }
  offsets.push(text.length)
  return { folded: parts.join(''), offsets: Int32Array.from(offsets) }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Cleans the person's list: trimmed, blanks and duplicates (after folding) removed, capped in length. */
export function normalizeWatchWords(words: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of words) {
    const word = raw.replace(/\s+/g, ' ').trim().slice(0, 100)
    const key = foldWithOffsets(word).folded
    if (word === '' || seen.has(key) || !/[\p{L}\p{N}]/u.test(word)) continue
    seen.add(key)
    out.push(word)
  }
  return out
}

/** Builds one matcher for a list of terms (the organisation's name and the watch words). */
export function mentionMatcher(rawTerms: readonly string[]): MentionMatcher {
  const terms: Term[] = normalizeWatchWords(rawTerms).map((original) => ({ original, folded: foldWithOffsets(original).folded }))
  if (terms.length === 0) return { terms: [], find: () => [] }
  const byFolded = new Map(terms.map((t) => [t.folded, t.original]))
  // Longest first, so "Acme Labs" wins over "Acme" where both match at one place.
  const alternatives = [...terms]
    .sort((a, b) => b.folded.length - a.folded.length)
    .map((t) =>
      t.folded
        .split(/[\s-]+/)
        .map((part) => escapeRegExp(part))
        .join('[\\s\\u00a0-]+'),
    )
  // Without the `u` flag and without look-behind: V8 scans for literal alternatives very fast that way (a
  // look-behind with `\p{L}` at every position took 4 s over 50,000 texts, this 20 ms); word edges are checked by hand.
  const pattern = new RegExp(alternatives.join('|'), 'g')
  // Each term alone, anchored ('y'), longest first: where the longest term is not a whole word ("Acme Labsx"), a
  // shorter one may be ("Acme").
  const anchored = alternatives.map((source) => new RegExp(source, 'y'))
  const canonical = (match: string): string => {
    const key = match.replace(/[\s\u00a0-]+/g, ' ')
    return byFolded.get(key) ?? byFolded.get(key.replace(/ /g, '-')) ?? findTerm(terms, key)
  }
  const matchesIn = (folded: string, first: boolean): { index: number; length: number; text: string }[] => {
    const out: { index: number; length: number; text: string }[] = []
    pattern.lastIndex = 0
    for (let m = pattern.exec(folded); m !== null; m = pattern.exec(folded)) {
      let found: string | null = m[0]
      if (isWordAt(folded, m.index - 1, -1)) found = null
      else if (isWordAt(folded, m.index + found.length, 1)) {
        found = null
        for (const term of anchored) {
          term.lastIndex = m.index
          const other = term.exec(folded)
          if (other && !isWordAt(folded, m.index + other[0].length, 1)) {
            found = other[0]
            break
          }
        }
      }
      if (found === null) {
        // Not a whole word here; a term may still start inside this one.
        pattern.lastIndex = m.index + 1
        continue
      }
      pattern.lastIndex = m.index + found.length
      out.push({ index: m.index, length: found.length, text: found })
      if (first) break
    }
    return out
  }
  return {
    terms: terms.map((t) => t.original),
    find(text) {
      if (!text) return []
      // Most texts mention nothing: fold them natively and test once; map offsets only where something matched.
      if (matchesIn(foldWhole(text), true).length === 0) return []
      const { folded, offsets } = foldWithOffsets(text)
      const out: { start: number; end: number; term: string }[] = []
      for (const m of matchesIn(folded, false)) {
        const start = offsets ? offsets[m.index]! : m.index
        const endFolded = m.index + m.length
        const end = offsets ? offsets[endFolded]! : endFolded
        if (end > start) out.push({ start, end, term: canonical(m.text) })
      }
      return out
    },
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u

/** Whether the character at `at` (reading backwards from a low surrogate when `direction` is -1) is a letter or digit. */
function isWordAt(text: string, at: number, direction: 1 | -1): boolean {
  if (at < 0 || at >= text.length) return false
  const code = text.charCodeAt(at)
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
  let ch = text[at]!
  if (direction === -1 && code >= 0xdc00 && code <= 0xdfff && at > 0) ch = text.slice(at - 1, at + 1)
  else if (direction === 1 && code >= 0xd800 && code <= 0xdbff) ch = text.slice(at, at + 2)
  return WORD_CHAR.test(ch)
}

/** A term typed with hyphens matched with spaces (or the reverse): find it by its words. */
function findTerm(terms: readonly Term[], key: string): string {
  const words = key.split(/[\s-]+/).join(' ')
  return terms.find((t) => t.folded.split(/[\s-]+/).join(' ') === words)?.original ?? key
}

export interface PassageOptions {
  /** Characters of context on each side of a match. */
  context?: number
  /** Passages kept per text (the review shows a few; the count says how many there were). */
  maxPassages?: number
}

/**
 * Cuts passages around matches: context on each side, widened to word boundaries, matches close together sharing
 * one passage. Returns the passages and the number of matches (all of them, including those past the cap).
 */
export function passagesOf(
  text: string,
  matches: readonly { start: number; end: number; term: string }[],
  options: PassageOptions = {},
): { passages: MentionPassage[]; matches: number } {
  const context = options.context ?? 60
  const max = options.maxPassages ?? 3
  const passages: MentionPassage[] = []
  let i = 0
  while (i < matches.length && passages.length < max) {
    let from = Math.max(0, matches[i]!.start - context)
    let to = Math.min(text.length, matches[i]!.end + context)
    let j = i + 1
    while (j < matches.length && matches[j]!.start < to) {
      to = Math.min(text.length, Math.max(to, matches[j]!.end + context))
      j++
    }
    // Whole words at the edges (never cutting a surrogate pair either).
    if (from > 0) {
      const space = text.lastIndexOf(' ', from)
      from = space >= 0 && from - space < 20 ? space + 1 : from
      if (isLowSurrogate(text.charCodeAt(from))) from--
    }
    if (to < text.length) {
      const space = text.indexOf(' ', to)
      to = space >= 0 && space - to < 20 ? space : to
      if (isLowSurrogate(text.charCodeAt(to))) to++
    }
    const { text: flat, map } = collapseWhitespace(text.slice(from, to))
    const prefix = from > 0 ? '…' : ''
    const suffix = to < text.length ? '…' : ''
    const highlights = matches.slice(i, j).map((m) => ({ start: prefix.length + map(m.start - from), end: prefix.length + map(m.end - from) }))
    passages.push({
      text: prefix + flat + suffix,
      highlights: mergeOverlaps(highlights),
      terms: [...new Set(matches.slice(i, j).map((m) => m.term))],
    })
    i = j
  }
  return { passages, matches: matches.length }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Collapses whitespace runs to one space, mapping offsets from the original slice to the collapsed one. */
function collapseWhitespace(slice: string): { text: string; map: (offset: number) => number } {
  const starts: number[] = []
  let out = ''
  let lastSpace = false
  for (let k = 0; k < slice.length; k++) {
    starts.push(out.length)
    const ch = slice[k]!
    if (/\s/.test(ch)) {
      if (!lastSpace) out += ' '
      lastSpace = true
    } else {
      out += ch
      lastSpace = false
    }
  }
  starts.push(out.length)
  return { text: out, map: (offset) => starts[Math.max(0, Math.min(offset, slice.length))]! }
}

function mergeOverlaps(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  const out: { start: number; end: number }[] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else out.push({ ...r })
  }
  return out
}

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
/** Characters that end a word: anything but a letter, a digit (and combining marks, which folding drops anyway). */
const NOT_WORD = '[^\\p{L}\\p{N}]'

/** Folds one UTF-16 code unit or surrogate pair (cached: a base's few thousand distinct characters). */
const foldCache = new Map<string, string>()
function foldChar(ch: string): string {
  let folded = foldCache.get(ch)
  if (folded === undefined) {
    folded = foldText(ch).replace(APOSTROPHES, "'")
    if (foldCache.size < 20_000) foldCache.set(ch, folded)
  }
  return folded
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
  const pattern = new RegExp(`(?<=^|${NOT_WORD})(?:${alternatives.join('|')})(?=$|${NOT_WORD})`, 'gu')
  const canonical = (match: string): string => {
    const key = match.replace(/[\s\u00a0-]+/g, ' ')
    return byFolded.get(key) ?? byFolded.get(key.replace(/ /g, '-')) ?? findTerm(terms, key)
  }
  return {
    terms: terms.map((t) => t.original),
    find(text) {
      if (!text) return []
      const { folded, offsets } = foldWithOffsets(text)
      const out: { start: number; end: number; term: string }[] = []
      pattern.lastIndex = 0
      for (let m = pattern.exec(folded); m !== null; m = pattern.exec(folded)) {
        const start = offsets ? offsets[m.index]! : m.index
        const endFolded = m.index + m[0].length
        const end = offsets ? offsets[endFolded]! : endFolded
        if (end > start) out.push({ start, end, term: canonical(m[0]) })
      }
      return out
    },
  }
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

// Thread splitter: cuts a text into posts that each fit a channel, preferring the biggest natural break that
// fits (paragraph, then line or sentence, then word), never inside a link, a mention or a grapheme cluster.
// Hand-written: the libraries that split tweets count characters their own way and cut URLs and emoji sequences;
// here every candidate post is measured with the channel's real rule (./channels), so "fits" means what the
// platform means.
import { detectLinks } from './bluesky'
import { measure, type ChannelId, type Measure, type MeasureOptions } from './channels'
import { graphemeBoundaries } from './unicode'
import { findUrls } from './urls'

export interface NumberingOptions {
  /** Where "i/n" goes (default 'end'). */
  position?: 'start' | 'end'
  /** Between the label and the text (default a space). */
  separator?: string
}

export interface SplitOptions extends MeasureOptions {
  /** Add "i/n" to each post when there is more than one; true means the defaults. */
  numbering?: boolean | NumberingOptions
  /** Language of the text for sentence boundaries (BCP 47, e.g. 'fr', 'en'; default 'en'). */
  locale?: string
}

export interface ThreadPart {
  /** The post as sent: the body with its "i/n" label when numbered. */
  text: string
  /** The slice of the source this post carries. */
  body: string
  /** UTF-16 offsets of `body` in the source, end exclusive (only whitespace lies between two parts). */
  start: number
  end: number
  measure: Measure
}

/** Break strength of a cut; lower is preferred. */
const LEVEL = { paragraph: 0, line: 1, sentence: 1, word: 2, wordPart: 3, grapheme: 4, none: 5 } as const

interface Grapheme {
  start: number
  end: number
  space: boolean
}

// Mastodon counts a remote mention as `@user`: its domain weighs nothing, so it is protected like a link.
const REMOTE_MENTION_RE = /(?<![=/\p{L}\p{M}\p{N}\p{Pc}])@[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*@[\p{L}\p{M}\p{N}\p{Pc}]+(?:[.-]+[\p{L}\p{M}\p{N}\p{Pc}]+)*/giu

/** Ranges no cut may fall inside: links as X, Mastodon or Bluesky would see them, remote mentions. */
function protectedRanges(text: string): Array<{ start: number; end: number }> {
  const ranges = [...findUrls(text), ...detectLinks(text).map(({ start, end }) => ({ start, end }))]
  for (const match of text.matchAll(REMOTE_MENTION_RE)) ranges.push({ start: match.index, end: match.index + match[0].length })
  return ranges
}

const segmenters = new Map<string, Intl.Segmenter>()

function segmenter(locale: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  const key = `${locale}|${granularity}`
  let found = segmenters.get(key)
  if (!found) {
    try {
      found = new Intl.Segmenter(locale, { granularity })
    } catch {
      // Not a BCP 47 tag (a free-text language field): the root rules still find sentences and words.
      found = new Intl.Segmenter('und', { granularity })
    }
    segmenters.set(key, found)
  }
  return found
}

const WHITESPACE = /\s/u

/** Titles and Latin abbreviations (English and French) and initials, after which a full stop ends no sentence. */
const ABBREVIATION_END = /(?:^|[\s(«"“])(?:Mr|Mrs|Ms|Dr|Prof|Pr|St|Sr|Jr|Mt|vs|cf|M|MM|Mme|Mmes|Mlle|Mlles|Me|Mgr|p\. ?ex|e\.g|i\.e|\p{Lu})\.\s*$/u

/** The text cut into graphemes, each possible cut (before grapheme k) with its break level. */
class CutMap {
  readonly graphemes: Grapheme[] = []
  /** levels[k]: how good a cut before grapheme k is (LEVEL.none: forbidden). levels[n] = paragraph. */
  readonly levels: Uint8Array
  /** Candidate cut indices in increasing order (level < none). */
  readonly candidates: number[] = []
  /** minWeight[k]: graphemes before k outside protected ranges: each counts at least 1 on every channel. */
  readonly minWeight: Int32Array
  private readonly inside: Uint8Array
  /** indexAt[offset]: the grapheme starting at UTF-16 `offset`, or -1. */
  private readonly indexAt: Int32Array

  constructor(
    private readonly text: string,
    private readonly locale: string,
  ) {
    const bounds = graphemeBoundaries(text)
    this.indexAt = new Int32Array(text.length + 1).fill(-1)
    for (let b = 0; b + 1 < bounds.length; b++) {
      const start = bounds[b]!
      const end = bounds[b + 1]!
      this.indexAt[start] = b
      const space = end === start + 1 ? WHITESPACE.test(text[start]!) : /^\s+$/u.test(text.slice(start, end))
      this.graphemes.push({ start, end, space })
    }
    const g = this.graphemes
    const n = g.length
    const inside = new Uint8Array(n + 1)
    for (const range of protectedRanges(text)) {
      for (let k = this.at(range.start) ?? n; k < n && g[k]!.start < range.end; k++) if (g[k]!.start > range.start) inside[k] = 1
    }
    this.inside = inside
    this.minWeight = new Int32Array(n + 1)
    const isProtected = (k: number): boolean => inside[k] === 1 || (k + 1 < n && inside[k + 1] === 1)
    for (let k = 0; k < n; k++) this.minWeight[k + 1] = this.minWeight[k]! + (isProtected(k) ? 0 : 1)

    const levels = new Uint8Array(n + 1).fill(LEVEL.none)
    levels[n] = LEVEL.paragraph
    const set = (k: number, level: number): void => {
      if (k > 0 && k < n && inside[k] === 0 && level < levels[k]!) levels[k] = level
    }
    /** Start of the whitespace run that grapheme k (a space) belongs to. */
    const runStart = (k: number): number => {
      while (k > 0 && g[k - 1]!.space) k--
      return k
    }
    // Whitespace runs: the cut sits where the run starts (the run itself is dropped between the two posts).
    for (let k = 1; k < n; k++) {
      if (!g[k]!.space || g[k - 1]!.space) continue
      let end = k
      while (end < n && g[end]!.space) end++
      if (end === n) break
      const newlines = (text.slice(g[k]!.start, g[end - 1]!.end).match(/\r\n|\n|\r|\u2028|\u2029/g) ?? []).length
      set(k, newlines >= 2 ? LEVEL.paragraph : newlines === 1 ? LEVEL.line : LEVEL.word)
    }
    // Sentences, line by line: a line break always ends a sentence (UAX #29 SB4), and short inputs keep the
    // segmenter fast (see ./unicode).
    const lineRe = /[^\n]+/g
    for (const line of text.matchAll(lineRe)) {
      for (const { index } of segmenter(locale, 'sentence').segment(line[0])) {
        const k = this.at(line.index + index)
        if (k === undefined || k === 0 || index === 0) continue
        // ICU's abbreviation lists are not exposed by Intl.Segmenter: "M. Dupont", "Mr. Smith" are not two sentences.
        if (ABBREVIATION_END.test(line[0].slice(Math.max(0, index - 12), index))) continue
        set(g[k - 1]!.space ? runStart(k - 1) : k, LEVEL.sentence)
      }
    }
    // Inside a run with no space, any grapheme boundary; word boundaries there are looked up only when needed.
    for (let k = 1; k < n; k++) if (!g[k]!.space && !g[k - 1]!.space) set(k, LEVEL.grapheme)
    this.levels = levels
    for (let k = 1; k <= n; k++) if (levels[k]! < LEVEL.none) this.candidates.push(k)
  }

  /**
   * The last word boundary (Intl.Segmenter 'word': CJK words, "l'exemple|," ...) after `s` and at or before `k`,
   * inside the run of non-space text that holds k; -1 if none. Only parts with no better cut ask for it.
   */
  wordCutAtOrBefore(s: number, k: number): number {
    const g = this.graphemes
    let from = k
    while (from > s && !g[from - 1]!.space) from--
    // A few graphemes past k: word rules look one character ahead (WB6, WB12).
    const to = Math.min(g.length, k + 8)
    const base = g[from]!.start
    let best = -1
    for (const { index } of segmenter(this.locale, 'word').segment(this.text.slice(base, g[to - 1]!.end))) {
      const cut = this.at(base + index)
      if (cut === undefined || cut <= s || cut <= from || cut > k) continue
      if (this.inside[cut] === 0 && cut > best) best = cut
    }
    return best
  }

  /** The grapheme starting at UTF-16 offset `offset`, if one does. */
  private at(offset: number): number | undefined {
    const k = this.indexAt[offset]
    return k === undefined || k < 0 ? undefined : k
  }

  skipSpace(k: number): number {
    while (k < this.graphemes.length && this.graphemes[k]!.space) k++
    return k
  }

  trimEnd(start: number, end: number): number {
    while (end > start && this.graphemes[end - 1]!.space) end--
    return end
  }
}

function numberingOf(options: SplitOptions): Required<NumberingOptions> | null {
  if (!options.numbering) return null
  const given = options.numbering === true ? {} : options.numbering
  return { position: given.position ?? 'end', separator: given.separator ?? ' ' }
}

function compose(body: string, label: string | null, numbering: Required<NumberingOptions> | null): string {
  if (label === null || numbering === null) return body
  return numbering.position === 'start' ? `${label}${numbering.separator}${body}` : `${body}${numbering.separator}${label}`
}

/** First index in sorted `values` greater than `x`. */
function upperBound(values: ArrayLike<number>, x: number, from = 0): number {
  let lo = from
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

function pack(
  text: string,
  map: CutMap,
  channel: ChannelId,
  options: SplitOptions,
  numbering: Required<NumberingOptions> | null,
  label: (i: number) => string | null,
): ThreadPart[] {
  const g = map.graphemes
  const n = g.length
  const limit = measure(channel, '', options).limit
  const parts: ThreadPart[] = []
  const partAt = (s: number, cut: number, i: number): ThreadPart => {
    const e = map.trimEnd(s, cut)
    const start = g[s]!.start
    const end = g[e - 1]!.end
    const body = text.slice(start, end)
    const sent = compose(body, label(i), numbering)
    return { text: sent, body, start, end, measure: measure(channel, sent, options) }
  }
  let s = map.skipSpace(0)
  while (s < n) {
    const i = parts.length + 1
    // No post can hold more unprotected graphemes than the limit: look no further than that.
    const hi = upperBound(map.minWeight, map.minWeight[s]! + limit) - 1
    const from = upperBound(map.candidates, s)
    const to = upperBound(map.candidates, Math.max(hi, s), from)
    const window = map.candidates.slice(from, to)
    let chosen: ThreadPart | null = null
    let cutAt = n
    // The furthest cut that fits, whatever its level (binary search: a longer post never measures shorter)...
    let furthest = -1
    let furthestPart: ThreadPart | null = null
    for (let lo = 0, top = window.length - 1; lo <= top; ) {
      const mid = (lo + top) >>> 1
      const part = partAt(s, window[mid]!, i)
      if (part.measure.over) top = mid - 1
      else {
        furthest = mid
        furthestPart = part
        lo = mid + 1
      }
    }
    // ...then the best break before it: paragraph, else line or sentence, else word, else inside a word.
    for (let level: number = LEVEL.paragraph; level < LEVEL.none && chosen === null && furthest >= 0; level++) {
      let cut: number
      if (level === LEVEL.wordPart) {
        cut = map.wordCutAtOrBefore(s, window[furthest]!)
        if (cut < 0) continue
      } else {
        let j = furthest
        while (j >= 0 && map.levels[window[j]!]! > level) j--
        if (j < 0) continue
        cut = window[j]!
      }
      const part = cut === window[furthest] ? furthestPart! : partAt(s, cut, i)
      // Shorter than a post that fits, so it fits; measured anyway, as the count is the platform's, not ours.
      if (!part.measure.over) {
        chosen = part
        cutAt = cut
      }
    }
    if (chosen === null) {
      cutAt = map.candidates[from] ?? n
      chosen = partAt(s, cutAt, i)
    }
    parts.push(chosen)
    s = map.skipSpace(cutAt)
  }
  return parts
}

function relabel(parts: readonly ThreadPart[], channel: ChannelId, options: SplitOptions, numbering: Required<NumberingOptions>): ThreadPart[] {
  return parts.map((part, index) => {
    const text = compose(part.body, `${index + 1}/${parts.length}`, numbering)
    return { ...part, text, measure: measure(channel, text, options) }
  })
}

/** Splits `text` into posts that each fit `channel` (a part is over only if one link alone is longer than the limit). */
export function splitThread(channel: ChannelId, text: string, options: SplitOptions = {}): ThreadPart[] {
  const map = new CutMap(text, options.locale ?? 'en')
  const plain = pack(text, map, channel, options, null, () => null)
  const numbering = numberingOf(options)
  if (numbering === null || plain.length <= 1) return plain
  // The label's length depends on n, and n on how much room the labels leave: iterate to a fixed point. n only
  // grows, unless a pass needs fewer posts than it reserved labels for; then the shorter true labels fit too.
  let n = plain.length
  for (let round = 0; round < 64; round++) {
    const reserved = n
    const parts = pack(text, map, channel, options, numbering, (i) => `${i}/${reserved}`)
    if (parts.length === n) return parts
    if (parts.length < n) {
      const relabeled = relabel(parts, channel, options, numbering)
      if (relabeled.every((part, index) => !part.measure.over || parts[index]!.measure.over)) return relabeled
    }
    n = parts.length
  }
  return relabel(pack(text, map, channel, options, numbering, (i) => `${i}/${n}`), channel, options, numbering)
}

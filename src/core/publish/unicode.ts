// Unicode helpers the channel rules share: grapheme clusters (what a person sees as one character: an emoji
// ZWJ sequence, a flag, a letter with combining accents) and UTF-8 byte offsets (Bluesky's facet indices).
// Intl.Segmenter does the segmentation (Unicode UAX #29, the same rules Bluesky's and Mastodon's counters use).

let graphemeSegmenter: Intl.Segmenter | null = null

function graphemes(): Intl.Segmenter {
  graphemeSegmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' })
  return graphemeSegmenter
}

// V8's segment iterator slows down with the length of the whole string (every step costs more on a longer text:
// 16,000 characters take ~180 ms where 4,000 take 6), so long texts are segmented in slices. Grapheme rules look
// back from a boundary and at the one character after it, so every cluster start a slice finds, bar its last
// cluster (which the slice's end may have cut short), is a true boundary when the slice starts on one. A slice
// ends between characters, never inside a surrogate pair: cut there, the pair's first half was a cluster of its
// own, taken for the cut-short last one, and the cluster before it (a base and a combining mark outside the BMP,
// U+1D1B9 U+1D165) was ended too early.
const SLICE = 1024

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff

/** Cluster starts of `text` (a slice of something longer starting on a boundary) by the segmenter, in slices. */
function segmentBoundaries(text: string, offset: number, out: number[]): void {
  let from = 0
  while (from < text.length) {
    let to = Math.min(from + SLICE, text.length)
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to--
    const starts: number[] = []
    for (const segment of graphemes().segment(text.slice(from, to))) starts.push(offset + from + segment.index)
    if (to === text.length) {
      out.push(...starts)
      break
    }
    if (starts.length === 1) {
      // One cluster longer than a slice (a pathological run of combining marks): grow the slice instead.
      const whole = graphemes().segment(text.slice(from)).containing(0)
      out.push(offset + from)
      from += whole?.segment.length ?? to - from
      continue
    }
    const last = starts.pop()!
    out.push(...starts)
    from = last - offset
  }
}

/**
 * Whether a UTF-16 code unit can only ever be a cluster of its own next to another such unit: below U+0300 there
 * are no combining marks, joiners, prepended or spacing marks, regional indicators or Hangul jamo, so two such
 * characters always have a boundary between them (UAX #29 GB999), bar CR LF (GB3), hence CR is left out.
 */
function isSimple(code: number): boolean {
  return code < 0x300 && code !== 0x0d
}

/**
 * Calls `simple(i)` for each character that is a cluster of its own for sure, and `complex(start, end)` for each
 * stretch the segmenter must look at: anything else (accents written as combining marks, emoji, CJK, flags) with
 * one simple character of context on each side, so joins with a neighbour are seen. V8's segmenter costs about a
 * microsecond a character, and most text people write is simple characters.
 */
function scan(text: string, simple: (i: number) => void, complex: (start: number, end: number) => void): void {
  let i = 0
  const n = text.length
  while (i < n) {
    // Simple, and the next one does not start a complex stretch that could join it: a cluster of its own.
    if (isSimple(text.charCodeAt(i)) && (i + 1 >= n || isSimple(text.charCodeAt(i + 1)))) {
      simple(i)
      i++
      continue
    }
    // Up to and including the first simple character followed by another simple one (or the end).
    let end = i + 1
    while (end < n && !(isSimple(text.charCodeAt(end)) && (end + 1 >= n || isSimple(text.charCodeAt(end + 1))))) end++
    end = Math.min(end + 1, n)
    complex(i, end)
    i = end
  }
}

/** UTF-16 offsets where a grapheme cluster starts, plus `text.length` (so every cut between two entries is safe). */
export function graphemeBoundaries(text: string): number[] {
  const out: number[] = []
  scan(
    text,
    (i) => out.push(i),
    (start, end) => segmentBoundaries(text.slice(start, end), start, out),
  )
  out.push(text.length)
  return out
}

/** Number of grapheme clusters in `text` (counters and the thread splitter call this for every candidate post). */
export function graphemeLength(text: string): number {
  let count = 0
  scan(
    text,
    () => count++,
    (start, end) => {
      const out: number[] = []
      segmentBoundaries(text.slice(start, end), start, out)
      count += out.length
    },
  )
  return count
}

/** UTF-8 length of a string, counted without encoding it (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (isHighSurrogate(code) && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** UTF-8 byte offset of UTF-16 offset `index` in `text`. */
export function utf8Offset(text: string, index: number): number {
  return utf8Length(text.slice(0, index))
}

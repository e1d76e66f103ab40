// Text measures and normalisation shared by the editor, the list and search.

/** Words as a reader counts them: letters or digits joined by apostrophes or hyphens. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

export function wordCount(text: string): number {
  return text.match(WORD)?.length ?? 0
}

/** Minutes to read, at 230 words a minute, at least 1 for any non-empty text. */
export function readingMinutes(words: number, wordsPerMinute = 230): number {
  if (words <= 0) return 0
  return Math.max(1, Math.round(words / wordsPerMinute))
}

/** Lowercase and strip diacritics, so "economie" matches "Économie" and "Ça" matches "ca". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase()
}

/** How many characters a list row's preview shows (library/ItemRow.tsx). */
export const ROW_PREVIEW_CHARS = 180

const flatten = (text: string): string => text.replace(/\s+/g, ' ').trim()

/**
 * The start of `text` that `preview(text, max)` reads, so `preview(previewSource(text, max), max)` is
 * `preview(text, max)`. Only the start of a text can show: flattening all of a 200 KB body (a list row of a long
 * draft, at every render) cost milliseconds. Flattening keeps prefixes, so the start gives the same preview
 * whenever it holds more than `max` characters once flattened; else (mostly blanks) it is the whole text. Also
 * what the save worker tells the list of a saved row's text, instead of all of it (the 200 KB draft's text was
 * copied to the UI thread after every autosave, for a preview of 180 characters).
 */
export function previewSource(text: string, max = 160): string {
  if (text.length <= max * 8) return text
  const head = text.slice(0, max * 8)
  return flatten(head).length <= max ? text : head
}

/** First characters of a text for list previews, on a word boundary. */
export function preview(text: string, max = 160): string {
  const flat = flatten(previewSource(text, max))
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}

// Bytes of an imported file to text, chunk by chunk, without ever throwing on bad bytes.
//
// Files people import come from everywhere: a WordPress export re-saved by an old editor, a CSV from Excel in
// Windows-1252, bookmarks with one Latin-1 title in an otherwise UTF-8 file. Refusing them, or showing U+FFFD
// where "é" was, loses their words. So UTF-8 is decoded strictly, and only the bytes that are not valid UTF-8
// are read as Windows-1252 (the superset of Latin-1 every such tool writes): a mixed file comes out right
// in both halves, and a clean file costs one native decode per chunk. The number of bytes read that way is
// reported so the preview can say so.
import { ImportError } from './types'

/** Text is handed to parsers in slices of about this many bytes or characters (bounded memory, progress). */
export const CHUNK_SIZE = 1 << 20

export interface DecodeStats {
  /** The encoding the text was read with (a WHATWG label). */
  encoding: string
  /** Bytes that were not valid UTF-8 and were read as Windows-1252 instead. */
  repairedBytes: number
  /** Bytes (or characters, for string input) consumed so far: what progress is measured in. */
  consumed: number
  /** Size of the whole input, in the same unit. */
  total: number
}

export interface DecodeOptions {
  /**
   * Finds the encoding the file declares (an XML declaration, an HTML meta charset) in its first bytes,
   * read as Latin-1. A byte-order mark always wins over it.
   */
  sniffDeclared?: (head: string) => string | null
}

/** Size of an input in the unit parsers cap: bytes, or UTF-16 code units for text already decoded. */
export function inputSize(input: string | Uint8Array): number {
  return typeof input === 'string' ? input.length : input.byteLength
}

export function assertWithinSize(input: string | Uint8Array, maxBytes: number): void {
  const size = inputSize(input)
  if (size > maxBytes) {
    throw new ImportError('too-large', `The file is ${formatMb(size)}; the limit is ${formatMb(maxBytes)}.`, `${size}>${maxBytes}`)
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/**
 * Windows-1252 bytes 0x80–0x9F (the WHATWG table: five unassigned bytes map to the C1 control of the same
 * number). Spelled out because Node's TextDecoder reads 'windows-1252' as plain Latin-1 there, where
 * Chromium follows the standard; every other byte is the code point of the same number in both.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178'

function cp1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte)
}

/** Text decoded as Latin-1 where Windows-1252 was meant: C1 controls back to the characters meant. */
function fixC1(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!)
}

/** Length of the well-formed UTF-8 sequence starting at `i` (Unicode table 3-7), or 0 if it is not one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0
  const inRange = (k: number, lo: number, hi: number): boolean => {
    const b = bytes[i + k]
    return b !== undefined && b >= lo && b <= hi
  }
  if (b0 < 0x80) return 1
  if (b0 >= 0xc2 && b0 <= 0xdf) return inRange(1, 0x80, 0xbf) ? 2 : 0
  if (b0 === 0xe0) return inRange(1, 0xa0, 0xbf) && inRange(2, 0x80, 0xbf) ? 3 : 0
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return inRange(1, 0x80, 0xbf) && inRange(2, 0x80, 0xbf) ? 3 : 0
  if (b0 === 0xed) return inRange(1, 0x80, 0x9f) && inRange(2, 0x80, 0xbf) ? 3 : 0
  if (b0 === 0xf0) return inRange(1, 0x90, 0xbf) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0
  if (b0 >= 0xf1 && b0 <= 0xf3) return inRange(1, 0x80, 0xbf) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0
  if (b0 === 0xf4) return inRange(1, 0x80, 0x8f) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0
  return 0
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true })

/** Decodes a slice that holds only whole sequences; bytes that are not UTF-8 are read as Windows-1252. */
function decodeUtf8Slice(bytes: Uint8Array, stats: DecodeStats): string {
  try {
    return utf8Fatal.decode(bytes)
  } catch {
    let out = ''
    let runStart = 0
    let i = 0
    while (i < bytes.length) {
      const len = utf8SequenceLength(bytes, i)
      if (len > 0) {
        i += len
        continue
      }
      out += utf8Lenient.decode(bytes.subarray(runStart, i)) + cp1252(bytes[i] ?? 0)
      stats.repairedBytes++
      i++
      runStart = i
    }
    return out + utf8Lenient.decode(bytes.subarray(runStart))
  }
}

/** Where to end a UTF-8 chunk so no multi-byte sequence is cut in two. */
function utf8ChunkEnd(bytes: Uint8Array, start: number): number {
  const end = Math.min(start + CHUNK_SIZE, bytes.length)
  if (end === bytes.length) return end
  let cut = end
  while (cut > start && end - cut < 4 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--
  return end - cut < 4 && cut > start ? cut : end
}

function detectBom(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 }
  return null
}

/** A WHATWG label TextDecoder knows, normalised ('latin1' → 'windows-1252'), or null. */
function knownEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding
  } catch {
    return null
  }
}

/**
 * Yields the input as text, about CHUNK_SIZE at a time, updating `stats` as it goes. A leading byte-order
 * mark is dropped. String input is sliced without cutting a surrogate pair.
 */
export function* decodeChunks(input: string | Uint8Array, stats: DecodeStats, options: DecodeOptions = {}): Generator<string> {
  stats.total = inputSize(input)
  stats.consumed = 0
  if (typeof input === 'string') {
    stats.encoding = 'utf-16'
    let pos = input.charCodeAt(0) === 0xfeff ? 1 : 0
    stats.consumed = pos
    while (pos < input.length) {
      let end = Math.min(pos + CHUNK_SIZE, input.length)
      const last = input.charCodeAt(end - 1)
      if (end < input.length && last >= 0xd800 && last <= 0xdbff) end--
      const chunk = input.slice(pos, end)
      pos = end
      stats.consumed = pos
      yield chunk
    }
    return
  }

  const bom = detectBom(input)
  let encoding = bom?.encoding ?? null
  if (!encoding && options.sniffDeclared) {
    const head = new TextDecoder('windows-1252').decode(input.subarray(0, 1024))
    const declared = options.sniffDeclared(head)
    encoding = declared ? knownEncoding(declared) : null
  }
  // A file that declares UTF-16 without a byte-order mark is almost always UTF-8 re-saved with its old
  // declaration kept (the declaration itself was readable as ASCII): trust the bytes, not the label.
  if (!bom && encoding && encoding.startsWith('utf-16')) encoding = null
  encoding ??= 'utf-8'
  stats.encoding = encoding
  let pos = bom?.skip ?? 0
  stats.consumed = pos

  if (encoding === 'utf-8') {
    while (pos < input.length) {
      const end = utf8ChunkEnd(input, pos)
      const text = decodeUtf8Slice(input.subarray(pos, end), stats)
      pos = end
      stats.consumed = pos
      yield text
    }
    return
  }
  const decoder = new TextDecoder(encoding)
  while (pos < input.length) {
    const end = Math.min(pos + CHUNK_SIZE, input.length)
    const text = decoder.decode(input.subarray(pos, end), { stream: end < input.length })
    pos = end
    stats.consumed = pos
    yield encoding === 'windows-1252' ? fixC1(text) : text
  }
}

export function newDecodeStats(): DecodeStats {
  return { encoding: 'utf-8', repairedBytes: 0, consumed: 0, total: 0 }
}

/** The whole input as one string (for formats read at once: CSV, bookmarks, Markdown files). */
export function decodeAll(input: string | Uint8Array, options: DecodeOptions = {}): { text: string; stats: DecodeStats } {
  const stats = newDecodeStats()
  let text = ''
  for (const chunk of decodeChunks(input, stats, options)) text += chunk
  return { text, stats }
}

/** `encoding="…"` from an XML declaration at the very start of a file. */
export function sniffXmlEncoding(head: string): string | null {
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)
  return decl?.[1] ?? null
}

/** `<meta charset>` or `<meta http-equiv=Content-Type content="…charset=…">` near the top of an HTML file. */
export function sniffHtmlCharset(head: string): string | null {
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?([A-Za-z0-9._-]+)/i.exec(head)
  return meta?.[1] ?? null
}

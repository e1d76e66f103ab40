// File names made from titles, safe on Windows, macOS and Linux and inside zip archives: no path
// separators or `..` (no writing outside the export folder), no characters Windows refuses, no names
// Windows reserves for devices, no trailing dots or spaces (Windows drops them, so two files would
// collide), a length cap in UTF-8 bytes (what ext4 and zip count) cut on grapheme boundaries, NFC
// (what macOS compares against), and numbered collisions compared case-insensitively (NTFS, APFS).

export interface SafeFileNameOptions {
  /** Cap on the whole name (stem, number and extension) in UTF-8 bytes. Default 120. */
  maxLength?: number
  /** Added after the stem, with or without its dot: `md`, `.md`, `.tar.gz`. Default none. */
  extension?: string
  /**
   * Names already used in the same folder, as `fileNameKey(name)`. The returned name's key is added, so
   * the same set numbered over several calls never gives the same name twice ("title.md", "title-2.md").
   */
  taken?: Set<string>
}

export const DEFAULT_MAX_FILE_NAME_BYTES = 120
const FALLBACK = 'untitled'

/** How two names are compared: Windows and macOS file systems ignore case (and macOS the normal form). */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase()
}

// Device names Windows reserves whatever the extension ("con.md", "COM1.tar.gz"), including the
// superscript-digit ports it also treats as devices.
const RESERVED = /^(?:con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9¹²³]|lpt[0-9¹²³])$/i

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g
// Bidirectional overrides and isolates can disguise a name ("photo‮gpj.exe"); line separators are not names.
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function utf8Length(text: string): number {
  let bytes = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return bytes
}

function graphemes(text: string): string[] {
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment)
  }
  return Array.from(text)
}

/**
 * The longest prefix of `text` (whole graphemes) that fits in `maxBytes`.
 * Only a window a little longer than the cap is segmented: V8's segmenter costs more than linear time on long
 * strings (a 100 KB title took seconds), and boundaries inside the window are the text's own except maybe the
 * window's last one, which is never used unless the window is the whole text.
 */
function truncateToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text
  const window = text.slice(0, maxBytes + 256)
  const whole = window.length === text.length
  const segments = graphemes(window)
  let out = ''
  let used = 0
  for (let i = 0; i < segments.length; i++) {
    const g = segments[i]!
    // The window's last segment may be a cluster cut by the window: measure against the whole text instead.
    if (i === segments.length - 1 && !whole) return truncateWhole(text, maxBytes)
    const size = utf8Length(g)
    if (used + size > maxBytes) break
    out += g
    used += size
  }
  return out
}

/** The same over every grapheme: only reached when a single cluster spans hundreds of code units. */
function truncateWhole(text: string, maxBytes: number): string {
  let out = ''
  let used = 0
  for (const g of graphemes(text)) {
    const size = utf8Length(g)
    if (used + size > maxBytes) break
    out += g
    used += size
  }
  return out
}

function cleanExtension(extension: string | undefined): string {
  if (!extension) return ''
  const cleaned = cleanStem(extension.replace(/^\.+/, '')).replace(/\s+/g, '')
  return cleaned ? `.${cleaned}` : ''
}

/** Characters and shapes no file system or archive tool should see; may return an empty string. */
function cleanStem(raw: string): string {
  return raw
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .replace(FORBIDDEN, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '')
}

/** Trailing dots and spaces go (Windows drops them), and device names get an underscore. */
function finishStem(stem: string): string {
  const trimmed = stem.replace(/[\s.]+$/, '')
  if (!trimmed) return FALLBACK
  const base = trimmed.split('.')[0]!.trimEnd()
  return RESERVED.test(base) ? trimmed.replace(base, `${base}_`) : trimmed
}

/**
 * A file name for `title`: safe everywhere, at most `maxLength` UTF-8 bytes, not in `taken` (numbered
 * "-2", "-3"... if needed), and recorded in `taken`.
 */
export function safeFileName(title: string, options: SafeFileNameOptions = {}): string {
  const maxBytes = options.maxLength ?? DEFAULT_MAX_FILE_NAME_BYTES
  const extension = cleanExtension(options.extension)
  const room = maxBytes - utf8Length(extension)
  // Leave room for a fallback stem and a collision number.
  if (!Number.isInteger(maxBytes) || room < FALLBACK.length + 8) {
    throw new RangeError(`maxLength ${maxBytes} leaves no room for a name with extension "${extension}"`)
  }
  const stem = finishStem(truncateToBytes(cleanStem(String(title)), room))
  const taken = options.taken
  const fits = (suffix: string): string => {
    const budget = room - utf8Length(suffix)
    // finishStem may add an underscore to a cut that became a device name ("CONSOLE" cut to "CON").
    let cut = finishStem(truncateToBytes(stem, budget))
    for (let b = budget - 1; utf8Length(cut) > budget; b--) cut = finishStem(truncateToBytes(stem, b))
    return `${cut}${suffix}${extension}`
  }
  let name = fits('')
  for (let n = 2; taken?.has(fileNameKey(name)); n++) name = fits(`-${n}`)
  taken?.add(fileNameKey(name))
  return name
}

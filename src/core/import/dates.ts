// Dates as sources write them, to epoch milliseconds or null (never NaN, never "now" by accident).
// A date without a time zone is read as UTC so a file imports the same on every machine.

const MIN_MS = Date.UTC(1000, 0, 1)
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59)

function inRange(ms: number): number | null {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS ? ms : null
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/** `2024-06-05`, `2024-06-05 16:04:48` (WordPress), `2024-06-05T16:04:48.123+02:00`... */
export function parseIsoLike(raw: string): number | null {
  const m = ISO.exec(raw.trim())
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null
  let ms = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)))
  // Date.UTC rolls 31 February over into March: refuse instead.
  if (new Date(ms).getUTCDate() !== day) return null
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')
    ms -= sign * offset * 60_000
  }
  return inRange(ms)
}

/** WordPress's `0000-00-00 00:00:00` means "no date" (drafts never published). */
export function parseWordPressDate(raw: string | undefined): number | null {
  if (!raw || /^0000-00-00/.test(raw.trim())) return null
  return parseIsoLike(raw)
}

/**
 * An epoch timestamp in seconds, milliseconds or microseconds, told apart by magnitude: browsers and
 * bookmark services write all three (Firefox's bookmarks.html used microseconds for years). Seconds run
 * up to 1e11 (year 5138), milliseconds up to 1e14, microseconds up to 1e17; zero or negative is "none".
 */
export function epochToMs(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null
  if (value < 1e11) return inRange(Math.round(value * 1000))
  if (value < 1e14) return inRange(Math.round(value))
  if (value < 1e17) return inRange(Math.round(value / 1000))
  return null
}

const HAS_ZONE = /(?:\b(?:GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\s*$|\b[ECMP][SD]T\b)/i

/**
 * Any date a person or program might write: epoch digits, ISO 8601 (with or without time and zone),
 * RFC 2822 (`Wed, 05 Jun 2024 16:04:48 +0000`), `June 5, 2024`. Returns null for anything else.
 */
export function parseLooseDate(raw: unknown): number | null {
  if (typeof raw === 'number') return epochToMs(raw)
  if (raw instanceof Date) return inRange(raw.getTime())
  if (typeof raw !== 'string') return null
  const text = raw.trim()
  if (!text) return null
  if (/^\d{9,17}(?:\.\d+)?$/.test(text)) return epochToMs(Number(text))
  const iso = parseIsoLike(text)
  if (iso !== null) return iso
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return null // ISO-looking but invalid: do not let Date.parse guess
  if (!/[a-z]/i.test(text)) return null
  const ms = Date.parse(HAS_ZONE.test(text) ? text : `${text} UTC`)
  return inRange(ms)
}

/** `YYYY-MM-DD` of a timestamp, in UTC (the calendar day a talk's date field holds). */
export function toIsoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

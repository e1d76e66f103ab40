// The content calendar as iCalendar (RFC 5545), for Thunderbird, Outlook, Apple or Google calendars. Written by
// hand: it is a few dozen lines of text rules (escaping, 75-octet line folding, CRLF), and the libraries for it
// either need Node (ical-generator: fs, Node 22+) or bring a validation framework along (ics: yup).
import type { CalendarEntry } from './calendar'
import { utf8Length } from './unicode'

export interface IcsOptions {
  /** Calendar name shown by the client (X-WR-CALNAME). */
  name: string
  /** DTSTAMP of every event: when the file was made. */
  now: number
  /** Host part of each event's UID, so re-importing updates events instead of duplicating them. */
  uidDomain?: string
  /** Event title: the item's title, with the channel when there is one (default `Title (channel)`). */
  summary?: (entry: CalendarEntry) => string
  /** Optional longer text and address per event. */
  describe?: (entry: CalendarEntry) => { description?: string; url?: string }
  /** Length of timed events in minutes (default 30). */
  durationMinutes?: number
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as `\n`. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence or a surrogate pair. */
export function foldIcsLine(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = utf8Length(char)
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (octets + size > 75) {
      out.push(current)
      current = ' '
      octets = 1
    }
    current += char
    octets += size
  }
  out.push(current)
  return out.join('\r\n')
}

function utcStamp(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')
}

function dateValue(day: string): string {
  return day.replace(/-/g, '')
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10).replace(/-/g, '')
}

const STATUS: Partial<Record<NonNullable<CalendarEntry['status']>, string>> = {
  scheduled: 'CONFIRMED',
  queued: 'CONFIRMED',
  'awaiting-manual': 'CONFIRMED',
  published: 'CONFIRMED',
  failed: 'TENTATIVE',
}

/** The entries as an iCalendar file (CRLF line endings, as the format requires). */
export function calendarToIcs(entries: Iterable<CalendarEntry>, options: IcsOptions): string {
  const domain = options.uidDomain ?? 'baluchon.app'
  const duration = (options.durationMinutes ?? 30) * 60_000
  const summary = options.summary ?? ((entry: CalendarEntry) => (entry.channel ? `${entry.title} (${entry.channel})` : entry.title))
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Baluchon//Content calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(options.name)}`,
  ]
  for (const entry of entries) {
    const day = entry.at === null ? entry.day : undefined
    if (entry.at === null && !day) continue
    const extra = options.describe?.(entry) ?? {}
    lines.push('BEGIN:VEVENT', `UID:${escapeIcsText(entry.key)}@${domain}`, `DTSTAMP:${utcStamp(options.now)}`)
    if (entry.at !== null) lines.push(`DTSTART:${utcStamp(entry.at)}`, `DTEND:${utcStamp(entry.at + duration)}`)
    else lines.push(`DTSTART;VALUE=DATE:${dateValue(day!)}`, `DTEND;VALUE=DATE:${nextDay(day!)}`)
    lines.push(`SUMMARY:${escapeIcsText(summary(entry))}`)
    if (extra.description) lines.push(`DESCRIPTION:${escapeIcsText(extra.description)}`)
    // A URI value is not TEXT: no escaping, but it must be one line.
    if (extra.url && /^https?:\/\/\S+$/i.test(extra.url)) lines.push(`URL:${extra.url}`)
    const status = entry.status ? STATUS[entry.status] : undefined
    if (status) lines.push(`STATUS:${status}`)
    lines.push('END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldIcsLine).join('\r\n') + '\r\n'
}

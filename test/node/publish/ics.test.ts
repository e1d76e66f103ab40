import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { CalendarEntry } from '../../../src/core/publish/calendar'
import { calendarToIcs, escapeIcsText, foldIcsLine } from '../../../src/core/publish/ics'

const NOW = Date.UTC(2026, 1, 10, 12, 0, 0)
const encoder = new TextEncoder()

/** Unfolds and splits an iCalendar file into content lines, as a client reads it. */
function contentLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean)
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

describe('calendarToIcs', () => {
  it('writes timed and all-day events with UTC times, escaped text and CRLF lines', () => {
    const entries: CalendarEntry[] = [
      { key: '01PUB', itemId: 'i1', title: 'Launch; part 1, "the plan"', channel: 'mastodon', status: 'scheduled', at: Date.UTC(2026, 2, 29, 1, 30) },
      { key: 'talk:01T', itemId: 'i2', title: 'Talk at Paris Web', channel: null, status: null, at: null, day: '2026-02-28' },
      { key: 'bad', itemId: 'i3', title: 'No date', channel: null, status: null, at: null },
    ]
    const ics = calendarToIcs(entries, { name: 'Baluchon — calendrier', now: NOW, describe: (e) => ({ description: `Item ${e.itemId}\nsecond line`, url: 'https://blog.example.com/p?a=1,2' }) })
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = contentLines(ics)
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0'])
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2)
    expect(lines).toContain('UID:01PUB@baluchon.app')
    expect(lines).toContain('DTSTAMP:20260210T120000Z')
    expect(lines).toContain('DTSTART:20260329T013000Z')
    expect(lines).toContain('DTEND:20260329T020000Z')
    expect(lines).toContain('SUMMARY:Launch\\; part 1\\, "the plan" (mastodon)')
    expect(lines).toContain('STATUS:CONFIRMED')
    expect(lines).toContain('DTSTART;VALUE=DATE:20260228')
    expect(lines).toContain('DTEND;VALUE=DATE:20260301')
    expect(lines).toContain('DESCRIPTION:Item i2\\nsecond line')
    expect(lines).toContain('URL:https://blog.example.com/p?a=1,2')
    expect(lines).toContain('X-WR-CALNAME:Baluchon — calendrier')
    expect(lines.at(-1)).toBe('END:VCALENDAR')
  })

  it('property: lines are at most 75 octets, and unfolding and unescaping gives the text back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (title) => {
        const ics = calendarToIcs([{ key: 'k', itemId: 'i', title, channel: null, status: null, at: NOW }], { name: 'c', now: NOW })
        for (const line of ics.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75)
        const summary = contentLines(ics).find((l) => l.startsWith('SUMMARY:'))!
        // eslint-disable-next-line no-control-regex
        const expected = title.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
        expect(unescapeText(summary.slice('SUMMARY:'.length))).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('folds without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`
    const folded = foldIcsLine(line)
    for (const part of folded.split('\r\n')) expect(encoder.encode(part).length).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, '')).toBe(line)
    expect(escapeIcsText('a\\b;c,d\r\ne')).toBe('a\\\\b\\;c\\,d\\ne')
  })
})

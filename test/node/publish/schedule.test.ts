import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  checkMastodonSchedule,
  instantToWallTime,
  isValidTimeZone,
  parseWordpressDateGmt,
  resolveWallTime,
  wallTimeToInstant,
  wordpressDateGmt,
} from '../../../src/core/publish/schedule'

const utc = (iso: string): number => Date.parse(iso)

describe('resolveWallTime', () => {
  it('turns an ordinary Paris time into the UTC instant and WordPress date_gmt', () => {
    expect(resolveWallTime({ date: '2026-07-14', time: '10:00' }, 'Europe/Paris')).toEqual({ kind: 'exact', instant: utc('2026-07-14T08:00:00Z') })
    expect(resolveWallTime({ date: '2026-01-15', time: '10:00' }, 'Europe/Paris')).toEqual({ kind: 'exact', instant: utc('2026-01-15T09:00:00Z') })
    expect(wordpressDateGmt(wallTimeToInstant({ date: '2026-07-14', time: '10:00' }, 'Europe/Paris')!)).toBe('2026-07-14T08:00:00')
  })

  it('reports the hour Paris skips in spring (29 March 2026, 02:00 → 03:00)', () => {
    expect(resolveWallTime({ date: '2026-03-29', time: '02:30' }, 'Europe/Paris')).toEqual({
      kind: 'gap',
      instant: utc('2026-03-29T01:30:00Z'), // 03:30 CEST, where the clock shows "02:30 + 1 h"
      skippedMinutes: 60,
    })
    // Either side of the gap is exact.
    expect(resolveWallTime({ date: '2026-03-29', time: '01:59' }, 'Europe/Paris')).toEqual({ kind: 'exact', instant: utc('2026-03-29T00:59:00Z') })
    expect(resolveWallTime({ date: '2026-03-29', time: '03:00' }, 'Europe/Paris')).toEqual({ kind: 'exact', instant: utc('2026-03-29T01:00:00Z') })
  })

  it('reports the hour Paris repeats in autumn (25 October 2026, 03:00 → 02:00)', () => {
    expect(resolveWallTime({ date: '2026-10-25', time: '02:30' }, 'Europe/Paris')).toEqual({
      kind: 'overlap',
      earlier: utc('2026-10-25T00:30:00Z'), // 02:30 CEST
      later: utc('2026-10-25T01:30:00Z'), // 02:30 CET
    })
    expect(wallTimeToInstant({ date: '2026-10-25', time: '02:30' }, 'Europe/Paris', 'later')).toBe(utc('2026-10-25T01:30:00Z'))
    expect(wallTimeToInstant({ date: '2026-10-25', time: '02:30' }, 'Europe/Paris')).toBe(utc('2026-10-25T00:30:00Z'))
  })

  it('handles America/Montreal (8 March and 1 November 2026)', () => {
    expect(resolveWallTime({ date: '2026-03-08', time: '02:15' }, 'America/Montreal')).toEqual({ kind: 'gap', instant: utc('2026-03-08T07:15:00Z'), skippedMinutes: 60 })
    expect(resolveWallTime({ date: '2026-11-01', time: '01:30' }, 'America/Montreal')).toEqual({
      kind: 'overlap',
      earlier: utc('2026-11-01T05:30:00Z'), // EDT, UTC−4
      later: utc('2026-11-01T06:30:00Z'), // EST, UTC−5
    })
    expect(resolveWallTime({ date: '2026-06-01', time: '09:00' }, 'America/Montreal')).toEqual({ kind: 'exact', instant: utc('2026-06-01T13:00:00Z') })
  })

  it('handles a half-hour shift (Australia/Lord_Howe, 4 October 2026)', () => {
    expect(resolveWallTime({ date: '2026-10-04', time: '02:10' }, 'Australia/Lord_Howe')).toMatchObject({ kind: 'gap', skippedMinutes: 30 })
  })

  it('refuses impossible dates, times and zones', () => {
    expect(resolveWallTime({ date: '2026-02-30', time: '10:00' }, 'Europe/Paris')).toBeNull()
    expect(resolveWallTime({ date: '2026-02-10', time: '24:00' }, 'Europe/Paris')).toBeNull()
    expect(resolveWallTime({ date: '10/02/2026', time: '10:00' }, 'Europe/Paris')).toBeNull()
    expect(resolveWallTime({ date: '2026-02-10', time: '10:00' }, 'Mars/Olympus')).toBeNull()
    expect(isValidTimeZone('Europe/Paris')).toBe(true)
    expect(isValidTimeZone('')).toBe(false)
  })

  it('property: the wall time shown at any instant resolves back to that instant (to the minute)', () => {
    const zones = ['Europe/Paris', 'America/Montreal', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC', 'America/St_Johns', 'Pacific/Chatham']
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }), fc.constantFrom(...zones), (minutes, zone) => {
        const instant = minutes * 60_000
        const wall = instantToWallTime(instant, zone)
        const resolved = resolveWallTime(wall, zone)!
        expect(resolved.kind).not.toBe('gap') // a time a clock showed exists
        if (resolved.kind === 'exact') expect(resolved.instant).toBe(instant)
        if (resolved.kind === 'overlap') expect([resolved.earlier, resolved.later]).toContain(instant)
      }),
      { numRuns: 500 },
    )
  })
})

describe('WordPress and Mastodon formats', () => {
  it('writes and reads date_gmt', () => {
    expect(wordpressDateGmt(utc('2026-03-29T01:30:45.678Z'))).toBe('2026-03-29T01:30:45')
    expect(parseWordpressDateGmt('2026-03-29T01:30:45')).toBe(utc('2026-03-29T01:30:45Z'))
    expect(parseWordpressDateGmt('2026-03-29 01:30:45')).toBeNull()
  })

  it('asks Mastodon for at least 5 minutes ahead (plus a margin)', () => {
    const now = utc('2026-05-01T10:00:00Z')
    expect(checkMastodonSchedule(now + 4 * 60_000, now)).toEqual({ ok: false, code: 'too-soon', earliest: now + 6 * 60_000 })
    expect(checkMastodonSchedule(now + 5 * 60_000 + 30_000, now)).toMatchObject({ ok: false })
    expect(checkMastodonSchedule(now + 6 * 60_000, now)).toEqual({ ok: true, scheduledAt: '2026-05-01T10:06:00.000Z' })
    expect(checkMastodonSchedule(now + 5 * 60_000, now, 0)).toMatchObject({ ok: true })
  })
})

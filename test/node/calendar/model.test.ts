// The calendar's model: which ledger rows, plans and talks become events, in which state and at which moment,
// which may be dragged (and why not), and what a drop on a day means in the person's zone, daylight-saving days
// included.
import { describe, expect, it } from 'vitest'
import type { Publication } from '../../../src/core/publish'
import { calendarEvents, checkNewTime, dayOf, isIdea, limitPerDay, lockOf, moveToDay, publicationInstant } from '../../../src/features/calendar/model'

const NOW = Date.UTC(2026, 10, 28, 9)

function row(over: Partial<Publication>): Publication {
  return {
    id: 'p1',
    itemId: 'i1',
    channel: 'linkedin',
    accountId: null,
    handling: 'local-reminder',
    status: 'queued',
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: ['x'],
    scheduledAt: Date.UTC(2026, 11, 3, 8),
    publishedAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  }
}

const options = { now: NOW, canRescheduleMastodon: true }

describe('calendar events', () => {
  it('maps every ledger state the issue names, with the channel and the title', () => {
    const rows = [
      row({ id: 'a', status: 'scheduled', channel: 'wordpress', handling: 'server', accountId: 'acc', remoteId: '7' }),
      row({ id: 'b', status: 'queued' }),
      row({ id: 'c', status: 'published', publishedAt: Date.UTC(2026, 11, 1, 12), channel: 'mastodon', handling: 'server' }),
      row({ id: 'd', status: 'failed', channel: 'x' }),
      row({ id: 'e', status: 'awaiting-manual', channel: 'bluesky' }),
      row({ id: 'f', status: 'draft', channel: 'wordpress' }),
      row({ id: 'g', status: 'trashed', channel: 'wordpress' }),
    ]
    const events = calendarEvents({ publications: rows, plans: [], talks: [], titleOf: (id) => `Title of ${id}` }, options)
    expect(events.map((e) => [e.id, e.state, e.channel, e.title]).sort()).toEqual([
      ['a', 'scheduled', 'wordpress', 'Title of i1'],
      ['b', 'queued', 'linkedin', 'Title of i1'],
      ['c', 'published', 'mastodon', 'Title of i1'],
      ['d', 'failed', 'x', 'Title of i1'],
      ['e', 'awaiting-manual', 'bluesky', 'Title of i1'],
    ])
  })

  it('places a published row at its publication time, a scheduled one at its schedule', () => {
    expect(publicationInstant(row({ status: 'published', scheduledAt: 1, publishedAt: 5 }))).toBe(5)
    expect(publicationInstant(row({ status: 'published', scheduledAt: 1, publishedAt: null }))).toBe(1)
    expect(publicationInstant(row({ status: 'queued', scheduledAt: 3 }))).toBe(3)
    expect(publicationInstant(row({ status: 'draft', scheduledAt: 3 }))).toBeNull()
  })

  it('adds plans and talks (all-day, on their date) in a stable order', () => {
    const events = calendarEvents(
      {
        publications: [row({ id: 'late', scheduledAt: Date.UTC(2026, 11, 3, 15) })],
        plans: [{ id: 'i2', itemId: 'i2', at: Date.UTC(2026, 11, 3, 8), createdAt: NOW, updatedAt: NOW }],
        talks: [{ id: 't1', title: 'Offline-first', date: '2026-12-03' }, { id: 't2', title: 'No date', date: '' }],
        titleOf: (id) => id,
      },
      options,
    )
    expect(events.map((e) => [e.id, e.state, e.allDay, e.start])).toEqual([
      ['talk:t1', 'talk', true, '2026-12-03'],
      ['plan:i2', 'planned', false, Date.UTC(2026, 11, 3, 8)],
      ['late', 'queued', false, Date.UTC(2026, 11, 3, 15)],
    ])
  })
})

describe('a month cell', () => {
  it('is given the first events of its day (in the person’s zone) and counts them all, talks included', () => {
    const at = (day: number, hour: number) => Date.UTC(2026, 11, day, hour)
    const events = calendarEvents(
      {
        publications: [1, 2, 3, 4].map((i) => row({ id: `p${i}`, itemId: `i${i}`, scheduledAt: at(3, 8 + i) })).concat(row({ id: 'late', itemId: 'i9', scheduledAt: at(3, 23) })),
        plans: [],
        talks: [{ id: 't1', title: 'Talk', date: '2026-12-04' }],
        titleOf: () => '',
      },
      { now: NOW, canRescheduleMastodon: true },
    )
    // 23:00 UTC on the 3rd is the 4th in Paris: that day has the talk and that row.
    const shown = limitPerDay(events, 3, 'Europe/Paris')
    expect(shown.events.map((e) => e.id)).toEqual(['p1', 'p2', 'p3', 'late', 'talk:t1'])
    expect(shown.perDay.get('2026-12-03')).toEqual({ total: 4, passed: 3 })
    expect(shown.perDay.get('2026-12-04')).toEqual({ total: 2, passed: 2 })
  })
})

describe('what may be dragged', () => {
  it('never a published row, nor one being sent', () => {
    expect(lockOf(row({ status: 'published' }), options)).toBe('published')
    expect(lockOf(row({ status: 'publishing' }), options)).toBe('publishing')
  })

  it('a WordPress schedule only with its remote post, a Mastodon one only when the client can move it', () => {
    const wp = row({ status: 'scheduled', channel: 'wordpress', handling: 'server', accountId: 'a', remoteId: '9' })
    expect(lockOf(wp, options)).toBeNull()
    expect(lockOf({ ...wp, remoteId: null }, options)).toBe('failed')
    const mastodon = row({ status: 'scheduled', channel: 'mastodon', handling: 'server', accountId: 'a', remoteId: '9' })
    expect(lockOf(mastodon, options)).toBeNull()
    expect(lockOf(mastodon, { ...options, canRescheduleMastodon: false })).toBe('mastodon-unavailable')
  })

  it('local rows: queued, waiting for a hand post, or failed (back into the queue); a platform failure is not', () => {
    expect(lockOf(row({ status: 'queued' }), options)).toBeNull()
    expect(lockOf(row({ status: 'awaiting-manual' }), options)).toBeNull()
    expect(lockOf(row({ status: 'failed' }), options)).toBeNull()
    expect(lockOf(row({ status: 'failed', handling: 'server', channel: 'wordpress' }), options)).toBe('failed')
  })

  it('refuses a new time in the past for a publication, not for a plan', () => {
    expect(checkNewTime({ source: 'publication' }, NOW - 1, NOW)).toBe('past')
    expect(checkNewTime({ source: 'publication' }, NOW + 60_000, NOW)).toBe('ok')
    expect(checkNewTime({ source: 'plan' }, NOW - 1, NOW)).toBe('ok')
  })
})

describe('dropping on a day, in the person’s time zone', () => {
  it('keeps the time on the clock across the spring-forward weekend (Paris)', () => {
    // 09:00 in Paris on Saturday 27 March 2027 (UTC+1) moved to Monday 29 March (UTC+2): still 09:00 there.
    const saturday = Date.UTC(2027, 2, 27, 8)
    const monday = moveToDay(saturday, '2027-03-29', 'Europe/Paris')!
    expect(monday).toBe(Date.UTC(2027, 2, 29, 7))
    expect(dayOf(monday, 'Europe/Paris')).toBe('2027-03-29')
  })

  it('moves a time the clocks skip that day to the moment a clock shows it (02:30 → 03:30)', () => {
    const friday = Date.UTC(2027, 2, 26, 1, 30) // 02:30 in Paris (UTC+1)
    expect(moveToDay(friday, '2027-03-28', 'Europe/Paris')).toBe(Date.UTC(2027, 2, 28, 1, 30)) // 03:30 CEST
  })

  it('keeps the time in New York across the autumn change, and takes the first of a repeated hour', () => {
    const before = Date.UTC(2027, 10, 6, 13, 30) // Saturday 09:30 EDT
    expect(moveToDay(before, '2027-11-08', 'America/New_York')).toBe(Date.UTC(2027, 10, 8, 14, 30)) // 09:30 EST
    const early = Date.UTC(2027, 10, 6, 5, 30) // 01:30 EDT
    expect(moveToDay(early, '2027-11-07', 'America/New_York')).toBe(Date.UTC(2027, 10, 7, 5, 30)) // the first 01:30
  })

  it('plans an idea dropped on a day at 09:00 there', () => {
    expect(moveToDay(null, '2026-12-10', 'Europe/Paris')).toBe(Date.UTC(2026, 11, 10, 8))
    expect(moveToDay(null, '2026-12-10', 'Pacific/Auckland')).toBe(Date.UTC(2026, 11, 9, 20))
  })

  it('reads an instant as the day it falls on there (late evening in New York is the next day in Paris)', () => {
    const instant = Date.UTC(2026, 11, 4, 2) // 21:00 on the 3rd in New York, 03:00 on the 4th in Paris
    expect(dayOf(instant, 'America/New_York')).toBe('2026-12-03')
    expect(dayOf(instant, 'Europe/Paris')).toBe('2026-12-04')
  })
})

describe('ideas', () => {
  it('are posts at the idea or draft stage, talks at the idea stage, and notes; never in the Trash', () => {
    expect(isIdea({ kind: 'post', status: 'idea', trashed: 0 })).toBe(true)
    expect(isIdea({ kind: 'post', status: 'draft', trashed: 0 })).toBe(true)
    expect(isIdea({ kind: 'post', status: 'ready', trashed: 0 })).toBe(false)
    expect(isIdea({ kind: 'talk', status: 'idea', trashed: 0 })).toBe(true)
    expect(isIdea({ kind: 'talk', status: 'accepted', trashed: 0 })).toBe(false)
    expect(isIdea({ kind: 'note', status: null, trashed: 0 })).toBe(true)
    expect(isIdea({ kind: 'link', status: null, trashed: 0 })).toBe(false)
    expect(isIdea({ kind: 'note', status: null, trashed: 1 })).toBe(false)
  })
})

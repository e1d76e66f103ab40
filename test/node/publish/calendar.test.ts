import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { buildMonth, buildWeek, dayKey, publicationEntries, unscheduledItems, type CalendarEntry } from '../../../src/core/publish/calendar'
import type { Publication } from '../../../src/core/publish/ledger'

const NOW = Date.UTC(2026, 1, 10, 12, 0)

function entry(key: string, at: number | null, fields: Partial<CalendarEntry> = {}): CalendarEntry {
  return { key, itemId: key, title: key, channel: 'wordpress', status: 'scheduled', at, ...fields }
}

function pub(fields: Partial<Publication>): Publication {
  return {
    id: 'p',
    itemId: 'i',
    channel: 'wordpress',
    accountId: 'a',
    handling: 'server',
    status: 'scheduled',
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: [],
    scheduledAt: null,
    publishedAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  }
}

describe('buildMonth', () => {
  it('lays February 2026 on Monday-first weeks (5) and Sunday-first weeks (4)', () => {
    const monday = buildMonth(2026, 2, [], { timeZone: 'Europe/Paris', weekStartsOn: 1, now: NOW })
    expect(monday.weeks).toHaveLength(5)
    expect(monday.weeks[0]![0]!.date).toBe('2026-01-26')
    expect(monday.weeks[0]![0]!.inMonth).toBe(false)
    expect(monday.weeks[0]![6]!.date).toBe('2026-02-01')
    expect(monday.weeks[4]![6]!.date).toBe('2026-03-01')
    const sunday = buildMonth(2026, 2, [], { timeZone: 'America/Montreal', weekStartsOn: 0, now: NOW })
    expect(sunday.weeks).toHaveLength(4)
    expect(sunday.weeks[0]![0]!.date).toBe('2026-02-01')
    expect(sunday.weeks.flat().every((day) => day.inMonth)).toBe(true)
    expect(buildMonth(2026, 2, [], { timeZone: 'UTC', weekStartsOn: 0, now: NOW, fixedWeeks: true }).weeks).toHaveLength(6)
    expect(monday.weeks.flat().filter((day) => day.isToday).map((day) => day.date)).toEqual(['2026-02-10'])
  })

  it('puts an entry on the day it falls on in the person\'s time zone', () => {
    const at = Date.UTC(2026, 1, 28, 23, 30) // Saturday 28 Feb 23:30 UTC
    const paris = buildMonth(2026, 2, [entry('a', at)], { timeZone: 'Europe/Paris', weekStartsOn: 1, now: NOW })
    const montreal = buildMonth(2026, 2, [entry('a', at)], { timeZone: 'America/Montreal', weekStartsOn: 1, now: NOW })
    const where = (view: typeof paris): string[] => view.weeks.flat().filter((d) => d.entries.length).map((d) => d.date)
    expect(where(paris)).toEqual(['2026-03-01']) // 00:30 in Paris, shown in the grid's trailing days
    expect(where(montreal)).toEqual(['2026-02-28'])
  })

  it('orders a day\'s entries: all-day first, then by time, then by title', () => {
    const day = Date.UTC(2026, 1, 12)
    const view = buildMonth(
      2026,
      2,
      [entry('late', day + 15 * 3600_000), entry('b', day + 9 * 3600_000, { title: 'B' }), entry('a', day + 9 * 3600_000, { title: 'A' }), entry('talk', null, { day: '2026-02-12' })],
      { timeZone: 'UTC', weekStartsOn: 1, now: NOW },
    )
    const feb12 = view.weeks.flat().find((d) => d.date === '2026-02-12')!
    expect(feb12.entries.map((e) => e.key)).toEqual(['talk', 'a', 'b', 'late'])
  })

  it('property: every entry inside the grid is on exactly one day, the one its instant falls on', () => {
    const zones = ['Europe/Paris', 'America/Montreal', 'Asia/Tokyo', 'Pacific/Kiritimati']
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2026, 0, 20), max: Date.UTC(2026, 2, 12) }), { maxLength: 60 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 6 }),
        (instants, timeZone, weekStartsOn) => {
          const entries = instants.map((at, i) => entry(`e${i}`, at))
          const view = buildMonth(2026, 2, entries, { timeZone, weekStartsOn: weekStartsOn as 0, now: NOW })
          const grid = view.weeks.flat()
          const first = grid[0]!.date
          const last = grid.at(-1)!.date
          for (const week of view.weeks) expect(new Set(week.map((d) => new Date(`${d.date}T00:00Z`).getUTCDay())).size).toBe(7)
          expect(grid[0]!.date <= '2026-02-01' && last >= '2026-02-28').toBe(true)
          const placed = grid.flatMap((d) => d.entries.map((e) => [e.key, d.date] as const))
          expect(new Set(placed.map(([key]) => key)).size).toBe(placed.length)
          const inside = entries.filter((e) => {
            const key = dayKey(e.at!, timeZone)
            return key >= first && key <= last
          })
          expect(placed).toHaveLength(inside.length)
          for (const [key, date] of placed) expect(dayKey(entries.find((e) => e.key === key)!.at!, timeZone)).toBe(date)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('lays out a month with 1,000 entries', () => {
    const entries = Array.from({ length: 1000 }, (_, i) => entry(`e${i}`, Date.UTC(2026, 1, 1) + i * 2_400_000))
    const view = buildMonth(2026, 2, entries, { timeZone: 'Europe/Paris', weekStartsOn: 1, now: NOW })
    expect(view.weeks.flat().reduce((sum, d) => sum + d.entries.length, 0)).toBe(1000)
  })
})

describe('buildWeek', () => {
  it('gives the seven days around a date with their entries', () => {
    const week = buildWeek('2026-02-12', [entry('x', Date.UTC(2026, 1, 15, 10))], { timeZone: 'UTC', weekStartsOn: 1, now: NOW })
    expect(week.map((d) => d.date)).toEqual(['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-02-15'])
    expect(week[6]!.entries.map((e) => e.key)).toEqual(['x'])
    expect(week[1]!.isToday).toBe(true)
  })
})

describe('publicationEntries and unscheduledItems', () => {
  it('shows scheduled and published publications, not drafts or trashed ones', () => {
    const entries = publicationEntries(
      [
        pub({ id: 's', itemId: 'i1', status: 'scheduled', scheduledAt: 1000 }),
        pub({ id: 'p', itemId: 'i2', status: 'published', scheduledAt: 1000, publishedAt: 2000 }),
        pub({ id: 'd', itemId: 'i3', status: 'draft', scheduledAt: 1000 }),
        pub({ id: 't', itemId: 'i4', status: 'trashed', scheduledAt: 1000 }),
        pub({ id: 'n', itemId: 'i5', status: 'failed', scheduledAt: null }),
      ],
      (id) => `Title ${id}`,
    )
    expect(entries.map((e) => [e.key, e.at, e.title])).toEqual([
      ['s', 1000, 'Title i1'],
      ['p', 2000, 'Title i2'],
    ])
  })

  it('lists posts and talks no publication plans yet, newest first', () => {
    const item = (kind: 'post' | 'talk' | 'note', id: string, updatedAt: number, fields: Partial<Item> = {}): Item =>
      Object.assign(newItem(kind, id, 0), { updatedAt }, fields) as Item
    const items = [
      item('post', 'idea', 1),
      item('post', 'planned', 2),
      item('post', 'done', 3, { status: 'published' }),
      item('talk', 'talk', 4),
      item('talk', 'given', 5, { status: 'given' }),
      item('note', 'note', 6),
      item('post', 'trashed', 7, { trashed: 1 }),
      item('post', 'drafted', 8),
    ]
    const pubs = [pub({ itemId: 'planned', status: 'scheduled' }), pub({ itemId: 'drafted', status: 'draft' })]
    expect(unscheduledItems(items, pubs).map((i) => i.id)).toEqual(['drafted', 'talk', 'idea'])
  })
})

// @vitest-environment jsdom
// The calendar's first range, read ahead at start: what the screen will show first is in rangeCache (rows and the
// titles of their items), exactly what the screen's own reads return, so its first showing paints from it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BaluchonDb } from '../../../src/db/schema'
import { initialRange, localZone, savedView, weekStartsOn } from '../../../src/features/calendar/firstRange'
import { loadRange } from '../../../src/features/calendar/queries'
import { forgetRanges, recallRange } from '../../../src/features/calendar/rangeCache'
import { readAheadCalendar } from '../../../src/features/calendar/readAhead'
import { createItem } from '../../../src/features/items/repository'
import { newPublication } from '../../../src/core/publish'

let db: BaluchonDb
let counter = 0
beforeEach(async () => {
  forgetRanges()
  db = new BaluchonDb(`calendar-read-ahead-${Date.now()}-${counter++}`)
  await db.open()
})
afterEach(() => db.close())

describe('readAheadCalendar', () => {
  it("keeps the first range's rows and titles for the calendar's first showing", async () => {
    const item = await createItem(db, 'post', { title: 'Due this month' })
    const now = Date.now()
    const range = initialRange(savedView(), localZone(), weekStartsOn('en'))
    // A day into the range, wherever in the month the test runs.
    await db.publications.add(newPublication({ id: 'p1', itemId: item.id, channel: 'linkedin', accountId: null, handling: 'local-reminder', status: 'queued', parts: ['x'], scheduledAt: range.from + 86_400_000 }, now))
    expect(recallRange(db, range)).toBeUndefined()

    await readAheadCalendar(db, 'en')
    const kept = recallRange(db, range)
    expect(kept?.data).toEqual(await loadRange(db, range))
    expect(kept?.data.publications.map((p) => p.id)).toEqual(['p1'])
    expect(kept?.titles.get(item.id)).toBe('Due this month')
  })

  it('a write after it drops what it read (the first showing reads the month itself)', async () => {
    const item = await createItem(db, 'post', { title: 'Before' })
    const now = Date.now()
    const range = initialRange(savedView(), localZone(), weekStartsOn('en'))
    await db.publications.add(newPublication({ id: 'p1', itemId: item.id, channel: 'x', accountId: null, handling: 'local-reminder', status: 'queued', parts: ['x'], scheduledAt: range.from + 86_400_000 }, now))
    await readAheadCalendar(db, 'en')
    expect(recallRange(db, range)).toBeDefined()
    await db.publications.update('p1', { scheduledAt: range.from + 2 * 86_400_000 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(recallRange(db, range)).toBeUndefined()
  })
})

// The calendar's remembered ranges (a showing of a range seen before paints from them while its live queries read
// it again): kept across unrelated writes (an autosave elsewhere), dropped by every write that could change what
// the range shows, and never shown for another database opened under the same name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newPublication, type Publication } from '../../../src/core/publish'
import { BaluchonDb } from '../../../src/db/schema'
import { setPlan } from '../../../src/features/calendar/plans'
import { itemTitles, loadRange, type VisibleRange } from '../../../src/features/calendar/queries'
import { forgetRanges, recallRange, rememberRange } from '../../../src/features/calendar/rangeCache'
import { createItem, trashItem, updateFields } from '../../../src/features/items/repository'

let db: BaluchonDb
let counter = 0
beforeEach(async () => {
  forgetRanges()
  db = new BaluchonDb(`calendar-cache-${Date.now()}-${counter++}`)
  await db.open()
})
afterEach(() => db.close())

const DAY = 86_400_000
const START = Date.UTC(2030, 5, 1)
const june: VisibleRange = { from: START, to: START + 30 * DAY, fromDay: '2030-06-01', toDay: '2030-06-30' }
const july: VisibleRange = { from: START + 30 * DAY, to: START + 61 * DAY, fromDay: '2030-07-01', toDay: '2030-07-31' }

function row(id: string, itemId: string, scheduledAt: number): Publication {
  return newPublication({ id, itemId, channel: 'linkedin', accountId: null, handling: 'local-reminder', status: 'queued', parts: ['x'], scheduledAt }, 1)
}

/** Reads the range as the screen does and remembers it. */
async function show(range: VisibleRange): Promise<void> {
  const data = await loadRange(db, range)
  const titles = await itemTitles(db, data.publications.map((p) => p.itemId))
  rememberRange(db, range, { data, titles })
}

/** Dexie tells of a write once its transaction has completed: a task later. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

async function setUpJune() {
  const shown = await createItem(db, 'post', { title: 'In June' })
  const elsewhere = await createItem(db, 'post', { title: 'Not on the calendar' })
  await db.publications.put(row('a', shown.id, START + 2 * DAY))
  await show(june)
  await settled()
  return { shown, elsewhere }
}

describe('remembered calendar ranges', () => {
  it('gives back what the range showed, and survives writes that change nothing in it', async () => {
    const { elsewhere } = await setUpJune()
    const recalled = recallRange(db, june)!
    expect(recalled.data.publications.map((p) => p.id)).toEqual(['a'])
    expect([...recalled.titles.values()]).toEqual(['In June'])
    expect(recallRange(db, july)).toBeUndefined()

    // An autosave of an item the calendar does not show, a talk in another month.
    await updateFields(db, elsewhere.id, { title: 'Still not on the calendar' })
    const talk = await createItem(db, 'talk', { title: 'Keynote' })
    await updateFields(db, talk.id, { date: '2030-08-12' })
    await settled()
    expect(recallRange(db, june)).toBe(recalled)
  })

  it('drops every range when a ledger row or a plan is written', async () => {
    const { elsewhere } = await setUpJune()
    await db.publications.put(row('b', elsewhere.id, START + 45 * DAY))
    await settled()
    expect(recallRange(db, june)).toBeUndefined()

    await show(june)
    await settled()
    expect(recallRange(db, june)).toBeDefined()
    await setPlan(db, elsewhere.id, START + 50 * DAY)
    await settled()
    expect(recallRange(db, june)).toBeUndefined()
  })

  it('drops a range when an item it shows changes or goes to the Trash', async () => {
    const { shown, elsewhere } = await setUpJune()
    await updateFields(db, shown.id, { title: 'Renamed' })
    await settled()
    expect(recallRange(db, june)).toBeUndefined()

    await show(june)
    await settled()
    // Trashing an item the range does not show changes what counts as trashed: dropped too.
    await trashItem(db, elsewhere.id)
    await settled()
    expect(recallRange(db, june)).toBeUndefined()
  })

  it('drops a range when a talk gets a date in it', async () => {
    await setUpJune()
    const talk = await createItem(db, 'talk', { title: 'Meetup' })
    await settled()
    await show(june)
    await settled()
    expect(recallRange(db, june)).toBeDefined()
    await updateFields(db, talk.id, { date: '2030-06-18' })
    await settled()
    expect(recallRange(db, june)).toBeUndefined()
  })

  it('shows nothing of one database in another opened under the same name', async () => {
    await setUpJune()
    const again = new BaluchonDb(db.name)
    await again.open()
    try {
      expect(recallRange(again, june)).toBeUndefined()
    } finally {
      again.close()
    }
  })
})

// The calendar's first range read ahead at idle after start (as the list reads its first window ahead): the first
// showing of the calendar in a session then paints its month from rangeCache in the same frame as the screen, as
// later showings do, instead of waiting 40-60 ms for the month's rows and titles (1,000 rows) before drawing.
import type { BaluchonDb } from '../../db'
import { initialRange, localZone, savedView, weekStartsOn } from './firstRange'
import { itemTitles, loadRange } from './queries'
import { mutationCount, recallRange, rememberRange, watchMutations } from './rangeCache'

/** Reads the range the calendar shows first into rangeCache, unless it is there already. */
export async function readAheadCalendar(db: BaluchonDb, language: string): Promise<void> {
  const range = initialRange(savedView(), localZone(), weekStartsOn(language))
  if (recallRange(db, range)) return
  // A write during the reads may have changed what they return: nothing is kept then (the screen reads it itself).
  watchMutations()
  const before = mutationCount()
  const data = await loadRange(db, range)
  const itemIds = new Set([...data.publications.map((p) => p.itemId), ...data.plans.map((p) => p.itemId)])
  const titles = await itemTitles(db, [...itemIds])
  if (mutationCount() === before) rememberRange(db, range, { data, titles })
  performance.mark?.('baluchon:calendar-read-ahead')
}

// The content calendar's model: scheduled and published things laid out on the days of a month or a week, in
// the person's time zone, plus the ideas not scheduled yet. Pure and linear in the number of entries (a month
// with 1,000 entries must render within 200 ms, most of it for the view).
import type { Item } from '../items'
import type { Publication, PublicationChannel, PublicationStatus } from './ledger'

export interface CalendarEntry {
  /** Unique within the calendar (a publication id, or `item:<id>`). */
  key: string
  itemId: string
  title: string
  channel: PublicationChannel | null
  status: PublicationStatus | null
  /** The moment, or null for an all-day entry on `day`. */
  at: number | null
  /** Calendar date `YYYY-MM-DD` for all-day entries (a talk's date); ignored when `at` is set. */
  day?: string
}

export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string
  /** Day of the month (1-31). */
  dayOfMonth: number
  inMonth: boolean
  isToday: boolean
  entries: CalendarEntry[]
}

export interface MonthView {
  year: number
  /** 1-12. */
  month: number
  weeks: CalendarDay[][]
}

export interface CalendarOptions {
  timeZone: string
  /** 0 Sunday … 6 Saturday (1 in France, 0 in North America). */
  weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6
  now: number
  /** Always six weeks, so the grid keeps its height from month to month (default false). */
  fixedWeeks?: boolean
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function dayKey(instant: number, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' })
    dayFormatters.set(timeZone, formatter)
  }
  let year = ''
  let month = ''
  let day = ''
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'year') year = part.value
    else if (part.type === 'month') month = part.value
    else if (part.type === 'day') day = part.value
  }
  return `${year.padStart(4, '0')}-${month}-${day}`
}

/** Civil-date arithmetic on `YYYY-MM-DD` (time zones play no part in which day follows which). */
function civil(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d)
}

function civilKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

const DAY_MS = 86_400_000

/** Publications as calendar entries: when they are (or were) due; drafts and trashed ones are not on the calendar. */
export function publicationEntries(publications: Iterable<Publication>, titleOf: (itemId: string) => string): CalendarEntry[] {
  const out: CalendarEntry[] = []
  for (const p of publications) {
    if (p.status === 'draft' || p.status === 'trashed') continue
    const at = p.status === 'published' ? (p.publishedAt ?? p.scheduledAt) : p.scheduledAt
    if (at === null) continue
    out.push({ key: p.id, itemId: p.itemId, title: titleOf(p.itemId), channel: p.channel, status: p.status, at })
  }
  return out
}

function groupByDay(entries: Iterable<CalendarEntry>, timeZone: string, from: string, to: string): Map<string, CalendarEntry[]> {
  const byDay = new Map<string, CalendarEntry[]>()
  for (const entry of entries) {
    const key = entry.at !== null ? dayKey(entry.at, timeZone) : entry.day
    if (!key || key < from || key > to) continue
    const list = byDay.get(key)
    if (list) list.push(entry)
    else byDay.set(key, [entry])
  }
  for (const list of byDay.values()) {
    // All-day entries first, then by time, then by title, then key: the same order on every render.
    list.sort((a, b) => (a.at ?? -Infinity) - (b.at ?? -Infinity) || a.title.localeCompare(b.title) || a.key.localeCompare(b.key))
  }
  return byDay
}

function days(start: string, count: number, month: string | null, today: string, byDay: Map<string, CalendarEntry[]>): CalendarDay[] {
  const first = civil(start)
  return Array.from({ length: count }, (_, i) => {
    const date = civilKey(first + i * DAY_MS)
    return {
      date,
      dayOfMonth: Number(date.slice(8, 10)),
      inMonth: month === null || date.startsWith(month),
      isToday: date === today,
      entries: byDay.get(date) ?? [],
    }
  })
}

function weekStart(date: string, weekStartsOn: number): string {
  const ms = civil(date)
  const weekday = new Date(ms).getUTCDay()
  return civilKey(ms - ((weekday - weekStartsOn + 7) % 7) * DAY_MS)
}

/** The weeks covering `month` (1-12) of `year`, each day with its entries. */
export function buildMonth(year: number, month: number, entries: Iterable<CalendarEntry>, options: CalendarOptions): MonthView {
  const prefix = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
  const firstOfMonth = `${prefix}-01`
  const lastOfMonth = civilKey(Date.UTC(year, month, 0))
  const start = weekStart(firstOfMonth, options.weekStartsOn)
  const needed = Math.ceil((civil(lastOfMonth) - civil(start) + DAY_MS) / DAY_MS / 7)
  const weekCount = options.fixedWeeks ? 6 : needed
  const end = civilKey(civil(start) + (weekCount * 7 - 1) * DAY_MS)
  const byDay = groupByDay(entries, options.timeZone, start, end)
  const all = days(start, weekCount * 7, prefix, dayKey(options.now, options.timeZone), byDay)
  return { year, month, weeks: Array.from({ length: weekCount }, (_, w) => all.slice(w * 7, w * 7 + 7)) }
}

/** The week containing `date` (`YYYY-MM-DD`). */
export function buildWeek(date: string, entries: Iterable<CalendarEntry>, options: CalendarOptions): CalendarDay[] {
  const start = weekStart(date, options.weekStartsOn)
  const end = civilKey(civil(start) + 6 * DAY_MS)
  return days(start, 7, null, dayKey(options.now, options.timeZone), groupByDay(entries, options.timeZone, start, end))
}

/**
 * Ideas waiting for a date: posts and talks not yet published or given, that no publication schedules or has
 * published; newest first.
 */
export function unscheduledItems(items: Iterable<Item>, publications: Iterable<Publication>): Item[] {
  const planned = new Set<string>()
  for (const p of publications) if (p.status !== 'draft' && p.status !== 'trashed') planned.add(p.itemId)
  const out: Item[] = []
  for (const item of items) {
    if (item.trashed || planned.has(item.id)) continue
    if ((item.kind === 'post' && item.status !== 'published') || (item.kind === 'talk' && (item.status === 'idea' || item.status === 'proposed' || item.status === 'accepted'))) {
      out.push(item)
    }
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id))
}

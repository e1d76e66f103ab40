// The range the calendar shows first (this month's weeks, or this week): worked out the way FullCalendar will, so
// its data can be read before the calendar is drawn, by the screen and by the read-ahead at start (readAhead.ts).
// No FullCalendar here: the read-ahead loads this without the calendar's code.
import { dayOf } from './model'
import type { VisibleRange } from './queries'

export type ViewName = 'dayGridMonth' | 'timeGridWeek'
export const VIEW_KEY = 'baluchon.calendar.view'

/** The view shown last (month unless the week was chosen). */
export function savedView(): ViewName {
  try {
    return localStorage.getItem(VIEW_KEY) === 'timeGridWeek' ? 'timeGridWeek' : 'dayGridMonth'
  } catch {
    return 'dayGridMonth'
  }
}

/** 0 Sunday, 1 Monday: Monday in French and outside the United States (as the calendar's firstDay). */
export function weekStartsOn(language: string): 0 | 1 {
  if (language.startsWith('fr')) return 1
  return new Intl.Locale(navigator.language || 'en-US').maximize().region === 'US' ? 0 : 1
}

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The range FullCalendar shows first: the weeks covering this month (as many as needed), or this week. */
export function initialRange(view: ViewName, zone: string, firstDay: 0 | 1, now = new Date()): VisibleRange {
  const startOfWeek = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() - firstDay + 7) % 7))
  let from: Date
  let to: Date
  if (view === 'timeGridWeek') {
    from = startOfWeek(now)
    to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 7)
  } else {
    from = startOfWeek(new Date(now.getFullYear(), now.getMonth(), 1))
    const last = new Date(now.getFullYear(), now.getMonth() + 1, 0)
    const lastWeek = startOfWeek(last)
    to = new Date(lastWeek.getFullYear(), lastWeek.getMonth(), lastWeek.getDate() + 7)
  }
  return { from: from.getTime(), to: to.getTime(), fromDay: dayOf(from.getTime(), zone), toDay: addDays(dayOf(to.getTime(), zone), -1) }
}

// Localised dates for the list, the detail pane and the history.
// Each function and locale from its own module, not from date-fns' barrels: this module loads with the app, and the
// build puts everything the app's entry reaches in its start-up chunk (electron.vite.config.ts), so a barrel would bring
// every function and locale the lazily loaded code uses (or all of them) into it.
import type { Locale } from 'date-fns'
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays'
import { format } from 'date-fns/format'
import { formatDistanceToNowStrict } from 'date-fns/formatDistanceToNowStrict'
import { isSameYear } from 'date-fns/isSameYear'
import { isToday } from 'date-fns/isToday'
import { enUS } from 'date-fns/locale/en-US'
import { fr } from 'date-fns/locale/fr'

export function dateLocale(language: string): Locale {
  return language.startsWith('fr') ? fr : enUS
}

/** Short date for list rows: the time today, the weekday this week, day and month this year, else a full date. */
export function formatListDate(ts: number, language: string, now = Date.now()): string {
  const locale = dateLocale(language)
  const date = new Date(ts)
  if (isToday(date)) return format(date, 'p', { locale })
  const days = differenceInCalendarDays(now, date)
  if (days > 0 && days < 7) return format(date, 'EEEE', { locale })
  if (isSameYear(date, now)) return format(date, language.startsWith('fr') ? 'd MMM' : 'MMM d', { locale })
  return format(date, 'PP', { locale })
}

/** Date and time in full, e.g. for "Created" and revisions. */
export function formatFullDate(ts: number, language: string): string {
  return format(new Date(ts), 'PPp', { locale: dateLocale(language) })
}

/** How recent a change formatAgo calls "just now". */
export const JUST_NOW_MS = 60_000

/** "5 minutes ago" / "il y a 5 minutes"; under a minute, `justNow`. */
export function formatAgo(ts: number, language: string, justNow = ''): string {
  if (justNow && Math.abs(Date.now() - ts) < JUST_NOW_MS) return justNow
  return formatDistanceToNowStrict(new Date(ts), { addSuffix: true, locale: dateLocale(language) })
}

/**
 * One formatter per language: building an Intl.NumberFormat costs about a millisecond (ICU loads the
 * locale's data), and the sidebar formats a count per kind, status and tag on every view change
 * (measured: 13 ms of a 100 ms list-first-paint sample went to building formatters).
 */
const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(language: string): Intl.NumberFormat {
  let format = numberFormats.get(language)
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)))
  return format
}

export function formatNumber(n: number, language: string): string {
  return numberFormat(language).format(n)
}

/**
 * Builds the language's formatter ahead of the first number shown. The first Intl.NumberFormat of a page
 * costs far more than the next ones: 25-50 ms in Chromium (35 ms on an idle machine), ICU loading its
 * number data, where a second language then takes 2 ms.
 */
export function prepareNumberFormat(language: string): void {
  numberFormat(language).format(0)
}

// Calendar dates (`YYYY-MM-DD`) in the person's language. date-fns formats a local Date; the ISO day is parsed as
// local midnight so the day shown is the day stored, whatever the time zone.
// From their own modules, not date-fns' barrels (see library/dates.ts).
import { format } from 'date-fns/format'
import { enUS } from 'date-fns/locale/en-US'
import { fr } from 'date-fns/locale/fr'
import { parseISO } from 'date-fns/parseISO'
import { isIsoDate } from '../../core/career'

function localeOf(language: string) {
  return language.startsWith('fr') ? fr : enUS
}

/** "Jan 5, 2021" / "5 janv. 2021". */
export function formatIsoDay(date: string, language: string): string {
  if (!isIsoDate(date)) return date
  return format(parseISO(date), 'PP', { locale: localeOf(language) })
}

/** "Jan 2021" / "janv. 2021", for the timeline where the day rarely matters. */
export function formatIsoMonth(date: string, language: string): string {
  if (!isIsoDate(date)) return date
  return format(parseISO(date), 'MMM yyyy', { locale: localeOf(language) })
}

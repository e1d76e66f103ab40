// The calendar as an iCalendar file (.ics), for Thunderbird, Outlook, Apple or Google calendars: everything on
// the calendar (ledger rows with a time, plans, talks with a date), written by core `calendarToIcs` and saved
// through main's native save dialog with the open-format export's atomic write (a temporary file renamed into
// place: never a half-written calendar under the chosen name).
import type { TFunction } from 'i18next'
import type { CalendarEntry } from '../../core/publish/calendar'
import { calendarToIcs } from '../../core/publish/ics'
import type { BaluchonDb } from '../../db/schema'
import { getDb } from '../../db'
import { writeExport, fixedBatches } from '../export/writer'
import { describeExportProblem } from '../export/describe'
import { ExportFailure } from '../export/errors'
import { channelName } from '../publishing/describe'
import i18next from 'i18next'
import { publicationInstant } from './model'

export interface IcsEvent {
  entry: CalendarEntry
  url: string | null
  planned: boolean
}

/** Everything the calendar can show, as iCalendar entries (an explicit export reads the whole ledger once). */
export async function calendarEntries(db: BaluchonDb): Promise<IcsEvent[]> {
  const [publications, plans, talks] = await Promise.all([
    db.publications.toArray(),
    db.plans.toArray(),
    db.items.where('[kind+date]').between(['talk', '0000-01-01'], ['talk', '9999-12-31'], true, true).toArray(),
  ])
  const items = await db.items.bulkGet([...new Set([...publications.map((p) => p.itemId), ...plans.map((p) => p.itemId)])])
  const titles = new Map<string, string>()
  for (const item of items) if (item && !item.trashed) titles.set(item.id, item.title)
  const out: IcsEvent[] = []
  for (const p of publications) {
    const at = publicationInstant(p)
    if (at === null || !titles.has(p.itemId)) continue
    out.push({ entry: { key: p.id, itemId: p.itemId, title: titles.get(p.itemId)!, channel: p.channel, status: p.status, at }, url: p.remoteUrl, planned: false })
  }
  for (const plan of plans) {
    if (!titles.has(plan.itemId)) continue
    out.push({ entry: { key: `plan-${plan.itemId}`, itemId: plan.itemId, title: titles.get(plan.itemId)!, channel: null, status: null, at: plan.at }, url: null, planned: true })
  }
  for (const talk of talks) {
    if (talk.trashed || talk.kind !== 'talk') continue
    out.push({ entry: { key: `talk-${talk.id}`, itemId: talk.id, title: talk.title, channel: null, status: null, at: null, day: talk.date }, url: talk.slidesUrl || null, planned: false })
  }
  return out
}

/** The .ics text, with each event's state and address in the person's language. */
export function buildIcs(events: readonly IcsEvent[], t: TFunction<'calendar'>, now: number): string {
  const byKey = new Map(events.map((e) => [e.entry.key, e]))
  return calendarToIcs(
    events.map((e) => e.entry),
    {
      name: t('exportName'),
      now,
      summary: (entry) => {
        const title = entry.title || t('untitled')
        return entry.channel ? `${title} (${channelName(entry.channel)})` : title
      },
      describe: (entry) => {
        const event = byKey.get(entry.key)!
        const state = event.planned ? 'planned' : entry.status ?? 'talk'
        return { description: t(`states.${state}`), ...(event.url ? { url: event.url } : {}) }
      },
    },
  )
}

export type IcsExportResult = { saved: true; path: string; count: number } | { saved: false }

/** Asks main where to save, then writes the file. Throws ExportFailure when the disk or main refuses. */
export async function exportCalendarIcs(db: BaluchonDb, t: TFunction<'calendar'>, now = Date.now()): Promise<IcsExportResult> {
  const events = await calendarEntries(db)
  const text = buildIcs(events, t, now)
  const name = `${t('exportName').replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.ics`
  const written = await writeExport({ target: 'file', suggestedName: name, kind: 'ics' }, fixedBatches([{ path: name, data: text, compress: false }], null))
  if (!written) return { saved: false }
  return { saved: true, path: written.written.path, count: events.length }
}

/** The palette's and the calendar's Export .ics…: the outcome told in a toast. */
export async function exportCalendarWithToast(toast: (options: { message: string; tone?: 'info' | 'error' }) => void): Promise<void> {
  const t = i18next.getFixedT(null, 'calendar')
  try {
    const result = await exportCalendarIcs(getDb(), t)
    if (result.saved) toast({ message: t('exported', { path: result.path, count: result.count }) })
  } catch (failure) {
    const message = failure instanceof ExportFailure ? describeExportProblem(i18next.t, failure.problem) : failure instanceof Error ? failure.message : String(failure)
    toast({ tone: 'error', message: t('exportFailed', { message }) })
  }
}

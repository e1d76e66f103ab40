// The content calendar's model, without React or Dexie: what the calendar shows (ledger rows, plans, talks) as
// events with a state the person can read in words and an icon (never colour alone), which of them may be
// dragged and why not, and the instant a drop means in the person's time zone (daylight-saving days included).
import type { Item } from '../../core/items'
import type { Publication, PublicationChannel } from '../../core/publish'
import { dayKey } from '../../core/publish/calendar'
import { instantToWallTime, wallTimeToInstant } from '../../core/publish/schedule'
import type { Plan } from '../../db/schema'

export type { Plan }

/**
 * What an event stands for, as the calendar says it: the ledger states the issue names (on the server, queued
 * here, published, failed, waiting to be posted by hand), a request under way, a plan (an idea given a date),
 * and a talk on its day.
 */
export const CALENDAR_STATES = ['scheduled', 'queued', 'publishing', 'awaiting-manual', 'published', 'failed', 'planned', 'talk'] as const
export type CalendarState = (typeof CALENDAR_STATES)[number]

/** Why an event cannot be dragged (shown on the event and read out by screen readers). */
export const LOCK_REASONS = ['published', 'publishing', 'failed', 'mastodon-unavailable', 'past'] as const
export type LockReason = (typeof LOCK_REASONS)[number]

export interface CalendarEvent {
  /** Unique on the calendar: the publication id, `plan:<itemId>` or `talk:<itemId>`. */
  id: string
  source: 'publication' | 'plan' | 'talk'
  itemId: string
  title: string
  channel: PublicationChannel | null
  state: CalendarState
  /** The instant, or for all-day events (talks) the calendar date `YYYY-MM-DD`. */
  start: number | string
  allDay: boolean
  /** Null when it can be dragged. */
  locked: LockReason | null
  publicationId?: string
}

export interface EventSources {
  publications: Iterable<Publication>
  plans: Iterable<Plan>
  /** Talks with a date in range (not trashed). */
  talks: Iterable<Pick<Item, 'id' | 'title'> & { date: string }>
  titleOf(itemId: string): string
}

export interface EventOptions {
  now: number
  /** Whether a Mastodon status scheduled on the server can be moved (the Mastodon client offers it). */
  canRescheduleMastodon: boolean
}

/** The instant a ledger row sits at on the calendar, or null when it has none (a draft, a row not yet timed). */
export function publicationInstant(p: Publication): number | null {
  if (p.status === 'draft' || p.status === 'trashed') return null
  if (p.status === 'published') return p.publishedAt ?? p.scheduledAt
  return p.scheduledAt ?? p.nextAttemptAt
}

/** Whether (and why not) a ledger row may be moved to another time. */
export function lockOf(p: Publication, options: EventOptions): LockReason | null {
  switch (p.status) {
    case 'published':
    case 'trashed':
    case 'draft':
      return 'published'
    case 'publishing':
      return 'publishing'
    case 'failed':
      // A local row that failed goes back to the queue at its new time; a platform's failure needs the item.
      return p.handling === 'server' ? 'failed' : null
    case 'scheduled':
      // The platform holds it: only where we can move it there too.
      if (p.channel === 'wordpress') return p.remoteId !== null && p.accountId !== null ? null : 'failed'
      if (p.channel === 'mastodon') return options.canRescheduleMastodon ? null : 'mastodon-unavailable'
      return null
    case 'queued':
    case 'awaiting-manual':
      return null
  }
}

/** Everything the calendar shows in a range, as events (the sources are already limited to that range). */
export function calendarEvents(sources: EventSources, options: EventOptions): CalendarEvent[] {
  const out: CalendarEvent[] = []
  const live = new Set<string>()
  for (const p of sources.publications) {
    const at = publicationInstant(p)
    if (at === null) continue
    live.add(p.itemId)
    const state = p.status as Exclude<Publication['status'], 'draft' | 'trashed'>
    out.push({
      id: p.id,
      source: 'publication',
      itemId: p.itemId,
      title: sources.titleOf(p.itemId),
      channel: p.channel,
      state,
      start: at,
      allDay: false,
      locked: lockOf(p, options),
      publicationId: p.id,
    })
  }
  for (const plan of sources.plans) {
    out.push({ id: `plan:${plan.itemId}`, source: 'plan', itemId: plan.itemId, title: sources.titleOf(plan.itemId), channel: null, state: 'planned', start: plan.at, allDay: false, locked: null })
  }
  for (const talk of sources.talks) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(talk.date)) continue
    out.push({ id: `talk:${talk.id}`, source: 'talk', itemId: talk.id, title: talk.title, channel: null, state: 'talk', start: talk.date, allDay: true, locked: null })
  }
  // Same order on every render: time, then title, then id (FullCalendar orders a day's events by `order`).
  return out.sort((a, b) => sortKey(a) - sortKey(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
}

/** A day's events: how many there are, and how many of them the calendar is given. */
export interface DayCount {
  total: number
  passed: number
}

/**
 * The first `limit` events of each day (`events` in time order), and each day's counts. A month cell shows two or
 * three events and "+N more"; FullCalendar lays out every event it is given, hidden or not.
 */
export function limitPerDay(events: readonly CalendarEvent[], limit: number, timeZone: string): { events: CalendarEvent[]; perDay: Map<string, DayCount> } {
  const perDay = new Map<string, DayCount>()
  const kept: CalendarEvent[] = []
  for (const e of events) {
    const day = typeof e.start === 'number' ? dayKey(e.start, timeZone) : e.start
    let count = perDay.get(day)
    if (!count) perDay.set(day, (count = { total: 0, passed: 0 }))
    count.total++
    if (count.passed < limit) {
      count.passed++
      kept.push(e)
    }
  }
  return { events: kept, perDay }
}

function sortKey(event: CalendarEvent): number {
  return typeof event.start === 'number' ? event.start : Date.parse(`${event.start}T00:00:00Z`)
}

/** The time of day a plan gets when it is dropped on a day (month view) rather than at a time (week view). */
export const DEFAULT_PLAN_TIME = '09:00'

/**
 * The instant an event dropped on `day` (`YYYY-MM-DD`, from the month grid) goes to: the same time on the clock
 * as before, in the person's zone (a 09:00 post moved across the spring-forward weekend is still at 09:00). A time
 * the clocks skip that day becomes the moment a clock would show it (02:30 → 03:30 in Paris).
 */
export function moveToDay(previous: number | null, day: string, timeZone: string): number | null {
  const time = previous === null ? DEFAULT_PLAN_TIME : instantToWallTime(previous, timeZone).time
  return wallTimeToInstant({ date: day, time }, timeZone)
}

/** A `Date` the calendar hands back (in the person's zone) as the calendar date it falls on there. */
export function dayOf(instant: number, timeZone: string): string {
  return instantToWallTime(instant, timeZone).date
}

/** Whether a new time for a ledger row is acceptable now (a platform refuses a time already passed). */
export function checkNewTime(event: Pick<CalendarEvent, 'source'>, at: number, now: number): 'ok' | 'past' {
  if (event.source === 'publication' && at <= now) return 'past'
  return 'ok'
}

/** Ideas shown in the side list: posts being written or thought of, talks not yet proposed, and notes. */
export function isIdea(item: Pick<Item, 'kind' | 'status' | 'trashed'>): boolean {
  if (item.trashed) return false
  if (item.kind === 'post') return item.status === 'idea' || item.status === 'draft'
  if (item.kind === 'talk') return item.status === 'idea'
  return item.kind === 'note'
}

// Scheduling times. A person picks a date and a time on a clock in their time zone (an IANA name such as
// "Europe/Paris"); the post must go out at that moment, whatever the zone of the machine or of the blog. These
// helpers turn that wall-clock time into a UTC instant, and say so plainly when the time does not exist (the hour
// skipped when clocks go forward) or exists twice (the hour repeated when they go back): the person chooses,
// nothing is silently shifted. Offsets come from @date-fns/tz (the platform's time-zone database).
import { TZDate, tzOffset } from '@date-fns/tz'
import { format } from 'date-fns'

/** A date and time as read on a wall clock: `YYYY-MM-DD` and `HH:mm` (or `HH:mm:ss`). */
export interface WallTime {
  date: string
  time: string
}

export type WallTimeResolution =
  /** The time exists once. */
  | { kind: 'exact'; instant: number }
  /**
   * The clocks skipped this time (spring forward). `instant` is where a clock would be had it not been moved
   * (02:30 in Paris on the last Sunday of March → 03:30 CEST, 01:30 UTC); `skippedMinutes` is the jump.
   */
  | { kind: 'gap'; instant: number; skippedMinutes: number }
  /** The time happens twice (fall back): first with the summer offset, then with the winter one. */
  | { kind: 'overlap'; earlier: number; later: number }

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/
const DAY_MS = 86_400_000

/** Whether `zone` is an IANA time zone this platform knows. */
export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The wall time as if it were UTC (milliseconds), or null when it is not a real date and time. */
function wallAsUtc(wall: WallTime): number | null {
  const d = DATE_RE.exec(wall.date)
  const t = TIME_RE.exec(wall.time)
  if (!d || !t) return null
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])]
  const [hour, minute, second] = [Number(t[1]), Number(t[2]), Number(t[3] ?? '0')]
  if (hour > 23 || minute > 59 || second > 59) return null
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  const check = new Date(ms)
  // Date.UTC rolls 31 February over into March: refuse instead.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  return ms
}

/** Offset of `zone` from UTC at `instant`, in minutes (Paris in summer: 120). */
export function zoneOffsetMinutes(zone: string, instant: number): number {
  return tzOffset(zone, new Date(instant))
}

/**
 * The UTC instant(s) a wall-clock time in `zone` stands for. Null for an unknown zone or an impossible date/time.
 * Works for every zone the platform knows, including half-hour shifts (Australia/Lord_Howe).
 */
export function resolveWallTime(wall: WallTime, zone: string): WallTimeResolution | null {
  const local = wallAsUtc(wall)
  if (local === null || !isValidTimeZone(zone)) return null
  // Offsets a day either side cover any transition near this time (no zone changes twice within two days).
  const before = zoneOffsetMinutes(zone, local - DAY_MS)
  const after = zoneOffsetMinutes(zone, local + DAY_MS)
  const candidates = [...new Set([before, zoneOffsetMinutes(zone, local), after])]
    .map((offset) => local - offset * 60_000)
    .filter((instant) => zoneOffsetMinutes(zone, instant) * 60_000 === local - instant)
    .sort((a, b) => a - b)
  const unique = [...new Set(candidates)]
  if (unique.length === 1) return { kind: 'exact', instant: unique[0]! }
  if (unique.length >= 2) return { kind: 'overlap', earlier: unique[0]!, later: unique[unique.length - 1]! }
  return { kind: 'gap', instant: local - before * 60_000, skippedMinutes: after - before }
}

export type OverlapChoice = 'earlier' | 'later'

/**
 * One instant for a wall time, for callers that have already shown the person what happens at a transition:
 * the overlap choice picks which of the two moments; a skipped time goes to the moment a clock would show it.
 */
export function wallTimeToInstant(wall: WallTime, zone: string, overlap: OverlapChoice = 'earlier'): number | null {
  const resolved = resolveWallTime(wall, zone)
  if (resolved === null) return null
  switch (resolved.kind) {
    case 'exact':
    case 'gap':
      return resolved.instant
    case 'overlap':
      return overlap === 'earlier' ? resolved.earlier : resolved.later
  }
}

/** What a wall clock in `zone` shows at `instant`. */
export function instantToWallTime(instant: number, zone: string): WallTime {
  const zoned = new TZDate(instant, zone)
  return { date: format(zoned, 'yyyy-MM-dd'), time: format(zoned, 'HH:mm') }
}

/** WordPress REST `date_gmt`: the instant in UTC as `YYYY-MM-DDTHH:mm:ss` (no zone suffix, whole seconds). */
export function wordpressDateGmt(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().slice(0, 19)
}

/** Reads a WordPress `date_gmt` back as an instant (null if malformed). */
export function parseWordpressDateGmt(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) return null
  const ms = Date.parse(`${value}Z`)
  return Number.isNaN(ms) ? null : ms
}

/** Mastodon refuses a `scheduled_at` less than 5 minutes ahead (ScheduledStatusValidator::MINIMUM_OFFSET). */
export const MASTODON_MIN_SCHEDULE_AHEAD_MS = 5 * 60_000
/** Our margin on top, so a request that takes a while to arrive is still far enough ahead. */
export const MASTODON_SCHEDULE_MARGIN_MS = 60_000

export type MastodonScheduleCheck = { ok: true; scheduledAt: string } | { ok: false; code: 'too-soon'; earliest: number }

/** Whether `instant` may be sent as Mastodon's `scheduled_at` at `now`; `scheduledAt` is the ISO 8601 value. */
export function checkMastodonSchedule(instant: number, now: number, marginMs = MASTODON_SCHEDULE_MARGIN_MS): MastodonScheduleCheck {
  const earliest = now + MASTODON_MIN_SCHEDULE_AHEAD_MS + marginMs
  if (instant < earliest) return { ok: false, code: 'too-soon', earliest }
  return { ok: true, scheduledAt: new Date(instant).toISOString() }
}

// A date and a time in the person's time zone for a reminder, with the same care as the WordPress schedule: a time
// skipped when clocks go forward is said (and when it would really go off), a time that happens twice is asked
// about. The wall time → instant rules are core's (resolveWallTime).
import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { instantToWallTime, resolveWallTime, type OverlapChoice, type WallTimeResolution } from '../../../core/publish/schedule'
import { formatWhen } from '../describe'

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export interface WallTimeValue {
  date: string
  time: string
  overlap: OverlapChoice
}

/** The value to start from: a known instant in the zone, else an hour from now on the hour. */
export function initialWallTime(zone: string, at: number | null, now = Date.now()): WallTimeValue {
  const base = at ?? Math.ceil((now + 3_600_000) / 3_600_000) * 3_600_000
  const wall = instantToWallTime(base, zone)
  return { date: wall.date, time: wall.time, overlap: 'earlier' }
}

export type ResolvedSchedule = { ok: true; instant: number; note: string | null } | { ok: false; message: string }

export function useResolvedSchedule(value: WallTimeValue, zone: string, now: number): { schedule: ResolvedSchedule; resolution: WallTimeResolution | null } {
  const { t, i18n } = useTranslation('publicationQueue')
  return useMemo(() => {
    const resolution = value.date && value.time ? resolveWallTime({ date: value.date, time: value.time }, zone) : null
    if (!resolution) return { resolution, schedule: { ok: false, message: t('schedule.invalid') } }
    const instant = resolution.kind === 'overlap' ? (value.overlap === 'earlier' ? resolution.earlier : resolution.later) : resolution.instant
    if (instant <= now) return { resolution, schedule: { ok: false, message: t('schedule.past') } }
    const when = formatWhen(instant, i18n.language)
    const note =
      resolution.kind === 'gap'
        ? t('schedule.gap', { time: value.time, minutes: resolution.skippedMinutes, when })
        : resolution.kind === 'overlap'
          ? t('schedule.overlap', { time: value.time })
          : null
    return { resolution, schedule: { ok: true, instant, note } }
  }, [value.date, value.time, value.overlap, zone, now, t, i18n.language])
}

export function ScheduleFields({
  value,
  onChange,
  zone,
  legend,
  schedule,
  resolution,
  disabled,
}: {
  value: WallTimeValue
  onChange(next: WallTimeValue): void
  zone: string
  legend: string
  schedule: ResolvedSchedule
  resolution: WallTimeResolution | null
  disabled?: boolean
}) {
  const { t, i18n } = useTranslation('publicationQueue')
  const ids = { date: useId(), time: useId(), message: useId() }
  const invalid = !schedule.ok || undefined
  return (
    <fieldset className="pub-schedule" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="pub-schedule-row">
        <label htmlFor={ids.date}>{t('schedule.date')}</label>
        <input
          id={ids.date}
          className="input"
          type="date"
          value={value.date}
          aria-invalid={invalid}
          aria-describedby={ids.message}
          onChange={(e) => onChange({ ...value, date: e.target.value })}
        />
        <label htmlFor={ids.time}>{t('schedule.time')}</label>
        <input
          id={ids.time}
          className="input"
          type="time"
          value={value.time}
          aria-invalid={invalid}
          aria-describedby={ids.message}
          onChange={(e) => onChange({ ...value, time: e.target.value })}
        />
      </div>
      <p id={ids.message} className={schedule.ok ? 'hint' : 'field-error'} role={schedule.ok ? undefined : 'alert'}>
        {schedule.ok ? (schedule.note ?? t('schedule.when', { when: formatWhen(schedule.instant, i18n.language) })) : schedule.message}
      </p>
      {resolution?.kind === 'overlap' && (
        <div role="radiogroup" aria-label={t('schedule.overlapChoice', { time: value.time })} className="pub-overlap">
          {(['earlier', 'later'] as const).map((choice) => (
            <label key={choice} className="pub-radio">
              <input type="radio" name={`${ids.message}-overlap`} checked={value.overlap === choice} onChange={() => onChange({ ...value, overlap: choice })} />{' '}
              {t(`schedule.${choice}`, { when: formatWhen(choice === 'earlier' ? resolution.earlier : resolution.later, i18n.language) })}
            </label>
          ))}
          <span className="visually-hidden">{zone}</span>
        </div>
      )}
    </fieldset>
  )
}

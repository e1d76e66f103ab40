// Under a channel's text in "Social posts…": "Remind me at…" (a date and time in the person's zone, with the
// clock-change messages), then the reminder's state: set for a time (change it, cancel it), or gone off (the
// text is ready to copy; "I posted it" completes it). LinkedIn, X and Bluesky are posted by hand; so is Mastodon
// when no account posts it from here.
import { useLiveQuery } from 'dexie-react-hooks'
import { BellRing, Clock } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelId } from '../../../core/publish/channels'
import { getDb } from '../../../db'
import { channelName, formatWhen } from '../describe'
import { useMastodonAccounts } from '../mastodon/accounts'
import { cancelPublication, findPendingLocal, reschedulePublication, scheduleLocalPublication } from './repository'
import { initialWallTime, localZone, ScheduleFields, useResolvedSchedule, type WallTimeValue } from './ScheduleFields'
import './queue.css'

function ScheduleForm({
  channel,
  initialAt,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  channel: ChannelId
  initialAt: number | null
  submitLabel: string
  onSubmit(at: number): Promise<void>
  onCancel(): void
}) {
  const { t } = useTranslation('publicationQueue')
  const zone = useMemo(localZone, [])
  const [value, setValue] = useState<WallTimeValue>(() => initialWallTime(zone, initialAt))
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  // "Now" moves on while the form is open; re-read it on each change so a time that just passed is refused.
  const now = useMemo(() => Date.now(), [value]) // eslint-disable-line react-hooks/exhaustive-deps
  const { schedule, resolution } = useResolvedSchedule(value, zone, now)
  const submit = async () => {
    if (!schedule.ok || busy) return
    setBusy(true)
    setProblem(null)
    try {
      await onSubmit(schedule.instant)
    } catch (error) {
      setProblem(t('schedule.failed', { message: error instanceof Error ? error.message : String(error) }))
      setBusy(false)
    }
  }
  return (
    <div className="pubq-form">
      <ScheduleFields
        value={value}
        onChange={setValue}
        zone={zone}
        legend={t('schedule.legend', { channel: channelName(channel), zone })}
        schedule={schedule}
        resolution={resolution}
        disabled={busy}
      />
      <div className="pub-form-actions">
        <button type="button" className="btn btn-primary" disabled={!schedule.ok || busy} onClick={() => void submit()}>
          {submitLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('schedule.cancel')}
        </button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}

export function ReminderControls({ itemId, channel, parts, beforeSchedule }: { itemId: string; channel: ChannelId; parts: () => string[]; beforeSchedule(): Promise<void> }) {
  const { t, i18n } = useTranslation('publicationQueue')
  const pending = useLiveQuery(() => findPendingLocal(getDb(), itemId, channel), [itemId, channel])
  const [editing, setEditing] = useState(false)
  const [said, setSaid] = useState('')
  // When the form closes, focus goes to what replaced it (Change, or Remind me at…), not to the page.
  const boxRef = useRef<HTMLDivElement>(null)
  // 'now' (cancelled), or the time just saved (wait until the reminder shows it: the ledger is read live).
  const refocus = useRef<'now' | number | null>(null)
  const shownAt = pending && pending.handling === 'local-reminder' && pending.status === 'queued' ? pending.scheduledAt : null
  useEffect(() => {
    if (editing || refocus.current === null) return
    if (refocus.current !== 'now' && refocus.current !== shownAt) return
    refocus.current = null
    boxRef.current?.querySelector<HTMLButtonElement>('button')?.focus()
  })
  const closeForm = (savedAt?: number) => {
    refocus.current = savedAt ?? 'now'
    setEditing(false)
  }
  const name = channelName(channel)
  // A Mastodon thread posted by the queue itself is shown (and managed) by Mastodon's own controls.
  const reminder = pending && pending.handling === 'local-reminder' ? pending : null
  // With a Mastodon account here, Mastodon's own panel posts and schedules: no reminder to post by hand is offered.
  const { accounts: mastodonAccounts } = useMastodonAccounts()
  const handledByAccount = channel === 'mastodon' && mastodonAccounts.length > 0

  const save = async (at: number) => {
    await beforeSchedule()
    const db = getDb()
    if (reminder) await reschedulePublication(db, reminder.id, at)
    else await scheduleLocalPublication(db, { itemId, channel, parts: parts(), scheduledAt: at, accountId: null })
    closeForm(at)
    setSaid(t('schedule.saved', { channel: name, when: formatWhen(at, i18n.language) }))
  }
  const remove = async () => {
    if (!reminder) return
    await cancelPublication(getDb(), reminder.id)
    setSaid(t('schedule.removed', { channel: name }))
  }

  return (
    <div className="pubq-reminder" ref={boxRef}>
      {reminder?.status === 'awaiting-manual' && (
        <p className="pubq-due" role="note">
          <BellRing size={14} aria-hidden />
          <span>{t('schedule.due', { channel: name, when: formatWhen(reminder.remindedAt ?? reminder.scheduledAt ?? Date.now(), i18n.language) })}</span>
        </p>
      )}
      {reminder?.status === 'awaiting-manual' && !editing && (
        <p className="pubq-pending">
          <button type="button" className="btn btn-ghost" aria-label={t('schedule.laterLabel', { channel: name })} onClick={() => setEditing(true)}>
            {t('schedule.later')}
          </button>
          <button type="button" className="btn btn-ghost" aria-label={t('schedule.removeLabel', { channel: name })} onClick={() => void remove()}>
            {t('schedule.remove')}
          </button>
        </p>
      )}
      {reminder && reminder.status !== 'awaiting-manual' && !editing && (
        <p className="pubq-pending">
          <Clock size={14} aria-hidden />
          <span>{t('schedule.pending', { when: formatWhen(reminder.scheduledAt ?? 0, i18n.language) })}</span>
          <button type="button" className="btn btn-ghost" aria-label={t('schedule.changeLabel', { channel: name })} onClick={() => setEditing(true)}>
            {t('schedule.change')}
          </button>
          <button type="button" className="btn btn-ghost" aria-label={t('schedule.removeLabel', { channel: name })} onClick={() => void remove()}>
            {t('schedule.remove')}
          </button>
        </p>
      )}
      {!reminder && !editing && !handledByAccount && (
        <button type="button" className="btn" aria-label={t('schedule.remindLabel', { channel: name })} onClick={() => setEditing(true)}>
          <Clock size={14} aria-hidden />
          {t('schedule.remind')}
        </button>
      )}
      {editing && (
        <ScheduleForm
          channel={channel}
          initialAt={reminder && reminder.status !== 'awaiting-manual' ? reminder.scheduledAt : null}
          submitLabel={reminder ? t('schedule.saveChange') : t('schedule.save')}
          onSubmit={save}
          onCancel={() => closeForm()}
        />
      )}
      <p className="hint" role="status">
        {said}
      </p>
    </div>
  )
}

export { ScheduleForm }

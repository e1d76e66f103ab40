// "Publish to WordPress…": account, what to do (publish now, a draft on the blog, or schedule at a date and time
// in the person's time zone, saying plainly when that time is skipped or repeated by a clock change), categories
// and tags, the featured image; then progress and the outcome, with a link to the post. Re-publishing updates the
// same remote post (the ledger keeps its id).
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import type { WordPressPublished } from '../../core/ipc/publishing'
import type { PostItem } from '../../core/items'
import { instantToWallTime, resolveWallTime, type OverlapChoice, type WallTimeResolution } from '../../core/publish'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { useActions } from '../library/actions'
import { accountLabel, useAccounts } from './accounts'
import { closePublishingDialog } from './dialogStore'
import { formatWhen } from './describe'
import { describePublishingError, errorOf } from './errors'
import { postImages, publishToWordPress, QueuedForRetry, termList, type PublishMode, type PublishStage } from './publishPost'
import { findWordPressPublication } from './repository'
import { WhereItWent } from './WhereItWent'

const MODES: PublishMode[] = ['publish', 'draft', 'future']

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Tomorrow at 09:00, a sensible first proposal for a schedule. */
function defaultWallTime(zone: string): { date: string; time: string } {
  const tomorrow = instantToWallTime(Date.now() + 86_400_000, zone)
  return { date: tomorrow.date, time: '09:00' }
}

type Schedule = { ok: true; instant: number; note: string | null } | { ok: false; message: string }

function useSchedule(date: string, time: string, zone: string, overlap: OverlapChoice): { schedule: Schedule; resolution: WallTimeResolution | null } {
  const { t, i18n } = useTranslation('publishing')
  return useMemo(() => {
    const resolution = date && time ? resolveWallTime({ date, time }, zone) : null
    if (!resolution) return { resolution, schedule: { ok: false, message: t('publish.schedule.invalid') } }
    const instant = resolution.kind === 'overlap' ? (overlap === 'earlier' ? resolution.earlier : resolution.later) : resolution.instant
    const at = formatWhen(instant, i18n.language)
    if (instant <= Date.now()) return { resolution, schedule: { ok: false, message: t('publish.schedule.past') } }
    const note =
      resolution.kind === 'gap'
        ? t('publish.schedule.gap', { time, minutes: resolution.skippedMinutes, when: at })
        : resolution.kind === 'overlap'
          ? t('publish.schedule.overlap', { time })
          : null
    return { resolution, schedule: { ok: true, instant, note } }
  }, [date, time, zone, overlap, t, i18n.language])
}

type Outcome = { kind: 'done'; result: WordPressPublished; mode: PublishMode } | { kind: 'queued'; reason: string } | { kind: 'failed'; message: string } | null

function PublishForm({ item }: { item: PostItem }) {
  const { t, i18n } = useTranslation('publishing')
  const { accounts, status } = useAccounts()
  const actions = useActions()
  const ids = { account: useId(), mode: useId(), date: useId(), time: useId(), categories: useId(), tags: useId(), featured: useId(), schedule: useId(), status: useId() }
  const zone = useMemo(localZone, [])
  const [accountId, setAccountId] = useState('')
  const [mode, setMode] = useState<PublishMode>('publish')
  const initial = useMemo(() => defaultWallTime(zone), [zone])
  const [date, setDate] = useState(initial.date)
  const [time, setTime] = useState(initial.time)
  const [overlap, setOverlap] = useState<OverlapChoice>('earlier')
  const [categories, setCategories] = useState('')
  const [tags, setTags] = useState(item.tags.join(', '))
  const [featured, setFeatured] = useState('')
  const [stage, setStage] = useState<PublishStage | null>(null)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const outcomeRef = useRef<HTMLDivElement>(null)
  const images = useLiveQuery(() => postImages(getDb(), item), [item]) ?? []
  const chosen = accountId || accounts[0]?.id || ''
  const account = accounts.find((a) => a.id === chosen)
  const existing = useLiveQuery(() => (chosen ? findWordPressPublication(getDb(), item.id, chosen) : undefined), [item.id, chosen])
  const { schedule, resolution } = useSchedule(date, time, zone, overlap)
  // An idea planned on the calendar (schema v5 `plans`) starts as a schedule at its planned time, once, if still ahead.
  const plan = useLiveQuery(() => getDb().plans.get(item.id), [item.id])
  const planApplied = useRef(false)
  useEffect(() => {
    if (!plan || planApplied.current || existing?.status === 'scheduled') return
    planApplied.current = true
    if (plan.at <= Date.now()) return
    const wall = instantToWallTime(plan.at, zone)
    setMode('future')
    setDate(wall.date)
    setTime(wall.time)
  }, [plan, existing, zone])
  const busy = stage !== null && stage !== 'done'

  useEffect(() => {
    if (outcome) requestAnimationFrame(() => outcomeRef.current?.focus())
  }, [outcome])

  if (status !== 'ready' && accounts.length === 0) return <p className="hint">{t('publish.loadingAccounts')}</p>
  if (accounts.length === 0) {
    return (
      <div className="pub-empty">
        <p>{t('publish.noAccount')}</p>
        <button
          type="button"
          className="btn"
          onClick={() => {
            // One modal at a time: this dialog closes, Settings opens where the account is added.
            closePublishingDialog()
            actions.openSettings()
          }}
        >
          {t('publish.openSettings')}
        </button>
      </div>
    )
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !chosen) return
    if (mode === 'future' && !schedule.ok) return
    setOutcome(null)
    setStage('images')
    try {
      const { result } = await publishToWordPress(
        getDb(),
        getApi(),
        {
          item,
          accountId: chosen,
          mode,
          scheduledAt: mode === 'future' && schedule.ok ? schedule.instant : null,
          categories: termList(categories),
          tags: termList(tags),
          featuredImageId: featured || null,
        },
        setStage,
      )
      setOutcome({ kind: 'done', result, mode })
    } catch (failure) {
      setStage(null)
      // Offline or the blog unreachable for now: not a failure to fix, the queue publishes it later by itself.
      if (failure instanceof QueuedForRetry) setOutcome({ kind: 'queued', reason: describePublishingError(t, failure.error) })
      else setOutcome({ kind: 'failed', message: describePublishingError(t, errorOf(failure)) })
    }
  }

  const updating = existing?.remoteId != null
  const scheduleInvalid = mode === 'future' && !schedule.ok

  return (
    <form className="pub-publish" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={ids.account}>{t('publish.account')}</label>
      <select id={ids.account} className="select" value={chosen} onChange={(e) => setAccountId(e.target.value)} disabled={busy}>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {accountLabel(a)}
          </option>
        ))}
      </select>
      {account && !account.canPublish && <p className="hint">{t('publish.draftsOnly')}</p>}

      <fieldset className="pub-modes" disabled={busy}>
        <legend>{t('publish.mode')}</legend>
        {MODES.map((m) => (
          <label key={m} className="pub-radio">
            <input type="radio" name={ids.mode} value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`publish.modes.${m}`)}
          </label>
        ))}
      </fieldset>

      {mode === 'future' && (
        <fieldset className="pub-schedule" disabled={busy}>
          <legend>{t('publish.schedule.legend', { zone })}</legend>
          <div className="pub-schedule-row">
            <label htmlFor={ids.date}>{t('publish.schedule.date')}</label>
            <input
              id={ids.date}
              className="input"
              type="date"
              value={date}
              aria-invalid={scheduleInvalid || undefined}
              aria-describedby={ids.schedule}
              onChange={(e) => setDate(e.target.value)}
            />
            <label htmlFor={ids.time}>{t('publish.schedule.time')}</label>
            <input
              id={ids.time}
              className="input"
              type="time"
              value={time}
              aria-invalid={scheduleInvalid || undefined}
              aria-describedby={ids.schedule}
              onChange={(e) => setTime(e.target.value)}
            />
          </div>
          <p id={ids.schedule} className={schedule.ok ? 'hint' : 'field-error'} role={schedule.ok ? undefined : 'alert'}>
            {schedule.ok ? (schedule.note ?? t('publish.schedule.when', { when: formatWhen(schedule.instant, i18n.language) })) : schedule.message}
          </p>
          {resolution?.kind === 'overlap' && (
            <div role="radiogroup" aria-label={t('publish.schedule.overlapChoice', { time })} className="pub-overlap">
              {(['earlier', 'later'] as const).map((choice) => (
                <label key={choice} className="pub-radio">
                  <input type="radio" name={`${ids.schedule}-overlap`} checked={overlap === choice} onChange={() => setOverlap(choice)} />{' '}
                  {t(`publish.schedule.${choice}`, { when: formatWhen(choice === 'earlier' ? resolution.earlier : resolution.later, i18n.language) })}
                </label>
              ))}
            </div>
          )}
        </fieldset>
      )}

      <label htmlFor={ids.categories}>{t('publish.categories')}</label>
      <input id={ids.categories} className="input" value={categories} disabled={busy} onChange={(e) => setCategories(e.target.value)} aria-describedby={`${ids.categories}-hint`} />
      <label htmlFor={ids.tags}>{t('publish.tags')}</label>
      <input id={ids.tags} className="input" value={tags} disabled={busy} onChange={(e) => setTags(e.target.value)} aria-describedby={`${ids.categories}-hint`} />
      <p id={`${ids.categories}-hint`} className="hint">
        {t('publish.termsHint')}
      </p>

      <label htmlFor={ids.featured}>{t('publish.featured')}</label>
      <select id={ids.featured} className="select" value={featured} disabled={busy || images.length === 0} onChange={(e) => setFeatured(e.target.value)}>
        <option value="">{images.length === 0 ? t('publish.noImages') : t('publish.noFeatured')}</option>
        {images.map((image, index) => (
          <option key={image.attachmentId} value={image.attachmentId}>
            {image.alt || image.name || t('publish.imageN', { n: index + 1 })}
          </option>
        ))}
      </select>

      <div className="pub-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || scheduleInvalid}>
          {t(updating ? `publish.submitUpdate.${mode}` : `publish.submit.${mode}`)}
        </button>
        <span id={ids.status} className="hint" role="status">
          {busy ? t(`publish.stage.${stage}`) : ''}
        </span>
      </div>
      {updating && existing?.remoteUrl && <p className="hint">{t('publish.willUpdate', { url: existing.remoteUrl })}</p>}

      {outcome?.kind === 'done' && (
        <div ref={outcomeRef} tabIndex={-1} className="pub-outcome" role="status">
          <p>{t(`publish.done.${outcome.result.status === 'future' ? 'future' : outcome.result.status === 'publish' ? 'publish' : 'draft'}`, { when: outcome.result.dateGmt ? formatWhen(Date.parse(`${outcome.result.dateGmt.replace(/Z$/, '')}Z`), i18n.language) : '' })}</p>
          {outcome.result.link && (
            <button type="button" className="btn" onClick={() => void getApi().openExternal({ url: outcome.result.link })}>
              {t('publish.openPost')}
            </button>
          )}
        </div>
      )}
      {outcome?.kind === 'queued' && (
        <div ref={outcomeRef} tabIndex={-1} className="pub-outcome" role="status">
          <p>{t('publish.queued')}</p>
          <p className="hint">{outcome.reason}</p>
        </div>
      )}
      {outcome?.kind === 'failed' && (
        <div ref={outcomeRef} tabIndex={-1} className="field-error" role="alert">
          {outcome.message}
        </div>
      )}
    </form>
  )
}

export function PublishDialog({ itemId, onClose }: { itemId: string; onClose(): void }) {
  const { t } = useTranslation('publishing')
  const item = useLiveQuery(() => getDb().items.get(itemId), [itemId])
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('publish.title', { title: item?.title || t('publish.untitled') })} wide>
      <div className="dialog-body">
        {item === undefined ? null : item.kind !== 'post' ? (
          <p>{t('publish.postsOnly')}</p>
        ) : (
          <>
            <PublishForm item={item} />
            <WhereItWent itemId={item.id} />
          </>
        )}
      </div>
    </Dialog>
  )
}

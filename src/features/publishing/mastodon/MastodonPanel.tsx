// The Mastodon part of "Social posts…", under the Mastodon text when an account is set up: which account, the
// visibility, which of the item's images go with which post (alt text prefilled from the image's own alt), then
// "Post now" (a status, or the whole thread chained by in_reply_to_id) or "Schedule…" (a single status is held by
// the server's scheduler; a thread waits in Baluchon's local queue). Every attempt is a ledger row first, so what
// was posted, and what is left, survives a failure or a restart; "Post the rest" resumes without re-posting.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { MASTODON_VISIBILITIES, type MastodonAccount, type MastodonVisibility } from '../../../core/ipc/mastodonTypes'
import type { Item } from '../../../core/items'
import { checkMastodonSchedule, docToWordPressHtml, graphemeLength, instantToWallTime, resolveWallTime, type ChannelId, type MeasureOptions } from '../../../core/publish'
import { getDb } from '../../../db'
import { getApi } from '../../../lib/api'
import { formatWhen } from '../describe'
import { mastodonHandle, useMastodonAccounts } from './accounts'
import { describeMastodonError } from './errors'
import { createMastodonPublication, type MastodonMediaChoice, type MastodonPublication } from './ledger'
import { postMastodonPublication } from './publish'
import './mastodon.css'

// ------------------------------------------------------------------ the chosen account (shared with the counter)

let chosenAccountId = ''
const chosenListeners = new Set<() => void>()
function chooseAccount(id: string): void {
  chosenAccountId = id
  for (const listener of chosenListeners) listener()
}

// The content warning: counted by the server with each post's text, so the counter needs it too.
let contentWarning = ''
function setContentWarning(value: string): void {
  contentWarning = value
  for (const listener of chosenListeners) listener()
}
function useContentWarning(): string {
  return useSyncExternalStore(
    (listener) => {
      chosenListeners.add(listener)
      return () => chosenListeners.delete(listener)
    },
    () => contentWarning,
  )
}

/** The account the Mastodon variant is for: the one picked in the panel, else the first one. */
export function useChosenMastodonAccount(): { account: MastodonAccount | undefined; accounts: MastodonAccount[]; status: string } {
  const { accounts, status } = useMastodonAccounts()
  const id = useSyncExternalStore(
    (listener) => {
      chosenListeners.add(listener)
      return () => chosenListeners.delete(listener)
    },
    () => chosenAccountId,
  )
  return { account: accounts.find((a) => a.id === id) ?? accounts[0], accounts, status }
}

/** The counter's rule for `channel`: for Mastodon, the chosen account's own limits (its server's numbers). */
export function useMastodonMeasure(channel: ChannelId): MeasureOptions {
  const { account } = useChosenMastodonAccount()
  const spoilerText = useContentWarning()
  return useMemo(() => {
    if (channel !== 'mastodon') return {}
    return {
      ...(account ? { limit: account.limits.maxCharacters, urlLength: account.limits.charactersReservedPerUrl } : {}),
      ...(spoilerText.trim() ? { spoilerText: spoilerText.trim() } : {}),
    }
  }, [channel, account, spoilerText])
}

// ------------------------------------------------------------------------------------------------ the panel

interface ImageChoice {
  attachmentId: string
  name: string
  mime: string
  size: number
  alt: string
  attached: boolean
  part: number
}

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export interface MastodonPanelProps {
  item: Item
  /** The posts as split and counted for the chosen account. */
  posts: string[]
  over: boolean
  /** Saves the variant's pending text first (so the ledger and the variant agree). */
  flush(): Promise<void>
}

export function MastodonPanel({ item, posts, over, flush }: MastodonPanelProps) {
  const { t, i18n } = useTranslation('mastodon')
  const ids = { account: useId(), visibility: useId(), warning: useId(), warningHint: useId(), date: useId(), time: useId(), schedule: useId(), images: useId() }
  const warning = useContentWarning()
  // A content warning belongs to this item's posts only: forgotten when the panel goes away.
  useEffect(() => () => setContentWarning(''), [])
  const { account, accounts, status } = useChosenMastodonAccount()
  const [visibility, setVisibility] = useState<MastodonVisibility>('public')
  const [images, setImages] = useState<ImageChoice[] | null>(null)
  const [scheduling, setScheduling] = useState(false)
  const zone = useMemo(localZone, [])
  const initial = useMemo(() => instantToWallTime(Date.now() + 86_400_000, zone), [zone])
  const [date, setDate] = useState(initial.date)
  const [time, setTime] = useState('09:00')
  const [rowId, setRowId] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const row = useLiveQuery(() => (rowId ? (getDb().publications.get(rowId) as Promise<MastodonPublication | undefined>) : undefined), [rowId])

  // The item's stored images, alt text from the document; none attached until the person picks them.
  useEffect(() => {
    let alive = true
    const found = docToWordPressHtml(item.body).images
    void getDb()
      .attachments.bulkGet(found.map((image) => image.attachmentId))
      .then((records) => {
        if (!alive) return
        setImages(
          found.flatMap((image, index) => {
            const record = records[index]
            return record
              ? [{ attachmentId: image.attachmentId, name: record.name || image.attachmentId, mime: record.mime, size: record.data.size, alt: image.alt, attached: false, part: 0 }]
              : []
          }),
        )
      })
    return () => {
      alive = false
    }
  }, [item.body])

  const limits = account?.limits
  const attached = (images ?? []).filter((image) => image.attached)
  const thread = posts.length > 1
  const problem = useMemo(() => {
    if (posts.every((post) => post.trim() === '') && attached.length === 0) return t('post.empty')
    if (over) return t('post.overLimit')
    if (limits) {
      for (let part = 0; part < posts.length; part++) {
        if (attached.filter((image) => Math.min(image.part, posts.length - 1) === part).length > limits.maxMediaAttachments) return t('post.tooManyImages', { max: limits.maxMediaAttachments })
      }
      if (attached.some((image) => graphemeLength(image.alt) > limits.descriptionLimit)) return t('post.altTooLong', { max: limits.descriptionLimit })
      // What the server says it takes (empty lists and zero limits: it did not say, so let it decide).
      const refused = attached.find((image) => limits.supportedMimeTypes.length > 0 && !limits.supportedMimeTypes.includes(image.mime))
      if (refused) return t('post.unsupportedImage', { name: refused.name })
      const heavy = attached.find((image) => limits.imageSizeLimit > 0 && image.size > limits.imageSizeLimit)
      if (heavy) return t('post.imageTooLarge', { name: heavy.name, max: Math.floor(limits.imageSizeLimit / 1_048_576) })
    }
    return null
  }, [posts, attached, over, limits, t])

  const resolution = useMemo(() => (date && time ? resolveWallTime({ date, time }, zone) : null), [date, time, zone])
  const scheduledAt = resolution ? (resolution.kind === 'overlap' ? resolution.earlier : resolution.instant) : null
  const scheduleProblem = useMemo(() => {
    if (scheduledAt === null) return t('post.invalidTime')
    // A single status goes to the server's scheduler, which wants 5 minutes (we ask 6); a thread must be in the future.
    if (!thread && !checkMastodonSchedule(scheduledAt, Date.now()).ok) return t('errors.tooSoon')
    if (thread && scheduledAt <= Date.now()) return t('errors.tooSoon')
    return null
  }, [scheduledAt, thread, t])

  if (status !== 'ready' && accounts.length === 0) return null
  if (!account) return <p className="hint pub-mastodon-none">{t('post.noAccount')}</p>

  const media = (): MastodonMediaChoice[] => attached.map((image) => ({ attachmentId: image.attachmentId, alt: image.alt, part: Math.min(image.part, posts.length - 1) }))

  const run = async (when: number | null) => {
    if (busy || problem) return
    setBusy(true)
    setOutcome(null)
    try {
      await flush()
      const created = await createMastodonPublication(getDb(), { itemId: item.id, accountId: account.id, parts: posts, scheduledAt: when, options: { visibility, media: media(), ...(warning.trim() ? { spoilerText: warning.trim() } : {}) } })
      setRowId(created.id)
      if (when !== null && thread) {
        setOutcome({ ok: true, text: t('post.queued', { when: formatWhen(when, i18n.language) }) })
        setScheduling(false)
        return
      }
      const result = await postMastodonPublication(getDb(), created.id)
      const done = (await getDb().publications.get(created.id)) as MastodonPublication | undefined
      if (!result.ok) setOutcome({ ok: false, text: t('post.failed', { error: describeMastodonError(t, result.error) }) })
      else if (done?.status === 'scheduled') setOutcome({ ok: true, text: t('post.scheduled', { when: formatWhen(done.scheduledAt!, i18n.language) }) })
      else if (done?.status === 'queued') setOutcome({ ok: true, text: t('post.queued', { when: formatWhen(done.scheduledAt!, i18n.language) }) })
      else setOutcome({ ok: true, text: posts.length > 1 ? t('post.postedThread', { count: posts.length }) : t('post.posted') })
      setScheduling(false)
    } finally {
      setBusy(false)
    }
  }

  const resume = async () => {
    if (!rowId || busy) return
    setBusy(true)
    try {
      const result = await postMastodonPublication(getDb(), rowId)
      setOutcome(result.ok ? { ok: true, text: t('post.postedThread', { count: posts.length }) } : { ok: false, text: t('post.failed', { error: describeMastodonError(t, result.error) }) })
    } finally {
      setBusy(false)
    }
  }

  const progress = busy && row?.status === 'publishing' && row.parts.length > 1 ? t('post.posting', { n: Math.min(row.remotePartIds.length + 1, row.parts.length), total: row.parts.length }) : ''
  const update = (id: string, patch: Partial<ImageChoice>) => setImages((list) => list?.map((image) => (image.attachmentId === id ? { ...image, ...patch } : image)) ?? null)

  return (
    <div className="pub-mastodon" role="group" aria-label={t('post.title')}>
      <div className="pub-mastodon-row">
        <label htmlFor={ids.account}>{t('post.account')}</label>
        <select id={ids.account} className="select" value={account.id} disabled={busy} onChange={(e) => chooseAccount(e.target.value)}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {mastodonHandle(a)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.visibility}>{t('post.visibility')}</label>
        <select id={ids.visibility} className="select" value={visibility} disabled={busy} onChange={(e) => setVisibility(e.target.value as MastodonVisibility)}>
          {MASTODON_VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`post.visibilities.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <label htmlFor={ids.warning}>{t('post.contentWarning')}</label>
      <input
        id={ids.warning}
        className="input"
        value={warning}
        disabled={busy}
        aria-describedby={ids.warningHint}
        onChange={(e) => setContentWarning(e.target.value)}
      />
      <p id={ids.warningHint} className="hint">
        {t('post.contentWarningHint')}
      </p>
      <fieldset className="pub-mastodon-images" disabled={busy} aria-describedby={ids.images}>
        <legend>{t('post.images')}</legend>
        {images !== null && images.length === 0 && <p className="hint">{t('post.noImages')}</p>}
        {images?.map((image) => (
          <div key={image.attachmentId} className="pub-mastodon-image">
            <label className="pub-radio">
              <input type="checkbox" checked={image.attached} onChange={(e) => update(image.attachmentId, { attached: e.target.checked })} />
              {t('post.attach', { name: image.name })}
            </label>
            {image.attached && (
              <>
                <label className="visually-hidden" htmlFor={`${ids.images}-${image.attachmentId}-alt`}>
                  {t('post.alt', { name: image.name })}
                </label>
                <textarea
                  id={`${ids.images}-${image.attachmentId}-alt`}
                  className="textarea"
                  rows={2}
                  value={image.alt}
                  placeholder={t('post.altHint')}
                  onChange={(e) => update(image.attachmentId, { alt: e.target.value })}
                />
                {thread && (
                  <label className="pub-radio">
                    {t('post.inPost')}
                    <select
                      className="select"
                      aria-label={t('post.inPostLabel', { name: image.name })}
                      value={Math.min(image.part, posts.length - 1)}
                      onChange={(e) => update(image.attachmentId, { part: Number(e.target.value) })}
                    >
                      {posts.map((_, index) => (
                        <option key={index} value={index}>
                          {index + 1}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </>
            )}
          </div>
        ))}
        <p id={ids.images} className="hint">
          {attached.length > 0 ? t('post.altHint') : ''}
        </p>
      </fieldset>
      {scheduling && (
        <fieldset className="pub-schedule" disabled={busy}>
          <legend>{t('post.scheduleTitle')}</legend>
          <div className="pub-schedule-row">
            <label htmlFor={ids.date}>{t('post.date')}</label>
            <input id={ids.date} className="input" type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-describedby={ids.schedule} />
            <label htmlFor={ids.time}>{t('post.time')}</label>
            <input id={ids.time} className="input" type="time" value={time} onChange={(e) => setTime(e.target.value)} aria-describedby={ids.schedule} />
          </div>
          <p id={ids.schedule} className={scheduleProblem ? 'field-error' : 'hint'} role={scheduleProblem ? 'alert' : undefined}>
            {scheduleProblem ??
              [
                t('post.zone', { zone }),
                thread ? t('post.scheduleQueue') : t('post.scheduleServer'),
                resolution?.kind === 'gap' && scheduledAt !== null ? t('post.gap', { time: formatWhen(scheduledAt, i18n.language) }) : '',
                resolution?.kind === 'overlap' ? t('post.overlap') : '',
              ]
                .filter(Boolean)
                .join(' ')}
          </p>
          <div className="pub-form-actions">
            <button type="button" className="btn btn-primary" disabled={busy || !!problem || !!scheduleProblem} onClick={() => void run(scheduledAt)}>
              {t('post.confirmSchedule')}
            </button>
            <button type="button" className="btn" onClick={() => setScheduling(false)}>
              {t('post.cancelSchedule')}
            </button>
          </div>
        </fieldset>
      )}
      {problem && posts.some((post) => post.trim() !== '') && <p className="field-error">{problem}</p>}
      <div className="pub-variant-actions">
        <button type="button" className="btn btn-primary" disabled={busy || !!problem} onClick={() => void run(null)}>
          {thread ? t('post.postThreadNow', { count: posts.length }) : t('post.postNow')}
        </button>
        {!scheduling && (
          <button type="button" className="btn" disabled={busy || !!problem} onClick={() => setScheduling(true)}>
            {t('post.schedule')}
          </button>
        )}
      </div>
      <div className={outcome && !outcome.ok ? 'field-error' : 'hint'} role={outcome && !outcome.ok ? 'alert' : 'status'}>
        {progress || outcome?.text}
        {outcome && !outcome.ok && row && row.remotePartIds.length > 0 && row.remotePartIds.length < row.parts.length && (
          <>
            {' '}
            {t('post.partsDone', { done: row.remotePartIds.length, total: row.parts.length })}
          </>
        )}
      </div>
      {outcome && !outcome.ok && row && row.status === 'failed' && (
        <div>
          <button type="button" className="btn" disabled={busy} onClick={() => void resume()}>
            {t('post.resume')}
          </button>
        </div>
      )}
      {outcome?.ok && row?.remoteUrl && (
        <div>
          <button type="button" className="btn" onClick={() => void getApi().openExternal({ url: row.remoteUrl! })}>
            {t('post.open')}
          </button>
        </div>
      )}
    </div>
  )
}

// What can be done with a row of the local queue, in "Where it went" and in the Publications view: reschedule or
// cancel what has not gone out, retry what failed, open the text of a reminder that went off. Also says where a
// retry stands (next try, last error) for a row waiting after a failure.
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelId } from '../../../core/publish/channels'
import type { Publication } from '../../../core/publish/ledger'
import { getDb } from '../../../db'
import { formatWhen } from '../describe'
import { openVariantsDialog } from '../dialogStore'
import { cancelPublication, isLocal, isPendingLocal, reschedulePublication, retryPublication } from './repository'

// The schedule form (and its time-zone rules) loads when someone reschedules, not with "Where it went".
const ScheduleForm = lazy(() => import('./ReminderControls').then((m) => ({ default: m.ScheduleForm })))

/** The error in the person's words, with the platform's own message after it when there is one. */
export function useQueueErrorText(): (error: NonNullable<Publication['error']>) => string {
  const { t } = useTranslation('publicationQueue')
  return (error) => {
    const known = t(`actions.errorCodes.${error.code}`, { defaultValue: '' }) || t('actions.errorCodes.other')
    return error.message && error.message !== known ? `${known} (${error.message})` : known
  }
}

/** A line under a queued row that failed before: when it tries again, and why the last try failed. */
export function RetryStatus({ publication }: { publication: Publication }) {
  const { t, i18n } = useTranslation('publicationQueue')
  const errorText = useQueueErrorText()
  if (!isLocal(publication) || publication.status !== 'queued' || !publication.error) return null
  const offline = publication.error.code === 'network' || publication.error.code === 'offline'
  return (
    <span className="hint pubq-retry">
      {t('actions.lastError', { message: errorText(publication.error) })}{' '}
      {offline
        ? t('actions.waitingNetwork')
        : publication.nextAttemptAt !== null && t('actions.nextAttempt', { when: formatWhen(publication.nextAttemptAt, i18n.language), attempts: publication.attempts + 1 })}
    </span>
  )
}

export function LocalRowActions({ publication, where, onOpenText }: { publication: Publication; where: string; onOpenText?: () => void }) {
  const { t } = useTranslation('publicationQueue')
  const [rescheduling, setRescheduling] = useState(false)
  if (!isLocal(publication)) return null
  const db = getDb()
  const changeable = isPendingLocal(publication) && publication.status !== 'publishing'
  const openText = onOpenText ?? (() => openVariantsDialog(publication.itemId, publication.channel as ChannelId))
  return (
    <>
      {publication.status === 'awaiting-manual' && publication.channel !== 'wordpress' && (
        <button type="button" className="btn btn-ghost" aria-label={t('actions.copyLabel', { where })} onClick={openText}>
          {t('actions.copy')}
        </button>
      )}
      {publication.status === 'failed' && publication.error?.code !== 'cancelled' && (
        <button type="button" className="btn btn-ghost" aria-label={t('actions.retryLabel', { where })} onClick={() => void retryPublication(db, publication.id)}>
          {t('actions.retry')}
        </button>
      )}
      {changeable && publication.remotePartIds.length === 0 && (
        <button type="button" className="btn btn-ghost" aria-label={t('actions.rescheduleLabel', { where })} onClick={() => setRescheduling(true)}>
          {t('actions.reschedule')}
        </button>
      )}
      {changeable && (
        <button type="button" className="btn btn-ghost" aria-label={t('actions.cancelLabel', { where })} onClick={() => void cancelPublication(db, publication.id)}>
          {t('actions.cancel')}
        </button>
      )}
      {rescheduling && (
        <div className="pubq-reschedule" role="group" aria-label={t('actions.rescheduleTitle', { where })}>
          <Suspense fallback={null}>
            <ScheduleForm
              channel={publication.channel as ChannelId}
              initialAt={publication.scheduledAt !== null && publication.scheduledAt > Date.now() ? publication.scheduledAt : null}
              submitLabel={t('schedule.saveChange')}
              onSubmit={async (at) => {
                await reschedulePublication(db, publication.id, at)
                setRescheduling(false)
              }}
              onCancel={() => setRescheduling(false)}
            />
          </Suspense>
        </div>
      )}
    </>
  )
}

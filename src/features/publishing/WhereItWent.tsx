// "Where it went": the item's ledger rows under its fields (nothing when it never went anywhere). Each row says
// the channel, the account, the state and when, links to the remote post, and a WordPress row can pull its state
// back from the blog ("Refresh": scheduled → published, trashed on the blog).
import { useLiveQuery } from 'dexie-react-hooks'
import { RefreshCw } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Publication } from '../../core/publish'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { accountLabel, useAccounts } from './accounts'
import { channelName, describePublication } from './describe'
import { describePublishingError, errorOf } from './errors'
import { LocalRowActions, RetryStatus } from './queue/LocalRowActions'
import { mastodonHandle, useMastodonAccounts } from './mastodon/accounts'
import { MastodonRowActions, MastodonRowError } from './mastodon/MastodonRowActions'
import { isPendingLocal } from './queue/repository'
import { listPublications, removeManualPublication } from './repository'

function LedgerRow({ publication }: { publication: Publication }) {
  const { t, i18n } = useTranslation('publishing')
  const { accounts } = useAccounts()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const account = accounts.find((a) => a.id === publication.accountId)
  const mastodon = useMastodonAccounts().accounts.find((a) => publication.channel === 'mastodon' && a.id === publication.accountId)
  const where = [channelName(publication.channel), account ? accountLabel(account) : mastodon ? mastodonHandle(mastodon) : null].filter(Boolean).join(' · ')
  const refresh = async () => {
    setBusy(true)
    setProblem(null)
    try {
      const { refreshFromWordPress } = await import('./publishPost')
      await refreshFromWordPress(getDb(), getApi(), publication)
    } catch (failure) {
      setProblem(describePublishingError(t, errorOf(failure)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <li className={`pub-ledger-row pub-status-${publication.status}`}>
      <span className="pub-ledger-where">{where}</span>
      <span className="pub-ledger-state">{describePublication(t, publication, i18n.language)}</span>
      {publication.status === 'failed' && publication.error && publication.channel === 'mastodon' && <MastodonRowError error={publication.error} />}
      {publication.status === 'failed' && publication.error && publication.channel !== 'mastodon' && (
        <span className="field-error">{describePublishingError(t, { code: publication.error.code as never, message: publication.error.message })}</span>
      )}
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
      <RetryStatus publication={publication} />
      <span className="pub-ledger-actions">
        <LocalRowActions publication={publication} where={where} />
        {publication.channel === 'mastodon' && <MastodonRowActions publication={publication} where={where} />}
        {publication.remoteUrl && publication.status !== 'trashed' && (
          <button
            type="button"
            className="btn btn-ghost"
            aria-label={t('ledger.openLabel', { where })}
            onClick={() => void getApi().openExternal({ url: publication.remoteUrl! })}
          >
            {t('ledger.open')}
          </button>
        )}
        {publication.accountId === null && publication.remoteId === null && !isPendingLocal(publication) && (
          <button type="button" className="btn btn-ghost" aria-label={t('ledger.removeLabel', { where })} onClick={() => void removeManualPublication(getDb(), publication.id)}>
            {t('ledger.remove')}
          </button>
        )}
        {publication.channel === 'wordpress' && publication.remoteId !== null && (
          <button type="button" className="btn btn-ghost" aria-label={t('ledger.refreshLabel', { where })} disabled={busy} onClick={() => void refresh()}>
            <RefreshCw size={14} aria-hidden />
            {busy ? t('ledger.refreshing') : t('ledger.refresh')}
          </button>
        )}
      </span>
    </li>
  )
}

export function WhereItWent({ itemId }: { itemId: string }) {
  const { t } = useTranslation('publishing')
  const rows = useLiveQuery(() => listPublications(getDb(), itemId), [itemId])
  if (!rows || rows.length === 0) return null
  return (
    <section className="pub-ledger" aria-label={t('ledger.title')}>
      <h3 className="pub-ledger-title">{t('ledger.title')}</h3>
      <ul className="pub-ledger-list">
        {rows.map((publication) => (
          <LedgerRow key={publication.id} publication={publication} />
        ))}
      </ul>
    </section>
  )
}

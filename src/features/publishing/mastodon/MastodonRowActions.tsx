// What "Where it went" adds to a Mastodon row: the error in Mastodon's terms, and, for a status the server holds
// for later, cancelling it there (after confirmation). Light on purpose (it loads with the detail pane): the
// posting code, with the publishing core, is imported only when the person cancels.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Publication } from '../../../core/publish/ledger'
import { getDb } from '../../../db'
import { describeMastodonError } from './errors'

/** The failure of a Mastodon row in the person's words (Mastodon's own text kept where it says something). */
export function MastodonRowError({ error }: { error: NonNullable<Publication['error']> }) {
  const { t } = useTranslation('mastodon')
  return <span className="field-error">{describeMastodonError(t, error)}</span>
}

export function MastodonRowActions({ publication, where }: { publication: Publication; where: string }) {
  const { t } = useTranslation('mastodon')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const held = publication.status === 'scheduled' && publication.handling === 'server'
  if (!held) return null
  const cancel = async () => {
    setBusy(true)
    setProblem(null)
    try {
      const { cancelMastodonPublication } = await import('./publish')
      const result = await cancelMastodonPublication(getDb(), publication.id)
      if (!result.ok) setProblem(describeMastodonError(t, result.error))
      setConfirming(false)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      {confirming ? (
        <span className="pub-account-actions" role="group" aria-label={t('ledger.cancelQuestion')}>
          <span className="hint">{t('ledger.cancelQuestion')}</span>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void cancel()}>
            {t('ledger.cancelConfirm')}
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t('ledger.keep')}
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-ghost" aria-label={t('ledger.cancelLabel', { where })} onClick={() => setConfirming(true)}>
          {t('ledger.cancel')}
        </button>
      )}
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  )
}

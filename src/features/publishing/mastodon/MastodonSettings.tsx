// Settings › Publishing › Mastodon: the accounts main keeps (never their tokens), adding one (main checks the token
// with verify_credentials and reads the server's limits before storing it), checking one again (limits refreshed),
// removing one after confirmation. Each typed error has its own sentence, on its field, focused.
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { MastodonAccount } from '../../../core/ipc/mastodonTypes'
import { getApi } from '../../../lib/api'
import { errorOf, unwrap } from '../errors'
import { mastodonHandle, reloadMastodonAccounts, useMastodonAccounts } from './accounts'
import { describeMastodonError } from './errors'
import { AccountFormFooter, AccountsSection } from '../AccountSettingsParts'

type Field = 'instance' | 'token'

function fieldOf(code: string): Field | null {
  switch (code) {
    case 'insecure-url':
    case 'unsupported-url':
    case 'not-mastodon':
    case 'network':
    case 'offline':
    case 'timeout':
      return 'instance'
    case 'auth':
    case 'permission-denied':
      return 'token'
    default:
      return null
  }
}

function AccountRow({ account, onRemoved }: { account: MastodonAccount; onRemoved(): void }) {
  const { t, i18n } = useTranslation('mastodon')
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const handle = mastodonHandle(account)
  const recheck = async () => {
    setBusy(true)
    try {
      const fresh = await unwrap(getApi().mastodonAccountVerify({ id: account.id }))
      await reloadMastodonAccounts()
      setMessage({ error: false, text: t('accounts.checked', { handle, characters: fresh.limits.maxCharacters.toLocaleString(i18n.language) }) })
    } catch (failure) {
      setMessage({ error: true, text: describeMastodonError(t, errorOf(failure)) })
    } finally {
      setBusy(false)
    }
  }
  const remove = async () => {
    try {
      await unwrap(getApi().mastodonAccountRemove({ id: account.id }))
      await reloadMastodonAccounts()
      onRemoved()
    } catch (failure) {
      setMessage({ error: true, text: describeMastodonError(t, errorOf(failure)) })
    }
  }
  return (
    <li className="pub-account">
      <div className="pub-account-text">
        <span className="pub-account-name">{account.displayName ? `${account.displayName} (${handle})` : handle}</span>
        <span className="hint">
          {t('accounts.limits', { characters: account.limits.maxCharacters.toLocaleString(i18n.language), media: account.limits.maxMediaAttachments })}
          {account.secretProtection !== 'os' && ` · ${t('accounts.weakStorage')}`}
        </span>
        {message && (
          <span className={message.error ? 'field-error' : 'hint'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </span>
        )}
      </div>
      {confirming ? (
        <span className="pub-account-actions" role="group" aria-label={t('accounts.removeQuestion', { handle })}>
          <span className="hint">{t('accounts.removeQuestion', { handle })}</span>
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            {t('accounts.removeConfirm')}
          </button>
          <button type="button" className="btn" data-autofocus onClick={() => setConfirming(false)}>
            {t('accounts.keep')}
          </button>
        </span>
      ) : (
        <span className="pub-account-actions">
          <button type="button" className="btn" disabled={busy} aria-label={t('accounts.recheckLabel', { handle })} onClick={() => void recheck()}>
            {t('accounts.recheck')}
          </button>
          <button type="button" className="btn" aria-label={t('accounts.removeLabel', { handle })} onClick={() => setConfirming(true)}>
            {t('accounts.remove')}
          </button>
        </span>
      )}
    </li>
  )
}

function AddAccountForm({ onDone }: { onDone(account: MastodonAccount | null): void }) {
  const { t } = useTranslation('mastodon')
  const ids = { instance: useId(), token: useId(), error: useId(), tokenHint: useId(), title: useId() }
  const [instance, setInstance] = useState('')
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field: Field | null; message: string } | null>(null)
  const [askInsecure, setAskInsecure] = useState(false)
  const refs = { instance: useRef<HTMLInputElement>(null), token: useRef<HTMLInputElement>(null) }
  const errorRef = useRef<HTMLDivElement>(null)

  const showError = (field: Field | null, message: string) => {
    setError({ field, message })
    requestAnimationFrame(() => (field ? refs[field].current : errorRef.current)?.focus())
  }

  const save = async (allowInsecureStorage: boolean) => {
    if (!instance.trim()) return showError('instance', t('form.instanceMissing'))
    if (!token.trim()) return showError('token', t('form.tokenMissing'))
    setBusy(true)
    setError(null)
    setAskInsecure(false)
    try {
      const account = await unwrap(getApi().mastodonAccountSave({ instanceUrl: instance.trim(), accessToken: token.trim(), ...(allowInsecureStorage ? { allowInsecureStorage } : {}) }))
      setToken('')
      await reloadMastodonAccounts()
      onDone(account)
    } catch (failure) {
      const ipcError = errorOf(failure)
      if (ipcError.code === 'insecure-storage') {
        setAskInsecure(true)
        requestAnimationFrame(() => errorRef.current?.focus())
      } else {
        showError(fieldOf(ipcError.code), describeMastodonError(t, ipcError))
      }
    } finally {
      setBusy(false)
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!busy) void save(false)
  }
  const describedBy = (field: Field, hint?: string) => [hint, error?.field === field ? ids.error : undefined].filter(Boolean).join(' ') || undefined

  return (
    <form className="pub-form" aria-labelledby={ids.title} onSubmit={submit} noValidate>
      <h4 className="settings-label" id={ids.title}>
        {t('form.title')}
      </h4>
      <label htmlFor={ids.instance}>{t('form.instance')}</label>
      <input
        id={ids.instance}
        ref={refs.instance}
        className="input"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://mastodon.social"
        value={instance}
        autoFocus
        aria-invalid={error?.field === 'instance' || undefined}
        aria-describedby={describedBy('instance')}
        onChange={(e) => setInstance(e.target.value)}
      />
      <label htmlFor={ids.token}>{t('form.token')}</label>
      <input
        id={ids.token}
        ref={refs.token}
        className="input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        aria-invalid={error?.field === 'token' || undefined}
        aria-describedby={describedBy('token', ids.tokenHint)}
        onChange={(e) => setToken(e.target.value)}
      />
      <p id={ids.tokenHint} className="hint pub-form-hint">
        {t('form.tokenHint')}
      </p>
      <AccountFormFooter
        namespace="mastodon"
        error={error}
        errorId={ids.error}
        errorRef={errorRef}
        askInsecure={askInsecure}
        busy={busy}
        onStoreAnyway={() => void save(true)}
        onCancel={() => onDone(null)}
      />
    </form>
  )
}

export function MastodonSettings() {
  const { t } = useTranslation('mastodon')
  const { accounts, status } = useMastodonAccounts()
  return (
    <AccountsSection
      namespace="mastodon"
      accounts={accounts}
      status={status}
      noneText={t('settings.none')}
      removedText={(account) => t('accounts.removed', { handle: mastodonHandle(account) })}
      addedText={(account) => t('accounts.added', { handle: mastodonHandle(account) })}
      renderRow={(account, onRemoved) => <AccountRow key={account.id} account={account} onRemoved={onRemoved} />}
      renderForm={(onDone) => <AddAccountForm onDone={onDone} />}
    />
  )
}

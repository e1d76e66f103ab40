// Settings › Publishing: the WordPress accounts main keeps, adding one (verified against the site before it is
// stored) and removing one. Passwords never come back from main; this form holds one only while it is typed.
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PublishingAccount } from '../../core/ipc/publishing'
import type { IpcError } from '../../core/ipc/result'
import { getApi } from '../../lib/api'
import { accountLabel, reloadAccounts, useAccounts } from './accounts'
import { describePublishingError, errorOf, unwrap } from './errors'
import './publishing.css'
import { MastodonSettings } from './mastodon/MastodonSettings'
import { AccountFormFooter, AccountsSection } from './AccountSettingsParts'

type Field = 'site' | 'username' | 'password'

/** Which field an error is about, so it is marked invalid, described by the message and focused. */
function fieldOf(error: IpcError): Field | null {
  switch (error.code) {
    case 'insecure-url':
    case 'no-rest-api':
    case 'unsupported-url':
    case 'network':
    case 'offline':
    case 'timeout':
      return 'site'
    case 'auth':
      return 'password'
    default:
      return null
  }
}

function AccountRow({ account, onRemoved }: { account: PublishingAccount; onRemoved(): void }) {
  const { t } = useTranslation('publishing')
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const label = accountLabel(account)
  const remove = async () => {
    try {
      await unwrap(getApi().publishingAccountRemove({ id: account.id }))
      await reloadAccounts()
      onRemoved()
    } catch (failure) {
      setError(describePublishingError(t, errorOf(failure)))
    }
  }
  return (
    <li className="pub-account">
      <div className="pub-account-text">
        <span className="pub-account-name">{label}</span>
        <span className="hint">
          {t('accounts.as', { user: account.displayName || account.username })}
          {!account.canPublish && ` · ${t('accounts.draftsOnly')}`}
          {account.secretProtection !== 'os' && ` · ${t('accounts.weakStorage')}`}
        </span>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      {confirming ? (
        <span className="pub-account-actions" role="group" aria-label={t('accounts.removeQuestion', { site: label })}>
          <span className="hint">{t('accounts.removeQuestion', { site: label })}</span>
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            {t('accounts.removeConfirm')}
          </button>
          <button type="button" className="btn" data-autofocus onClick={() => setConfirming(false)}>
            {t('accounts.keep')}
          </button>
        </span>
      ) : (
        <button type="button" className="btn" aria-label={t('accounts.removeLabel', { site: label })} onClick={() => setConfirming(true)}>
          {t('accounts.remove')}
        </button>
      )}
    </li>
  )
}

function AddAccountForm({ onDone }: { onDone(account: PublishingAccount | null): void }) {
  const { t } = useTranslation('publishing')
  const ids = { site: useId(), username: useId(), password: useId(), error: useId(), passwordHint: useId(), title: useId() }
  const [site, setSite] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field: Field | null; message: string } | null>(null)
  const [askInsecure, setAskInsecure] = useState(false)
  const refs = { site: useRef<HTMLInputElement>(null), username: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) }
  const errorRef = useRef<HTMLDivElement>(null)

  const showError = (field: Field | null, message: string) => {
    setError({ field, message })
    // After the render that shows the message, so the field is announced with its description.
    requestAnimationFrame(() => (field ? refs[field].current : errorRef.current)?.focus())
  }

  const save = async (allowInsecureStorage: boolean) => {
    if (!site.trim()) return showError('site', t('form.siteMissing'))
    if (!username.trim()) return showError('username', t('form.usernameMissing'))
    if (!password.trim()) return showError('password', t('form.passwordMissing'))
    setBusy(true)
    setError(null)
    setAskInsecure(false)
    try {
      const account = await unwrap(
        getApi().publishingAccountSave({ kind: 'wordpress', siteUrl: site.trim(), username: username.trim(), applicationPassword: password, ...(allowInsecureStorage ? { allowInsecureStorage } : {}) }),
      )
      setPassword('')
      await reloadAccounts()
      onDone(account)
    } catch (failure) {
      const ipcError = errorOf(failure)
      if (ipcError.code === 'insecure-storage') {
        setAskInsecure(true)
        requestAnimationFrame(() => errorRef.current?.focus())
      } else {
        showError(fieldOf(ipcError), describePublishingError(t, ipcError))
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
      <label htmlFor={ids.site}>{t('form.site')}</label>
      <input
        id={ids.site}
        ref={refs.site}
        className="input"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://example.org"
        value={site}
        autoFocus
        aria-invalid={error?.field === 'site' || undefined}
        aria-describedby={describedBy('site')}
        onChange={(e) => setSite(e.target.value)}
      />
      <label htmlFor={ids.username}>{t('form.username')}</label>
      <input
        id={ids.username}
        ref={refs.username}
        className="input"
        autoComplete="username"
        value={username}
        aria-invalid={error?.field === 'username' || undefined}
        aria-describedby={describedBy('username')}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label htmlFor={ids.password}>{t('form.password')}</label>
      <input
        id={ids.password}
        ref={refs.password}
        className="input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={password}
        aria-invalid={error?.field === 'password' || undefined}
        aria-describedby={describedBy('password', ids.passwordHint)}
        onChange={(e) => setPassword(e.target.value)}
      />
      <p id={ids.passwordHint} className="hint pub-form-hint">
        {t('form.passwordHint')}
      </p>
      <AccountFormFooter
        namespace="publishing"
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

export function PublishingSettings() {
  const { t } = useTranslation('publishing')
  const { accounts, status } = useAccounts()
  return (
    <>
      <AccountsSection
        namespace="publishing"
        accounts={accounts}
        status={status}
        noneText={t('accounts.none')}
        removedText={(account) => t('accounts.removed', { site: accountLabel(account) })}
        addedText={(account) => t('accounts.added', { site: accountLabel(account) })}
        renderRow={(account, onRemoved) => <AccountRow key={account.id} account={account} onRemoved={onRemoved} />}
        renderForm={(onDone) => <AddAccountForm onDone={onDone} />}
      />
      {/* Mastodon accounts: their own section, right after the WordPress ones. */}
      <MastodonSettings />
    </>
  )
}

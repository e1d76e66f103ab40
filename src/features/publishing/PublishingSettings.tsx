// Settings › Publishing: the WordPress accounts main keeps, adding one (verified against the site before it is
// stored) and removing one. Passwords never come back from main; this form holds one only while it is typed.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PublishingAccount } from '../../core/ipc/publishing'
import type { IpcError } from '../../core/ipc/result'
import { getApi } from '../../lib/api'
import { accountLabel, reloadAccounts, useAccounts } from './accounts'
import { describePublishingError, errorOf, unwrap } from './errors'
import './publishing.css'
import { MastodonSettings } from './mastodon/MastodonSettings'
import { AccountField, AccountFormFooter, AccountsSection, RemoveConfirmation, useAccountForm } from './AccountSettingsParts'

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
        <RemoveConfirmation namespace="publishing" question={t('accounts.removeQuestion', { site: label })} onRemove={() => void remove()} onKeep={() => setConfirming(false)} />
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
  const [site, setSite] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const form = useAccountForm<Field>({
    required: [
      ['site', site, t('form.siteMissing')],
      ['username', username, t('form.usernameMissing')],
      ['password', password, t('form.passwordMissing')],
    ],
    fieldOf,
    describe: (error) => describePublishingError(t, error),
    attempt: async (allowInsecureStorage) => {
      const account = await unwrap(
        getApi().publishingAccountSave({ kind: 'wordpress', siteUrl: site.trim(), username: username.trim(), applicationPassword: password, ...(allowInsecureStorage ? { allowInsecureStorage } : {}) }),
      )
      setPassword('')
      await reloadAccounts()
      onDone(account)
    },
  })

  return (
    <form className="pub-form" aria-labelledby={form.titleId} onSubmit={form.submit} noValidate>
      <h4 className="settings-label" id={form.titleId}>
        {t('form.title')}
      </h4>
      <AccountField
        form={form}
        field="site"
        label={t('form.site')}
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://example.org"
        value={site}
        autoFocus
        onChange={(e) => setSite(e.target.value)}
      />
      <AccountField form={form} field="username" label={t('form.username')} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      <AccountField
        form={form}
        field="password"
        label={t('form.password')}
        hint={t('form.passwordHint')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <AccountFormFooter namespace="publishing" form={form} onCancel={() => onDone(null)} />
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

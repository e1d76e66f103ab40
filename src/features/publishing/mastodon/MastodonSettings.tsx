// Settings › Publishing › Mastodon: the accounts main keeps (never their tokens), adding one (main checks the token
// with verify_credentials and reads the server's limits before storing it), checking one again (limits refreshed),
// removing one after confirmation. Each typed error has its own sentence, on its field, focused.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MastodonAccount } from '../../../core/ipc/mastodonTypes'
import type { IpcError } from '../../../core/ipc/result'
import { getApi } from '../../../lib/api'
import { errorOf, unwrap } from '../errors'
import { mastodonHandle, reloadMastodonAccounts, useMastodonAccounts } from './accounts'
import { describeMastodonError } from './errors'
import { AccountField, AccountFormFooter, AccountsSection, RemoveConfirmation, useAccountForm } from '../AccountSettingsParts'

type Field = 'instance' | 'token'

function fieldOf(error: IpcError): Field | null {
  switch (error.code) {
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
        <RemoveConfirmation namespace="mastodon" question={t('accounts.removeQuestion', { handle })} onRemove={() => void remove()} onKeep={() => setConfirming(false)} />
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
  const [instance, setInstance] = useState('')
  const [token, setToken] = useState('')
  const form = useAccountForm<Field>({
    required: [
      ['instance', instance, t('form.instanceMissing')],
      ['token', token, t('form.tokenMissing')],
    ],
    fieldOf,
    describe: (error) => describeMastodonError(t, error),
    attempt: async (allowInsecureStorage) => {
      const account = await unwrap(getApi().mastodonAccountSave({ instanceUrl: instance.trim(), accessToken: token.trim(), ...(allowInsecureStorage ? { allowInsecureStorage } : {}) }))
      setToken('')
      await reloadMastodonAccounts()
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
        field="instance"
        label={t('form.instance')}
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://mastodon.social"
        value={instance}
        autoFocus
        onChange={(e) => setInstance(e.target.value)}
      />
      <AccountField
        form={form}
        field="token"
        label={t('form.token')}
        hint={t('form.tokenHint')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <AccountFormFooter namespace="mastodon" form={form} onCancel={() => onDone(null)} />
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

// What Settings › Publishing shows the same way for every platform's accounts (WordPress, Mastodon): the section
// with its list, "none yet", the add form's place and what is announced; and the bottom of an add form (its
// error, the question when the system keychain is unavailable, Save/Cancel). Each platform keeps its own rows
// and fields; the texts come from the platform's namespace, which uses the same keys.
import { Fragment, useId, useRef, useState, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'

type Namespace = 'publishing' | 'mastodon'

export interface AccountFormFooterProps {
  namespace: Namespace
  error: { message: string } | null
  errorId: string
  /** Focused when an error or the keychain question appears. */
  errorRef: RefObject<HTMLDivElement | null>
  askInsecure: boolean
  busy: boolean
  onStoreAnyway(): void
  onCancel(): void
}

export function AccountFormFooter({ namespace, error, errorId, errorRef, askInsecure, busy, onStoreAnyway, onCancel }: AccountFormFooterProps) {
  const { t } = useTranslation(namespace)
  return (
    <>
      {error && (
        <div id={errorId} ref={errorRef} tabIndex={-1} className="field-error" role="alert">
          {error.message}
        </div>
      )}
      {askInsecure && (
        <div ref={errorRef} tabIndex={-1} className="pub-warning" role="alert">
          <p>{t('form.insecureQuestion')}</p>
          <div className="pub-form-actions">
            <button type="button" className="btn btn-danger" onClick={onStoreAnyway} disabled={busy}>
              {t('form.storeAnyway')}
            </button>
            <button type="button" className="btn" onClick={onCancel}>
              {t('form.cancel')}
            </button>
          </div>
        </div>
      )}
      <div className="pub-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('form.checking') : t('form.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <span className="hint" aria-live="polite">
          {busy ? t('form.checkingLong') : ''}
        </span>
      </div>
    </>
  )
}

export interface AccountsSectionProps<Account extends { id: string }> {
  namespace: Namespace
  accounts: Account[]
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** The sentence shown when the list is loaded and empty. */
  noneText: string
  /** What a screen reader hears after a removal or an addition. */
  removedText(account: Account): string
  addedText(account: Account): string
  /** The account's list item (an <li>). */
  renderRow(account: Account, onRemoved: () => void): ReactNode
  renderForm(onDone: (account: Account | null) => void): ReactNode
}

export function AccountsSection<Account extends { id: string }>(props: AccountsSectionProps<Account>) {
  const { namespace, accounts, status } = props
  const { t } = useTranslation(namespace)
  const [adding, setAdding] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const addRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  // After the render that brings the Add button back.
  const focusAdd = () => requestAnimationFrame(() => addRef.current?.focus())

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <h3 className="settings-label" id={titleId}>
        {t('settings.title')}
      </h3>
      <p className="settings-text">{t('settings.explanation')}</p>
      {status === 'failed' && (
        <p className="field-error" role="alert">
          {t('settings.loadFailed')}
        </p>
      )}
      {accounts.length > 0 ? (
        <ul className="pub-accounts" aria-label={t('accounts.listLabel')}>
          {accounts.map((account) => (
            <Fragment key={account.id}>
              {props.renderRow(account, () => {
                setAnnouncement(props.removedText(account))
                focusAdd()
              })}
            </Fragment>
          ))}
        </ul>
      ) : (
        status === 'ready' && <p className="hint">{props.noneText}</p>
      )}
      {adding ? (
        props.renderForm((account) => {
          setAdding(false)
          if (account) setAnnouncement(props.addedText(account))
          focusAdd()
        })
      ) : (
        <div>
          <button type="button" ref={addRef} className="btn" onClick={() => setAdding(true)}>
            {t('settings.add')}
          </button>
        </div>
      )}
      <p className="hint" role="status">
        {announcement}
      </p>
    </section>
  )
}

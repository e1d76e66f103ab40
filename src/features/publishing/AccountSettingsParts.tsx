// What Settings › Publishing shows the same way for every platform's accounts (WordPress, Mastodon): the section
// with its list, "none yet", the add form's place and what is announced; and the bottom of an add form (its
// error, the question when the system keychain is unavailable, Save/Cancel). Each platform keeps its own rows
// and fields; the texts come from the platform's namespace, which uses the same keys. Also the add form's state
// (useAccountForm: required fields, busy, a typed error on its field, the keychain question), its labelled inputs
// and a row's "remove?" confirmation, which both platforms' forms had written out twice.
import { Fragment, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { IpcError } from '../../core/ipc/result'
import { errorOf } from './errors'

type Namespace = 'publishing' | 'mastodon'

export interface AccountFormFooterProps {
  namespace: Namespace
  form: Pick<AccountForm<string>, 'error' | 'errorId' | 'errorRef' | 'askInsecure' | 'busy' | 'save'>
  onCancel(): void
}

/** The bottom of an add form: its error, the question when the system keychain is unavailable, Save/Cancel. */
export function AccountFormFooter({ namespace, form, onCancel }: AccountFormFooterProps) {
  const { t } = useTranslation(namespace)
  const { error, errorId, errorRef, askInsecure, busy } = form
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
            <button type="button" className="btn btn-danger" onClick={() => void form.save(true)} disabled={busy}>
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

export interface AccountFormOptions<Field extends string> {
  /** The fields that must not be blank, in the order they are checked: the field, its value, the sentence saying so. */
  required: ReadonlyArray<readonly [Field, string, string]>
  /** Which field main's typed error is about (marked invalid, described by the message, focused); null: the form's. */
  fieldOf(error: IpcError): Field | null
  describe(error: IpcError): string
  /** Stores the account (main verifies it first); throws a PublishingFailure when main refuses it. */
  attempt(allowInsecureStorage: boolean): Promise<void>
}

export interface AccountForm<Field extends string> {
  error: { field: Field | null; message: string } | null
  busy: boolean
  askInsecure: boolean
  titleId: string
  errorId: string
  errorRef: RefObject<HTMLDivElement | null>
  idOf(field: Field): string
  hintIdOf(field: Field): string
  /** The element for a field's input (its ref callback). */
  bind(field: Field): (element: HTMLInputElement | null) => void
  save(allowInsecureStorage: boolean): Promise<void>
  submit(event: FormEvent): void
}

/**
 * An add-account form's state. A blank required field, or main's typed error, is shown on its field and focused;
 * main's 'insecure-storage' answer (no system keychain) becomes the question whether to store the secret anyway.
 */
export function useAccountForm<Field extends string>(options: AccountFormOptions<Field>): AccountForm<Field> {
  const base = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field: Field | null; message: string } | null>(null)
  const [askInsecure, setAskInsecure] = useState(false)
  const inputs = useRef(new Map<Field, HTMLInputElement | null>())
  const errorRef = useRef<HTMLDivElement>(null)

  const showError = (field: Field | null, message: string) => {
    setError({ field, message })
    // After the render that shows the message, so the field is announced with its description.
    requestAnimationFrame(() => (field ? inputs.current.get(field) : errorRef.current)?.focus())
  }

  const save = async (allowInsecureStorage: boolean) => {
    const blank = options.required.find(([, value]) => !value.trim())
    if (blank) return showError(blank[0], blank[2])
    setBusy(true)
    setError(null)
    setAskInsecure(false)
    try {
      await options.attempt(allowInsecureStorage)
    } catch (failure) {
      const ipcError = errorOf(failure)
      if (ipcError.code === 'insecure-storage') {
        setAskInsecure(true)
        requestAnimationFrame(() => errorRef.current?.focus())
      } else {
        showError(options.fieldOf(ipcError), options.describe(ipcError))
      }
    } finally {
      setBusy(false)
    }
  }

  return {
    error,
    busy,
    askInsecure,
    titleId: `${base}-title`,
    errorId: `${base}-error`,
    errorRef,
    idOf: (field) => `${base}-${field}`,
    hintIdOf: (field) => `${base}-${field}-hint`,
    bind: (field) => (element) => void inputs.current.set(field, element),
    save,
    submit: (event) => {
      event.preventDefault()
      if (!busy) void save(false)
    },
  }
}

export interface AccountFieldProps<Field extends string> extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'form'> {
  form: AccountForm<Field>
  field: Field
  label: string
  /** A sentence under the input, read as part of its description. */
  hint?: string
}

/** A labelled input of an add-account form, described by its hint and, when the error is about it, the error. */
export function AccountField<Field extends string>({ form, field, label, hint, ...input }: AccountFieldProps<Field>) {
  const invalid = form.error?.field === field
  const describedBy = [hint ? form.hintIdOf(field) : undefined, invalid ? form.errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <>
      <label htmlFor={form.idOf(field)}>{label}</label>
      <input id={form.idOf(field)} ref={form.bind(field)} className="input" aria-invalid={invalid || undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <p id={form.hintIdOf(field)} className="hint pub-form-hint">
          {hint}
        </p>
      )}
    </>
  )
}

export interface RemoveConfirmationProps {
  namespace: Namespace
  /** "Remove … from Baluchon?": the group's name and its visible text. */
  question: string
  onRemove(): void
  onKeep(): void
}

/** An account row's question before removing it: remove, or keep it. */
export function RemoveConfirmation({ namespace, question, onRemove, onKeep }: RemoveConfirmationProps) {
  const { t } = useTranslation(namespace)
  return (
    <span className="pub-account-actions" role="group" aria-label={question}>
      <span className="hint">{question}</span>
      <button type="button" className="btn btn-danger" onClick={onRemove}>
        {t('accounts.removeConfirm')}
      </button>
      <button type="button" className="btn" data-autofocus onClick={onKeep}>
        {t('accounts.keep')}
      </button>
    </span>
  )
}

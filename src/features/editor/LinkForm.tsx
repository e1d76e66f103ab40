// Adds, changes or removes the link at the selection (Mod-K or the toolbar). Electron has no
// window.prompt, and a form can explain why an address is refused.
import type { Editor } from '@tiptap/core'
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { getApi } from '../../lib/api'
import { isExternalLinkHref, normalizeTypedHref } from './linkRules'
import { isMacPlatform } from './shortcuts'

interface LinkFormProps {
  editor: Editor
  onClose: () => void
}

export function LinkForm({ editor, onClose }: LinkFormProps) {
  const { t } = useTranslation('editor')
  const [initialHref] = useState(() => (editor.getAttributes('link').href as string | undefined) ?? '')
  const [value, setValue] = useState(initialHref)
  const [invalid, setInvalid] = useState(false)
  const inputId = useId()
  const errorId = useId()
  const inputRef = useRef<HTMLInputElement>(null)

  const close = (): void => {
    onClose()
    editor.commands.focus()
  }

  const apply = (event: FormEvent): void => {
    event.preventDefault()
    const href = normalizeTypedHref(value)
    if (!href) {
      setInvalid(true)
      inputRef.current?.focus()
      return
    }
    const { empty } = editor.state.selection
    if (empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the link text.
      const text = href.replace(/^mailto:/i, '')
      editor.chain().focus().insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).run()
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
    }
    onClose()
  }

  const remove = (): void => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    }
  }

  return (
    <form className="be-linkform" role="group" aria-label={t('link.form')} onSubmit={apply} onKeyDown={onKeyDown}>
      <label htmlFor={inputId}>{t('link.address')}</label>
      <input
        id={inputId}
        ref={inputRef}
        type="text"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        value={value}
        placeholder={t('link.addressPlaceholder')}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(e) => {
          setValue(e.target.value)
          setInvalid(false)
        }}
      />
      <button type="submit" className="be-button be-button--primary">
        {t('link.apply')}
      </button>
      {initialHref && (
        <button type="button" className="be-button" onClick={remove}>
          {t('link.remove')}
        </button>
      )}
      {initialHref && isExternalLinkHref(initialHref) && (
        <button type="button" className="be-button" onClick={() => void getApi().openExternal({ url: initialHref })}>
          {t('link.open')}
        </button>
      )}
      <button type="button" className="be-button" onClick={close}>
        {t('link.cancel')}
      </button>
      {invalid ? (
        <p id={errorId} className="be-linkform-error" role="alert">
          {t('link.invalid')}
        </p>
      ) : (
        <p className="be-linkform-hint">{t(isMacPlatform() ? 'link.hintMac' : 'link.hint')}</p>
      )}
    </form>
  )
}

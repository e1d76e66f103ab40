// "Add link": saves the URL at once (details are fetched in the background), or opens the link if it is saved already.
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { useToast } from '../../app/ui/Toasts'
import { normalizeLinkUrl } from '../../core/url'
import { getDb } from '../../db'
import { addLink } from '../items/repository'
import { linkQueue } from './queue'

export function AddLinkDialog({ open, onOpenChange, onAdded }: { open: boolean; onOpenChange(open: boolean): void; onAdded(id: string): void }) {
  const { t } = useTranslation('links')
  const toast = useToast()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const inputId = useId()
  const errorId = useId()

  const close = (next: boolean) => {
    if (!next) {
      setText('')
      setError(null)
    }
    onOpenChange(next)
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const url = normalizeLinkUrl(text)
    if (!url) {
      setError(text.trim() ? t('add.invalid') : t('add.empty'))
      return
    }
    setBusy(true)
    try {
      const { link, created } = await addLink(getDb(), url)
      if (created) linkQueue().enqueue(link.id)
      else toast({ message: t('add.exists') })
      close(false)
      onAdded(link.id)
    } catch {
      setError(t('common:errors.save-failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open={open} onOpenChange={close} title={t('add.title')} description={t('add.description')}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <label htmlFor={inputId} className="field-label">
          {t('add.label')}
        </label>
        <input
          id={inputId}
          className="input"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setText(e.target.value)
            setError(null)
          }}
        />
        {error && (
          <div id={errorId} className="field-error" role="alert">
            {error}
          </div>
        )}
        <div className="dialog-footer dialog-footer-flush">
          <button type="button" className="btn" onClick={() => close(false)}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('add.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

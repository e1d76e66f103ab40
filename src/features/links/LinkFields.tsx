// A link's own fields: its address (opened in the OS browser), site, description, read state, and how
// fetching its page details went.
import { Check, RefreshCw } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useToast } from '../../app/ui/Toasts'
import { normalizeLinkUrl } from '../../core/url'
import { getDb } from '../../db'
import { findLinkByUrl, markLinkFetch, type StoredLink } from '../items/repository'
import { OpenUrlButton } from '../library/fields/OpenUrlButton'
import { saveFields } from '../library/fields/save'
import { TextField } from '../library/fields/TextField'
import { fetchErrorMessage } from './fetchErrors'
import { linkQueue } from './queue'
import './links.css'

export function LinkFields({ item }: { item: StoredLink }) {
  const { t } = useTranslation('links')
  const toast = useToast()
  const refresh = async () => {
    await markLinkFetch(getDb(), item.id, 'pending', null)
    linkQueue().enqueue(item.id, { reset: true })
  }
  const saveUrl = async (raw: string) => {
    const url = normalizeLinkUrl(raw)
    if (!url || url === item.url) return
    const other = await findLinkByUrl(getDb(), url)
    if (other && other.id !== item.id) {
      toast({ tone: 'error', message: t('add.duplicate') })
      return
    }
    await saveFields(item.id, { url })
    await refresh()
  }

  return (
    <div className="fields-grid">
      <TextField
        className="field-wide"
        label={t('fields.url')}
        type="url"
        value={item.url}
        validate={(v) => (normalizeLinkUrl(v) ? null : t('add.invalid'))}
        onSave={saveUrl}
        trailing={<OpenUrlButton url={item.url} label={t('open')} />}
      />
      <TextField label={t('fields.siteName')} value={item.siteName} onSave={(v) => saveFields(item.id, { siteName: v })} />
      <div className="field link-read">
        <span className="field-label" aria-hidden>
          &nbsp;
        </span>
        <label className="checkbox">
          <input type="checkbox" checked={item.read} onChange={(e) => void saveFields(item.id, { read: e.target.checked })} />
          {t('fields.read')}
        </label>
      </div>
      <TextField className="field-wide" label={t('fields.description')} value={item.description} multiline rows={2} onSave={(v) => saveFields(item.id, { description: v })} />
      <div className="field-wide link-fetch" role="status">
        {item.fetchState === 'pending' && (
          <span className="hint">{item.fetchError?.code === 'offline' || !navigator.onLine ? t('fetch.offline') : t('fetch.pending')}</span>
        )}
        {item.fetchState === 'failed' && (
          <span className="link-fetch-error">{t('fetch.failed', { reason: item.fetchError ? fetchErrorMessage(t, item.fetchError) : '' })}</span>
        )}
        {item.fetchState === 'done' && (
          <span className="hint link-fetch-done">
            <Check size={13} aria-hidden /> {t('fetch.done')}
          </span>
        )}
        <button type="button" className="btn" onClick={() => void refresh()}>
          <RefreshCw size={13} aria-hidden />
          {item.fetchState === 'failed' ? t('fetch.retry') : t('fetch.refresh')}
        </button>
      </div>
    </div>
  )
}

import { RotateCcw } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { PostItem } from '../../../core/items'
import { cleanSlug, slugify } from '../../../core/slug'
import { getDb } from '../../../db'
import { resetSlugToTitle, setSlug } from '../../items/repository'
import { OpenUrlButton } from './OpenUrlButton'
import { saveFields } from './save'
import { StatusSelect } from './StatusSelect'
import { TextField } from './TextField'
import { urlProblem } from './urlProblem'

export function PostFields({ item }: { item: PostItem }) {
  const { t } = useTranslation('library')
  const followsTitle = !item.slugLocked
  return (
    <div className="fields-grid">
      <StatusSelect item={item} />
      <TextField
        label={t('fields.slug')}
        value={item.slug}
        placeholder={slugify(item.title) || t('fields.slugPlaceholder')}
        onSave={(v) => setSlug(getDb(), item.id, cleanSlug(v))}
        trailing={
          <button
            type="button"
            className="btn btn-icon"
            aria-label={t('fields.slugReset')}
            title={t('fields.slugReset')}
            disabled={followsTitle}
            onClick={() => void resetSlugToTitle(getDb(), item.id)}
          >
            <RotateCcw size={14} aria-hidden />
          </button>
        }
      />
      <p className="hint field-wide slug-hint">{followsTitle ? t('fields.slugFollows') : t('fields.slugLocked')}</p>
      <TextField className="field-wide" label={t('fields.excerpt')} value={item.excerpt} multiline onSave={(v) => saveFields(item.id, { excerpt: v })} />
      <CanonicalUrl item={item} />
    </div>
  )
}

function CanonicalUrl({ item }: { item: PostItem }) {
  const { t } = useTranslation('library')
  return (
    <TextField
      className="field-wide"
      label={t('fields.canonicalUrl')}
      type="url"
      value={item.canonicalUrl}
      placeholder="https://"
      validate={(v) => urlProblem(v, t)}
      onSave={(v) => saveFields(item.id, { canonicalUrl: v.trim() })}
      trailing={<OpenUrlButton url={item.canonicalUrl} label={t('fields.open', { field: t('fields.canonicalUrl') })} />}
    />
  )
}

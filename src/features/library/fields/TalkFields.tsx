import { useTranslation } from 'react-i18next'
import type { TalkItem } from '../../../core/items'
import { OpenUrlButton } from './OpenUrlButton'
import { saveFields } from './save'
import { StatusSelect } from './StatusSelect'
import { TextField } from './TextField'
import { urlProblem } from './urlProblem'

export function TalkFields({ item }: { item: TalkItem }) {
  const { t } = useTranslation('library')
  const save = (patch: Partial<Pick<TalkItem, 'event' | 'date' | 'place' | 'abstract' | 'slidesUrl' | 'videoUrl'>>) => saveFields(item.id, patch)
  return (
    <div className="fields-grid">
      <StatusSelect item={item} />
      <TextField label={t('fields.event')} value={item.event} onSave={(v) => save({ event: v })} />
      <TextField label={t('fields.date')} type="date" value={item.date} onSave={(v) => save({ date: v })} />
      <TextField label={t('fields.place')} value={item.place} onSave={(v) => save({ place: v })} />
      <TextField className="field-wide" label={t('fields.abstract')} value={item.abstract} multiline rows={3} onSave={(v) => save({ abstract: v })} />
      <TextField
        label={t('fields.slidesUrl')}
        type="url"
        value={item.slidesUrl}
        placeholder="https://"
        validate={(v) => urlProblem(v, t)}
        onSave={(v) => save({ slidesUrl: v.trim() })}
        trailing={<OpenUrlButton url={item.slidesUrl} label={t('fields.open', { field: t('fields.slidesUrl') })} />}
      />
      <TextField
        label={t('fields.videoUrl')}
        type="url"
        value={item.videoUrl}
        placeholder="https://"
        validate={(v) => urlProblem(v, t)}
        onSave={(v) => save({ videoUrl: v.trim() })}
        trailing={<OpenUrlButton url={item.videoUrl} label={t('fields.open', { field: t('fields.videoUrl') })} />}
      />
    </div>
  )
}

// The watch list (client names, project code names), edited in the wizard and in Settings. Saved as soon as a word
// is added or removed; `onChange` lets the wizard check again with the new list.
import { X } from 'lucide-react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getDb } from '../../db'
import { saveWatchWords, useWatchWords } from './repository'

export function WatchWordsEditor({ onChange, headingLevel = 3 }: { onChange?: (words: string[]) => void; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('changingEmployer')
  const words = useWatchWords()
  const [draft, setDraft] = useState('')
  const inputId = useId()
  const titleId = useId()
  const Heading = headingLevel === 3 ? 'h3' : 'h4'

  const save = async (next: string[]) => {
    const saved = await saveWatchWords(getDb(), next)
    onChange?.(saved)
  }
  const add = () => {
    const word = draft.trim()
    if (!word || !words) return
    setDraft('')
    void save([...words, word])
  }

  return (
    <section className="leaving-watch" aria-labelledby={titleId}>
      <Heading className="settings-label" id={titleId}>
        {t('watch.title')}
      </Heading>
      <p className="settings-text hint">{t('watch.explanation')}</p>
      <form
        className="leaving-watch-add"
        onSubmit={(e) => {
          e.preventDefault()
          add()
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          {t('watch.label')}
        </label>
        <input id={inputId} className="input" value={draft} placeholder={t('watch.label')} maxLength={100} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn" disabled={!draft.trim() || !words}>
          {t('watch.add')}
        </button>
      </form>
      {words && words.length === 0 && <p className="hint">{t('watch.empty')}</p>}
      {words && words.length > 0 && (
        <ul className="leaving-watch-list" aria-label={t('watch.list')}>
          {words.map((word) => (
            <li key={word} className="leaving-chip">
              <span>{word}</span>
              <button
                type="button"
                className="btn btn-ghost btn-icon"
                aria-label={t('watch.remove', { word })}
                onClick={() => void save(words.filter((w) => w !== word))}
              >
                <X size={14} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

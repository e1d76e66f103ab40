// Tags as chips with an input that suggests existing tags. Enter or comma adds, Backspace on an empty
// input removes the last one; suggestions follow the combobox pattern (arrow keys, Enter, Escape).
import { useLiveQuery } from 'dexie-react-hooks'
import { X } from 'lucide-react'
import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { normalizeTag } from '../../../core/items'
import { foldText } from '../../../core/text'
import { getDb } from '../../../db'
import { tagCounts, type TagCount } from '../../items/queries'
import { useLibraryCounts, useSearchAnswers, useSearchFailed } from '../../search'
import { saveFields } from './save'

const MAX_SUGGESTIONS = 8

/**
 * Every tag with its count, only while the person is in the tags input. From the search worker's counts (counted in
 * memory, see search/counts.ts) once search answers; before that (a first build of the index) or if it failed, from
 * the database, which costs one index count per tag: opening an item (and every autosave, the query being live)
 * should not pay for that.
 */
function useTagSuggestionsSource(wanted: boolean): TagCount[] | undefined {
  const fromSearch = useLibraryCounts(wanted)
  const searchAnswers = useSearchAnswers()
  const failed = useSearchFailed()
  // While search answers, its counts come in a moment: no database count meanwhile.
  const fromDb = wanted && !fromSearch && (!searchAnswers || failed)
  const counted = useLiveQuery(() => (fromDb ? tagCounts(getDb()) : undefined), [fromDb])
  return fromSearch?.tags ?? counted
}

export function TagsEditor({ itemId, tags }: { itemId: string; tags: string[] }) {
  const { t } = useTranslation('library')
  const [text, setText] = useState('')
  const [active, setActive] = useState(-1)
  const [open, setOpen] = useState(false)
  const [focused, setFocused] = useState(false)
  // The editor stays mounted from one item to the next: what was being typed belongs to the previous one.
  const [shownFor, setShownFor] = useState(itemId)
  if (shownFor !== itemId) {
    setShownFor(itemId)
    setText('')
    setActive(-1)
    setOpen(false)
  }
  const allTags = useTagSuggestionsSource(focused || text !== '')
  const inputId = useId()
  const listId = useId()

  const suggestions = useMemo(() => {
    const needle = foldText(normalizeTag(text))
    if (!needle) return []
    const taken = new Set(tags.map((tag) => tag.toLocaleLowerCase()))
    return (allTags ?? [])
      .filter(({ tag }) => !taken.has(tag.toLocaleLowerCase()) && foldText(tag).includes(needle))
      .sort((a, b) => Number(foldText(b.tag).startsWith(needle)) - Number(foldText(a.tag).startsWith(needle)) || b.count - a.count)
      .slice(0, MAX_SUGGESTIONS)
      .map(({ tag }) => tag)
  }, [text, tags, allTags])
  const showList = open && suggestions.length > 0

  const save = (next: string[]) => saveFields(itemId, { tags: next })
  const add = (raw: string) => {
    const tag = normalizeTag(raw)
    setText('')
    setActive(-1)
    if (!tag || tags.some((x) => x.toLocaleLowerCase() === tag.toLocaleLowerCase())) return
    void save([...tags, tag])
  }
  const remove = (tag: string) => void save(tags.filter((x) => x !== tag))

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && suggestions.length) {
      e.preventDefault()
      setOpen(true)
      setActive((a) => (a + 1) % suggestions.length)
    } else if (e.key === 'ArrowUp' && suggestions.length) {
      e.preventDefault()
      setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1))
    } else if (e.key === 'Enter' || e.key === ',') {
      const chosen = showList && active >= 0 ? suggestions[active] : text
      if (chosen?.trim()) {
        e.preventDefault()
        add(chosen)
      } else if (e.key === ',') e.preventDefault()
    } else if (e.key === 'Backspace' && text === '' && tags.length > 0) {
      e.preventDefault()
      remove(tags[tags.length - 1]!)
    } else if (e.key === 'Escape' && showList) {
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
    }
  }

  return (
    <div className="field field-wide tags-editor">
      <label htmlFor={inputId} className="field-label">
        {t('fields.tags')}
      </label>
      <div className="tags-box">
        <ul className="tags-chips" aria-label={t('fields.currentTags')}>
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span>#{tag}</span>
              <button type="button" className="tag-chip-remove" aria-label={t('fields.removeTag', { tag })} onClick={() => remove(tag)}>
                <X size={12} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
        <div className="tags-input-wrap">
          <input
            id={inputId}
            className="tags-input"
            role="combobox"
            aria-expanded={showList}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
            placeholder={tags.length ? '' : t('fields.tagsPlaceholder')}
            value={text}
            onChange={(e) => {
              const value = e.target.value
              // A pasted "a, b, c" adds every complete tag at once.
              if (value.includes(',')) {
                const parts = value.split(',')
                const rest = parts.pop() ?? ''
                const fresh = parts.map(normalizeTag).filter(Boolean)
                if (fresh.length) void save([...tags, ...fresh])
                setText(rest)
              } else setText(value)
              setOpen(true)
              setActive(-1)
            }}
            onKeyDown={onKeyDown}
            onFocus={() => setFocused(true)}
            onBlur={() => {
              setFocused(false)
              setOpen(false)
              if (text.trim()) add(text)
            }}
          />
          <ul id={listId} role="listbox" className="tags-suggestions" hidden={!showList} aria-label={t('fields.tagSuggestions')}>
            {suggestions.map((tag, i) => (
              <li
                key={tag}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`tags-suggestion${i === active ? ' is-active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault()
                  add(tag)
                }}
              >
                #{tag}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}

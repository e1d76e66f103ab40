// Adds, changes or removes the link at the selection (Mod-K or the toolbar). Electron has no
// window.prompt, and a form can explain why an address is refused.
//
// The address field also finds items by title, as Obsidian's `[[` and Notion's `@` do: the items whose title
// matches what is typed are offered below it (full-text search, so accents and typos are forgiven), and
// picking one links to that item (`item:<id>`, src/core/itemLinks.ts). Arrows move through them, Enter picks
// the highlighted one, or applies the address when none is highlighted.
import type { Editor } from '@tiptap/core'
import { useLiveQuery } from 'dexie-react-hooks'
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { itemIdFromHref, itemLinkHref } from '../../core/itemLinks'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { useSearch, type SearchHit } from '../search'
import { isExternalLinkHref, normalizeTypedHref } from './linkRules'
import { isMacPlatform } from './shortcuts'

/** Items offered at most: a short list under the field, like a quick switcher's. */
const MAX_ITEM_CHOICES = 6

/** Text that is an address being typed (a scheme, an e-mail), not a title to look for. */
const ADDRESS_LIKE = /^[a-z][a-z0-9+.-]*:|@/i

interface LinkFormProps {
  editor: Editor
  onClose: () => void
  /** The item being edited: not offered as a link to itself. */
  itemId?: string | null
  /** Shows a linked item (the form's "Open" for a link to an item). */
  onOpenItem?: (id: string) => void
}

export function LinkForm({ editor, onClose, itemId = null, onOpenItem }: LinkFormProps) {
  const { t } = useTranslation('editor')
  const { t: tc } = useTranslation()
  const [initialHref] = useState(() => (editor.getAttributes('link').href as string | undefined) ?? '')
  const linkedId = itemIdFromHref(initialHref)
  // A link to an item shows that item's title, not its address; the field is then for another target.
  const [value, setValue] = useState(linkedId ? '' : initialHref)
  const [invalid, setInvalid] = useState(false)
  const [active, setActive] = useState(-1)
  const inputId = useId()
  const errorId = useId()
  const listId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const linked = useLiveQuery(async () => (linkedId ? ((await getDb().items.get(linkedId)) ?? null) : null), [linkedId])

  const needle = value.trim()
  const lookingForItem = needle !== '' && !ADDRESS_LIKE.test(needle)
  const search = useSearch(lookingForItem ? needle : '', {}, MAX_ITEM_CHOICES + 1)
  const choices = lookingForItem ? search.hits.filter((hit) => hit.id !== itemId).slice(0, MAX_ITEM_CHOICES) : []
  const activeChoice = active >= 0 && active < choices.length ? active : -1

  const close = (): void => {
    onClose()
    editor.commands.focus()
  }

  const setHref = (href: string, text: string): void => {
    const { empty } = editor.state.selection
    if (empty && !editor.isActive('link')) {
      // Nothing selected: the address (or the item's title) becomes the link text.
      editor.chain().focus().insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).run()
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
    }
    onClose()
  }

  const pick = (hit: SearchHit): void => setHref(itemLinkHref(hit.id), hit.title.trim() || tc(`kinds.${hit.kind}.one`))

  const apply = (event: FormEvent): void => {
    event.preventDefault()
    if (activeChoice >= 0) {
      pick(choices[activeChoice]!)
      return
    }
    // The item link it had, left as it was.
    if (linkedId && needle === '') {
      close()
      return
    }
    const href = normalizeTypedHref(value)
    if (!href) {
      setInvalid(true)
      inputRef.current?.focus()
      return
    }
    setHref(href, href.replace(/^mailto:/i, ''))
  }

  const remove = (): void => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && choices.length > 0) {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      // From the field (no choice highlighted) down to the first, up to the last; past either end back to the field.
      const next = activeChoice + step
      setActive(next < -1 ? choices.length - 1 : next >= choices.length ? -1 : next)
    }
  }

  const optionId = (index: number): string => `${listId}-${index}`

  return (
    <form className="be-linkform" role="group" aria-label={t('link.form')} onSubmit={apply} onKeyDown={onKeyDown}>
      <label htmlFor={inputId}>{t('link.address')}</label>
      <input
        id={inputId}
        ref={inputRef}
        type="text"
        role="combobox"
        aria-expanded={choices.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeChoice >= 0 ? optionId(activeChoice) : undefined}
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
          setActive(-1)
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
      {linkedId && linked && onOpenItem && (
        <button
          type="button"
          className="be-button"
          onClick={() => {
            onClose()
            onOpenItem(linkedId)
          }}
        >
          {t('link.openItem')}
        </button>
      )}
      <button type="button" className="be-button" onClick={close}>
        {t('link.cancel')}
      </button>
      <ul id={listId} role="listbox" aria-label={t('link.items')} className="be-linkform-items" hidden={choices.length === 0}>
        {choices.map((hit, index) => (
          <li
            key={hit.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeChoice}
            // The field keeps the focus (and its caret) while a choice is clicked.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(hit)}
          >
            <span className="be-linkform-item-title">{hit.title.trim() || tc(`kinds.${hit.kind}.one`)}</span>
            <span className="be-linkform-item-kind">{tc(`kinds.${hit.kind}.one`)}</span>
          </li>
        ))}
      </ul>
      {invalid ? (
        <p id={errorId} className="be-linkform-error" role="alert">
          {t('link.invalid')}
        </p>
      ) : linkedId ? (
        <p className="be-linkform-hint">
          {linked === undefined ? null : linked ? t('link.linkedTo', { title: linked.title.trim() || tc(`kinds.${linked.kind}.one`) }) : t('link.missingItem')}
        </p>
      ) : (
        <p className="be-linkform-hint">{t(isMacPlatform() ? 'link.hintMac' : 'link.hint')}</p>
      )}
    </form>
  )
}

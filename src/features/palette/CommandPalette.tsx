// Quick switcher and command palette (Ctrl/Cmd+K): type to find an item by title or a command,
// arrows to move, Enter to go, Escape to close (focus goes back where it was).
import { useLiveQuery } from 'dexie-react-hooks'
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { foldText } from '../../core/text'
import { getDb } from '../../db'
import { isConfidential } from '../../core/career'
import { ConfidentialMark } from '../career/components/ConfidentialMark'
import { useCareerResolver } from '../career/hooks'
import { findByTitle } from '../items/queries'
import { KindIcon } from '../library/KindIcon'
import { Highlighted, NO_SEARCH, SearchBridge, type LibrarySearch } from '../library/searchAdapter'
import type { PaletteCommand } from './types'
import './palette.css'

const MAX_ITEMS = 8
const RECENT_ITEMS = 6

type Entry = { type: 'item'; id: string; key: string } | { type: 'command'; command: PaletteCommand; key: string }

export function CommandPalette({
  open,
  onOpenChange,
  commands,
  onOpenItem,
}: {
  open: boolean
  onOpenChange(open: boolean): void
  commands: PaletteCommand[]
  onOpenItem(id: string): void
}) {
  const { t } = useTranslation('palette')
  const { t: tc } = useTranslation()
  // Confidential results carry their mark: resolved from the items already read, against the shared context.
  const resolveCareer = useCareerResolver()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  // Opening an item moves focus into it: the palette must not give focus back to where it was opened.
  const openingItem = useRef(false)
  const needle = foldText(query.trim())

  const [searchState, setSearchState] = useState<LibrarySearch>(NO_SEARCH)
  const search = open && needle ? searchState : NO_SEARCH
  const recent = useLiveQuery(() => (open && !needle ? findByTitle(getDb(), '', RECENT_ITEMS, foldText) : Promise.resolve([])), [open, needle])
  const hitIds = needle ? search.hits.slice(0, MAX_ITEMS).map((h) => h.id) : (recent ?? []).map((i) => i.id)
  const hitItems = useLiveQuery(async () => (await getDb().items.bulkGet(hitIds)).filter((i) => !!i), [hitIds.join(',')])
  const hitsById = useMemo(() => new Map(search.hits.map((h) => [h.id, h])), [search.hits])

  const matchingCommands = useMemo(
    () => commands.filter((c) => !needle || foldText(`${c.label} ${c.keywords ?? ''}`).includes(needle)),
    [commands, needle],
  )
  const entries: Entry[] = [
    ...(hitItems ?? []).map((i) => ({ type: 'item' as const, id: i!.id, key: `i:${i!.id}` })),
    ...matchingCommands.map((c) => ({ type: 'command' as const, command: c, key: `c:${c.id}` })),
  ]
  const activeIndex = Math.min(active, Math.max(0, entries.length - 1))

  const close = () => {
    onOpenChange(false)
    setQuery('')
    setActive(0)
  }
  const run = (entry: Entry | undefined) => {
    if (!entry) return
    openingItem.current = entry.type === 'item'
    close()
    if (entry.type === 'item') onOpenItem(entry.id)
    // After the dialog is gone, so a command that opens another dialog is not closed with this one.
    else setTimeout(() => entry.command.run(), 0)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((activeIndex + 1) % Math.max(1, entries.length))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((activeIndex - 1 + entries.length) % Math.max(1, entries.length))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      run(entries[activeIndex])
    }
  }

  const itemById = new Map((hitItems ?? []).map((i) => [i!.id, i!]))
  let itemHeaderShown = false
  let commandHeaderShown = false

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? onOpenChange(true) : close())} title={t('title')}
      hideTitle
      className="palette"
      onCloseAutoFocus={(e) => {
        if (openingItem.current) e.preventDefault()
        openingItem.current = false
      }}
    >
      {open && needle && <SearchBridge query={query} kind={null} tag={null} limit={MAX_ITEMS} onChange={setSearchState} />}
      <input
        className="palette-input"
        role="combobox"
        aria-label={t('inputLabel')}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={entries[activeIndex] ? `${listId}-${activeIndex}` : undefined}
        placeholder={t('placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="palette-list" aria-label={t('resultsLabel')}>
        {entries.length === 0 && <li className="palette-empty">{t('nothing')}</li>}
        {entries.map((entry, index) => {
          const header =
            entry.type === 'item' && !itemHeaderShown
              ? ((itemHeaderShown = true), needle ? t('items') : t('recent'))
              : entry.type === 'command' && !commandHeaderShown
                ? ((commandHeaderShown = true), t('commands'))
                : null
          const item = entry.type === 'item' ? itemById.get(entry.id) : undefined
          const hit = entry.type === 'item' ? hitsById.get(entry.id) : undefined
          const label = entry.type === 'item' ? item?.title || tc('untitled') : entry.command.label
          const career = item ? resolveCareer(item) : null
          const confidential = career && isConfidential(career.label) ? career : null
          const markId = `${listId}-${index}-confidential`
          return (
            <li key={entry.key} role="presentation">
              {header && (
                <div className="palette-group" aria-hidden>
                  {header}
                </div>
              )}
              <div
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                aria-label={label}
                aria-describedby={confidential ? markId : undefined}
                className={`palette-option${index === activeIndex ? ' is-active' : ''}`}
                onMouseMove={() => index !== activeIndex && setActive(index)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => run(entry)}
              >
                {entry.type === 'item' && item ? (
                  <>
                    <KindIcon kind={item.kind} />
                    <span className="palette-label">{hit && item.title ? <Highlighted segments={hit.titleSegments} /> : label}</span>
                    {confidential && <ConfidentialMark id={markId} organisation={confidential.affiliation?.organisation} />}
                    <span className="palette-kind">{tc(`kinds.${item.kind}.one`)}</span>
                  </>
                ) : entry.type === 'command' ? (
                  <>
                    <span className="palette-command-icon" aria-hidden>
                      ›
                    </span>
                    <span className="palette-label">{entry.command.label}</span>
                    {entry.command.shortcut && <kbd className="palette-shortcut">{entry.command.shortcut}</kbd>}
                  </>
                ) : null}
              </div>
            </li>
          )
        })}
      </ul>
      <div className="palette-footer hint">{t('footer')}</div>
    </Dialog>
  )
}

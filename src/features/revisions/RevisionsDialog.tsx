// History of an item: its snapshots, newest first, a preview or the changes against the current text,
// and "Restore this version" (the current text is kept as a snapshot first, so a restore can be undone).
import { diffWords } from 'diff'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { useToast } from '../../app/ui/Toasts'
import { wordCount } from '../../core/text'
import { getDb, type Revision } from '../../db'
import { flushAllPendingSaves } from '../editor/autosave'
import { listRevisions, restoreRevision } from '../items/repository'
import { formatAgo, formatFullDate, formatNumber } from '../library/dates'
import { useItem } from '../library/useItem'
import './revisions.css'

/** Past this size the word diff would cost too much on every selection: show the plain text instead. */
const MAX_DIFF_CHARS = 60_000

function ChangesView({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('revisions')
  const parts = useMemo(() => (from.length + to.length > MAX_DIFF_CHARS ? null : diffWords(from, to)), [from, to])
  if (!parts) return <p className="hint">{t('tooLargeToCompare')}</p>
  if (parts.every((p) => !p.added && !p.removed)) return <p className="hint">{t('sameAsCurrent')}</p>
  return (
    <div className="revision-text">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="diff-added">
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="diff-removed">
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </div>
  )
}

export function RevisionsDialog({ itemId, onClose, onRestored }: { itemId: string | null; onClose(): void; onRestored(): void }) {
  const { t, i18n } = useTranslation('revisions')
  const { t: tc } = useTranslation()
  const toast = useToast()
  const item = useItem(itemId)
  const revisions = useLiveQuery(async () => (itemId ? listRevisions(getDb(), itemId) : ([] as Revision[])), [itemId])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [mode, setMode] = useState<'text' | 'changes'>('text')
  const selected: Revision | undefined = revisions?.find((r) => r.id === selectedId) ?? revisions?.[0]

  useEffect(() => {
    setSelectedId(null)
  }, [itemId])

  const restore = async () => {
    if (!selected) return
    try {
      // Whatever the editor still holds is written first, so it is part of the snapshot taken before the restore.
      await flushAllPendingSaves()
      await restoreRevision(getDb(), selected.id)
      onRestored()
      onClose()
      toast({ message: t('restored', { date: formatFullDate(selected.createdAt, i18n.language) }) })
    } catch {
      toast({ tone: 'error', message: tc('errors.save-failed') })
    }
  }

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!revisions?.length || !selected) return
    const index = revisions.indexOf(selected)
    const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : null
    if (next === null) return
    e.preventDefault()
    const target = revisions[Math.max(0, Math.min(revisions.length - 1, next))]
    if (target) {
      setSelectedId(target.id)
      document.getElementById(`revision-${target.id}`)?.scrollIntoView?.({ block: 'nearest' })
    }
  }

  return (
    <Dialog open={itemId !== null} onOpenChange={(open) => !open && onClose()} title={t('title')} wide>
      <div className="dialog-body revisions">
        {revisions && revisions.length === 0 ? (
          <p className="hint">{t('none')}</p>
        ) : (
          <>
            <ul
              className="revision-list"
              role="listbox"
              aria-label={t('listLabel')}
              tabIndex={0}
              aria-activedescendant={selected ? `revision-${selected.id}` : undefined}
              onKeyDown={onListKey}
            >
              {revisions?.map((r) => (
                <li
                  key={r.id}
                  id={`revision-${r.id}`}
                  role="option"
                  aria-selected={r.id === selected?.id}
                  className={`revision-entry${r.id === selected?.id ? ' is-selected' : ''}`}
                  onClick={() => setSelectedId(r.id)}
                >
                  <span className="revision-date">{formatFullDate(r.createdAt, i18n.language)}</span>
                  <span className="hint">
                    {formatAgo(r.createdAt, i18n.language)} · {t('words', { count: wordCount(r.bodyText), formatted: formatNumber(wordCount(r.bodyText), i18n.language) })}
                  </span>
                  {r.reason === 'before-restore' && <span className="revision-reason">{t('beforeRestore')}</span>}
                </li>
              ))}
            </ul>
            <div className="revision-preview">
              {selected && (
                <>
                  <div className="revision-toolbar">
                    <div className="segmented" role="group" aria-label={t('viewLabel')}>
                      <button type="button" aria-pressed={mode === 'text'} className="btn" onClick={() => setMode('text')}>
                        {t('showText')}
                      </button>
                      <button type="button" aria-pressed={mode === 'changes'} className="btn" onClick={() => setMode('changes')}>
                        {t('showChanges')}
                      </button>
                    </div>
                    <button type="button" className="btn btn-primary" onClick={() => void restore()}>
                      {t('restore')}
                    </button>
                  </div>
                  <h3 className="revision-title">{selected.title || tc('untitled')}</h3>
                  {mode === 'text' ? (
                    <article className="revision-text" aria-label={t('versionText')}>
                      {selected.bodyText || <span className="hint">{t('emptyBody')}</span>}
                    </article>
                  ) : (
                    <>
                      <p className="hint">{t('changesExplained')}</p>
                      <ChangesView from={item?.bodyText ?? ''} to={selected.bodyText} />
                    </>
                  )}
                </>
              )}
            </div>
          </>
        )}
      </div>
    </Dialog>
  )
}

// Step 2: what goes and what stays, and every leaving item that mentions the employer or a watched word, with its
// passages; each can be opened, kept confidential (relabelled at once) or confirmed as fine to take.
import { Check, ExternalLink, Lock, Undo2 } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Affiliation, FlaggedItem, KindCounts } from '../../core/career'
import { formatIsoDay } from '../career/dates'
import { CountsLine, ItemList } from './ItemLists'
import { Passage } from './Passage'
import type { Decision } from './record'
import { decide, startReview, type ReviewState } from './store'
import { WatchWordsEditor } from './WatchWordsEditor'

/** Flagged items shown at first and per "Show more": an employer named in thousands of items must not freeze the dialog. */
const FLAG_PAGE = 50

const total = (counts: KindCounts): number => Object.values(counts).reduce((a, b) => a + b, 0)

export function ReviewStep({
  review,
  affiliation,
  affiliations,
  decisions,
  onOpenItem,
}: {
  review: ReviewState
  affiliation: Affiliation
  affiliations: readonly Affiliation[]
  decisions: ReadonlyMap<string, Decision>
  onOpenItem(id: string): void
}) {
  const { t } = useTranslation('changingEmployer')
  const [shownFlags, setShownFlags] = useState(FLAG_PAGE)
  const affiliationName = (id: string | null) => affiliations.find((a) => a.id === id)?.organisation ?? ''
  return (
    <div className="leaving-step">
      {review.status === 'running' || review.status === 'idle' ? (
        <div className="leaving-progress" role="status">
          <p className="settings-text">
            {review.status === 'running' && review.total > 0 ? t('review.running', { done: review.done, total: review.total }) : t('review.runningStart')}
          </p>
          <progress max={review.status === 'running' ? review.total || 1 : 1} value={review.status === 'running' ? review.done : 0} aria-label={t('review.runningStart')} />
        </div>
      ) : review.status === 'failed' ? (
        <div role="alert" className="leaving-problem">
          <p>{t('review.failed', { message: review.message })}</p>
          <button type="button" className="btn" onClick={() => void startReview()}>
            {t('review.retry')}
          </button>
        </div>
      ) : (
        <>
          <div className="leaving-summary">
            <section className="leaving-card leaving-goes" aria-labelledby="leaving-goes-title">
              <h3 id="leaving-goes-title" className="settings-label">
                {t('review.goesCount', { count: total(review.result.leavingCounts) })}
              </h3>
              <CountsLine counts={review.result.leavingCounts} />
              <ItemList items={review.result.leaving} total={total(review.result.leavingCounts)} label={t('review.goes')} />
            </section>
            <section className="leaving-card leaving-stays" aria-labelledby="leaving-stays-title">
              <h3 id="leaving-stays-title" className="settings-label">
                <Lock size={14} aria-hidden /> {t('review.staysCount', { count: total(review.result.stayingCounts) })}
              </h3>
              <CountsLine counts={review.result.stayingCounts} />
              <p className="hint">{t('review.staysExplanation')}</p>
              <ItemList items={review.result.staying} total={total(review.result.stayingCounts)} label={t('review.stays')} affiliationName={affiliationName} />
            </section>
          </div>
          <section className="leaving-flagged" aria-labelledby="leaving-flagged-title">
            <h3 id="leaving-flagged-title" className="settings-label">
              {review.result.flagged.length > 0
                ? t('review.flaggedTitle', { count: review.result.flagged.length, organisation: affiliation.organisation })
                : t('review.flaggedNone', { organisation: affiliation.organisation })}
            </h3>
            <p className="hint">{t('review.terms', { terms: review.result.terms.join(', ') })}</p>
            {review.result.flagged.length > 0 && <p className="hint">{t('review.flaggedHint')}</p>}
            <ul className="leaving-flagged-list">
              {review.result.flagged.slice(0, shownFlags).map((f) => (
                <FlaggedCard key={f.id} flagged={f} decision={decisions.get(f.id)} onOpenItem={onOpenItem} />
              ))}
            </ul>
            {review.result.flagged.length > shownFlags && (
              <button type="button" className="btn btn-ghost" onClick={() => setShownFlags((n) => n + FLAG_PAGE)}>
                {t('review.showMore', { count: Math.min(FLAG_PAGE, review.result.flagged.length - shownFlags) })}
              </button>
            )}
          </section>
        </>
      )}
      <WatchWordsEditor onChange={() => void startReview()} />
    </div>
  )
}

function FlaggedCard({ flagged, decision, onOpenItem }: { flagged: FlaggedItem; decision: Decision | undefined; onOpenItem(id: string): void }) {
  const { t, i18n } = useTranslation('changingEmployer')
  const title = flagged.title.trim() || t('review.untitled')
  const headingId = `leaving-flag-${flagged.id}`
  return (
    <li className={`leaving-flag${decision ? ` is-${decision}` : ''}`} aria-labelledby={headingId}>
      <div className="leaving-flag-head">
        <h4 id={headingId} className="leaving-flag-title">
          {title}
        </h4>
        <span className="hint">
          {t(`kinds.${flagged.kind}`)} · {formatIsoDay(flagged.date, i18n.language)} · {t('review.matches', { count: flagged.matches })}
          {flagged.trashed ? ` · ${t('review.inTrash')}` : ''}
        </span>
      </div>
      <div className="leaving-passages" role="group" aria-label={t('review.passagesOf', { title })}>
        {flagged.passages.map((p, i) => (
          <div key={i} className="leaving-passage-row">
            <span className="hint">{t('review.inField', { field: t(`review.fields.${p.field}`) })}</span>
            <Passage passage={p} />
          </div>
        ))}
      </div>
      <div className="leaving-flag-actions">
        <button type="button" className="btn btn-ghost" aria-label={t('review.openNamed', { title })} onClick={() => onOpenItem(flagged.id)}>
          <ExternalLink size={14} aria-hidden /> {t('review.open')}
        </button>
        {decision ? (
          <>
            <span className="leaving-decision" role="status">
              {decision === 'confidential' ? <Lock size={14} aria-hidden /> : <Check size={14} aria-hidden />}{' '}
              {t(decision === 'confidential' ? 'review.decidedConfidential' : 'review.decidedFine')}
            </span>
            <button type="button" className="btn btn-ghost" onClick={() => void decide(flagged.id, null)}>
              <Undo2 size={14} aria-hidden /> {t('review.undo')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn" onClick={() => void decide(flagged.id, 'confidential')}>
              <Lock size={14} aria-hidden /> {t('review.keepConfidential')}
            </button>
            <button type="button" className="btn" onClick={() => void decide(flagged.id, 'fine')}>
              <Check size={14} aria-hidden /> {t('review.fine')}
            </button>
          </>
        )}
      </div>
    </li>
  )
}

// The mark confidential work carries wherever it shows (list rows, search results, the palette, the item header):
// an icon and a word, never colour alone, named "Confidential — Acme" for screen readers.
import { Lock } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { isConfidential, type ResolvedCareer } from '../../../core/career'
import type { Item } from '../../../core/items'
import { factsAsItem, type CareerFacts } from '../facts'
import { useCareerResolver } from '../hooks'
import '../career.css'

export interface ConfidentialMarkProps {
  /** So a row can point at it (aria-describedby): an option's own name hides what it contains. */
  id?: string | undefined
  /** The organisation the work belongs to, when known. */
  organisation?: string | null | undefined
  /** 'compact' in rows and results, 'full' in the item header. */
  size?: 'compact' | 'full'
}

/** The mark itself (render it only for confidential work). */
export function ConfidentialMark({ id, organisation, size = 'compact' }: ConfidentialMarkProps) {
  const { t } = useTranslation('career')
  const name = organisation ? t('mark.confidentialOf', { organisation }) : t('mark.confidential')
  return (
    <span id={id} className={`confidential-mark confidential-mark-${size}`} role="img" aria-label={name} title={name}>
      <Lock size={size === 'full' ? 13 : 11} aria-hidden strokeWidth={2.4} />
      <span aria-hidden>{size === 'full' ? name : t('mark.confidential')}</span>
    </span>
  )
}

/** The mark for a resolved item, or nothing when the item is not confidential. */
export function MarkIfConfidential({ resolved, size, id }: { resolved: ResolvedCareer | null; size?: 'compact' | 'full'; id?: string }) {
  if (!resolved || !isConfidential(resolved.label)) return null
  return <ConfidentialMark id={id} organisation={resolved.affiliation?.organisation} {...(size ? { size } : {})} />
}

/**
 * For list rows and results: the item's (or the hit's facts') resolved career when it is confidential, else null.
 * Resolved against the shared, memoised context, with no read of the database: the row holds what it needs.
 */
export function useConfidential(item: Item | undefined | null, facts?: CareerFacts | undefined): ResolvedCareer | null {
  const resolve = useCareerResolver()
  const subject = item ?? (facts ? factsAsItem(facts) : null)
  if (!subject) return null
  const resolved = resolve(subject)
  return isConfidential(resolved.label) ? resolved : null
}

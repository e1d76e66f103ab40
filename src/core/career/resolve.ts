// The effective affiliation and label of an item: what the person chose, else what follows from its date.
import type { Item } from '../items'
import { affiliationResolver, contributionDate, type Affiliation } from './affiliations'
import { DEFAULT_CONTENT_LABEL, type ContentLabel } from './labels'

export interface CareerContext {
  affiliations: readonly Affiliation[]
  /** Settings' default label (DEFAULT_LABEL_SETTING), for items with no affiliation. */
  defaultLabel: ContentLabel
}

export interface ResolvedCareer {
  affiliation: Affiliation | null
  /** 'manual': chosen on the item (an id, or "none"); 'date': the one active at the item's date. */
  affiliationSource: 'manual' | 'date'
  label: ContentLabel
  /** Where the label comes from, so the UI can say "confidential (Acme's default)". */
  labelSource: 'item' | 'affiliation' | 'settings'
}

export type CareerResolver = (item: Item) => ResolvedCareer

/** Build once per context and reuse for every item (the wizard and the insights run it over the whole base). */
export function careerResolver(context: CareerContext): CareerResolver {
  const byId = new Map(context.affiliations.map((a) => [a.id, a]))
  const activeOn = affiliationResolver(context.affiliations)
  return (item) => {
    let affiliation: Affiliation | null
    let affiliationSource: ResolvedCareer['affiliationSource']
    if (item.affiliationId === undefined) {
      affiliation = activeOn(contributionDate(item))
      affiliationSource = 'date'
    } else {
      // A chosen affiliation that was deleted since falls back to "none" rather than to a guess.
      affiliation = item.affiliationId === null ? null : (byId.get(item.affiliationId) ?? null)
      affiliationSource = 'manual'
    }
    if (item.label) return { affiliation, affiliationSource, label: item.label, labelSource: 'item' }
    if (affiliation) return { affiliation, affiliationSource, label: affiliation.defaultLabel, labelSource: 'affiliation' }
    return { affiliation, affiliationSource, label: context.defaultLabel ?? DEFAULT_CONTENT_LABEL, labelSource: 'settings' }
  }
}

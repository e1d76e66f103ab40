// The effective affiliation and label of an item: what the person chose, else what follows from its date.
import type { Item } from '../items'
import { affiliationResolver, contributionDate, type Affiliation, type IsoDate } from './affiliations'
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

/** What resolving needs of an item: its date and what the person chose (a search-index row carries just this). */
export interface CareerFacts {
  date: IsoDate
  affiliationId?: string | null
  label?: ContentLabel
}

export type CareerFactsResolver = (facts: CareerFacts) => ResolvedCareer

/** Build once per context and reuse for every item (the wizard and the insights run it over the whole base). */
export function careerFactsResolver(context: CareerContext): CareerFactsResolver {
  const byId = new Map(context.affiliations.map((a) => [a.id, a]))
  const activeOn = affiliationResolver(context.affiliations)
  return ({ date, affiliationId, label }) => {
    let affiliation: Affiliation | null
    let affiliationSource: ResolvedCareer['affiliationSource']
    if (affiliationId === undefined) {
      affiliation = activeOn(date)
      affiliationSource = 'date'
    } else {
      // A chosen affiliation that was deleted since falls back to "none" rather than to a guess.
      affiliation = affiliationId === null ? null : (byId.get(affiliationId) ?? null)
      affiliationSource = 'manual'
    }
    if (label) return { affiliation, affiliationSource, label, labelSource: 'item' }
    if (affiliation) return { affiliation, affiliationSource, label: affiliation.defaultLabel, labelSource: 'affiliation' }
    return { affiliation, affiliationSource, label: context.defaultLabel ?? DEFAULT_CONTENT_LABEL, labelSource: 'settings' }
  }
}

/** The same rules over whole items. */
export function careerResolver(context: CareerContext): CareerResolver {
  const resolve = careerFactsResolver(context)
  return (item) => resolve({ date: contributionDate(item), affiliationId: item.affiliationId, label: item.label })
}

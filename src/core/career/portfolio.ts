// Which items the public portfolio site shows unless the person decides otherwise.
import type { Item } from '../items'
import { mayLeave, type ContentLabel } from './labels'

/** The person's choice on one item (absent: the default rule below). */
export type PortfolioChoice = 'include' | 'exclude'

/**
 * By default the portfolio shows finished, public work: published posts, accepted or given talks and curated links,
 * never notes, never drafts, never anything in the Trash. The person can add or remove any item, except that
 * confidential work is never shown, whatever was chosen.
 */
export function defaultInPortfolio(item: Item, label: ContentLabel): boolean {
  if (item.trashed === 1 || !mayLeave(label)) return false
  switch (item.kind) {
    case 'post':
      return item.status === 'published'
    case 'talk':
      return item.status === 'accepted' || item.status === 'given'
    case 'link':
      return true
    case 'note':
      return false
  }
}

export function inPortfolio(item: Item, label: ContentLabel): boolean {
  if (item.trashed === 1 || !mayLeave(label)) return false
  if (item.portfolio === 'include') return true
  if (item.portfolio === 'exclude') return false
  return defaultInPortfolio(item, label)
}

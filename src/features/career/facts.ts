// The few fields the resolver reads, so places that hold a search hit rather than an item (search results, the
// palette) can resolve it without reading the item from the database.
import type { ContentLabel } from '../../core/career'
import type { Item, ItemKind } from '../../core/items'

export interface CareerFacts {
  kind: ItemKind
  createdAt: number
  /** Links: when saved. */
  savedAt?: number | undefined
  /** Talks: their own date (`YYYY-MM-DD` or ''). */
  date?: string | undefined
  affiliationId?: string | null | undefined
  label?: ContentLabel | undefined
}

export function careerFactsOf(item: Item): CareerFacts {
  const facts: CareerFacts = { kind: item.kind, createdAt: item.createdAt }
  if (item.kind === 'link') facts.savedAt = item.savedAt
  if (item.kind === 'talk') facts.date = item.date
  if (item.affiliationId !== undefined) facts.affiliationId = item.affiliationId
  if (item.label !== undefined) facts.label = item.label
  return facts
}

/**
 * The facts seen as an item for `careerResolver`, which reads exactly these fields (kind, the talk's date, the link's
 * savedAt, createdAt, affiliationId, label). A link without savedAt falls back to its creation date.
 */
export function factsAsItem(facts: CareerFacts): Item {
  const item: Record<string, unknown> = { ...facts }
  if (facts.kind === 'link' && facts.savedAt === undefined) item.savedAt = facts.createdAt
  if (facts.kind === 'talk' && facts.date === undefined) item.date = ''
  if (facts.affiliationId === undefined) delete item.affiliationId
  if (facts.label === undefined) delete item.label
  return item as unknown as Item
}

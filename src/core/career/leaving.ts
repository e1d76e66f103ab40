// The "changing employer" wizard's decisions, pure: which items may leave with the person and which stay (and why),
// and which of those leaving mention the employer or a watched word. The export of the personal archive uses the
// same `leavingPartition`, so what the review shows and what the archive holds follow one rule (`mayLeave`).
import type { Item, ItemKind } from '../items'
import { ITEM_KINDS } from '../items'
import type { Affiliation } from './affiliations'
import { contributionDate, type IsoDate } from './affiliations'
import { mayLeave, type ContentLabel } from './labels'
import { mentionMatcher, passagesOf, type MentionMatcher, type MentionPassage } from './mentions'
import { careerResolver, type CareerContext, type CareerResolver, type ResolvedCareer } from './resolve'

/** Settings key of the person's watch list (client names, project code names): an array of strings. */
export const WATCH_WORDS_SETTING = 'career.watchWords'

/** Why an item stays behind: its own label, its affiliation's default, or Settings' default. */
export type StayReason = ResolvedCareer['labelSource']

/** An item that stays, as the wizard lists it (the app shows its title; outputs never do). */
export interface StayingItem {
  id: string
  kind: ItemKind
  date: IsoDate
  reason: StayReason
  /** The affiliation whose default made it confidential, or the one it belongs to. */
  affiliationId: string | null
  trashed: boolean
}

export type KindCounts = Record<ItemKind, number>

export function emptyKindCounts(): KindCounts {
  return Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as KindCounts
}

/** Decides item by item; build once per context (it resolves affiliations by date for 50,000 items). */
export interface LeavingDecider {
  resolve: CareerResolver
  /** null: the item may leave; otherwise why it stays. */
  stays(item: Item): StayingItem | null
}

export function leavingDecider(context: CareerContext): LeavingDecider {
  const resolve = careerResolver(context)
  return {
    resolve,
    stays(item) {
      const career = resolve(item)
      if (mayLeave(career.label)) return null
      return {
        id: item.id,
        kind: item.kind,
        date: contributionDate(item),
        reason: career.labelSource,
        affiliationId: career.affiliation?.id ?? null,
        trashed: item.trashed === 1,
      }
    },
  }
}

export interface LeavingPartition {
  leaving: Item[]
  staying: StayingItem[]
  leavingCounts: KindCounts
  stayingCounts: KindCounts
}

/** Splits items into what may leave and what stays. Whatever the affiliation chosen, confidential work never leaves. */
export function leavingPartition(items: Iterable<Item>, context: CareerContext): LeavingPartition {
  const decide = leavingDecider(context)
  const out: LeavingPartition = { leaving: [], staying: [], leavingCounts: emptyKindCounts(), stayingCounts: emptyKindCounts() }
  for (const item of items) {
    const stays = decide.stays(item)
    if (stays) {
      out.staying.push(stays)
      out.stayingCounts[item.kind]++
    } else {
      out.leaving.push(item)
      out.leavingCounts[item.kind]++
    }
  }
  return out
}

/** Which text of an item a passage comes from (the review names it: "in the title", "in the abstract"…). */
export type MentionField = 'title' | 'body' | 'tags' | 'excerpt' | 'event' | 'place' | 'abstract' | 'url' | 'siteName' | 'description' | 'canonicalUrl'

/** The texts of an item that can carry a name, in the order the review shows them. */
export function mentionTexts(item: Item): [MentionField, string][] {
  const texts: [MentionField, string][] = [
    ['title', item.title],
    ['body', item.bodyText],
    ['tags', item.tags.join(', ')],
  ]
  switch (item.kind) {
    case 'post':
      texts.push(['excerpt', item.excerpt], ['canonicalUrl', item.canonicalUrl])
      break
    case 'talk':
      texts.push(['event', item.event], ['place', item.place], ['abstract', item.abstract])
      break
    case 'link':
      texts.push(['url', item.url], ['siteName', item.siteName], ['description', item.description])
      break
    case 'note':
      break
  }
  return texts.filter(([, text]) => typeof text === 'string' && text !== '')
}

export interface FlaggedItem {
  id: string
  kind: ItemKind
  title: string
  date: IsoDate
  trashed: boolean
  /** Every matched term (as the person typed it), in the order first found. */
  terms: string[]
  /** Total matches across the item's texts (the passages show the first few of each text). */
  matches: number
  passages: (MentionPassage & { field: MentionField })[]
}

export interface MentionOptions {
  context?: number
  maxPassagesPerField?: number
}

/** The matches of one item, or null when it mentions nothing watched. */
export function itemMentions(item: Item, matcher: MentionMatcher, options: MentionOptions = {}): FlaggedItem | null {
  let flagged: FlaggedItem | null = null
  for (const [field, text] of mentionTexts(item)) {
    const found = matcher.find(text)
    if (found.length === 0) continue
    flagged ??= { id: item.id, kind: item.kind, title: item.title, date: contributionDate(item), trashed: item.trashed === 1, terms: [], matches: 0, passages: [] }
    const { passages, matches } = passagesOf(text, found, {
      ...(options.context === undefined ? {} : { context: options.context }),
      maxPassages: options.maxPassagesPerField ?? 2,
    })
    flagged.matches += matches
    for (const passage of passages) flagged.passages.push({ ...passage, field })
    for (const m of found) if (!flagged.terms.includes(m.term)) flagged.terms.push(m.term)
  }
  return flagged
}

/** The terms the review looks for: the employer's name and the person's watch list. */
export function watchedTerms(affiliation: Pick<Affiliation, 'organisation'> | null, watchWords: readonly string[]): string[] {
  return [...(affiliation ? [affiliation.organisation] : []), ...watchWords]
}

export interface LeavingReview extends LeavingPartition {
  /** Leaving items that mention a watched term (confidential items stay anyway: no need to review them). */
  flagged: FlaggedItem[]
}

/** The whole review in one pass: partition, then mentions among the items that would leave. */
export function reviewLeaving(
  items: Iterable<Item>,
  context: CareerContext,
  affiliationId: string,
  watchWords: readonly string[],
  options: MentionOptions = {},
): LeavingReview {
  const affiliation = context.affiliations.find((a) => a.id === affiliationId) ?? null
  const matcher = mentionMatcher(watchedTerms(affiliation, watchWords))
  const partition = leavingPartition(items, context)
  const flagged: FlaggedItem[] = []
  for (const item of partition.leaving) {
    const found = itemMentions(item, matcher, options)
    if (found) flagged.push(found)
  }
  return { ...partition, flagged }
}

/** Labels the wizard offers on a flagged item (same names as the career slice uses). */
export const CONFIDENTIAL_LABEL: ContentLabel = 'employer-confidential'

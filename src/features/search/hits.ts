// Turns ranked ids into what the list shows: title and snippet with the matched words marked, and the
// row's other fields (kind, date, status, unread, tags), so the list paints results without reading the
// items itself. Only for the hits returned (the displayed page), never for every match.
import type { Item, ItemKind, ItemStatus } from '../../core/items'
import { careerFactsOf, type CareerFacts } from '../career/facts'
import { hasMatch, highlight, matcherFor, searchDocFromItem, snippet, type Segment } from '../../core/search'
import type { DocMeta, RankedResult, RowFields } from './engine'

export interface SearchHit {
  id: string
  kind: ItemKind
  title: string
  tags: string[]
  updatedAt: number
  status: ItemStatus | null
  /** A link not read yet. */
  unread: boolean
  /** What the row's confidentiality mark is resolved from (see RowFields.career). */
  career?: CareerFacts
  score: number
  titleSegments: Segment[]
  snippetSegments: Segment[]
}

export function buildHit(result: RankedResult, item: Item): SearchHit {
  const matcher = matcherFor(result.terms)
  const doc = searchDocFromItem(item)
  // The snippet comes from the first long field that matched: body, then details; else the body's start.
  const source = [doc.body, doc.details].find((text) => hasMatch(text, matcher)) ?? (doc.body || doc.details)
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    tags: item.tags,
    updatedAt: item.updatedAt,
    ...rowFieldsOf(item),
    score: result.score,
    titleSegments: highlight(item.title, matcher),
    snippetSegments: snippet(source, hasMatch(source, matcher) ? matcher : null),
  }
}

/**
 * A hit from what the index knows (no read of the item): title marked, snippet still empty. Sent for
 * the hits past the first page, so a long result list appears at once; the full hits follow.
 */
export function buildLightHit(result: RankedResult, meta: DocMeta): SearchHit {
  return {
    id: result.id,
    kind: meta.kind,
    title: meta.title,
    tags: meta.tags,
    updatedAt: meta.updatedAt,
    status: meta.status,
    unread: meta.unread,
    ...(meta.career ? { career: meta.career } : {}),
    score: result.score,
    titleSegments: highlight(meta.title, matcherFor(result.terms)),
    snippetSegments: [],
  }
}

/** The fields a row shows that the search index does not search. */
export function rowFieldsOf(item: Item): RowFields {
  return { status: item.status, unread: item.kind === 'link' && !item.read, career: careerFactsOf(item) }
}

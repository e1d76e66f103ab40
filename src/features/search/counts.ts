// The library's counts (sidebar, tag suggestions, the list's length), counted by the search worker over the row it
// keeps per live item (engine.ts, DocMeta) instead of by IndexedDB index counts. Why: at 50,000 items those counts walk
// every index entry they count (100 ms to 1.1 s each, the tags one count per tag), in the origin's one IndexedDB
// queue, and in the first seconds after a start a view switch's rows waited behind them for 1-3 s. In memory the
// same figures take a few milliseconds, and follow every change the index applies (its generation).
import { ITEM_KINDS, POST_STATUSES, TALK_STATUSES, type ItemKind } from '../../core/items'
import type { SidebarCounts, TagCount } from '../items/queries'
import type { DocMeta } from './engine'

export interface LibraryCounts {
  /** As `sidebarCounts` (items/queries.ts) counts them on the database. */
  sidebar: SidebarCounts
  /** As `countUnreadLinks`: links not read yet, outside the Trash. */
  unread: number
  /** As `tagCounts`: tags of the items outside the Trash, each with how many carry it, most used first. */
  tags: TagCount[]
}

/**
 * Counts the live items (the index holds no trashed one) with the same semantics as the database queries: a kind's
 * statuses are those of POST_STATUSES / TALK_STATUSES, a tag counts once per item (a multiEntry index holds each
 * value of an array once), tags compare exactly, as the `tags` index does. `trash`: items in the Trash, which the
 * index does not hold (the caller knows them apart).
 */
/**
 * Whether two rows of the same item count alike (kind, status, unread, tags): an autosave changes neither, so the
 * engine keeps its counts version (see SearchEngine.countsVersion) and the indexer answers with the counts it has.
 */
export function countsAlike(a: CountedRow, b: CountedRow): boolean {
  if (a.kind !== b.kind || a.status !== b.status || a.unread !== b.unread) return false
  const x = a.tags
  const y = b.tags
  if (x === y) return true
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}

/** What the counts read of a row. */
export type CountedRow = Pick<DocMeta, 'kind' | 'status' | 'unread' | 'tags'>

export function countLibrary(rows: Iterable<CountedRow>, trash: number): LibraryCounts {
  const byKind = Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as Record<ItemKind, number>
  const post: Record<string, number> = Object.fromEntries(POST_STATUSES.map((s) => [s, 0]))
  const talk: Record<string, number> = Object.fromEntries(TALK_STATUSES.map((s) => [s, 0]))
  const perTag = new Map<string, number>()
  let all = 0
  let unread = 0
  for (const row of rows) {
    all++
    if (row.kind in byKind) byKind[row.kind]++
    if (row.status !== null) {
      const statuses = row.kind === 'post' ? post : row.kind === 'talk' ? talk : null
      if (statuses && row.status in statuses) statuses[row.status]!++
    }
    if (row.kind === 'link' && row.unread) unread++
    const tags = row.tags
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i]!
      // Once per item (tags are stored without repeats; an older row could hold one): no Set per item, 50,000 of them.
      if (i > 0 && tags.lastIndexOf(tag, i - 1) !== -1) continue
      perTag.set(tag, (perTag.get(tag) ?? 0) + 1)
    }
  }
  const tags = [...perTag].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
  return { sidebar: { all, byKind, byStatus: { post, talk }, trash }, unread, tags }
}

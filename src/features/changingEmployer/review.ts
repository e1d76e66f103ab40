// The review, wherever it runs (the review worker in the app, the test's thread in tests): reads the base page by
// page and applies the pure core (leavingDecider, mentionMatcher) to each item.
import type { Table } from 'dexie'
import { contributionDate, itemMentions, leavingDecider, mentionMatcher, watchedTerms, emptyKindCounts, type FlaggedItem } from '../../core/career'
import type { Item } from '../../core/items'
import type { BaluchonDb } from '../../db'
import { readCareerContext } from '../backup/leavingScope'
import type { ListedItem, ReviewRequest, ReviewResult, StayingListed } from './protocol'

const PAGE = 1000
/** Items listed per side in the review (counts cover all). */
export const LIST_CAP = 500

export async function runReview(db: BaluchonDb, request: Omit<ReviewRequest, 'dbName'>, onProgress?: (done: number, total: number) => void): Promise<ReviewResult> {
  const started = performance.now()
  const context = await readCareerContext(db)
  const affiliation = context.affiliations.find((a) => a.id === request.affiliationId) ?? null
  const matcher = mentionMatcher(watchedTerms(affiliation, request.watchWords))
  const decide = leavingDecider(context)
  const total = await db.items.count()
  const leaving: ListedItem[] = []
  const staying: StayingListed[] = []
  const flagged: FlaggedItem[] = []
  const leavingCounts = emptyKindCounts()
  const stayingCounts = emptyKindCounts()
  // Keyset pages on the primary key (as the export reads): bounded memory whatever the size of the base.
  const table = db.items as unknown as Table<unknown, string>
  let last: string | null = null
  let done = 0
  for (;;) {
    const query = last === null ? table.orderBy(':id') : table.where(':id').above(last)
    const page = (await query.limit(PAGE).toArray()) as Item[]
    if (page.length === 0) break
    for (const item of page) {
      const stays = decide.stays(item)
      if (stays) {
        staying.push({ ...stays, title: item.title })
        stayingCounts[item.kind]++
        continue
      }
      leavingCounts[item.kind]++
      leaving.push({ id: item.id, kind: item.kind, title: item.title, date: contributionDate(item), trashed: item.trashed === 1 })
      const found = itemMentions(item, matcher)
      if (found) flagged.push(found)
    }
    done += page.length
    onProgress?.(done, total)
    last = page[page.length - 1]!.id
    if (page.length < PAGE) break
  }
  const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)
  flagged.sort(byDate)
  // The lists are there to glance at (the counts are exact): the newest few hundred, so the answer the UI thread
  // receives stays small whatever the size of the base (50,000 titles took ~50 ms or more to deserialise).
  return {
    leavingCounts,
    stayingCounts,
    leaving: leaving.sort(byDate).slice(0, LIST_CAP),
    staying: staying.sort(byDate).slice(0, LIST_CAP),
    flagged,
    terms: [...matcher.terms],
    elapsedMs: Math.round(performance.now() - started),
  }
}

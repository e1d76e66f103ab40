// What the calendar reads: the visible range only, as index ranges (`publications` on `scheduledAt` and
// `publishedAt`, `plans` on `at`, talks on `[kind+date]`), never a scan of the ledger or the library; and the
// ideas list as keys only (titles are read for the rows on screen).
import type { Item, TalkItem } from '../../core/items'
import type { Publication } from '../../core/publish/ledger'
import type { BaluchonDb } from '../../db/schema'
import { isIdea, publicationInstant, type Plan } from './model'

export interface VisibleRange {
  /** First instant shown (inclusive). */
  from: number
  /** End of the range (exclusive). */
  to: number
  /** The same range as calendar dates in the person's zone: first day and last day (inclusive). */
  fromDay: string
  toDay: string
}

export interface RangeData {
  publications: Publication[]
  plans: Plan[]
  talks: TalkItem[]
}

/** Statuses that put an item on the calendar (and take it out of the ideas). */
function isLive(p: Publication): boolean {
  return p.status !== 'draft' && p.status !== 'trashed'
}

/**
 * What the range holds. Items are not read here (a month may reference 1,000 of them): only the ids of those in
 * the Trash (keys of the `trashedAt` index, which holds trashed items only), so their rows leave the calendar;
 * titles are read for the events actually drawn (`itemTitles`).
 */
export async function loadRange(db: BaluchonDb, range: VisibleRange): Promise<RangeData> {
  const [scheduled, published, plans, talks, trashedIds] = await Promise.all([
    db.publications.where('scheduledAt').between(range.from, range.to, true, false).toArray(),
    db.publications.where('publishedAt').between(range.from, range.to, true, false).toArray(),
    db.plans.where('at').between(range.from, range.to, true, false).toArray(),
    db.items.where('[kind+date]').between(['talk', range.fromDay], ['talk', range.toDay], true, true).toArray() as Promise<TalkItem[]>,
    db.items.where('trashedAt').above(0).primaryKeys(),
  ])
  const trashed = new Set(trashedIds.map(String))
  const byId = new Map<string, Publication>()
  for (const p of [...scheduled, ...published]) {
    const at = publicationInstant(p)
    // A published row sits at its publication time: found through scheduledAt, it may belong to another range.
    if (at !== null && at >= range.from && at < range.to && !trashed.has(p.itemId)) byId.set(p.id, p)
  }
  // A plan is fulfilled once the item has a live publication (it shows on the calendar by itself).
  const planned = plans.filter((plan) => !trashed.has(plan.itemId)).map((plan) => plan.itemId)
  const fulfilled = new Set(
    planned.length === 0
      ? []
      : (await db.publications.where('itemId').anyOf(planned).toArray()).filter(isLive).map((p) => p.itemId),
  )
  return {
    publications: [...byId.values()],
    plans: plans.filter((plan) => !trashed.has(plan.itemId) && !fulfilled.has(plan.itemId)),
    talks: talks.filter((talk) => !talk.trashed),
  }
}

/** Titles of the items whose events are drawn (an item deleted for good has none). */
export async function itemTitles(db: BaluchonDb, ids: readonly string[]): Promise<Map<string, string>> {
  const items = await db.items.bulkGet([...ids])
  const titles = new Map<string, string>()
  for (const item of items) if (item) titles.set(item.id, item.title)
  return titles
}

/** Newest first, by the last change: the order the ideas list shows. */
interface Keyed {
  id: string
  updatedAt: number
}

function byNewest(a: Keyed, b: Keyed): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1)
}

async function keysOf(db: BaluchonDb, kind: 'post' | 'talk' | 'note', status: string | null): Promise<Keyed[]> {
  const collection =
    status === null
      ? db.items.where('[trashed+kind+updatedAt]').between([0, kind, -Infinity], [0, kind, Infinity])
      : db.items.where('[trashed+kind+status+updatedAt]').between([0, kind, status, -Infinity], [0, kind, status, Infinity])
  // Index keys and primary keys come in the same order: two key-only reads, no rows.
  const [keys, ids] = await Promise.all([collection.keys(), collection.primaryKeys()])
  return ids.map((id, i) => ({ id: String(id), updatedAt: Number((keys[i] as unknown[])[(keys[i] as unknown[]).length - 1]) }))
}

export type IdeaKind = 'all' | 'post' | 'talk' | 'note'

/**
 * Ids of the ideas waiting for a date, newest first: posts (idea, draft), talks (idea) and notes, without a plan
 * and without a live publication. Keys only: cheap with 50,000 items.
 */
export async function ideaIds(db: BaluchonDb, kind: IdeaKind = 'all'): Promise<string[]> {
  const groups: Promise<Keyed[]>[] = []
  if (kind === 'all' || kind === 'post') groups.push(keysOf(db, 'post', 'idea'), keysOf(db, 'post', 'draft'))
  if (kind === 'all' || kind === 'talk') groups.push(keysOf(db, 'talk', 'idea'))
  if (kind === 'all' || kind === 'note') groups.push(keysOf(db, 'note', null))
  const [keyed, planned, live] = await Promise.all([
    Promise.all(groups).then((all) => all.flat()),
    db.plans.toCollection().primaryKeys(),
    // Rows with a time are the ones that take an item off the ideas (drafts on a blog do not).
    Promise.all([db.publications.where('scheduledAt').aboveOrEqual(-Infinity).toArray(), db.publications.where('publishedAt').aboveOrEqual(-Infinity).toArray()]),
  ])
  const taken = new Set<string>(planned.map(String))
  for (const p of live.flat()) if (isLive(p)) taken.add(p.itemId)
  return keyed.filter((k) => !taken.has(k.id)).sort(byNewest).map((k) => k.id)
}

/** The rows on screen of the ideas list (title, kind, status). */
export async function ideaRows(db: BaluchonDb, ids: readonly string[]): Promise<Item[]> {
  const items = await db.items.bulkGet([...ids])
  return items.filter((item): item is Item => !!item && isIdea(item))
}

// Read-side queries of the library: the windowed list, its count, sidebar and tag counts.
// Everything here rides on IndexedDB indexes so it stays instant at 50,000 items: counts are index
// counts, pages are index ranges with offset/limit, the tag filter intersects keys-only scans.
import Dexie, { type Collection, type InsertType } from 'dexie'
import type { Item, ItemKind, ItemStatus } from '../../core/items'
import { ITEM_KINDS, POST_STATUSES, TALK_STATUSES } from '../../core/items'
import type { BaluchonDb } from '../../db'
import { steppedIndexCount, type CountableDatabase, type SteppedCountOptions } from './steppedCount'

/** What the library list shows: every filter is optional and they combine. */
export interface ListFilter {
  kind?: ItemKind | null
  /** Only meaningful with a kind that has statuses (post, talk). */
  status?: ItemStatus | null
  tag?: string | null
  /** Links not read yet (implies kind 'link'). */
  unread?: boolean
}

type ItemCollection = Collection<Item, string, InsertType<Item, 'id'>>

export function filterKey(filter: ListFilter): string {
  return JSON.stringify([filter.kind ?? null, filter.status ?? null, filter.tag ?? null, filter.unread ? 1 : 0])
}

function effectiveKind(filter: ListFilter): ItemKind | null {
  return filter.unread ? 'link' : (filter.kind ?? null)
}

/**
 * The ordered collection (newest change first) for kind/status, on the narrowest compound index.
 * Trashed items live at trashed=1, so they never enter these ranges.
 */
function orderedCollection(db: BaluchonDb, filter: ListFilter): ItemCollection {
  const kind = effectiveKind(filter)
  if (kind && filter.status && !filter.unread) {
    return db.items
      .where('[trashed+kind+status+updatedAt]')
      .between([0, kind, filter.status, -Infinity], [0, kind, filter.status, Infinity])
      .reverse()
  }
  if (kind) {
    return db.items.where('[trashed+kind+updatedAt]').between([0, kind, -Infinity], [0, kind, Infinity]).reverse()
  }
  return db.items.where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity]).reverse()
}

/**
 * Primary keys in list order (newest change first). Read forward, where IndexedDB answers with one
 * getAllKeys call, and reversed here: a reverse read walks a cursor, one key at a time, many times slower.
 */
async function idsInOrder(db: BaluchonDb, filter: ListFilter): Promise<string[]> {
  return (await orderedCollection(db, filter).reverse().primaryKeys()).reverse()
}

/** Unread links, in list order: one keys-only read of the `[trashed+unread+updatedAt]` index (see LinkItem.unread). */
async function unreadIdsInOrder(db: BaluchonDb, among?: ReadonlySet<string>): Promise<string[]> {
  const ids = (await db.items.where('[trashed+unread+updatedAt]').between([0, 1, -Infinity], [0, 1, Infinity]).primaryKeys()) as string[]
  ids.reverse()
  return among ? ids.filter((id) => among.has(id)) : ids
}

/** Ids in list order when a tag narrows the list: keys-only reads of the tag and of the ordered index, intersected. */
async function taggedIdsInOrder(db: BaluchonDb, filter: ListFilter & { tag: string }): Promise<string[]> {
  const tagged = new Set(await db.items.where('tags').equals(filter.tag).primaryKeys())
  if (tagged.size === 0) return []
  if (filter.unread) return unreadIdsInOrder(db, tagged)
  return (await idsInOrder(db, filter)).filter((id) => tagged.has(id))
}

/**
 * A tag alone (the common case, whatever its size): counted by set arithmetic (tagged minus trashed), and
 * the window found by walking the newest-first index in chunks of keys until enough tagged ids are seen,
 * so the first page costs a few hundred keys instead of the whole library.
 */
const KEY_CHUNK = 1000

async function tagOnlyCount(db: BaluchonDb, tagged: ReadonlySet<string>): Promise<number> {
  const trashed = await db.items.where('[trashed+updatedAt]').between([1, -Infinity], [1, Infinity]).primaryKeys()
  return tagged.size - trashed.filter((id) => tagged.has(id)).length
}

async function tagOnlyIds(db: BaluchonDb, tagged: ReadonlySet<string>, offset: number, limit: number): Promise<string[]> {
  const wanted = offset + limit
  const found: string[] = []
  for (let from = 0; found.length < wanted; from += KEY_CHUNK) {
    const chunk = await orderedCollection(db, {}).offset(from).limit(KEY_CHUNK).primaryKeys()
    for (const id of chunk) if (tagged.has(id)) found.push(id)
    if (chunk.length < KEY_CHUNK) break
  }
  return found.slice(offset, wanted)
}

const isTagOnly = (filter: ListFilter): filter is ListFilter & { tag: string } => !!filter.tag && !filter.kind && !filter.status && !filter.unread

export async function countList(db: BaluchonDb, filter: ListFilter): Promise<number> {
  if (isTagOnly(filter)) return tagOnlyCount(db, new Set(await db.items.where('tags').equals(filter.tag).primaryKeys()))
  if (filter.tag) return (await taggedIdsInOrder(db, { ...filter, tag: filter.tag })).length
  if (filter.unread) return (await unreadIdsInOrder(db)).length
  return orderedCollection(db, filter).count()
}

/**
 * The list's length counted on indexes that hold no date (`[trashed+kind]`, `[trashed+kind+status]`, schema
 * v6), for the filters they can count (no tag, not unread); undefined for the others. Why: an autosave changes
 * a row's updatedAt, so everything read on the `…+updatedAt` list indexes is read again after each save; a
 * count kept apart on these indexes is not (Dexie re-runs a live query only when a range it read changed).
 *
 * Counted in steps (steppedCount.ts): one `count()` of a kind at 50,000 items held IndexedDB for 0.7 s, and the
 * rows of the next view a person clicked waited behind it. A one-row Dexie read of the same range comes first, so
 * a live query running this is told when the range changes (the steps read IndexedDB directly). Resolves
 * undefined if `options.wanted` turns false before the count ends.
 */
export function countListWithoutDates(db: BaluchonDb, filter: ListFilter, options?: SteppedCountOptions): Promise<number | undefined> | undefined {
  if (filter.tag || filter.unread) return undefined
  const kind = filter.kind ?? null
  const [indexName, lower, upper]: [string, unknown[], unknown[]] =
    kind && filter.status
      ? ['[trashed+kind+status]', [0, kind, filter.status], [0, kind, filter.status]]
      : kind
        ? ['[trashed+kind]', [0, kind], [0, kind]]
        : ['[trashed+kind]', [0, Dexie.minKey], [0, Dexie.maxKey]]
  const watched = db.items.where(indexName).between(lower, upper, true, true).limit(1).primaryKeys()
  return watched.then(() => steppedIndexCount(db.backendDB() as unknown as CountableDatabase, 'items', indexName, lower, upper, options))
}

/**
 * The ids of one window of the list (see listPage), newest change first, read from the list's index alone (one
 * keys-only request, no row read); undefined for the filters it does not read this way (a tag, unread links).
 */
export async function listPageIds(db: BaluchonDb, filter: ListFilter, offset: number, limit: number): Promise<string[] | undefined> {
  if (filter.tag || filter.unread) return undefined
  if (limit <= 0) return []
  return orderedCollection(db, filter).offset(offset).limit(limit).primaryKeys()
}

/** One window of the list, newest change first. */
export async function listPage(db: BaluchonDb, filter: ListFilter, offset: number, limit: number): Promise<Item[]> {
  if (limit <= 0) return []
  if (isTagOnly(filter)) {
    const ids = await tagOnlyIds(db, new Set(await db.items.where('tags').equals(filter.tag).primaryKeys()), offset, limit)
    return (await db.items.bulkGet(ids)).filter((i): i is Item => !!i)
  }
  if (filter.tag || filter.unread) {
    const all = filter.tag ? await taggedIdsInOrder(db, { ...filter, tag: filter.tag }) : await unreadIdsInOrder(db)
    return (await db.items.bulkGet(all.slice(offset, offset + limit))).filter((i): i is Item => !!i)
  }
  return orderedCollection(db, filter).offset(offset).limit(limit).toArray()
}

export interface SidebarCounts {
  all: number
  byKind: Record<ItemKind, number>
  /** Per kind, per status (only post and talk have statuses). */
  byStatus: { post: Record<string, number>; talk: Record<string, number> }
  trash: number
}

/**
 * Every count the sidebar shows except tags and unread links, each an index count. Counted on the
 * `[trashed+kind]` and `[trashed+kind+status]` indexes (schema v6), which hold no date: a save that only
 * changes a row's content and updatedAt leaves them as they were, so the live query does not run again.
 */
export async function sidebarCounts(db: BaluchonDb): Promise<SidebarCounts> {
  return db.transaction('r', db.items, async () => {
    const countKind = (kind: ItemKind) => db.items.where('[trashed+kind]').equals([0, kind]).count()
    const countStatus = (kind: ItemKind, status: string) => db.items.where('[trashed+kind+status]').equals([0, kind, status]).count()
    const countTrashed = (trashed: 0 | 1) => db.items.where('[trashed+kind]').between([trashed, Dexie.minKey], [trashed, Dexie.maxKey]).count()
    const [all, trash, kindCounts, postCounts, talkCounts] = await Promise.all([
      countTrashed(0),
      countTrashed(1),
      Promise.all(ITEM_KINDS.map(countKind)),
      Promise.all(POST_STATUSES.map((s) => countStatus('post', s))),
      Promise.all(TALK_STATUSES.map((s) => countStatus('talk', s))),
    ])
    return {
      all,
      trash,
      byKind: Object.fromEntries(ITEM_KINDS.map((k, i) => [k, kindCounts[i] ?? 0])) as Record<ItemKind, number>,
      byStatus: {
        post: Object.fromEntries(POST_STATUSES.map((s, i) => [s, postCounts[i] ?? 0])),
        talk: Object.fromEntries(TALK_STATUSES.map((s, i) => [s, talkCounts[i] ?? 0])),
      },
    }
  })
}

/** Unread links outside the Trash: an index count. */
export async function countUnreadLinks(db: BaluchonDb): Promise<number> {
  return db.items.where('[trashed+unread+updatedAt]').between([0, 1, -Infinity], [0, 1, Infinity]).count()
}

export interface TagCount {
  tag: string
  count: number
}

/** Above this many trashed items, trashed tags are subtracted with keys-only scans instead of loading the Trash. */
const TRASH_LOAD_LIMIT = 500

/**
 * Tags with how many items (outside the Trash) carry each, most used first.
 * One keys-only unique pass over the multiEntry `tags` index, then one index count per tag;
 * the Trash (usually small) is subtracted.
 */
export async function tagCounts(db: BaluchonDb): Promise<TagCount[]> {
  return db.transaction('r', db.items, async () => {
    const tags = (await db.items.orderBy('tags').uniqueKeys()) as string[]
    if (tags.length === 0) return []
    const [totals, trashedIds] = await Promise.all([
      Promise.all(tags.map((tag) => db.items.where('tags').equals(tag).count())),
      db.items.where('[trashed+updatedAt]').between([1, -Infinity], [1, Infinity]).primaryKeys(),
    ])
    const trashedPerTag = new Map<string, number>()
    if (trashedIds.length > 0 && trashedIds.length <= TRASH_LOAD_LIMIT) {
      for (const item of await db.items.bulkGet(trashedIds)) {
        for (const tag of item?.tags ?? []) trashedPerTag.set(tag, (trashedPerTag.get(tag) ?? 0) + 1)
      }
    } else if (trashedIds.length > 0) {
      const trashed = new Set(trashedIds)
      const perTag = await Promise.all(tags.map((tag) => db.items.where('tags').equals(tag).primaryKeys()))
      perTag.forEach((ids, i) => trashedPerTag.set(tags[i]!, ids.filter((id) => trashed.has(id)).length))
    }
    return tags
      .map((tag, i) => ({ tag, count: (totals[i] ?? 0) - (trashedPerTag.get(tag) ?? 0) }))
      .filter((t) => t.count > 0)
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
  })
}

export async function countTrash(db: BaluchonDb): Promise<number> {
  return db.items.where('[trashed+updatedAt]').between([1, -Infinity], [1, Infinity]).count()
}

/** The Trash, most recently trashed first (only trashed items have a `trashedAt`, so the index holds just them). */
export async function trashPage(db: BaluchonDb, offset: number, limit: number): Promise<Item[]> {
  if (limit <= 0) return []
  return db.items.orderBy('trashedAt').reverse().offset(offset).limit(limit).toArray()
}

/**
 * Items whose title contains the text (accent- and case-insensitive), newest first, for the quick
 * switcher before the search index is ready. Scans newest first and stops at `limit` matches.
 */
export async function findByTitle(db: BaluchonDb, text: string, limit: number, fold: (s: string) => string): Promise<Item[]> {
  const needle = fold(text.trim())
  const collection = orderedCollection(db, {})
  if (!needle) return collection.limit(limit).toArray()
  return collection.filter((item) => fold(item.title).includes(needle)).limit(limit).toArray()
}

/**
 * Links whose page details are still to fetch (saved offline, or main was unreachable), newest change first: one
 * keys-only read of the `[trashed+fetchState+updatedAt]` index (schema v8), which holds links only.
 */
export async function pendingLinkIds(db: BaluchonDb): Promise<string[]> {
  const ids = (await db.items.where('[trashed+fetchState+updatedAt]').between([0, 'pending', -Infinity], [0, 'pending', Infinity]).primaryKeys()) as string[]
  return ids.reverse()
}

export interface ListWindow {
  count: number
  /** Index of `items[0]` in the whole list. */
  offset: number
  items: Item[]
}

/** The count and one window of the list in one read, so a tag filter resolves its ids once. */
export async function listWindow(db: BaluchonDb, filter: ListFilter, offset: number, limit: number): Promise<ListWindow> {
  return db.transaction('r', db.items, async () => {
    if (isTagOnly(filter)) {
      const tagged = new Set(await db.items.where('tags').equals(filter.tag).primaryKeys())
      const [count, ids] = await Promise.all([tagOnlyCount(db, tagged), tagOnlyIds(db, tagged, offset, limit)])
      const items = (await db.items.bulkGet(ids)).filter((i): i is Item => !!i)
      return { count, offset, items }
    }
    if (filter.tag || filter.unread) {
      const ids = filter.tag ? await taggedIdsInOrder(db, { ...filter, tag: filter.tag }) : await unreadIdsInOrder(db)
      const items = (await db.items.bulkGet(ids.slice(offset, offset + limit))).filter((i): i is Item => !!i)
      return { count: ids.length, offset, items }
    }
    const [count, items] = await Promise.all([countList(db, filter), listPage(db, filter, offset, limit)])
    return { count, offset, items }
  })
}

export async function trashWindow(db: BaluchonDb, offset: number, limit: number): Promise<ListWindow> {
  return db.transaction('r', db.items, async () => {
    const [count, items] = await Promise.all([countTrash(db), trashPage(db, offset, limit)])
    return { count, offset, items }
  })
}

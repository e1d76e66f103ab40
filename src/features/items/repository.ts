// Every write to items, revisions and attachments goes through here, each in one transaction.
import { ulid } from 'ulid'
import { docAttachmentIds, type RichDoc } from '../../core/doc'
import { newItem } from '../../core/itemFactory'
import { normalizeTags, type Item, type ItemKind, type LinkItem } from '../../core/items'
import type { LinkPreview } from '../../core/ipc/contract'
import type { IpcErrorCode } from '../../core/ipc/result'
import { revisionsToPrune, shouldSnapshot, SNAPSHOT_MIN_CHANGE } from '../../core/revisions'
import { slugify } from '../../core/slug'
import Dexie, { type DBCoreTransaction, type Table } from 'dexie'
import { bodyJsonOf, type BaluchonDb, type Revision } from '../../db'

export interface ContentPatch {
  title: string
  body: RichDoc
  bodyText: string
}

type NonEditable = 'id' | 'kind' | 'createdAt' | 'updatedAt' | 'body' | 'bodyText' | 'trashed' | 'trashedAt'
/** Omit applied to each member of the union (plain Omit would keep only the fields all kinds share). */
type FieldsOf<T> = T extends unknown ? Partial<Omit<T, NonEditable>> : never

/** Editable fields other than the content (kind-specific fields, tags, status). */
export type FieldsPatch = FieldsOf<Item>

/**
 * Partial update of an item. Dexie derives key paths from the row type and recurses forever on the
 * editor document's recursive type, so updates go through this loosely typed view of the same table.
 */
function patchItem(db: BaluchonDb, id: string, changes: Partial<Item>): Promise<number> {
  return looseItems(db).update(id, changes)
}

/** The items table with loose row typing (see patchItem). */
function looseItems(db: BaluchonDb): Table<Record<string, unknown>, string> {
  return db.items as unknown as Table<Record<string, unknown>, string>
}

export async function createItem(db: BaluchonDb, kind: ItemKind, init: Partial<Item> = {}, now = Date.now()): Promise<Item> {
  const item = { ...newItem(kind, ulid(now), now), ...init, kind } as Item
  item.tags = normalizeTags(item.tags)
  await db.items.add(item)
  return item
}

export async function getItem(db: BaluchonDb, id: string): Promise<Item | undefined> {
  return db.items.get(id)
}

/**
 * The autosave path: writes title and body, keeps the post's slug in step with its title until
 * the person locks it, and takes a revision when the change is meaningful. One transaction.
 * Every read of a large document costs its deserialisation on the main thread, so this reads the
 * row once and writes it back whole (update() would read and deep-copy it again), and decides on
 * revisions from a keys-only read when it already knows the newest revision. Resolves with the row as
 * written, without its body (undefined when the content was already there and nothing was written).
 */
export async function saveContent(db: BaluchonDb, id: string, patch: ContentPatch, now = Date.now()): Promise<Omit<Item, 'body'> | undefined> {
  return db.transaction('rw', db.items, db.revisions, async () => {
    const item = await getForUpdate(db, id)
    if (!item) throw new Error(`Item ${id} not found`)
    if (item.title === patch.title && item.bodyText === patch.bodyText && bodyJsonOf(item) === JSON.stringify(patch.body)) return undefined
    // Copied field by field: spreading the row would parse its stored body only to replace it.
    const next: Record<string, unknown> = {}
    for (const key of Object.keys(item)) if (key !== 'body') next[key] = (item as unknown as Record<string, unknown>)[key]
    Object.assign(next, { title: patch.title, bodyText: patch.bodyText, updatedAt: now })
    if (item.kind === 'post' && !item.slugLocked) next.slug = slugify(patch.title)
    const written = { ...next } as Omit<Item, 'body'>
    next.body = patch.body
    await looseItems(db).put(next)
    await maybeSnapshot(db, item, patch, now)
    return written
  })
}

/**
 * Reads a row inside the current read-write transaction the way Dexie's own update does, so that Dexie
 * keeps it for the transaction: the put that follows then knows the row's old values (which index keys
 * really change, so only the live queries concerned re-run) without reading the row a second time.
 * The row is shared with that cache: never modify it.
 */
async function getForUpdate(db: BaluchonDb, id: string): Promise<Readonly<Item> | undefined> {
  const trans = Dexie.currentTransaction
  if (!trans) return db.items.get(id)
  const [row] = await db.items.core.getMany({ trans: trans.idbtrans as unknown as DBCoreTransaction, keys: [id], cache: 'immutable' })
  return row as Item | undefined
}

/** The newest revision's facts the snapshot rules need (never its body). */
type RevisionFacts = Pick<Revision, 'id' | 'createdAt' | 'title' | 'bodyText'>

/**
 * The newest revision of each item as this window last saw it. Revisions never change once written,
 * so a remembered one holds as long as it is still the newest, which a keys-only read tells.
 */
const newestRevisions = new WeakMap<BaluchonDb, Map<string, RevisionFacts>>()

function rememberNewest(db: BaluchonDb, itemId: string, facts: RevisionFacts): void {
  let perItem = newestRevisions.get(db)
  if (!perItem) newestRevisions.set(db, (perItem = new Map()))
  perItem.set(itemId, facts)
}

async function newestRevision(db: BaluchonDb, itemId: string): Promise<RevisionFacts | undefined> {
  const [newestId] = await db.revisions
    .where('[itemId+createdAt]')
    .between([itemId, -Infinity], [itemId, Infinity])
    .reverse()
    .limit(1)
    .primaryKeys()
  if (newestId === undefined) return undefined
  const known = newestRevisions.get(db)?.get(itemId)
  if (known?.id === newestId) return known
  const row = await db.revisions.get(newestId)
  if (!row) return undefined
  const facts = { id: row.id, createdAt: row.createdAt, title: row.title, bodyText: row.bodyText }
  rememberNewest(db, itemId, facts)
  return facts
}

async function maybeSnapshot(db: BaluchonDb, previous: Item, next: ContentPatch, now: number): Promise<void> {
  const last = await newestRevision(db, previous.id)
  // The first snapshot records the text as it was before this editing session began.
  if (!last && (previous.title !== '' || previous.bodyText !== '')) {
    await addRevision(db, previous.id, previous, 'save', previous.updatedAt)
  }
  // A large jump in one save (a paste, a deleted section) also keeps the text it replaces, when no
  // snapshot holds it yet: otherwise small edits since the last snapshot would be lost from History.
  const jump = Math.abs(next.bodyText.length - previous.bodyText.length) >= SNAPSHOT_MIN_CHANGE
  if (jump && last && (last.title !== previous.title || last.bodyText !== previous.bodyText)) {
    await addRevision(db, previous.id, previous, 'save', Math.min(previous.updatedAt, now - 1))
  }
  const reference = last ?? (previous.title !== '' || previous.bodyText !== '' ? { ...previous, createdAt: previous.updatedAt } : undefined)
  if (!shouldSnapshot(reference, next, now)) return
  await addRevision(db, previous.id, next, 'save', now)
  // Pruning needs only ids and dates: read them from the [itemId+createdAt] index, never the bodies
  // (a long history of a 200 KB document would otherwise be copied on every snapshot).
  const history = db.revisions.where('[itemId+createdAt]').between([previous.id, -Infinity], [previous.id, Infinity])
  const [keys, ids] = await Promise.all([history.keys(), history.primaryKeys()])
  const stamps = ids.map((id, i) => ({ id, createdAt: (keys[i] as unknown as [string, number])[1] }))
  const prune = revisionsToPrune(stamps, now)
  if (prune.length) await db.revisions.bulkDelete(prune)
}

async function addRevision(db: BaluchonDb, itemId: string, content: ContentPatch, reason: Revision['reason'], at: number): Promise<void> {
  const id = ulid(at)
  await db.revisions.add({ id, itemId, createdAt: at, title: content.title, body: content.body, bodyText: content.bodyText, reason })
  rememberNewest(db, itemId, { id, createdAt: at, title: content.title, bodyText: content.bodyText })
}

export async function updateFields(db: BaluchonDb, id: string, patch: FieldsPatch, now = Date.now()): Promise<void> {
  const clean: Record<string, unknown> = { ...patch, updatedAt: now }
  if (patch.tags) clean.tags = normalizeTags(patch.tags)
  await patchItem(db, id, clean as Partial<Item>)
}

export async function trashItem(db: BaluchonDb, id: string, now = Date.now()): Promise<void> {
  await patchItem(db, id, { trashed: 1, trashedAt: now })
}

export async function restoreFromTrash(db: BaluchonDb, id: string): Promise<void> {
  await patchItem(db, id, { trashed: 0, trashedAt: null })
}

/** Deletes an item with its revisions and the attachments no other item uses. */
export async function deleteForever(db: BaluchonDb, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', db.items, db.revisions, db.attachments, async () => {
    await db.items.bulkDelete(ids as string[])
    await db.revisions.where('itemId').anyOf(ids as string[]).delete()
    await releaseAttachments(db, ids)
  })
}

/**
 * Deletes the attachments owned by deleted items, except those another item (or its history) still shows:
 * an image copied from one item into another points at the same attachment. Those are handed over to an
 * item that uses them, so they go when their last user goes. Scans every body, which is fine for a rare
 * action (Delete forever, Empty Trash) and only happens when the deleted items owned attachments.
 */
async function releaseAttachments(db: BaluchonDb, deletedIds: readonly string[]): Promise<void> {
  const owned = await db.attachments.where('itemId').anyOf(deletedIds as string[]).primaryKeys()
  if (owned.length === 0) return
  const wanted = new Set(owned)
  const newOwner = new Map<string, string>()
  const mark = (doc: RichDoc, itemId: string): void => {
    for (const id of docAttachmentIds(doc)) if (wanted.has(id) && !newOwner.has(id)) newOwner.set(id, itemId)
  }
  await db.items.each((item) => mark(item.body, item.id))
  await db.revisions.each((revision) => mark(revision.body, revision.itemId))
  await db.attachments.bulkDelete(owned.filter((id) => !newOwner.has(id)))
  for (const [attachmentId, itemId] of newOwner) await db.attachments.update(attachmentId, { itemId })
}

export async function emptyTrash(db: BaluchonDb): Promise<number> {
  const ids = await db.items.where('[trashed+updatedAt]').between([1, -Infinity], [1, Infinity]).primaryKeys()
  await deleteForever(db, ids)
  return ids.length
}

export async function listRevisions(db: BaluchonDb, itemId: string): Promise<Revision[]> {
  return db.revisions.where('[itemId+createdAt]').between([itemId, -Infinity], [itemId, Infinity]).reverse().toArray()
}

/** Puts an older version back; the current text is kept as a revision first, so a restore can be undone. */
export async function restoreRevision(db: BaluchonDb, revisionId: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.items, db.revisions, async () => {
    const revision = await db.revisions.get(revisionId)
    if (!revision) throw new Error(`Revision ${revisionId} not found`)
    const item = await db.items.get(revision.itemId)
    if (!item) throw new Error(`Item ${revision.itemId} not found`)
    await addRevision(db, item.id, item, 'before-restore', now)
    await patchItem(db, item.id, { title: revision.title, body: revision.body, bodyText: revision.bodyText, updatedAt: now + 1 })
  })
}

/** Finds a saved link by URL, so adding the same URL twice opens the existing one. */
export async function findLinkByUrl(db: BaluchonDb, url: string): Promise<LinkItem | undefined> {
  const found = await db.items.where('url').equals(url).first()
  return found?.kind === 'link' ? found : undefined
}

/** Why a link's page details could not be fetched, kept on the item so the UI can say it in the person's language. */
export interface LinkFetchError {
  code: IpcErrorCode
  status?: number
}

/** What the last successful fetch filled in, to tell fetched values from the person's own edits. */
export interface FetchedLinkMeta {
  title: string
  description: string
  siteName: string
}

/** A link as stored: the domain fields plus fetch bookkeeping (absent on links never fetched). */
export type StoredLink = LinkItem & { fetchError?: LinkFetchError | null; fetched?: FetchedLinkMeta | null }

/** The title a link shows until its page title is known: host and path, without the scheme. */
export function placeholderLinkTitle(url: string): string {
  try {
    const u = new URL(url)
    const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '')
    return `${u.hostname.replace(/^www\./, '')}${path}`
  } catch {
    return url
  }
}

/**
 * Saves a link right away (its details are fetched afterwards). Adding a URL already saved returns
 * the existing link instead, restored from the Trash if it was there.
 */
export async function addLink(db: BaluchonDb, url: string, now = Date.now()): Promise<{ link: LinkItem; created: boolean }> {
  return db.transaction('rw', db.items, async () => {
    const existing = await findLinkByUrl(db, url)
    if (existing) {
      if (existing.trashed) await patchItem(db, existing.id, { trashed: 0, trashedAt: null, updatedAt: now })
      return { link: { ...existing, trashed: 0, trashedAt: null }, created: false }
    }
    const link = (await createItem(db, 'link', { url, title: placeholderLinkTitle(url), fetchState: 'pending' } as Partial<Item>, now)) as LinkItem
    return { link, created: true }
  })
}

/**
 * Fills a link with its page's details. Only fields the person has not touched change: a field still
 * empty, still the placeholder title, or still what the previous fetch put there.
 */
export async function applyLinkPreview(db: BaluchonDb, id: string, preview: LinkPreview): Promise<void> {
  await db.transaction('rw', db.items, async () => {
    const link = (await db.items.get(id)) as StoredLink | undefined
    if (!link || link.kind !== 'link') return
    const next: FetchedLinkMeta = { title: preview.title.trim(), description: preview.description.trim(), siteName: preview.siteName.trim() }
    const before = link.fetched
    const untouched = (field: keyof FetchedLinkMeta, current: string): boolean =>
      current === '' || current === before?.[field] || (field === 'title' && current === placeholderLinkTitle(link.url))
    const changes: Record<string, unknown> = { fetchState: 'done', fetchError: null, fetched: next }
    for (const field of ['title', 'description', 'siteName'] as const) {
      if (next[field] && untouched(field, link[field])) changes[field] = next[field]
    }
    await patchItem(db, id, changes as Partial<Item>)
  })
}

/** Records a fetch failure: 'failed' for errors a retry will not fix, otherwise still 'pending'. */
export async function markLinkFetch(db: BaluchonDb, id: string, state: 'pending' | 'failed', error: LinkFetchError | null): Promise<void> {
  await patchItem(db, id, { fetchState: state, fetchError: error } as Partial<Item>)
}

/** The slug typed by hand: it stops following the title. */
export async function setSlug(db: BaluchonDb, id: string, slug: string, now = Date.now()): Promise<void> {
  await updateFields(db, id, { slug, slugLocked: true }, now)
}

/** Back to a slug that follows the title. */
export async function resetSlugToTitle(db: BaluchonDb, id: string, now = Date.now()): Promise<void> {
  const item = await db.items.get(id)
  if (item?.kind !== 'post') return
  await updateFields(db, id, { slug: slugify(item.title), slugLocked: false }, now)
}

// The database side of a restore: read what the archive's records can meet, and write a plan in ONE
// transaction (all or nothing: on any failure IndexedDB rolls everything back and the base is untouched).
// The search index follows by itself: it listens to Dexie's change events for the items table, in every
// window and worker, and re-indexes the ids written here.
import type { ArchiveRevision } from '../../core/archive'
import type { Item } from '../../core/items'
import type { Attachment, BaluchonDb, Revision } from '../../db'
import type { Table } from 'dexie'
import { RESTORED_TABLES, type CurrentRecords, type IncomingRecords, type RestorePlan } from './plan'

/** From this many ids, the table's keys are read first and only the ids it holds are fetched (see `present`). */
const KEYS_FIRST_FROM = 256

/**
 * `ids` that `table` holds. Why: a `bulkGet` is one request per id; for a restore into an empty or small profile
 * nearly all of them miss (10,000 gets of absent items took the dry run 350–600 ms), whereas every primary key of
 * the table comes in one `getAllKeys`, and only the ids both sides have are read.
 */
async function present(table: Table<unknown, string>, ids: readonly string[]): Promise<string[]> {
  if (ids.length < KEYS_FIRST_FROM) return [...ids]
  const keys = new Set(await table.toCollection().primaryKeys())
  return ids.filter((id) => keys.has(id))
}

/** Reads, by id, the records of the database the archive's ones could meet. */
export async function readCurrent(db: BaluchonDb, incoming: IncomingRecords): Promise<CurrentRecords> {
  return db.transaction('r', [db.items, db.revisions, db.attachments, db.settings, db.publications, db.variants, db.affiliations, db.plans], async () => {
    const [itemIds, revisionIds] = await Promise.all([
      present(db.items as unknown as Table<unknown, string>, incoming.items.map((i) => i.id)),
      present(db.revisions as unknown as Table<unknown, string>, incoming.revisions.map((r) => r.id)),
    ])
    const tables = new Map<string, Map<string, Record<string, unknown>>>()
    for (const table of RESTORED_TABLES) {
      const ids = (incoming.tables?.[table] ?? []).map((r) => r['id']).filter((id): id is string => typeof id === 'string')
      if (ids.length === 0) continue
      const found = (await (db[table] as unknown as Table<Record<string, unknown>, string>).bulkGet(ids)).filter((r): r is Record<string, unknown> => r !== undefined)
      tables.set(table, new Map(found.map((r) => [r['id'] as string, r])))
    }
    const [items, revisions, attachments, settings] = await Promise.all([
      db.items.bulkGet(itemIds),
      db.revisions.bulkGet(revisionIds),
      // Metadata only: the bytes are compared by their SHA-256.
      db.attachments.where(':id').anyOf(incoming.attachments.map((a) => a.id)).toArray(),
      db.settings.bulkGet(incoming.settings.map((s) => s.key)),
    ])
    const itemMap = new Map<string, Item>()
    for (const item of items) if (item) itemMap.set(item.id, item)
    // History matters only where both sides have the item and they differ.
    const differing = incoming.items.filter((i) => itemMap.has(i.id)).map((i) => i.id)
    const history = differing.length === 0 ? [] : await db.revisions.where('itemId').anyOf(differing).toArray()
    const historyOf = new Map<string, ArchiveRevision[]>()
    for (const revision of history) {
      const list = historyOf.get(revision.itemId)
      if (list) list.push(revision)
      else historyOf.set(revision.itemId, [revision])
    }
    return {
      items: itemMap,
      revisions: new Map(revisions.filter((r): r is Revision => r !== undefined).map((r) => [r.id, r])),
      historyOf,
      attachments: new Map(attachments.map((a) => [a.id, { id: a.id, sha256: a.sha256 }])),
      settings: new Map(settings.filter((s) => s !== undefined).map((s) => [s.key, s.value])),
      tables,
    }
  })
}

export interface ApplyResult {
  items: number
  revisions: number
  attachments: number
  settings: number
}

/**
 * The attachment records the plan writes, their bytes as Blobs. Made before the transaction (an IndexedDB transaction
 * commits as soon as it waits for anything else); the restore worker makes them while the dry run is shown, so the
 * apply does not copy 8 MB of images first.
 */
export function attachmentRecordsOf(plan: RestorePlan): Attachment[] {
  return plan.writes.attachments.map(({ data, ...meta }) => ({ ...meta, data: new Blob([data as Uint8Array<ArrayBuffer>], { type: meta.mime }) }))
}

/** Writes the plan in one transaction. Throws (and writes nothing) if any write fails. */
export async function applyPlan(db: BaluchonDb, plan: RestorePlan, attachmentRecords: Attachment[] = attachmentRecordsOf(plan)): Promise<ApplyResult> {
  const { items, revisions, attachments, settings } = plan.writes
  await db.transaction('rw', [db.items, db.revisions, db.attachments, db.settings, db.publications, db.variants, db.affiliations, db.plans], async () => {
    if (items.length) await db.items.bulkPut(items.map(withDerived))
    if (revisions.length) await db.revisions.bulkPut(revisions as Revision[])
    if (attachmentRecords.length) await db.attachments.bulkPut(attachmentRecords)
    if (settings.length) await db.settings.bulkPut(settings.map((s) => ({ key: s.key, value: s.value })))
    for (const table of RESTORED_TABLES) {
      const records = plan.writes.tables[table]
      if (records?.length) await (db[table] as unknown as Table<Record<string, unknown>, string>).bulkPut(records)
    }
  })
  return { items: items.length, revisions: revisions.length, attachments: attachments.length, settings: settings.length }
}

/**
 * `unread` exactly as the database hook would set it: put over an existing record, a missing `unread` would be
 * read as "removed" and an archive could carry one that disagrees with `read`.
 */
function withDerived(item: Item): Item {
  const { unread: _unread, ...rest } = item as Item & { unread?: 1 }
  return (item.kind === 'link' && !item.read ? { ...rest, unread: 1 } : rest) as Item
}

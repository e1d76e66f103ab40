// Writes an import: every item, update and image in ONE transaction, so an import is all or nothing (a
// failure half-way, a full disk, a closed window leave the database as it was).
//
// The slow parts happen before the transaction: documents are converted in slices that let the window
// breathe (with progress), images are hashed (an IndexedDB transaction commits as soon as it waits for
// anything but the database, so nothing else may be awaited inside it).
import type { Table } from 'dexie'
import { monotonicFactory } from 'ulid'
import { docAttachmentIds } from '../../core/doc'
import type { SkippedEntry } from '../../core/import/types'
import type { Item, ItemKind } from '../../core/items'
import type { Attachment, BaluchonDb } from '../../db'
import { draftToItem, noteIdsByPath } from './convert'
import type { ImportPlan } from './plan'

/** An image ready to store: read from the folder or downloaded, checked and hashed. */
export interface PreparedMedia {
  data: Blob
  mime: string
  name: string
  sha256: string
}

export interface ApplyProgress {
  phase: 'convert' | 'write'
  done: number
  total: number
}

export interface ImportReport {
  added: Record<ItemKind, number>
  updated: number
  unchanged: number
  /** What was not imported, and why (from the parser, the plan, or a document that could not be converted). */
  skipped: SkippedEntry[]
  /** Images stored as attachments. */
  attachments: number
  /** Ids of the items added or updated, newest first (the UI can show them). */
  itemIds: string[]
}

export interface ApplyOptions {
  /** Images by the reference the drafts use (a URL or a folder path). */
  media?: ReadonlyMap<string, PreparedMedia>
  onProgress?: (progress: ApplyProgress) => void
  /** Entries skipped before this step (parser, plan, media), carried into the report. */
  skipped?: readonly SkippedEntry[]
  now?: number
  /** Time spent converting before yielding to the window (ms); the window stays responsive meanwhile. */
  sliceMs?: number
}

const yieldToWindow = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * Items and attachment records written per database call (progress moves between them). IndexedDB clones
 * each record on the calling thread, so a smaller chunk keeps each of those pauses short.
 */
const WRITE_CHUNK = 100

function looseItems(db: BaluchonDb): Table<Record<string, unknown>, string> {
  // Dexie derives key paths from the row type and recurses forever on the document's recursive type.
  return db.items as unknown as Table<Record<string, unknown>, string>
}

export async function applyImport(db: BaluchonDb, plan: ImportPlan, options: ApplyOptions = {}): Promise<ImportReport> {
  const now = options.now ?? Date.now()
  const media = options.media ?? new Map<string, PreparedMedia>()
  const newId = monotonicFactory()
  const report: ImportReport = {
    added: { post: 0, talk: 0, link: 0, note: 0 },
    updated: 0,
    unchanged: 0,
    skipped: [...(options.skipped ?? []), ...plan.skipped],
    attachments: 0,
    itemIds: [],
  }

  const work = plan.entries.filter((e) => e.action !== 'unchanged')
  report.unchanged = plan.entries.length - work.length
  const updateIds = work.filter((e) => e.existingId).map((e) => e.existingId!)
  // Images an updated item already has are reused, as adding the same image twice to an item does.
  const owned = new Map<string, string>()
  if (updateIds.length) {
    for (const a of await db.attachments.where('itemId').anyOf(updateIds).toArray()) owned.set(`${a.itemId}\n${a.sha256}`, a.id)
  }

  // Every entry's item id is known before any is converted, so a note can link to one converted after it
  // (and to one left unchanged, which keeps its id).
  const itemIds = new Map(work.map((entry) => [entry, entry.existingId ?? newId(now)]))
  const noteIds = noteIdsByPath([
    ...plan.entries.filter((e) => e.action === 'unchanged' && e.existingId).map((e) => ({ sourceKey: e.draft.sourceKey, itemId: e.existingId! })),
    ...work.map((e) => ({ sourceKey: e.draft.sourceKey, itemId: itemIds.get(e)! })),
  ])

  // 1. Convert (outside the transaction, in slices).
  const items: { item: Item; update: boolean }[] = []
  const attachments: Attachment[] = []
  const sliceMs = options.sliceMs ?? 25
  let sliceStart = performance.now()
  for (let i = 0; i < work.length; i++) {
    const entry = work[i]!
    const { draft } = entry
    const itemId = itemIds.get(entry)!
    const mediaIds = new Map<string, string>()
    for (const ref of draft.media) {
      const prepared = media.get(ref.ref)
      if (!prepared) continue
      const key = `${itemId}\n${prepared.sha256}`
      let attachmentId = owned.get(key)
      if (!attachmentId) {
        attachmentId = newId(now)
        owned.set(key, attachmentId)
        attachments.push({ id: attachmentId, itemId, mime: prepared.mime, name: prepared.name, size: prepared.data.size, sha256: prepared.sha256, createdAt: now, data: prepared.data })
      }
      mediaIds.set(ref.ref, attachmentId)
    }
    try {
      items.push({ item: draftToItem(draft, itemId, now, mediaIds, noteIds), update: entry.action === 'update' })
    } catch (error) {
      report.skipped.push({ what: draft.title || draft.sourceKey, reason: 'malformed', detail: error instanceof Error ? error.message.slice(0, 200) : 'conversion failed' })
    }
    // Slices by time, not count: posts vary from a line to a book chapter.
    if (performance.now() - sliceStart >= sliceMs) {
      options.onProgress?.({ phase: 'convert', done: i + 1, total: work.length })
      await yieldToWindow()
      sliceStart = performance.now()
    }
  }
  options.onProgress?.({ phase: 'convert', done: work.length, total: work.length })
  const usedAttachments = new Set(items.flatMap(({ item }) => docAttachmentIds(item.body)))
  const toStore = attachments.filter((a) => usedAttachments.has(a.id))

  // 2. Write, all or nothing.
  const total = items.length + toStore.length
  await db.transaction('rw', db.items, db.revisions, db.attachments, async () => {
    let done = 0
    // Checked again inside the transaction: another window may have imported the same file meanwhile.
    const addKeys = items.filter((x) => !x.update).map((x) => x.item.importKey!)
    const taken = new Set((await db.items.where('importKey').anyOf(addKeys).toArray()).map((i) => i.importKey))
    const adds = items.filter((x) => !x.update && !taken.has(x.item.importKey)).map((x) => x.item)
    report.unchanged += items.length - adds.length - items.filter((x) => x.update).length
    for (let i = 0; i < toStore.length; i += WRITE_CHUNK) {
      const chunk = toStore.slice(i, i + WRITE_CHUNK)
      await db.attachments.bulkAdd(chunk)
      done += chunk.length
      options.onProgress?.({ phase: 'write', done, total })
    }
    report.attachments = toStore.length
    for (let i = 0; i < adds.length; i += WRITE_CHUNK) {
      const chunk = adds.slice(i, i + WRITE_CHUNK)
      await looseItems(db).bulkAdd(chunk as unknown as Record<string, unknown>[])
      for (const item of chunk) report.added[item.kind]++
      done += chunk.length
      options.onProgress?.({ phase: 'write', done, total })
    }
    for (const { item } of items.filter((x) => x.update)) {
      const current = await db.items.get(item.id)
      if (!current) continue
      // The text it had is kept in History, so an update from the source can be undone.
      await db.revisions.add({ id: newId(now), itemId: current.id, createdAt: now, title: current.title, body: current.body, bodyText: current.bodyText, reason: 'before-restore' })
      const merged = { ...current, ...item, id: current.id, createdAt: current.createdAt, trashed: current.trashed, trashedAt: current.trashedAt }
      await looseItems(db).put(merged as unknown as Record<string, unknown>)
      report.updated++
      done++
      options.onProgress?.({ phase: 'write', done, total })
    }
    report.itemIds = [...adds.map((i) => i.id), ...items.filter((x) => x.update).map((x) => x.item.id)].reverse()
  })
  return report
}

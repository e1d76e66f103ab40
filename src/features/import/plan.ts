// What an import would do, entry by entry, before anything is written: the preview shows it and the apply
// step follows it (checking again inside its transaction).
//
// Duplicates, decided once here:
// - A draft whose source key is already an item's `importKey` (the same post, file or link imported
//   before) is "already there" and left as it is, unless the source says it changed after the item did
//   (its modification date is newer than the item's): then the item is updated and the text it had is
//   kept as a revision. An item edited in Baluchon since the import is newer than the source, so the
//   person's edits are never overwritten.
// - A link whose normalised address is already saved (by hand, or by another importer) is "already there".
// - The same source key twice in one file: the second is skipped as a duplicate.
import type { ImportDraft, SkippedEntry } from '../../core/import/types'
import type { Item } from '../../core/items'
import type { BaluchonDb } from '../../db'

export type PlanAction = 'add' | 'update' | 'unchanged'

export interface PlanEntry {
  draft: ImportDraft
  action: PlanAction
  /** The item already there (update, unchanged). */
  existingId?: string
  existingTitle?: string
}

export interface ImportPlan {
  entries: PlanEntry[]
  /** Entries refused while planning (same source key twice). */
  skipped: SkippedEntry[]
}

export function linkUrlOf(draft: ImportDraft): string | null {
  return draft.kind === 'link' && typeof draft.fields.url === 'string' && draft.fields.url ? draft.fields.url : null
}

/** Items already there for these drafts: by import key, and links by address. Reads indexes only for the keys. */
export async function findExisting(db: BaluchonDb, drafts: readonly ImportDraft[]): Promise<{ byKey: Map<string, Item>; byUrl: Map<string, Item> }> {
  const keys = [...new Set(drafts.map((d) => d.sourceKey))]
  const urls = [...new Set(drafts.map(linkUrlOf).filter((u): u is string => u !== null))]
  const [keyed, linked] = await Promise.all([
    keys.length ? db.items.where('importKey').anyOf(keys).toArray() : [],
    urls.length ? db.items.where('url').anyOf(urls).toArray() : [],
  ])
  const byKey = new Map<string, Item>()
  for (const item of keyed) if (item.importKey && !byKey.has(item.importKey)) byKey.set(item.importKey, item)
  const byUrl = new Map<string, Item>()
  for (const item of linked) if (item.kind === 'link' && !byUrl.has(item.url)) byUrl.set(item.url, item)
  return { byKey, byUrl }
}

export function planEntries(drafts: readonly ImportDraft[], existing: { byKey: Map<string, Item>; byUrl: Map<string, Item> }): ImportPlan {
  const entries: PlanEntry[] = []
  const skipped: SkippedEntry[] = []
  const seen = new Set<string>()
  for (const draft of drafts) {
    if (seen.has(draft.sourceKey)) {
      skipped.push({ what: draft.title || draft.sourceKey, reason: 'duplicate' })
      continue
    }
    seen.add(draft.sourceKey)
    const url = linkUrlOf(draft)
    const match = existing.byKey.get(draft.sourceKey) ?? (url ? existing.byUrl.get(url) : undefined)
    if (!match) {
      entries.push({ draft, action: 'add' })
      continue
    }
    const newer = match.importKey === draft.sourceKey && match.kind === draft.kind && draft.updatedAt !== null && draft.updatedAt > match.updatedAt
    entries.push({ draft, action: newer ? 'update' : 'unchanged', existingId: match.id, existingTitle: match.title })
  }
  return { entries, skipped }
}

export async function planImport(db: BaluchonDb, drafts: readonly ImportDraft[]): Promise<ImportPlan> {
  return planEntries(drafts, await findExisting(db, drafts))
}

// Restore as a merge by stable id, decided before anything is written (the dry run shows this plan, and
// applying it writes exactly what it lists). Pure: the caller reads the database state it needs.
//
// Rules, per record:
// - items: absent here -> added; identical -> unchanged; otherwise the newer version wins (modification
//   time = the later of updatedAt and trashedAt; a tie keeps the database's) and the other version's text is
//   kept as a revision unless some revision of that item (here or in the archive) already holds it. When
//   nothing is lost it is "updated" (the archive's version is newer and descends from ours) or "unchanged"
//   (ours is newer and already holds the archive's text); when a text would otherwise be lost it is a
//   "conflict", and the losing text becomes a `before-restore` revision. Restoring twice therefore finds
//   everything unchanged the second time.
// - revisions (immutable snapshots) and attachments: by id; an id already here with other content keeps ours
//   and counts as a conflict (documents refer to images by id, so the archive's bytes cannot take another one).
// - settings: the archive's value wins (restoring means getting one's preferences back).
import type { ArchiveAttachment, ArchiveRevision, ArchiveSetting } from '../../core/archive'
import { isContentLabel, isIsoDate } from '../../core/career'
import type { Item, ItemKind } from '../../core/items'

export const OUTCOMES = ['added', 'updated', 'unchanged', 'conflict'] as const
export type Outcome = (typeof OUTCOMES)[number]

export const PLAN_KINDS = ['post', 'talk', 'link', 'note', 'revisions', 'attachments', 'settings', 'publications', 'variants', 'affiliations', 'plans'] as const
export type PlanKind = (typeof PLAN_KINDS)[number]

export interface PlanEntry {
  kind: PlanKind
  id: string
  /** What the dry run shows: the title, a file name, a setting key. */
  label: string
  outcome: Outcome
  /** For items that differ: whose version is kept as the record. */
  kept?: 'archive' | 'current'
}

export interface RestoreWrites {
  items: Item[]
  revisions: ArchiveRevision[]
  attachments: ArchiveAttachment[]
  settings: ArchiveSetting[]
  /** Records of the extension tables this version restores (RESTORED_TABLES), by table. */
  tables: Record<string, Record<string, unknown>[]>
}

/**
 * Extension tables restored into the database (the publication ledger and the channel variants, schema v3; the
 * affiliations timeline, schema v4; the content calendar's plans, schema v5).
 * Merged by id, the record with the later `updatedAt` wins (a tie keeps the database's). Tables this version does
 * not know (written by a newer one) are left out.
 */
export const RESTORED_TABLES = ['publications', 'variants', 'affiliations', 'plans'] as const
export type RestoredTable = (typeof RESTORED_TABLES)[number]

/** The least a record needs for the app to show it; anything else in an archive is not restored. */
function restorable(table: RestoredTable, record: Record<string, unknown>): boolean {
  const text = (key: string) => typeof record[key] === 'string' && record[key] !== ''
  // Checked by hand like the other tables, not with the archive's zod schema (planRecordSchema, which the archive
  // tests keep in step): this module is also loaded by the Backup dialog on the UI thread, where importing the
  // archive schemas would build them at start, and zod's build probes `new Function`, which the app's CSP forbids.
  if (table === 'plans') {
    const time = (key: string) => typeof record[key] === 'number' && Number.isFinite(record[key])
    return text('id') && String(record['id']).length <= 256 && record['itemId'] === record['id'] && time('at') && time('createdAt') && time('updatedAt')
  }
  if (table === 'affiliations') {
    const end = record['end']
    return (
      text('id') &&
      typeof record['organisation'] === 'string' &&
      typeof record['role'] === 'string' &&
      isIsoDate(record['start']) &&
      (end === '' || isIsoDate(end)) &&
      isContentLabel(record['defaultLabel']) &&
      typeof record['updatedAt'] === 'number'
    )
  }
  const base = text('id') && text('itemId') && text('channel') && Array.isArray(record['parts']) && typeof record['updatedAt'] === 'number'
  if (!base) return false
  return table === 'publications' ? text('status') : typeof record['text'] === 'string' && record['id'] === `${String(record['itemId'])}:${String(record['channel'])}`
}

export interface RestorePlan {
  entries: PlanEntry[]
  counts: Record<PlanKind, Record<Outcome, number>>
  writes: RestoreWrites
}

/** What the archive brings (readArchive's result). */
export interface IncomingRecords {
  items: readonly Item[]
  revisions: readonly ArchiveRevision[]
  attachments: readonly ArchiveAttachment[]
  settings: readonly ArchiveSetting[]
  /** Extension tables, by name (readArchive's `tables`). */
  tables?: Readonly<Record<string, readonly Record<string, unknown>[]>>
}

/** The database records that can meet the archive's: same ids, and the history of items that differ. */
export interface CurrentRecords {
  items: ReadonlyMap<string, Item>
  revisions: ReadonlyMap<string, ArchiveRevision>
  /** Every revision of the items that exist on both sides (to see whether a text is already kept). */
  historyOf: ReadonlyMap<string, readonly ArchiveRevision[]>
  attachments: ReadonlyMap<string, { id: string; sha256: string }>
  settings: ReadonlyMap<string, unknown>
  /** Records of the restored extension tables with the archive's ids, by table then id. */
  tables?: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>
}

export interface PlanOptions {
  /** Ids for the revisions that keep a losing text (ULIDs in the app; deterministic in tests). */
  newRevisionId(at: number): string
}

/** Structural equality of JSON-like values; object key order is irrelevant and a missing key equals undefined. */
export function sameValue(a: unknown, b: unknown, ignoreKeys?: ReadonlySet<string>): boolean {
  if (Object.is(a, b)) return true
  if (typeof a === 'number' && typeof b === 'number') return a === b
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((v, i) => sameValue(v, other[i]))
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)])
  for (const key of keys) {
    if (ignoreKeys?.has(key)) continue
    if (!sameValue(ao[key], bo[key])) return false
  }
  return true
}

/**
 * Kept by the database from other fields (src/db/schema.ts): `unread` from `read`, `linksTo` from the body. Never a
 * difference of their own (an archive from before `linksTo` has none, the same item here has it).
 */
const DERIVED_ITEM_KEYS: ReadonlySet<string> = new Set(['unread', 'linksTo'])

export function sameItem(a: Item, b: Item): boolean {
  return sameValue(a, b, DERIVED_ITEM_KEYS)
}

interface Text {
  title: string
  body: unknown
  bodyText: string
}

function sameText(a: Text, b: Text): boolean {
  return a.title === b.title && a.bodyText === b.bodyText && sameValue(a.body, b.body)
}

/** When an item last changed: edits move updatedAt, moving to the Trash sets trashedAt. */
export function modifiedAt(item: Item): number {
  return Math.max(item.updatedAt, item.trashedAt ?? -Infinity)
}

function emptyCounts(): Record<PlanKind, Record<Outcome, number>> {
  return Object.fromEntries(PLAN_KINDS.map((kind) => [kind, { added: 0, updated: 0, unchanged: 0, conflict: 0 }])) as Record<
    PlanKind,
    Record<Outcome, number>
  >
}

export function planRestore(current: CurrentRecords, incoming: IncomingRecords, options: PlanOptions): RestorePlan {
  const entries: PlanEntry[] = []
  const counts = emptyCounts()
  const writes: RestoreWrites = { items: [], revisions: [], attachments: [], settings: [], tables: {} }
  const note = (entry: PlanEntry): void => {
    entries.push(entry)
    counts[entry.kind][entry.outcome]++
  }

  // Archive revisions by item, to know which texts the merged history will hold.
  const incomingHistory = new Map<string, ArchiveRevision[]>()
  for (const revision of incoming.revisions) {
    const list = incomingHistory.get(revision.itemId)
    if (list) list.push(revision)
    else incomingHistory.set(revision.itemId, [revision])
  }
  const kept = (itemId: string, text: Text): boolean =>
    (current.historyOf.get(itemId) ?? []).some((r) => sameText(r, text)) || (incomingHistory.get(itemId) ?? []).some((r) => sameText(r, text))

  for (const item of incoming.items) {
    const kind: ItemKind = item.kind
    const label = item.title
    const mine = current.items.get(item.id)
    if (!mine) {
      writes.items.push(item)
      note({ kind, id: item.id, label, outcome: 'added' })
      continue
    }
    if (sameItem(mine, item)) {
      note({ kind, id: item.id, label, outcome: 'unchanged' })
      continue
    }
    const archiveWins = modifiedAt(item) > modifiedAt(mine)
    const [winner, loser] = archiveWins ? [item, mine] : [mine, item]
    const loserLost = !sameText(winner, loser) && !kept(item.id, loser)
    if (loserLost) {
      // Never dropped: the losing text joins the item's history, dated when it was written.
      writes.revisions.push({
        id: options.newRevisionId(loser.updatedAt),
        itemId: item.id,
        createdAt: loser.updatedAt,
        title: loser.title,
        body: loser.body,
        bodyText: loser.bodyText,
        reason: 'before-restore',
      })
    }
    if (archiveWins) writes.items.push(item)
    note({
      kind,
      id: item.id,
      label: winner.title,
      outcome: loserLost ? 'conflict' : archiveWins ? 'updated' : 'unchanged',
      kept: archiveWins ? 'archive' : 'current',
    })
  }

  for (const revision of incoming.revisions) {
    const mine = current.revisions.get(revision.id)
    const label = revision.title
    if (!mine) {
      writes.revisions.push(revision)
      note({ kind: 'revisions', id: revision.id, label, outcome: 'added' })
    } else {
      note({ kind: 'revisions', id: revision.id, label, outcome: sameValue(mine, revision) ? 'unchanged' : 'conflict', kept: 'current' })
    }
  }

  for (const attachment of incoming.attachments) {
    const mine = current.attachments.get(attachment.id)
    const label = attachment.name
    if (!mine) {
      writes.attachments.push(attachment)
      note({ kind: 'attachments', id: attachment.id, label, outcome: 'added' })
    } else {
      note({ kind: 'attachments', id: attachment.id, label, outcome: mine.sha256 === attachment.sha256 ? 'unchanged' : 'conflict', kept: 'current' })
    }
  }

  for (const setting of incoming.settings) {
    const label = setting.key
    if (!current.settings.has(setting.key)) {
      writes.settings.push(setting)
      note({ kind: 'settings', id: setting.key, label, outcome: 'added' })
    } else if (sameValue(current.settings.get(setting.key), setting.value)) {
      note({ kind: 'settings', id: setting.key, label, outcome: 'unchanged' })
    } else {
      writes.settings.push(setting)
      note({ kind: 'settings', id: setting.key, label, outcome: 'updated', kept: 'archive' })
    }
  }

  // What the dry run calls a ledger row or a variant: the title of its item when known, and its channel.
  const titles = new Map<string, string>()
  for (const item of incoming.items) titles.set(item.id, item.title)
  for (const item of current.items.values()) if (!titles.has(item.id)) titles.set(item.id, item.title)
  const labelOf = (record: Record<string, unknown>): string => {
    // An affiliation is named by its organisation.
    if (typeof record['organisation'] === 'string' && record['organisation'] !== '') return record['organisation']
    const channel = typeof record['channel'] === 'string' ? record['channel'] : ''
    const title = titles.get(record['itemId'] as string)
    return title !== undefined ? (channel ? `${title} (${channel})` : title) : channel || String(record['id'])
  }
  for (const table of RESTORED_TABLES) {
    const mine = current.tables?.get(table)
    // Counted in the dry run when it has a row there (every restored table should).
    const kind = (PLAN_KINDS as readonly string[]).includes(table) ? (table as PlanKind) : null
    const count = (entry: Omit<PlanEntry, 'kind'>): void => {
      if (kind) note({ kind, ...entry })
    }
    for (const record of incoming.tables?.[table] ?? []) {
      if (!restorable(table, record)) continue
      const id = record['id'] as string
      const here = mine?.get(id)
      if (here && sameValue(here, record)) {
        count({ id, label: labelOf(record), outcome: 'unchanged' })
        continue
      }
      if (here && (record['updatedAt'] as number) <= (here['updatedAt'] as number)) {
        // Ours is as new or newer: the archive holds an older state of the same row, which is not written.
        count({ id, label: labelOf(record), outcome: 'unchanged', kept: 'current' })
        continue
      }
      ;(writes.tables[table] ??= []).push(record)
      count(here ? { id, label: labelOf(record), outcome: 'updated', kept: 'archive' } : { id, label: labelOf(record), outcome: 'added' })
    }
  }

  return { entries, counts, writes }
}

/** Entries listed per group (kind and outcome) when the dry run's group is expanded; more would make it a list view. */
export const LISTED_PER_GROUP = 200

/**
 * The entries the dry run lists: the first LISTED_PER_GROUP of each kind and outcome, and no unchanged ones (they are
 * counted, not listed). Why: a restore of 10,000 items planned 10,000 entries, all cloned to the UI thread and
 * grouped there before the dry run could paint, to show 200 per group.
 */
export function listedEntries(entries: readonly PlanEntry[]): PlanEntry[] {
  const listed: PlanEntry[] = []
  const perGroup = new Map<string, number>()
  for (const entry of entries) {
    if (entry.outcome === 'unchanged') continue
    const key = `${entry.kind}:${entry.outcome}`
    const n = perGroup.get(key) ?? 0
    if (n >= LISTED_PER_GROUP) continue
    perGroup.set(key, n + 1)
    listed.push(entry)
  }
  return listed
}

/** Whether applying the plan would change nothing (every record unchanged). */
export function planChangesNothing(plan: RestorePlan): boolean {
  const tableWrites = Object.values(plan.writes.tables).reduce((sum, records) => sum + records.length, 0)
  return plan.writes.items.length + plan.writes.revisions.length + plan.writes.attachments.length + plan.writes.settings.length + tableWrites === 0
}

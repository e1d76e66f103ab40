// What an archive holds, read from the database page by page (keyset pagination on the primary key), so
// a 50,000-item base is never all in memory at once and the export can report progress as it goes.
import type { ArchiveAttachmentInput, ArchiveInput, ArchiveSetting, PagedRecords } from '../../core/archive'
import { looksSecret } from '../../core/archive'
import type { Item } from '../../core/items'
import type { Attachment, BaluchonDb, Revision } from '../../db'
import type { Table } from 'dexie'

/** Records per read: large enough to amortise a transaction, small enough to bound memory (images are read 20 at a time). */
const PAGE = 1000
const ATTACHMENT_PAGE = 20
const byId = (record: { id: string }): string => record.id

/** Any table, seen loosely: Dexie's key-path types recurse forever on RichDoc (see patchItem in items/repository). */
const loose = (table: unknown): Table<unknown, string> => table as Table<unknown, string>

function paged<T, R = T>(
  table: Table<unknown, string>,
  keyOf: (record: T) => string,
  pageSize: number,
  count: number,
  map: (record: T) => R | null = (r) => r as unknown as R,
): PagedRecords<R> {
  return {
    count,
    async *pages() {
      const read = (after: string | null): Promise<T[]> => {
        const query = after === null ? table.orderBy(':id') : table.where(':id').above(after)
        const page = query.limit(pageSize).toArray() as Promise<T[]>
        // Awaited in turn below; if the export stops first, its failure must not count as unhandled.
        page.catch(() => undefined)
        return page
      }
      let next: Promise<T[]> | null = read(null)
      while (next) {
        const page: T[] = await next
        if (page.length === 0) return
        // The next page is asked for before this one is handed over. Why: the database reads it (in the browser's
        // process) while the export checks and writes this one, instead of the export waiting for each read in turn.
        next = page.length < pageSize ? null : read(keyOf(page[page.length - 1]!))
        const mapped = page.map(map).filter((r): r is R => r !== null)
        if (mapped.length > 0) yield mapped
      }
    },
  }
}

/**
 * Settings that go into an archive: every preference, never anything that looks like a credential
 * (publishing secrets never live in this table anyway: main keeps them encrypted).
 */
export function exportableSetting(setting: ArchiveSetting): ArchiveSetting | null {
  return looksSecret(setting.key) ? null : { key: setting.key, value: setting.value }
}

/** Extension tables a backup carries (restored by `RESTORED_TABLES` in plan.ts). */
export const EXTENSION_TABLES = ['publications', 'variants', 'affiliations', 'plans'] as const
export type ExtensionTable = (typeof EXTENSION_TABLES)[number]

/**
 * A part of the base instead of all of it (the "changing employer" wizard's archive of what may leave, see
 * leavingScope.ts): what each record becomes (null leaves it out) and how many will be kept, for the progress bar.
 */
export interface ArchiveFilter {
  counts: { items: number; revisions: number; attachments: number; settings: number; tables: Record<ExtensionTable, number> }
  item(item: Item): boolean
  revision(revision: Revision): boolean
  attachment(attachment: Attachment): Attachment | null
  setting(setting: ArchiveSetting): boolean
  record(table: ExtensionTable, record: Record<string, unknown>): boolean
}

/** The whole knowledge base as the archive writer reads it, or the part a filter keeps. The search index is derived data: left out. */
export async function archiveInputFromDb(db: BaluchonDb, meta: { appVersion: string; createdAt: number }, filter?: ArchiveFilter): Promise<ArchiveInput> {
  const [items, revisions, attachments, settings, publications, variants, affiliations, plans] = filter
    ? [filter.counts.items, filter.counts.revisions, filter.counts.attachments, filter.counts.settings, ...EXTENSION_TABLES.map((t) => filter.counts.tables[t])]
    : await Promise.all([
        db.items.count(),
        db.revisions.count(),
        db.attachments.count(),
        db.settings.count(),
        db.publications.count(),
        db.variants.count(),
        db.affiliations.count(),
        db.plans.count(),
      ])
  const keep = <T,>(test: ((record: T) => boolean) | undefined) => (record: T) => (test && !test(record) ? null : record)
  const table = (name: ExtensionTable, count: number | undefined) =>
    paged<Record<string, unknown> & { id: string }>(
      loose(db[name]),
      byId,
      PAGE,
      count ?? 0,
      keep(filter ? (r) => filter.record(name, r) : undefined),
    )
  return {
    appVersion: meta.appVersion,
    createdAt: meta.createdAt,
    items: paged<Item>(loose(db.items), byId, PAGE, items ?? 0, keep(filter?.item)),
    revisions: paged<Revision>(loose(db.revisions), byId, PAGE, revisions ?? 0, keep(filter?.revision)),
    attachments: paged<Attachment, ArchiveAttachmentInput>(loose(db.attachments), byId, ATTACHMENT_PAGE, attachments ?? 0, (a) => (filter ? filter.attachment(a) : a)),
    settings: paged<ArchiveSetting>(loose(db.settings), (s) => s.key, PAGE, settings ?? 0, (s) => {
      const setting = exportableSetting(s)
      return setting && (!filter || filter.setting(setting)) ? setting : null
    }),
    // The publication ledger, the edited channel variants, the affiliations timeline and the calendar plans are
    // the person's work too (never credentials: those stay in main's encrypted store).
    tables: {
      publications: table('publications', publications),
      variants: table('variants', variants),
      affiliations: table('affiliations', affiliations),
      plans: table('plans', plans),
    },
  }
}

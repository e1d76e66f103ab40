// The personal archive of the "changing employer" wizard: the backup format, holding exactly what may leave.
// Decided by one rule (`leavingDecider`, i.e. `mayLeave` on each item's effective label), read from the database
// the export reads, at the time of the export, so whatever the person relabelled during the review counts.
//
// What leaves: items that may leave; their revisions (a revision goes with its item, even one written while the item
// was labelled otherwise: simple and safe, since the item itself may leave); the attachments those items or their
// revisions show, and affiliation logos (an image used only by a confidential item stays); the publication ledger,
// channel variants and calendar plans of leaving items; every affiliation (the timeline is the person's CV; the record says so);
// preferences and the public portfolio profile. What never leaves: confidential items and anything of theirs, the watch list (client names, project
// code names), and any other setting (publishing accounts may name the employer's sites).
import {
  DEFAULT_CONTENT_LABEL,
  DEFAULT_LABEL_SETTING,
  WATCH_WORDS_SETTING,
  emptyKindCounts,
  isContentLabel,
  leavingDecider,
  sortAffiliations,
  type Affiliation,
  type CareerContext,
  type KindCounts,
  type StayingItem,
} from '../../core/career'
import { docAttachmentIds } from '../../core/doc'
import type { Item } from '../../core/items'
import type { BaluchonDb, Revision } from '../../db'
import type { Table } from 'dexie'
import type { ArchiveFilter, ExtensionTable } from './source'

/** What the export left out and kept, for the wizard's record (never titles of what stayed: see record.ts). */
export interface LeavingSummary {
  leavingCounts: KindCounts
  stayingCounts: KindCounts
  staying: StayingItem[]
  revisions: number
  attachments: number
  affiliations: number
}

/** The base changed under the export in a way that could let confidential work out: the export stops. */
export class LeavingChangedError extends Error {
  constructor() {
    super('An item became confidential during the export; nothing was saved. Run the export again.')
    this.name = 'LeavingChangedError'
  }
}

/** Settings a personal archive carries: the person's preferences only. */
export function leavingSetting(key: string): boolean {
  if (key === WATCH_WORDS_SETTING) return false
  return key.startsWith('ui.') || key.startsWith('backup.auto.') || key === DEFAULT_LABEL_SETTING || key === PORTFOLIO_PROFILE_SETTING
}

/**
 * The public portfolio's profile (name, headline, bio, links, photo): the person's public face, theirs to take.
 * Read by its key rather than through the portfolio slice, which a backup worker does not load.
 */
const PORTFOLIO_PROFILE_SETTING = 'portfolio.profile'

async function portfolioPhotoId(db: BaluchonDb): Promise<string | null> {
  const value = (await db.settings.get(PORTFOLIO_PROFILE_SETTING))?.value as { photoAttachmentId?: unknown } | undefined
  return typeof value?.photoAttachmentId === 'string' ? value.photoAttachmentId : null
}

/** Affiliations and Settings' default label, as the career slice stores them (read here: workers load no React). */
export async function readCareerContext(db: BaluchonDb): Promise<CareerContext> {
  return db.transaction('r', db.affiliations, db.settings, async () => {
    const [affiliations, setting] = await Promise.all([db.affiliations.toArray(), db.settings.get(DEFAULT_LABEL_SETTING)])
    return { affiliations: sortAffiliations(affiliations), defaultLabel: isContentLabel(setting?.value) ? setting.value : DEFAULT_CONTENT_LABEL }
  })
}

const PAGE = 1000

async function eachPage<T extends { id: string }>(table: Table<unknown, string>, visit: (page: T[]) => void): Promise<void> {
  // Keyset pages on the primary key, as the export itself reads (never the whole table in memory).
  let last: string | null = null
  for (;;) {
    const query = last === null ? table.orderBy(':id') : table.where(':id').above(last)
    const page = (await query.limit(PAGE).toArray()) as T[]
    if (page.length === 0) return
    visit(page)
    last = page[page.length - 1]!.id
    if (page.length < PAGE) return
  }
}

/** Reads the base once to decide what leaves, and returns the export's filter and the summary for the record. */
export async function leavingFilter(db: BaluchonDb): Promise<{ filter: ArchiveFilter; summary: LeavingSummary }> {
  const context = await readCareerContext(db)
  const decide = leavingDecider(context)
  const leaving = new Set<string>()
  const staying: StayingItem[] = []
  const leavingCounts = emptyKindCounts()
  const stayingCounts = emptyKindCounts()
  /** Attachment id -> a leaving item that shows it (the owner its record will name). */
  const owners = new Map<string, string>()
  const show = (doc: Item['body'], itemId: string): void => {
    for (const id of docAttachmentIds(doc)) if (!owners.has(id)) owners.set(id, itemId)
  }
  await eachPage<Item>(db.items as unknown as Table<unknown, string>, (page) => {
    for (const item of page) {
      const stays = decide.stays(item)
      if (stays) {
        staying.push(stays)
        stayingCounts[item.kind]++
      } else {
        leaving.add(item.id)
        leavingCounts[item.kind]++
        show(item.body, item.id)
      }
    }
  })
  let revisions = 0
  await eachPage<Revision>(db.revisions as unknown as Table<unknown, string>, (page) => {
    for (const revision of page) {
      if (!leaving.has(revision.itemId)) continue
      revisions++
      show(revision.body, revision.itemId)
    }
  })
  const affiliations: Affiliation[] = [...context.affiliations]
  const affiliationIds = new Set(affiliations.map((a) => a.id))
  // Affiliation logos and the portfolio photo leave with the timeline and the profile.
  const photo = await portfolioPhotoId(db)
  const logos = new Set([...affiliations.map((a) => a.logoAttachmentId), photo].filter((id): id is string => !!id))
  const presentAttachments = new Set(await db.attachments.toCollection().primaryKeys())
  const attachmentCount = [...new Set([...owners.keys(), ...logos])].filter((id) => presentAttachments.has(id)).length
  const [settingKeys, publicationRows, variantRows, planRows] = await Promise.all([
    db.settings.toCollection().primaryKeys(),
    db.publications.toArray(),
    db.variants.toArray(),
    db.plans.toArray(),
  ])
  const ofLeaving = (record: Record<string, unknown>): boolean => typeof record['itemId'] === 'string' && leaving.has(record['itemId'])
  const tables: Record<ExtensionTable, number> = {
    publications: (publicationRows as unknown as Record<string, unknown>[]).filter(ofLeaving).length,
    variants: (variantRows as unknown as Record<string, unknown>[]).filter(ofLeaving).length,
    affiliations: affiliations.length,
    // A confidential item's plan would say what is coming and when: it stays with the item.
    plans: (planRows as unknown as Record<string, unknown>[]).filter(ofLeaving).length,
  }
  const filter: ArchiveFilter = {
    counts: {
      items: leaving.size,
      revisions,
      attachments: attachmentCount,
      settings: settingKeys.filter((key) => leavingSetting(String(key))).length,
      tables,
    },
    item: (item) => {
      if (!leaving.has(item.id)) return false
      // Decided again on the record the export reads. An item relabelled confidential since the first pass (in
      // another window) would have had its revisions and images written already: refuse rather than leak them.
      if (decide.stays(item) !== null) throw new LeavingChangedError()
      return true
    },
    revision: (revision) => leaving.has(revision.itemId),
    attachment: (attachment) => {
      const owner = owners.get(attachment.id)
      if (owner === undefined) return logos.has(attachment.id) ? attachment : null
      if (attachment.id === photo) return attachment
      // The record names the item that first received the image: a confidential one must not be named.
      return leaving.has(attachment.itemId) || affiliationIds.has(attachment.itemId) ? attachment : { ...attachment, itemId: owner }
    },
    setting: (setting) => leavingSetting(setting.key),
    record: (table, record) => (table === 'affiliations' ? true : ofLeaving(record)),
  }
  return {
    filter,
    summary: { leavingCounts, stayingCounts, staying, revisions, attachments: attachmentCount, affiliations: affiliations.length },
  }
}

// The one place the database is declared. Tables hold the person's knowledge base; main never sees it.
import Dexie, { type EntityTable } from 'dexie'
import type { Item } from '../core/items'
import type { Affiliation } from '../core/career'
import type { RichDoc } from '../core/doc'
import type { ChannelId, Publication } from '../core/publish'
import type { Migration } from './migrations/types'
import { MIGRATIONS } from './migrations'
import { BODY_JSON, bodyAsJson, unparsedBodyJson } from './bodyAsJson'
import { docItemLinkIds } from '../core/itemLinks'

export interface Revision {
  id: string
  itemId: string
  createdAt: number
  title: string
  body: RichDoc
  bodyText: string
  /** Why it was taken: a meaningful save, or just before a restore replaced the text. */
  reason: 'save' | 'before-restore'
}

export interface Attachment {
  id: string
  /** The item that first received it (images may later be copied into others). */
  itemId: string
  mime: string
  name: string
  size: number
  sha256: string
  createdAt: number
  data: Blob
}

export interface Setting {
  key: string
  value: unknown
}

export interface SearchIndexRecord {
  key: string
  value: unknown
}

/** One channel's edited announcement of an item (schema v3): the text as the person wrote it, split into posts. */
export interface ChannelVariant {
  /** `${itemId}:${channel}`. */
  id: string
  itemId: string
  channel: ChannelId
  text: string
  /** Whether each post of a thread carries "i/n". */
  numbering: boolean
  /** The posts as they would be sent (the text split for the channel). */
  parts: string[]
  updatedAt: number
}

/**
 * An idea given a date on the content calendar (schema v5): the person's intention, nothing is sent when it comes.
 * Shown on the calendar, and the publish dialog's schedule starts from it.
 */
export interface Plan {
  /** The item's id (one plan per item). */
  id: string
  itemId: string
  /** The planned moment. */
  at: number
  createdAt: number
  updatedAt: number
}

export const DB_NAME = 'baluchon'

export class BaluchonDb extends Dexie {
  items!: EntityTable<Item, 'id'>
  revisions!: EntityTable<Revision, 'id'>
  attachments!: EntityTable<Attachment, 'id'>
  settings!: EntityTable<Setting, 'key'>
  searchIndex!: EntityTable<SearchIndexRecord, 'key'>
  publications!: EntityTable<Publication, 'id'>
  variants!: EntityTable<ChannelVariant, 'id'>
  affiliations!: EntityTable<Affiliation, 'id'>
  plans!: EntityTable<Plan, 'id'>

  /** `migrations` is only narrowed by the migration tests, to create databases as older versions did. */
  constructor(name = DB_NAME, migrations: readonly Migration[] = MIGRATIONS, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options)
    for (const m of migrations) {
      const version = this.version(m.version).stores(m.stores)
      if (m.upgrade) version.upgrade(m.upgrade)
    }
    keepUnreadFlag(this)
    keepItemLinks(this)
    this.use(bodyAsJson(['items']))
  }
}

/**
 * Fields of an items row that the database derives from its other fields and indexes (`unread`, `linksTo`), kept in
 * step on every write path (add, put, update, modify, bulk), in one place, so no repository function can forget
 * them. A DBCore middleware rather than creating/updating hooks: every write reaches IndexedDB as whole rows, from
 * which the field follows, whereas an updating hook makes Dexie read each row back before writing it (a 200 KB
 * document's autosave paid for a second read of the row). Only once the schema has the field's index: a database
 * opened at an older version keeps that version's rows.
 */
function keepDerivedField(db: BaluchonDb, name: string, indexed: (indexName: string) => boolean, derive: (row: Record<string, unknown>) => void): void {
  db.use({
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName)
        if (tableName !== 'items' || !table.schema.indexes.some((index) => !!index.name && indexed(index.name))) return table
        return {
          ...table,
          mutate: (req) => {
            if (req.type === 'add' || req.type === 'put') for (const value of req.values) derive(value as Record<string, unknown>)
            return table.mutate(req)
          },
        }
      },
    }),
  })
}

/** The indexed `unread` flag (see LinkItem.unread) follows `read` (schema v2 on). */
function keepUnreadFlag(db: BaluchonDb): void {
  keepDerivedField(db, 'UnreadFlag', (index) => index.includes('unread'), (row) => setUnreadFlag(row as unknown as Item & { unread?: 1 }))
}

/**
 * `linksTo` (schema v7: the ids of the other items an item's body links to, `item:<id>`, indexed) follows the body:
 * whichever path writes a row (autosave in its worker, an import, a restore, a revision put back), the "Linked from"
 * list reads the truth. Absent when the body links to no other item, so only linking items are in the index.
 */
function keepItemLinks(db: BaluchonDb): void {
  keepDerivedField(db, 'ItemLinks', (index) => index === 'linksTo', setItemLinks)
}

/** `"href":"item:<id>"` as JSON.stringify writes a link mark's attrs (a quote inside text is always escaped). */
const ITEM_HREF_IN_JSON = /"href":"item:([0-9A-Za-z-]{1,64})"/g

/** The ids a row's body links to, from its JSON text when that is what the row holds (no parse of a long body). */
function bodyLinkIds(row: Record<string, unknown>): string[] {
  const text = typeof row[BODY_JSON] === 'string' ? (row[BODY_JSON] as string) : unparsedBodyJson(row)
  if (text !== undefined) return [...new Set(Array.from(text.matchAll(ITEM_HREF_IN_JSON), (m) => m[1]!))]
  return row.body && typeof row.body === 'object' ? docItemLinkIds(row.body as RichDoc) : []
}

function setItemLinks(row: Record<string, unknown>): void {
  const ids = bodyLinkIds(row).filter((id) => id !== row.id)
  if (ids.length) row.linksTo = ids
  else if ('linksTo' in row) delete row.linksTo
}

function setUnreadFlag(record: Item & { unread?: 1 }): void {
  if (record.kind === 'link' && !record.read) record.unread = 1
  else if ('unread' in record) delete record.unread
}

// Which write an item's row holds, as a tiny row of its own (table `itemVersions`, schema v7), so that a view can
// tell "only my own autosaves since I read it" without reading the item again. Why: after each autosave of the
// 200 KB draft the detail pane's live query read the whole row back on the UI thread (its body's JSON text and
// plain text, 3-8 ms of IndexedDB deserialisation in traces) only to find it was its own save and keep what it
// showed (library/DetailPane.tsx, useDetailItem).
//
// Kept under every write, in the write's own transaction, by a DBCore middleware, so no write path can forget it:
// - an autosave (saveContent, whose row is marked with markOwnSave before its put) stores `{ id, v: token, prev }`,
//   `prev` being the version the row had before, so a reader knows the row is exactly its own save applied to
//   the row it read (a chain of one);
// - every other write to items (fields, trash, restore, import, delete) drops the version of the rows written:
//   an unknown version never matches, and the reader reads the row.
// Rows written before version 7 have no version: the first autosave gives them one.
import type { DBCore, DBCoreMutateRequest, DBCoreRangeType, DBCoreTable, Middleware } from 'dexie'

export const ITEM_VERSIONS = 'itemVersions'

export interface ItemVersion {
  /** The item's id. */
  id: string
  /** The token of the autosave that wrote the row. */
  v: string
  /** The version the row had before that save, if it had one. */
  prev?: string
}

/** Rows an autosave is about to put, with its token: only that very object (Dexie hands it down as it is) counts. */
const announced = new WeakMap<object, string>()

/** `row`, when put, is the autosave with this token (saveContent). */
export function markOwnSave(row: object, token: string): void {
  announced.set(row, token)
}

/** The keys a write touches: its keys, or the rows' inbound ids. */
function keysOf(req: DBCoreMutateRequest): unknown[] {
  if (req.type === 'deleteRange') return []
  if (req.type === 'delete') return req.keys
  return req.keys ?? req.values.map((value) => (value as { id?: unknown }).id)
}

function hasVersions(trans: unknown): boolean {
  const names = (trans as { objectStoreNames?: { contains(name: string): boolean } }).objectStoreNames
  return !!names && names.contains(ITEM_VERSIONS)
}

async function dropVersions(versions: DBCoreTable, req: DBCoreMutateRequest): Promise<void> {
  const trans = req.trans
  if (req.type === 'deleteRange') {
    await versions.mutate({ trans, type: 'deleteRange', range: req.range })
    return
  }
  const keys = keysOf(req).filter((key): key is string => typeof key === 'string')
  if (keys.length === 0) return
  if (keys.length === 1) {
    await versions.mutate({ trans, type: 'delete', keys })
    return
  }
  // A bulk write (import, restore): one range from the lowest to the highest id rather than a delete per row;
  // versions of rows between them are dropped too, which only costs those rows one read later.
  let lower = keys[0]!
  let upper = keys[0]!
  for (const key of keys) {
    if (key < lower) lower = key
    if (key > upper) upper = key
  }
  await versions.mutate({
    trans,
    type: 'deleteRange',
    range: { type: 2 as DBCoreRangeType.Range, lower, upper, lowerOpen: false, upperOpen: false },
  })
}

export function itemVersions(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'ItemVersions',
    create: (down) => {
      // Only where the table exists (version 7 on): the migration tests open older versions.
      if (!down.schema.tables.some((table) => table.name === ITEM_VERSIONS)) return down
      return {
        ...down,
        // A transaction that may write items may write their versions too.
        transaction: (stores, mode, options) =>
          down.transaction(mode === 'readwrite' && stores.includes('items') && !stores.includes(ITEM_VERSIONS) ? [...stores, ITEM_VERSIONS] : stores, mode, options),
        table: (tableName) => {
          const table = down.table(tableName)
          if (tableName !== 'items') return table
          const versions = down.table(ITEM_VERSIONS)
          return {
            ...table,
            mutate: async (req) => {
              if (!hasVersions(req.trans)) return table.mutate(req)
              const row = req.type === 'put' && req.values.length === 1 ? (req.values[0] as object) : undefined
              const token = row ? announced.get(row) : undefined
              const [id] = token === undefined ? [] : keysOf(req)
              // The versions are written after the row: any mutation but an add clears Dexie's cache of the rows the
              // transaction read (cacheExistingValuesMiddleware), from which its put learns which index keys change,
              // so writing first would have every live query on an index of items run again.
              if (typeof id !== 'string' || token === undefined) {
                const result = await table.mutate(req)
                await dropVersions(versions, req)
                return result
              }
              const before = (await versions.get({ trans: req.trans, key: id })) as ItemVersion | undefined
              const result = await table.mutate(req)
              const version: ItemVersion = { id, v: token }
              if (before) version.prev = before.v
              await versions.mutate({ trans: req.trans, type: 'put', values: [version] })
              return result
            },
          }
        },
      }
    },
  }
}

// Has a live query run again when given rows are written, without reading them (the list's rows kept from before,
// the detail pane's row kept after its own save): Dexie re-runs a live query only for the keys and ranges it read.
import type { DBCoreRangeType, DBCoreTransaction } from 'dexie'
import Dexie, { cmp } from 'dexie'
import type { BaluchonDb } from '../../db'

/**
 * Has the live query this read runs in run again when any of these rows is written, without reading them: one
 * primary-key query over the keys from the least to the greatest of them, asking for no row, which Dexie's
 * observability records (as it records the keys any read asks for) and its IndexedDB layer answers without a
 * request. One range rather than a query per row (for the list's 49 rows they cost the UI thread about as much as reading them):
 * a write to another row between them runs the query again too (the list's index query runs again after a write to
 * almost any row anyway: it watches the whole index).
 * Inside a transaction of the items table.
 */
export function watchRows(db: BaluchonDb, ids: readonly string[]): Promise<unknown> {
  if (!ids.length) return Promise.resolve()
  const trans = Dexie.currentTransaction?.idbtrans as unknown as DBCoreTransaction | undefined
  if (!trans) throw new Error('watchRows needs a transaction of the items table')
  let lower = ids[0]!
  let upper = lower
  for (const id of ids) {
    if (cmp(id, lower) < 0) lower = id
    if (cmp(id, upper) > 0) upper = id
  }
  const core = db.items.core
  // DBCoreRangeType.Range: a const enum Dexie's types declare, which isolated modules cannot import as a value.
  const range = 2 as DBCoreRangeType.Range
  return core.query({ trans, values: true, limit: 0, query: { index: core.schema.primaryKey, range: { type: range, lower, upper } } })
}

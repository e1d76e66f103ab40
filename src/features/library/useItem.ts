import { useLiveQuery } from 'dexie-react-hooks'
import type { Item } from '../../core/items'
import { getDb } from '../../db'
import { contentWritesSettled } from '../editor/autosave'
import { hasPendingDrafts } from './fields/useDraft'
import { freshListRow } from './prefetch'

/** The item, live; `null` once known not to exist, `undefined` while loading. */
export function useItem(id: string | null): Item | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().items.get(id)) ?? null) : null), [id])
}

/**
 * After the editor's last write, how long the list's copy of a row is not trusted: the write is announced to
 * the live queries (Dexie's storagemutated, from the save worker) a moment after the save reports it done.
 */
const AFTER_WRITE_MS = 1000

/**
 * What to show of item `id` while its own read is under way: the list's copy of the row if no item was written
 * since the list read it (freshListRow) and no write of this window may be unannounced yet (editor content
 * waiting to be written or just written, a field's draft pending); else undefined. A click then paints the item
 * without waiting behind whatever else is reading the database (the search worker loading its index, the list's
 * counts: 80-150 ms for the first opens of a session), and the read takes over when it answers.
 */
export function listCopyWhileReading(id: string): Item | undefined {
  return contentWritesSettled(AFTER_WRITE_MS) && !hasPendingDrafts() ? freshListRow(getDb(), id) : undefined
}

// Items a restore writes, handed from the restore worker to the search worker, so that search answers from them at
// once instead of reading every restored item back from the database (10,000 items read back kept search waiting
// 2-4 s after a restore, behind the restore's own writes). Only the fields search indexes travel: the editor document
// (`body`) is most of an item's size and search reads `bodyText` instead.
//
// In two steps. The items are STAGED as soon as the dry run is planned (before anything is written): the copy of
// 10,000 items across the channel (about 0.3 s each side) and the search worker's indexing of their short fields
// (about 0.9 s) then run while the person reads the dry run and while IndexedDB writes, instead of after. They become
// searchable only once the restore says its transaction COMMITTED (never before: a rolled-back write must not be
// searchable); a DROPPED restore (cancelled, failed) frees them.
// The database stays the reference: the search worker's catch-up after the commit compares every item's updatedAt
// with the index and re-reads any that differ.
import type { Item } from '../../core/items'

/** An item without its editor document (searchDocFromItem and rowFieldsOf read neither). */
export type RestoredItem = Omit<Item, 'body'>

type RestoreMessage =
  | { type: 'restore-staged'; token: string; items: RestoredItem[] }
  | { type: 'restore-committed'; token: string }
  | { type: 'restore-dropped' }

const channelName = (dbName: string): string => `baluchon-restored-items:${dbName}`

function post(dbName: string, message: RestoreMessage): void {
  if (typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(channelName(dbName))
  // Cloned now, delivered even though the channel closes right after.
  channel.postMessage(message)
  channel.close()
}

/** The items a planned restore would write, under `token`; not searchable until announceRestoreCommitted(token). */
export function stageRestoredItems(dbName: string, token: string, items: readonly Item[]): void {
  if (items.length === 0) return
  post(dbName, { type: 'restore-staged', token, items: items.map(({ body: _body, ...rest }) => rest as RestoredItem) })
}

/** Called by the restore once its transaction has committed (never before). */
export function announceRestoreCommitted(dbName: string, token: string): void {
  post(dbName, { type: 'restore-committed', token })
}

/** The staged restore will not be applied (cancelled, failed, its window closed): its items are let go. */
export function dropStagedRestore(dbName: string): void {
  post(dbName, { type: 'restore-dropped' })
}

export interface RestoreListener {
  staged(token: string, items: readonly RestoredItem[]): void
  committed(token: string): void
  dropped(): void
}

/** Listens for a restore's items of `dbName`; returns the function that stops listening. */
export function listenForRestoredItems(dbName: string, listener: RestoreListener): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined
  const channel = new BroadcastChannel(channelName(dbName))
  // Node (tests): the channel must not keep the process alive.
  ;(channel as unknown as { unref?: () => void }).unref?.()
  channel.onmessage = (event: { data: unknown }) => {
    const message = event.data as Partial<RestoreMessage> | null
    if (message?.type === 'restore-staged' && typeof message.token === 'string' && Array.isArray(message.items)) listener.staged(message.token, message.items)
    else if (message?.type === 'restore-committed' && typeof message.token === 'string') listener.committed(message.token)
    else if (message?.type === 'restore-dropped') listener.dropped()
  }
  return () => channel.close()
}

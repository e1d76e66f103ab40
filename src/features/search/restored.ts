// Items a restore has just written, handed from the restore worker to the search worker, so that search answers
// from them at once instead of reading every restored item back from the database (10,000 items read back kept
// search waiting 2-4 s after a restore, behind the restore's own writes). Only the fields search indexes travel:
// the editor document (`body`) is most of an item's size and search reads `bodyText` instead.
// The database stays the reference: the search worker's catch-up after the same write compares every item's
// updatedAt with the index and re-reads any that differ.
import type { Item } from '../../core/items'

/** An item without its editor document (searchDocFromItem and rowFieldsOf read neither). */
export type RestoredItem = Omit<Item, 'body'>

interface RestoredMessage {
  type: 'restored-items'
  items: RestoredItem[]
}

const channelName = (dbName: string): string => `baluchon-restored-items:${dbName}`

/** Called by the restore once its transaction has committed (never before: a rolled-back write must not be searchable). */
export function announceRestoredItems(dbName: string, items: readonly Item[]): void {
  if (items.length === 0 || typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(channelName(dbName))
  const message: RestoredMessage = { type: 'restored-items', items: items.map(({ body: _body, ...rest }) => rest as RestoredItem) }
  // Cloned now, delivered even though the channel closes right after.
  channel.postMessage(message)
  channel.close()
}

/** Listens for restored items of `dbName`; returns the function that stops listening. */
export function listenForRestoredItems(dbName: string, onItems: (items: readonly RestoredItem[]) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined
  const channel = new BroadcastChannel(channelName(dbName))
  // Node (tests): the channel must not keep the process alive.
  ;(channel as unknown as { unref?: () => void }).unref?.()
  channel.onmessage = (event: { data: unknown }) => {
    const message = event.data as Partial<RestoredMessage> | null
    if (message?.type === 'restored-items' && Array.isArray(message.items)) onItems(message.items)
  }
  return () => channel.close()
}

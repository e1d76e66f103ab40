// Version 2: unread links and imported items get indexes. Never edit a migration after it lands: add a new file.
import type { Migration } from './types'

export const v2: Migration = {
  version: 2,
  stores: {
    // `unread` is 1 on unread links and absent elsewhere (IndexedDB cannot index booleans, and an absent key
    // keeps the index small): the sidebar's unread count and the unread list become index reads instead of a
    // scan of every link. `importKey` lets an import recognise what it brought in before (no duplicates).
    items:
      'id, kind, updatedAt, *tags, url, [trashed+updatedAt], [trashed+kind+updatedAt], [trashed+kind+status+updatedAt], trashedAt, [trashed+unread+updatedAt], importKey',
  },
  async upgrade(tx) {
    await tx
      .table('items')
      .where('kind')
      .equals('link')
      .modify((item: { read?: boolean; unread?: number }) => {
        if (!item.read) item.unread = 1
      })
  },
}

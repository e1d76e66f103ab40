// Version 6: the sidebar's counts get indexes of their own. Never edit a migration after it lands: add a new file.
import type { Migration } from './types'

export const v6: Migration = {
  version: 6,
  stores: {
    // `[trashed+kind]` and `[trashed+kind+status]` hold no date: an autosave (which changes only the row's
    // updatedAt among indexed fields) leaves them untouched, so Dexie does not re-run the sidebar's live counts
    // after every save, as it did when they were counted on the `…+updatedAt` list indexes (15 index counts, a few
    // milliseconds of the UI thread per save of a 200 KB document). Dexie builds the new indexes on upgrade.
    items:
      'id, kind, updatedAt, *tags, url, [trashed+updatedAt], [trashed+kind+updatedAt], [trashed+kind+status+updatedAt], trashedAt, [trashed+unread+updatedAt], importKey, [kind+date], [trashed+kind], [trashed+kind+status]',
  },
}

// Version 5: the content calendar. `plans` holds the ideas given a date (one row per item, `id` = the item's id,
// like every table the backup merges by id; `at` is the planned moment, indexed so the calendar reads the visible
// range only). Talks get an index on `[kind+date]` so the
// calendar reads the talks of the visible range without scanning the library (items without a date, i.e. every
// post, link and note, are left out of a compound index by IndexedDB). Never edit after it lands: add a new file.
import type { Migration } from './types'

export const v5: Migration = {
  version: 5,
  stores: {
    items:
      'id, kind, updatedAt, *tags, url, [trashed+updatedAt], [trashed+kind+updatedAt], [trashed+kind+status+updatedAt], trashedAt, [trashed+unread+updatedAt], importKey, [kind+date]',
    plans: 'id, at',
  },
}

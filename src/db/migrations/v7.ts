// Version 7: which items each item links to (`linksTo`, kept by the database from the body on every write, see
// keepItemLinks in ../schema.ts), indexed, so an item can list the items that link to it ("Linked from") with one
// index read instead of a scan of every body. Never edit a migration after it lands: add a new file.
import type { Migration } from './types'

export const v7: Migration = {
  version: 7,
  stores: {
    items:
      'id, kind, updatedAt, *tags, url, [trashed+updatedAt], [trashed+kind+updatedAt], [trashed+kind+status+updatedAt], trashedAt, [trashed+unread+updatedAt], importKey, [kind+date], [trashed+kind], [trashed+kind+status], *linksTo',
  },
  // No rows to fill: links between items arrived with this version, so no item stored by an older one holds any.
}

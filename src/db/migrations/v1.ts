// Version 1 of the database. Never edit a migration after it lands: add a new file instead.
import type { Migration } from './types'

export const v1: Migration = {
  version: 1,
  stores: {
    // Compound indexes serve the library list: newest first, optionally by kind or status, Trash apart.
    items:
      'id, kind, updatedAt, *tags, url, [trashed+updatedAt], [trashed+kind+updatedAt], [trashed+kind+status+updatedAt], trashedAt',
    revisions: 'id, itemId, [itemId+createdAt]',
    attachments: 'id, itemId, sha256',
    settings: 'key',
    // The persisted search index, so search is ready at start without re-reading every item.
    searchIndex: 'key',
  },
}

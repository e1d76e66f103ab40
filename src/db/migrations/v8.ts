// Version 8: links whose page details are still to fetch are found by an index instead of a read of every link.
// Never edit a migration after it lands: add a new file.
import type { Migration } from './types'

export const v8: Migration = {
  version: 8,
  stores: {
    // `[trashed+fetchState+updatedAt]`: only links carry `fetchState`, so only they are in it. Finding the pending
    // ones at start (and when the connection comes back) is one keys-only read of a range. Before, every link was
    // read and deserialised, in the background, for the few still pending: at 50,000 items (12,500 links) that
    // held the search worker and IndexedDB's thread for seconds after each start, under the person's first clicks.
    // Dexie builds the index over the rows already there on upgrade (once).
    items:
      'id, kind, updatedAt, *tags, url, [trashed+updatedAt], [trashed+kind+updatedAt], [trashed+kind+status+updatedAt], trashedAt, [trashed+unread+updatedAt], importKey, [kind+date], [trashed+kind], [trashed+kind+status], *linksTo, [trashed+fetchState+updatedAt]',
  },
  // No rows to fill: the index is built from the `fetchState` every link already holds.
}

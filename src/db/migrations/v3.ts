// Version 3: publishing. The ledger of every publication (where each item went, what was sent, its state) and the
// per-channel variants people edit (announcements, threads). Never edit a migration after it lands: add a new file.
import type { Migration } from './types'

export const v3: Migration = {
  version: 3,
  stores: {
    // `itemId`: "Where it went" on an item. `[channel+remoteId]`: a refresh or a webhook finds the ledger row of a
    // remote post (rows not yet sent have a null remoteId, which IndexedDB leaves out of the index).
    // `scheduledAt` and `publishedAt`: the calendar reads a month as two index ranges instead of a scan.
    publications: 'id, itemId, [channel+remoteId], scheduledAt, publishedAt',
    // One row per item and channel, id `${itemId}:${channel}`.
    variants: 'id, itemId',
  },
}

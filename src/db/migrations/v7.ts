// Version 7: `itemVersions`, one tiny row per item saying which autosave wrote it (db/itemVersions.ts), so the
// detail pane can tell its own save's echo without reading the whole row back. No data to move: rows without a
// version are read as before, and the first autosave gives them one. Never edit after it lands: add a new file.
import type { Migration } from './types'

export const v7: Migration = {
  version: 7,
  stores: {
    itemVersions: 'id',
  },
}

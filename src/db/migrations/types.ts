import type { Transaction } from 'dexie'

export interface Migration {
  version: number
  /** Dexie store declarations for this version (null deletes a table). */
  stores: Record<string, string | null>
  /** Data changes from the previous version, run inside Dexie's upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>
}

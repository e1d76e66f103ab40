// An index count in steps, so a read asked for meanwhile (the rows of the view a person just clicked) is answered
// between two steps instead of after the whole count.
//
// Why: Chromium runs one IndexedDB request at a time per origin, and `IDBIndex.count()` walks every entry of its
// range in one request. At 50,000 items a view's count walked 12,000-50,000 entries; in a trace of a view switch
// early after a start (bench list-first-paint, 901 ms) the count took 699 ms and the view's rows, asked for 3 ms
// later, waited behind all of it before their own 20 ms read. Here a key cursor advances STEP entries per request
// (each request is one short task of the database), and the last, partial step is walked one entry at a time.
import { cmp } from 'dexie'

/** Entries walked by one request of the count. */
export const COUNT_STEP = 500

// The few IndexedDB types used, written out: this module is also typechecked with the node code (its tests),
// which has no DOM types.
interface KeyRange {
  readonly lower: unknown
  readonly upper: unknown
  readonly lowerOpen: boolean
  readonly upperOpen: boolean
}
interface KeyCursor {
  readonly key: unknown
  readonly primaryKey: unknown
  advance(count: number): void
  continue(): void
  continuePrimaryKey(key: unknown, primaryKey: unknown): void
}
interface ResultRequest<T> {
  readonly result: T
  readonly error: unknown
  onsuccess: unknown
  onerror: unknown
}
/** The part of an IDBDatabase this uses. */
export interface CountableDatabase {
  transaction(storeName: string, mode: 'readonly'): {
    objectStore(name: string): { index(name: string): { openKeyCursor(range: KeyRange): ResultRequest<KeyCursor | null> } }
    abort(): void
  }
}
const keyRanges = (): { bound(lower: unknown, upper: unknown, lowerOpen?: boolean, upperOpen?: boolean): KeyRange } =>
  (globalThis as unknown as { IDBKeyRange: ReturnType<typeof keyRanges> }).IDBKeyRange

function nextResult<T>(request: ResultRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error instanceof Error ? request.error : new Error('IndexedDB request failed'))
  })
}

export interface SteppedCountOptions {
  step?: number
  /** Checked between steps: once false, the count stops and resolves undefined (the view it was for is gone). */
  wanted?: () => boolean
}

/**
 * The number of entries of `indexName` (of `storeName`) in `range`, read in steps of `step` entries, in one
 * readonly transaction (so it is the count of one state of the database). Undefined if `wanted` turned false.
 */
export async function steppedIndexCount(
  idb: CountableDatabase,
  storeName: string,
  indexName: string,
  lower: unknown,
  upper: unknown,
  { step = COUNT_STEP, wanted = () => true }: SteppedCountOptions = {},
): Promise<number | undefined> {
  const range = keyRanges().bound(lower, upper)
  const tx = idb.transaction(storeName, 'readonly')
  const index = tx.objectStore(storeName).index(indexName)
  const stop = (): undefined => {
    try {
      tx.abort()
    } catch {
      // Already finished.
    }
    return undefined
  }
  const walk = index.openKeyCursor(range)
  let cursor = await nextResult(walk)
  if (!cursor) return 0
  // Entries up to and including the cursor's.
  let counted = 1
  for (;;) {
    if (!wanted()) return stop()
    const key = cursor.key
    const primaryKey = cursor.primaryKey
    cursor.advance(step)
    const ahead = await nextResult(walk)
    if (ahead) {
      cursor = ahead
      counted += step
      continue
    }
    // Fewer than `step` entries follow (key, primaryKey): back there, then one at a time.
    const tail = index.openKeyCursor(keyRanges().bound(key, range.upper, false, range.upperOpen))
    let at = await nextResult(tail)
    if (!at) return counted
    if (cmp(at.primaryKey, primaryKey) !== 0) {
      at.continuePrimaryKey(key, primaryKey)
      at = await nextResult(tail)
    }
    while (at) {
      at.continue()
      at = await nextResult(tail)
      if (at) counted++
    }
    return counted
  }
}

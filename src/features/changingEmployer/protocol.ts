// Messages between the wizard and its review worker (the review reads and scans the whole base: 50,000 items take
// about a second, far over what the UI thread may spend).
import type { FlaggedItem, KindCounts, StayingItem } from '../../core/career'
import type { ItemKind } from '../../core/items'

export interface ReviewRequest {
  dbName: string
  affiliationId: string
  watchWords: string[]
}

/** An item as the review lists it. */
export interface ListedItem {
  id: string
  kind: ItemKind
  title: string
  date: string
  trashed: boolean
}

/** The staying list shows titles inside the app (the person's own screen); outputs never do. */
export type StayingListed = StayingItem & { title: string }

export interface ReviewResult {
  leavingCounts: KindCounts
  stayingCounts: KindCounts
  /** The newest LIST_CAP items of each side (the counts cover every item). */
  leaving: ListedItem[]
  staying: StayingListed[]
  flagged: FlaggedItem[]
  /** Terms looked for: the organisation's name and the watch list, cleaned. */
  terms: string[]
  /** How long the scan took in the worker (ms), for the record of speed. */
  elapsedMs: number
}

export type ReviewMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ReviewResult }
  | { type: 'failed'; message: string }

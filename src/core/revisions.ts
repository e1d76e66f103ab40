// When to take a snapshot of an item, and which snapshots to keep as they age.
// Written by hand: this is a product rule (like Joplin's revision service), not something a library decides.

export interface RevisionStamp {
  id: string
  createdAt: number
}

export interface SnapshotCandidate {
  title: string
  bodyText: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A save is "meaningful" when enough time passed since the last snapshot or the text moved a lot. */
export const SNAPSHOT_MIN_INTERVAL = 5 * MINUTE
export const SNAPSHOT_MIN_CHANGE = 200
/** Hard cap per item, whatever their age. */
export const MAX_REVISIONS_PER_ITEM = 100

export function shouldSnapshot(
  last: (SnapshotCandidate & { createdAt: number }) | undefined,
  current: SnapshotCandidate,
  now: number,
): boolean {
  if (!last) return current.title !== '' || current.bodyText !== ''
  if (last.title === current.title && last.bodyText === current.bodyText) return false
  if (now - last.createdAt >= SNAPSHOT_MIN_INTERVAL) return true
  if (last.title !== current.title && now - last.createdAt >= MINUTE) return true
  return Math.abs(current.bodyText.length - last.bodyText.length) >= SNAPSHOT_MIN_CHANGE
}

/** Age buckets: everything in the last hour, then one per 10 min for a day, one per day for a month, one per week after. */
function bucketOf(age: number, createdAt: number): string {
  if (age < HOUR) return `all:${createdAt}`
  if (age < DAY) return `10min:${Math.floor(createdAt / (10 * MINUTE))}`
  if (age < 30 * DAY) return `day:${Math.floor(createdAt / DAY)}`
  return `week:${Math.floor(createdAt / (7 * DAY))}`
}

/**
 * Ids to delete so that history thins with age: in each bucket the newest snapshot stays,
 * and past the cap the oldest go.
 */
export function revisionsToPrune(revisions: readonly RevisionStamp[], now: number, cap = MAX_REVISIONS_PER_ITEM): string[] {
  const newestFirst = [...revisions].sort((a, b) => b.createdAt - a.createdAt)
  const seen = new Set<string>()
  const keep: RevisionStamp[] = []
  const prune: string[] = []
  for (const r of newestFirst) {
    const bucket = bucketOf(now - r.createdAt, r.createdAt)
    if (seen.has(bucket)) prune.push(r.id)
    else {
      seen.add(bucket)
      keep.push(r)
    }
  }
  for (const r of keep.slice(cap)) prune.push(r.id)
  return prune
}

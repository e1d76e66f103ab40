// Plans: an idea given a date on the calendar (schema v5 `plans`, one row per item). A plan is the person's
// intention, not a publication: nothing is sent when it comes; it shows on the calendar and prefills the publish
// dialog's schedule. Writes go through here, database first, like every repository of the app.
import type { BaluchonDb } from '../../db/schema'
import type { Plan } from './model'

export type { Plan }

/** Plans the item at `at` (replacing an earlier plan of it); returns the plan it replaced, for undo. */
export async function setPlan(db: BaluchonDb, itemId: string, at: number, now = Date.now()): Promise<Plan | undefined> {
  return db.transaction('rw', db.plans, async () => {
    const previous = await db.plans.get(itemId)
    await db.plans.put({ id: itemId, itemId, at, createdAt: previous?.createdAt ?? now, updatedAt: now })
    return previous
  })
}

/** Forgets the item's plan (it goes back to the ideas); returns it, for undo. */
export async function clearPlan(db: BaluchonDb, itemId: string): Promise<Plan | undefined> {
  return db.transaction('rw', db.plans, async () => {
    const previous = await db.plans.get(itemId)
    if (previous) await db.plans.delete(itemId)
    return previous
  })
}

/** Puts a plan back exactly as it was (undo), or removes it when there was none. */
export async function restorePlan(db: BaluchonDb, itemId: string, previous: Plan | undefined): Promise<void> {
  if (previous) await db.plans.put(previous)
  else await db.plans.delete(itemId)
}

export function getPlan(db: BaluchonDb, itemId: string): Promise<Plan | undefined> {
  return db.plans.get(itemId)
}

/** Plans between two instants (index range on `at`). */
export function plansBetween(db: BaluchonDb, from: number, to: number): Promise<Plan[]> {
  return db.plans.where('at').between(from, to, true, false).toArray()
}

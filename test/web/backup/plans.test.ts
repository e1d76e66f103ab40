// Calendar plans (schema v5 `plans`) in backups: a plan survives export -> restore into an empty profile, the dry
// run counts plans like the other merged tables (added / updated / unchanged, the later updatedAt wins), restoring
// twice changes nothing, an archive from before plans travelled restores as "no plans" without touching the
// calendar, and a malformed plan row is left out rather than written.
import { afterEach, describe, expect, it } from 'vitest'
import { readArchive, writeArchive } from '../../../src/core/archive'
import type { BaluchonDb } from '../../../src/db'
import type { Plan } from '../../../src/db/schema'
import { applyPlan } from '../../../src/features/backup/apply'
import { prepareRestore } from '../../../src/features/backup/jobs'
import { LISTED_PER_GROUP, listedEntries, planChangesNothing, type PlanEntry } from '../../../src/features/backup/plan'
import { archiveInputFromDb } from '../../../src/features/backup/source'
import { closeAll, dump, exportBytes, freshDb, seedSample, T0 } from './support'

afterEach(closeAll)

let n = 0
const options = { newRevisionId: () => `R${n++}` }
const AT = Date.UTC(2026, 5, 1, 8, 0, 0)
const plan = (itemId: string, at: number, updatedAt: number): Plan => ({ id: itemId, itemId, at, createdAt: T0, updatedAt })

/** An archive as a version before plans travelled wrote it: the same tables, no `plans` one at all. */
async function archiveWithoutPlansTable(db: BaluchonDb): Promise<Uint8Array> {
  const input = await archiveInputFromDb(db, { appVersion: '0.1.0-before-plans', createdAt: T0 + 86_400_000 })
  const { plans: _plans, ...older } = input.tables ?? {}
  const chunks: Uint8Array[] = []
  await writeArchive({ ...input, tables: older }, (chunk) => void chunks.push(chunk))
  return Buffer.concat(chunks)
}

async function restore(db: BaluchonDb, bytes: Uint8Array) {
  const prepared = await prepareRestore(db, bytes, options)
  await applyPlan(db, prepared.plan)
  return prepared.plan
}

describe('calendar plans in a backup', () => {
  it('a plan survives export -> restore into an empty profile, exactly, and a second restore changes nothing', async () => {
    const source = await freshDb()
    await seedSample(source)
    await source.plans.bulkPut([plan('01POST', AT, T0 + 10), plan('01NOTE', AT + 86_400_000, T0 + 20)])
    const bytes = await exportBytes(source)
    expect(((await readArchive(bytes)).tables['plans'] ?? []).map((p) => p['id'])).toEqual(['01NOTE', '01POST'])

    const empty = await freshDb()
    const first = await restore(empty, bytes)
    expect(first.counts.plans).toEqual({ added: 2, updated: 0, unchanged: 0, conflict: 0 })
    // Named in the dry run by its item's title.
    expect(first.entries.find((e) => e.kind === 'plans' && e.id === '01POST')).toMatchObject({ label: 'L’été — مرحبا 👩‍👩‍👧', outcome: 'added' })
    expect(await empty.plans.get('01POST')).toEqual(plan('01POST', AT, T0 + 10))
    expect(await dump(empty)).toEqual(await dump(source))
    // The calendar's range query finds it in the new profile.
    expect((await empty.plans.where('at').between(AT, AT + 1, true, false).toArray()).map((p) => p.itemId)).toEqual(['01POST'])

    const again = await prepareRestore(empty, bytes, options)
    expect(again.plan.counts.plans).toEqual({ added: 0, updated: 0, unchanged: 2, conflict: 0 })
    expect(planChangesNothing(again.plan)).toBe(true)
  })

  it('merges by id: the later updatedAt wins, ours kept when as new or newer, a missing one added', async () => {
    const source = await freshDb()
    await seedSample(source)
    await source.plans.bulkPut([plan('01POST', AT, T0 + 10), plan('01NOTE', AT, T0 + 10), plan('01TALK', AT, T0 + 10)])
    const bytes = await exportBytes(source)

    const here = await freshDb()
    await seedSample(here)
    // 01POST planned here earlier than the archive's edit (updated), 01NOTE moved here later (kept), 01TALK tied (kept).
    await here.plans.bulkPut([plan('01POST', AT - 3_600_000, T0 + 5), plan('01NOTE', AT + 3_600_000, T0 + 30), plan('01TALK', AT + 60_000, T0 + 10)])
    const merged = await restore(here, bytes)
    expect(merged.counts.plans).toEqual({ added: 0, updated: 1, unchanged: 2, conflict: 0 })
    expect(merged.entries.find((e) => e.kind === 'plans' && e.id === '01POST')).toMatchObject({ outcome: 'updated', kept: 'archive' })
    expect(merged.entries.find((e) => e.kind === 'plans' && e.id === '01NOTE')).toMatchObject({ outcome: 'unchanged', kept: 'current' })
    expect((await here.plans.get('01POST'))!.at).toBe(AT)
    expect((await here.plans.get('01NOTE'))!.at).toBe(AT + 3_600_000)
    expect((await here.plans.get('01TALK'))!.at).toBe(AT + 60_000)
    expect(planChangesNothing((await prepareRestore(here, bytes, options)).plan)).toBe(true)
  })

  it('an archive without plans (written before they travelled) restores as none and leaves the calendar alone', async () => {
    const source = await freshDb()
    await seedSample(source)
    // Even were a plan here, such an archive could not carry it.
    await source.plans.put(plan('01NOTE', AT, T0))
    const bytes = await archiveWithoutPlansTable(source)
    const contents = await readArchive(bytes)
    expect('plans' in contents.manifest.tables).toBe(false)
    expect(contents.items).toHaveLength(5)

    const empty = await freshDb()
    const first = await restore(empty, bytes)
    expect(first.counts.plans).toEqual({ added: 0, updated: 0, unchanged: 0, conflict: 0 })
    expect(await empty.items.count()).toBe(5)
    expect(await empty.plans.count()).toBe(0)

    const here = await freshDb()
    await here.plans.put(plan('01POST', AT, T0))
    await restore(here, bytes)
    expect(await here.plans.get('01POST')).toEqual(plan('01POST', AT, T0))
  })

  it('leaves out a plan row the calendar could not use (no moment, or an id that is not its item’s) and restores the rest', async () => {
    const source = await freshDb()
    await seedSample(source)
    await source.plans.bulkPut([
      plan('01POST', AT, T0),
      { id: '01NOTE', itemId: '01TALK', at: AT, createdAt: T0, updatedAt: T0 },
      { id: '01LINK', itemId: '01LINK', createdAt: T0, updatedAt: T0 } as unknown as Plan,
    ])
    const bytes = await exportBytes(source)
    const empty = await freshDb()
    const first = await restore(empty, bytes)
    expect(first.counts.plans.added).toBe(1)
    expect(await empty.plans.toCollection().primaryKeys()).toEqual(['01POST'])
  })
})

describe('listedEntries (what the dry run sends to the page)', () => {
  it('keeps the first LISTED_PER_GROUP of each kind and outcome, and no unchanged entries', () => {
    const entry = (kind: PlanEntry['kind'], outcome: PlanEntry['outcome'], i: number): PlanEntry => ({ kind, id: `${kind}-${outcome}-${i}`, label: String(i), outcome })
    const all = [
      ...Array.from({ length: LISTED_PER_GROUP + 50 }, (_, i) => entry('post', 'added', i)),
      ...Array.from({ length: 3 }, (_, i) => entry('post', 'conflict', i)),
      ...Array.from({ length: 500 }, (_, i) => entry('note', 'unchanged', i)),
      ...Array.from({ length: 2 }, (_, i) => entry('note', 'updated', i)),
    ]
    const listed = listedEntries(all)
    expect(listed.filter((e) => e.kind === 'post' && e.outcome === 'added').map((e) => e.label)).toEqual(Array.from({ length: LISTED_PER_GROUP }, (_, i) => String(i)))
    expect(listed.filter((e) => e.outcome === 'conflict')).toHaveLength(3)
    expect(listed.filter((e) => e.outcome === 'unchanged')).toHaveLength(0)
    expect(listed.filter((e) => e.kind === 'note' && e.outcome === 'updated')).toHaveLength(2)
  })
})

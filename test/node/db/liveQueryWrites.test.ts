// Dexie's live queries as patched (patches/dexie+4.4.7.patch): a write heard while a query is not running, and
// touching nothing it read, is forgotten at once instead of being merged into the query's set of writes until the
// query runs again, which a query no write concerns never does (every live query of the page grew with every
// autosave of the session, and merging into those sets cost the UI thread about 0.8 ms per autosave). A write
// heard while the query runs is kept: what the query read is known only once it ends.
import Dexie, { liveQuery, RangeSet, type Subscription } from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** A key whose comparisons are counted: Dexie compares Date keys with `<` and `>`, which call valueOf. */
class CountedKey extends Date {
  static comparisons = 0
  override valueOf(): number {
    CountedKey.comparisons++
    return super.valueOf()
  }
}

let n = 0
const open: Dexie[] = []
const subscriptions: Subscription[] = []
afterEach(() => {
  subscriptions.splice(0).forEach((subscription) => subscription.unsubscribe())
  open.splice(0).forEach((db) => db.close())
})

async function fresh(): Promise<Dexie & { notes: Dexie.Table<{ id: string; text: string }, string> }> {
  const db = new Dexie(`live-query-writes-${Date.now()}-${n++}`) as Dexie & { notes: Dexie.Table<{ id: string; text: string }, string> }
  db.version(1).stores({ notes: 'id' })
  open.push(db)
  await db.open()
  return db
}

/** Subscribes and collects every value the live query gives; resolves once the first one came. */
async function follow<T>(query: () => Promise<T>): Promise<T[]> {
  const values: T[] = []
  await new Promise<void>((resolve, reject) => {
    subscriptions.push(
      liveQuery(query).subscribe({
        next: (value) => {
          values.push(value)
          resolve()
        },
        error: reject,
      }),
    )
  })
  return values
}

/** A write somewhere no live query reads, as Dexie tells every live query of it (one key of another database). */
function unrelatedWrite(i: number): void {
  const key = new CountedKey(Date.UTC(2026, 0, 1) + i * 1000)
  Dexie.on.storagemutated.fire({ 'idb://elsewhere/log/': new RangeSet(key, key) })
}

describe('live queries and the writes they hear', () => {
  it('forget writes that do not concern them while no query runs: the 200th costs no more than the first ones', async () => {
    const db = await fresh()
    await db.notes.put({ id: 'a', text: 'one' })
    await follow(() => db.notes.get('a'))
    const comparisonsOver = (from: number, to: number): number => {
      const before = CountedKey.comparisons
      for (let i = from; i < to; i++) unrelatedWrite(i)
      return CountedKey.comparisons - before
    }
    const first = comparisonsOver(0, 20)
    comparisonsOver(20, 180)
    // Unpatched, each write was merged into the query's growing set: the last ones were compared with the
    // earlier keys (dozens of comparisons each), the first ones with a few.
    const last = comparisonsOver(180, 200)
    expect(last).toBeLessThanOrEqual(first)
  })

  it('still run again for a write to what they read, after many writes elsewhere', async () => {
    const db = await fresh()
    await db.notes.put({ id: 'a', text: 'one' })
    const values = await follow(async () => (await db.notes.get('a'))?.text)
    for (let i = 0; i < 50; i++) unrelatedWrite(i)
    await db.notes.put({ id: 'a', text: 'two' })
    await vi.waitFor(() => expect(values.at(-1)).toBe('two'), { timeout: 1000, interval: 5 })
    expect(values).toEqual(['one', 'two'])
  })

  it('keep a write heard while the query runs, and run again for it', async () => {
    const db = await fresh()
    await db.notes.put({ id: 'a', text: 'one' })
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let runs = 0
    let reading!: () => void
    const readDone = new Promise<void>((resolve) => (reading = resolve))
    const values: (string | undefined)[] = []
    subscriptions.push(
      liveQuery(async () => {
        runs++
        const text = (await db.notes.get('a'))?.text
        if (runs === 1) {
          reading()
          // The first run is still under way (what it read is not known to Dexie yet) when the write lands.
          await gate
        }
        return text
      }).subscribe((value) => values.push(value)),
    )
    await readDone
    // From a task of its own: code resumed by the query's own promise runs in the query's context, where Dexie refuses writes.
    await new Promise<void>((resolve, reject) => setTimeout(() => db.notes.put({ id: 'a', text: 'two' }).then(() => resolve(), reject), 0))
    release()
    await vi.waitFor(() => expect(values.at(-1)).toBe('two'), { timeout: 1000, interval: 5 })
    expect(values.at(-1)).toBe('two')
    expect(runs).toBeGreaterThanOrEqual(2)
  })
})

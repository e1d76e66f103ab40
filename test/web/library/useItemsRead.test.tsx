// @vitest-environment jsdom
// useItemsRead: the list's read of the items table, kept up to date from the writes this window hears of (Dexie's
// storagemutated). Which writes name one row alone; a write offered to takeWrite that it takes is not read for; any
// other write to the items table is; writes elsewhere are not; a write heard during a read has the read run again.
import { cleanup, render, waitFor } from '@testing-library/react'
import Dexie, { type ObservabilitySet } from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BaluchonDb, setDb } from '../../../src/db'
import { createItem } from '../../../src/features/items/repository'
import { onlyItemWritten, touchesItems, useItemsRead } from '../../../src/features/library/useItemsRead'

let db: BaluchonDb
let n = 0

beforeEach(async () => {
  db = new BaluchonDb(`items-read-${Date.now()}-${n++}`)
  await db.open()
  setDb(db)
})
afterEach(() => {
  cleanup()
  db.close()
})

/** The parts Dexie tells of for the writes `write` makes (one storagemutated per transaction), merged. */
async function partsOf(write: () => Promise<unknown>): Promise<ObservabilitySet[]> {
  const heard: ObservabilitySet[] = []
  const listener = (parts: ObservabilitySet) => heard.push(parts)
  Dexie.on('storagemutated', listener)
  try {
    await write()
    await new Promise((resolve) => setTimeout(resolve, 0))
  } finally {
    Dexie.on('storagemutated').unsubscribe(listener)
  }
  return heard
}

describe('which writes name one item alone', () => {
  it('tells the one row a write put, updated or deleted, and nothing for several rows, a range or another table', async () => {
    const a = await createItem(db, 'note', { title: 'A' })
    const b = await createItem(db, 'note', { title: 'B' })
    const only = async (write: () => Promise<unknown>) => (await partsOf(write)).map((parts) => onlyItemWritten(parts, db.name))

    expect(await only(() => db.table('items').update(a.id, { title: 'A again' }))).toEqual([a.id])
    expect(await only(() => db.items.put({ ...b, title: 'B again' }))).toEqual([b.id])
    expect(await only(() => db.transaction('rw', db.items, async () => {
      await db.table('items').update(a.id, { title: 'A, with B' })
      await db.table('items').update(b.id, { title: 'B, with A' })
    }))).toEqual([undefined])
    expect(await only(() => db.items.bulkPut([{ ...a }, { ...b }]))).toEqual([undefined])
    expect(await only(() => db.table('items').where('id').between(a.id, b.id, true, true).modify({ title: 'Both' }))).toEqual([undefined])
    expect(await only(() => db.settings.put({ key: 'theme', value: 'dark' } as never))).toEqual([undefined])
    expect(await only(() => db.items.delete(a.id))).toEqual([a.id])
    expect(await only(() => db.items.clear())).toEqual([undefined])
    // Named for this database only.
    expect(onlyItemWritten((await partsOf(() => createItem(db, 'note', { title: 'C' })))[0]!, 'another-db')).toBeUndefined()
  })

  it('tells the writes that touch the items table of the database from the others', async () => {
    const a = await createItem(db, 'note', { title: 'A' })
    const [item] = await partsOf(() => db.table('items').update(a.id, { title: 'A again' }))
    const [setting] = await partsOf(() => db.settings.put({ key: 'theme', value: 'dark' } as never))
    expect(touchesItems(item!, db.name)).toBe(true)
    expect(touchesItems(item!, 'another-db')).toBe(false)
    expect(touchesItems(setting!, db.name)).toBe(false)
    expect(touchesItems({ all: true } as unknown as ObservabilitySet, db.name)).toBe(true)
  })
})

describe('useItemsRead', () => {
  /** A read that counts its runs and can be held until released. */
  function countedRead() {
    const state = { runs: 0, hold: null as Promise<void> | null }
    const read = async () => {
      const run = ++state.runs
      if (state.hold) await state.hold
      return { run }
    }
    return { state, read }
  }

  function Reader({ read, takeWrite, onValue }: { read: () => Promise<{ run: number }>; takeWrite: (parts: ObservabilitySet) => Promise<{ run: number } | undefined>; onValue: (value: { run: number } | undefined) => void }) {
    onValue(useItemsRead(read, takeWrite, []))
    return null
  }

  it('reads when mounted and after each write to the items table, not after writes elsewhere', async () => {
    const { state, read } = countedRead()
    const values: ({ run: number } | undefined)[] = []
    render(<Reader read={read} takeWrite={async () => undefined} onValue={(v) => values.push(v)} />)
    await waitFor(() => expect(values.at(-1)).toEqual({ run: 1 }))
    await createItem(db, 'note', { title: 'A' })
    await waitFor(() => expect(values.at(-1)).toEqual({ run: 2 }))
    await db.settings.put({ key: 'theme', value: 'dark' } as never)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(state.runs).toBe(2)
  })

  it('takes what takeWrite gives for a write without reading, and reads when it gives nothing', async () => {
    const { state, read } = countedRead()
    const values: ({ run: number } | undefined)[] = []
    const offered: (string | undefined)[] = []
    const take = async (parts: ObservabilitySet) => {
      const id = onlyItemWritten(parts, db.name)
      offered.push(id)
      return id === kept ? { run: -1 } : undefined
    }
    let kept = ''
    const a = await createItem(db, 'note', { title: 'A' })
    kept = a.id
    render(<Reader read={read} takeWrite={take} onValue={(v) => values.push(v)} />)
    await waitFor(() => expect(values.at(-1)).toEqual({ run: 1 }))
    await db.table('items').update(a.id, { title: 'A again' })
    await waitFor(() => expect(values.at(-1)).toEqual({ run: -1 }))
    expect(state.runs).toBe(1)
    const b = await createItem(db, 'note', { title: 'B' })
    await waitFor(() => expect(values.at(-1)).toEqual({ run: 2 }))
    expect(offered).toEqual([a.id, b.id])
  })

  it('reads once more after a read that a write came during, and only once for several', async () => {
    const { state, read } = countedRead()
    const values: ({ run: number } | undefined)[] = []
    let release = () => {}
    state.hold = new Promise<void>((resolve) => (release = resolve))
    render(<Reader read={read} takeWrite={async () => undefined} onValue={(v) => values.push(v)} />)
    await waitFor(() => expect(state.runs).toBe(1))
    // Two writes while the first read is held: what it read may be from before them.
    await createItem(db, 'note', { title: 'A' })
    await createItem(db, 'note', { title: 'B' })
    state.hold = null
    release()
    await waitFor(() => expect(values.at(-1)).toEqual({ run: 2 }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(state.runs).toBe(2)
  })

  it('stops listening when unmounted', async () => {
    const { state, read } = countedRead()
    const view = render(<Reader read={read} takeWrite={async () => undefined} onValue={() => {}} />)
    await waitFor(() => expect(state.runs).toBe(1))
    view.unmount()
    await createItem(db, 'note', { title: 'A' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(state.runs).toBe(1)
  })
})

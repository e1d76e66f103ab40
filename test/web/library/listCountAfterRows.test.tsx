// @vitest-environment jsdom
// Before search answers, the list's length is counted in IndexedDB (countListWithoutDates). That count is asked
// for only once the view's rows are read: IndexedDB answers one request at a time, and at 50,000 items a view's
// rows, asked for just after its count, waited 0.7 s behind it (bench list-first-paint, a trace early after a
// start). The count still follows writes (its live query watches the range it counts).
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BaluchonDb, setDb } from '../../../src/db'
import { createItem, trashItem } from '../../../src/features/items/repository'
import { useListWindow, type ListSource } from '../../../src/features/library/useListWindow'

const held = vi.hoisted(() => ({ events: [] as string[], release: null as null | (() => void), hold: true }))

vi.mock('../../../src/features/search', async (original) => ({
  ...(await original<typeof import('../../../src/features/search')>()),
  // Search has not answered: no counts from it.
  useLibraryCounts: () => undefined,
}))

vi.mock('../../../src/features/items/queries', async (original) => {
  const real = await original<typeof import('../../../src/features/items/queries')>()
  return {
    ...real,
    listPage: async (...args: Parameters<typeof real.listPage>) => {
      held.events.push('rows asked')
      if (held.hold) await new Promise<void>((resolve) => (held.release = resolve))
      const rows = await real.listPage(...args)
      held.events.push('rows read')
      return rows
    },
    countListWithoutDates: (...args: Parameters<typeof real.countListWithoutDates>) => {
      held.events.push('count asked')
      return real.countListWithoutDates(...args)
    },
  }
})

afterEach(() => {
  cleanup()
  held.events.length = 0
  held.release = null
  held.hold = true
})

describe('the list counted in the database', () => {
  it('asks for its count only once the rows are read, and the count follows writes', async () => {
    const db = new BaluchonDb(`list-count-${Date.now()}`)
    setDb(db)
    await createItem(db, 'post', { title: 'One' }, 1000)
    const second = await createItem(db, 'post', { title: 'Two' }, 2000)
    await createItem(db, 'note', { title: 'A note' }, 3000)
    const source: ListSource = { type: 'items', filter: { kind: 'post' } }
    const { result } = renderHook(() => useListWindow(source, 0, 10))
    await waitFor(() => expect(held.events).toEqual(['rows asked']))
    // The rows' read is held: no count is asked for meanwhile.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50))
    })
    expect(held.events).toEqual(['rows asked'])
    expect(result.current.count).toBeUndefined()
    held.hold = false
    act(() => held.release!())
    await waitFor(() => expect(result.current.count).toBe(2))
    expect(held.events.slice(0, 3)).toEqual(['rows asked', 'rows read', 'count asked'])
    // Writes that change the range counted: the count follows.
    await createItem(db, 'post', { title: 'Three' }, 4000)
    await waitFor(() => expect(result.current.count).toBe(3))
    await trashItem(db, second.id)
    await waitFor(() => expect(result.current.count).toBe(2))
    db.close()
    await db.delete()
  })
})

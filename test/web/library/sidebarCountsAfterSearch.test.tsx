// @vitest-environment jsdom
// The sidebar's counts come from the search worker's index once search answers (useCounts.ts, search/counts.ts):
// IndexedDB serves an origin's requests one after another and an index count walks every entry it counts, so at
// 50,000 items the database's counts (1-2 s of that queue) held back the rows of a view switched to in the first
// seconds. The figures follow writes. If search does not answer for a long while (a first build), the database
// counts them meanwhile.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { Collection } from 'dexie'
import { useSyncExternalStore } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createItem, deleteForever, restoreFromTrash, trashItem, updateFields } from '../../../src/features/items/repository'
import { COUNTS_WAIT_FOR_SEARCH_MS } from '../../../src/features/library/useCounts'
import { renderApp } from './harness'

const calls = vi.hoisted(() => ({ sidebarCounts: 0, tagCounts: 0, countUnreadLinks: 0, countListWithoutDates: 0 }))
/** Whether search has answered yet, as the test says (the real, in-process search answers at once). */
const answers = vi.hoisted(() => ({ value: false, listeners: new Set<() => void>() }))

function setSearchAnswers(value: boolean): void {
  answers.value = value
  for (const listener of answers.listeners) listener()
}

function useAnswers(): boolean {
  return useSyncExternalStore(
    (listener) => {
      answers.listeners.add(listener)
      return () => answers.listeners.delete(listener)
    },
    () => answers.value,
  )
}

vi.mock('../../../src/features/search', async (original) => {
  const real = await original<typeof import('../../../src/features/search')>()
  return {
    ...real,
    useSearchAnswers: () => useAnswers(),
    // The worker's counts exist only once search answers.
    useLibraryCounts: (enabled?: boolean) => {
      const counts = real.useLibraryCounts(enabled)
      return useAnswers() ? counts : undefined
    },
  }
})

vi.mock('../../../src/features/items/queries', async (original) => {
  const real = await original<typeof import('../../../src/features/items/queries')>()
  return {
    ...real,
    sidebarCounts: (...args: Parameters<typeof real.sidebarCounts>) => {
      calls.sidebarCounts++
      return real.sidebarCounts(...args)
    },
    tagCounts: (...args: Parameters<typeof real.tagCounts>) => {
      calls.tagCounts++
      return real.tagCounts(...args)
    },
    countUnreadLinks: (...args: Parameters<typeof real.countUnreadLinks>) => {
      calls.countUnreadLinks++
      return real.countUnreadLinks(...args)
    },
    countListWithoutDates: (...args: Parameters<typeof real.countListWithoutDates>) => {
      calls.countListWithoutDates++
      return real.countListWithoutDates(...args)
    },
  }
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  for (const key of Object.keys(calls) as Array<keyof typeof calls>) calls[key] = 0
  setSearchAnswers(false)
})

let postId = ''

async function sample(db: BaluchonDb): Promise<void> {
  postId = (await createItem(db, 'post', { title: 'Offline first', status: 'draft', tags: ['web'] }, 2000)).id
  await createItem(db, 'note', { title: 'Grocery ideas', tags: ['home', 'web'] }, 1000)
  await createItem(db, 'link', { title: 'A page', url: 'https://example.com/' } as never, 500)
}

/** The app with its first rows on screen and painted, search not answering yet (as far as the page knows). */
async function rowsPainted(): Promise<{ db: BaluchonDb; nav: HTMLElement }> {
  const { db } = await renderApp(sample)
  await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Items' })).queryAllByRole('option')).toHaveLength(3))
  // Past the frames after the rows (afterNextPaint) and a few turns more.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 150))
  })
  return { db, nav: screen.getByRole('navigation', { name: 'Library' }) }
}

const entry = (nav: HTMLElement, label: string, count: number | '') =>
  within(nav).getByRole('button', { name: new RegExp(`^${label}\\s*${count}$`) })

const databaseCounts = () => calls.sidebarCounts + calls.tagCounts + calls.countUnreadLinks

describe('sidebar counts and search', () => {
  it('come from search once it answers, follow writes, and no database count runs for them', async () => {
    const { db, nav } = await rowsPainted()
    expect(entry(nav, 'Posts', '')).toBeTruthy()
    // Every index count on the items table from here on (the list's own length included). A count by primary key
    // (the list watching a row it did not read again, listRefresh.ts: one key, no index walked) is not one.
    const counted: string[] = []
    const collections = Object.getPrototypeOf(db.items.toCollection()) as Collection
    const count = collections.count
    vi.spyOn(collections, 'count').mockImplementation(function (this: Collection, ...args: Parameters<Collection['count']>) {
      const ctx = (this as unknown as { _ctx: { table: { name: string }; index: string | null } })._ctx
      if (ctx.index !== null) counted.push(ctx.table.name)
      return count.apply(this, args)
    })
    const itemCounts = () => counted.filter((table) => table === 'items').length
    act(() => setSearchAnswers(true))
    await waitFor(() => expect(entry(nav, 'Posts', 1)).toBeTruthy())
    expect(entry(nav, 'All', 3)).toBeTruthy()
    expect(entry(nav, 'Notes', 1)).toBeTruthy()
    expect(entry(nav, 'Draft', 1)).toBeTruthy()
    expect(entry(nav, 'Unread', 1)).toBeTruthy()
    expect(entry(nav, 'web', 2)).toBeTruthy()
    expect(entry(nav, 'home', 1)).toBeTruthy()

    // Writes, as any window would make them: the figures follow.
    await createItem(db, 'post', { title: 'Second', status: 'ready', tags: ['web'] })
    await waitFor(() => expect(entry(nav, 'Posts', 2)).toBeTruthy())
    expect(entry(nav, 'Ready', 1)).toBeTruthy()
    expect(entry(nav, 'web', 3)).toBeTruthy()
    await trashItem(db, postId)
    await waitFor(() => expect(entry(nav, 'Trash', 1)).toBeTruthy())
    expect(entry(nav, 'Posts', 1)).toBeTruthy()
    expect(entry(nav, 'Draft', 0)).toBeTruthy()
    expect(entry(nav, 'web', 2)).toBeTruthy()
    await restoreFromTrash(db, postId)
    await waitFor(() => expect(entry(nav, 'Trash', 0)).toBeTruthy())
    expect(entry(nav, 'Posts', 2)).toBeTruthy()
    await updateFields(db, postId, { tags: ['offline'] })
    await waitFor(() => expect(entry(nav, 'offline', 1)).toBeTruthy())
    expect(entry(nav, 'web', 2)).toBeTruthy()
    // An item of the Trash deleted for good: the index does not change, the Trash's figure does.
    await trashItem(db, postId)
    await waitFor(() => expect(entry(nav, 'Trash', 1)).toBeTruthy())
    await deleteForever(db, [postId])
    await waitFor(() => expect(entry(nav, 'Trash', 0)).toBeTruthy())

    // A view switch counts its list from the same figures.
    fireEvent.click(entry(nav, 'Notes', 1))
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Items' })).queryAllByRole('option')).toHaveLength(1))
    await waitFor(() => expect(screen.getByText('1 item')).toBeTruthy())

    expect(databaseCounts()).toBe(0)
    expect(itemCounts()).toBe(0)
  })

  it('are counted by the database when search does not answer for a long while', async () => {
    const { nav } = await rowsPainted()
    expect(databaseCounts()).toBe(0)
    await waitFor(() => expect(entry(nav, 'Posts', 1)).toBeTruthy(), { timeout: COUNTS_WAIT_FOR_SEARCH_MS + 2000 })
    expect(entry(nav, 'web', 2)).toBeTruthy()
    expect(calls.sidebarCounts).toBeGreaterThan(0)
    expect(calls.tagCounts).toBeGreaterThan(0)
  }, 15_000)
})

// @vitest-environment jsdom
// The sidebar's counts wait for search to answer too (useCounts.ts): IndexedDB serves an origin's requests one after
// another and the counts walk every index entry they count, so asked before the search worker read its saved index
// they held that read back (about 2 s at 50,000 items). If search never answers, they start anyway after a while.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { useSyncExternalStore } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createItem } from '../../../src/features/items/repository'
import { COUNTS_WAIT_FOR_SEARCH_MS } from '../../../src/features/library/useCounts'
import { renderApp } from './harness'

const calls = vi.hoisted(() => ({ sidebarCounts: 0 }))
/** What useSearchAnswers says, set by the test. */
const answers = vi.hoisted(() => ({ value: false, listeners: new Set<() => void>() }))

function setSearchAnswers(value: boolean): void {
  answers.value = value
  for (const listener of answers.listeners) listener()
}

vi.mock('../../../src/features/search', async (original) => {
  const real = await original<typeof import('../../../src/features/search')>()
  return {
    ...real,
    useSearchAnswers: () =>
      useSyncExternalStore(
        (listener) => {
          answers.listeners.add(listener)
          return () => answers.listeners.delete(listener)
        },
        () => answers.value,
      ),
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
  }
})

afterEach(() => {
  cleanup()
  calls.sidebarCounts = 0
  setSearchAnswers(false)
})

async function sample(db: BaluchonDb): Promise<void> {
  await createItem(db, 'post', { title: 'Offline first', status: 'draft' }, 2000)
  await createItem(db, 'note', { title: 'Grocery ideas' }, 1000)
}

/** The app with its first rows on screen and painted, search not answering yet. */
async function rowsPainted(): Promise<HTMLElement> {
  await renderApp(sample)
  await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Items' })).queryAllByRole('option')).toHaveLength(2))
  // Past the frames after the rows (afterNextPaint) and a few turns more.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 150))
  })
  return screen.getByRole('navigation', { name: 'Library' })
}

describe('sidebar counts and search', () => {
  it('do not start before search answers, and start once it does', async () => {
    const nav = await rowsPainted()
    expect(calls.sidebarCounts).toBe(0)
    expect(within(nav).getByRole('button', { name: /^Posts\s*$/ })).toBeTruthy()
    act(() => setSearchAnswers(true))
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy())
    expect(calls.sidebarCounts).toBeGreaterThan(0)
  })

  it('stay once started, while a later rebuild of the index keeps search from answering', async () => {
    const nav = await rowsPainted()
    act(() => setSearchAnswers(true))
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy())
    act(() => setSearchAnswers(false))
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 150))
    })
    expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy()
  })

  it('start anyway when search does not answer for a long while', async () => {
    const nav = await rowsPainted()
    expect(calls.sidebarCounts).toBe(0)
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy(), { timeout: COUNTS_WAIT_FOR_SEARCH_MS + 2000 })
    expect(calls.sidebarCounts).toBeGreaterThan(0)
  }, 15_000)
})

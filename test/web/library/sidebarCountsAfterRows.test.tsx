// @vitest-environment jsdom
// The sidebar's counts start only once the list's first rows are painted (their live queries and the re-render
// they cause would otherwise run before the rows' frame); until then each count is blank and hidden from
// assistive technology, never a wrong number.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createItem } from '../../../src/features/items/repository'
import { renderApp } from './harness'

const calls = vi.hoisted(() => ({ sidebarCounts: 0 }))

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

// Frames are held: nothing is "painted" until the test runs them.
const frames: FrameRequestCallback[] = []
vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
vi.stubGlobal('cancelAnimationFrame', () => undefined)

afterEach(() => cleanup())

async function sample(db: BaluchonDb): Promise<void> {
  await createItem(db, 'post', { title: 'Offline first', status: 'draft' }, 2000)
  await createItem(db, 'note', { title: 'Grocery ideas' }, 1000)
}

describe('sidebar counts', () => {
  it('wait for the first rows to be painted, blank and hidden until then', async () => {
    await renderApp(sample)
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Items' })).queryAllByRole('option')).toHaveLength(2))
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50))
    })
    expect(calls.sidebarCounts).toBe(0)
    const nav = screen.getByRole('navigation', { name: 'Library' })
    expect(within(nav).getByRole('button', { name: /^Posts\s*$/ })).toBeTruthy()
    // The rows' frame is painted.
    await act(async () => {
      for (const frame of frames.splice(0)) frame(performance.now())
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy())
    expect(calls.sidebarCounts).toBeGreaterThan(0)
  })
})

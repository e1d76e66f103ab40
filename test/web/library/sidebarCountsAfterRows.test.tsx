// @vitest-environment jsdom
// The sidebar's counts start only once the list's first rows are painted (their live queries and the re-render
// they cause would otherwise run before the rows' frame); until then each count is blank and hidden from
// assistive technology, never a wrong number.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createItem } from '../../../src/features/items/repository'
import { renderApp } from './harness'

const calls = vi.hoisted(() => {
  let warmed: () => void = () => undefined
  const warm = new Promise<void>((resolve) => (warmed = resolve))
  return { sidebarCounts: 0, numberFormatsPrepared: [] as string[], warmUps: [] as string[][], warm, warmed: () => warmed() }
})

// The worker loading ICU's data (lib/intl/offThread.ts): the test says when it is done.
vi.mock('../../../src/lib/intl/offThread', () => ({
  warmIntlOffThread: (languages: readonly string[]) => {
    calls.warmUps.push([...languages])
    return calls.warm
  },
}))

vi.mock('../../../src/features/library/dates', async (original) => {
  const real = await original<typeof import('../../../src/features/library/dates')>()
  return {
    ...real,
    prepareNumberFormat: (language: string) => {
      calls.numberFormatsPrepared.push(language)
      real.prepareNumberFormat(language)
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
    expect(calls.numberFormatsPrepared).toEqual([])
    expect(calls.warmUps).toEqual([])
    const nav = screen.getByRole('navigation', { name: 'Library' })
    expect(within(nav).getByRole('button', { name: /^Posts\s*$/ })).toBeTruthy()
    // The rows' frame is painted.
    await act(async () => {
      for (const frame of frames.splice(0)) frame(performance.now())
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy())
    // Search answers here (in-process, from the start): the figures are its counts, not the database's.
    expect(calls.sidebarCounts).toBe(0)
    // The counts' number formatter is built once the rows are painted, not on the counts' first render (the
    // page's first Intl.NumberFormat costs 35-140 ms, which a click then waited for), and only after a worker has
    // loaded ICU's locale data, which makes it cost under a millisecond.
    expect(calls.warmUps).toEqual([['en']])
    expect(calls.numberFormatsPrepared).toEqual([])
    await act(async () => {
      calls.warmed()
      await calls.warm
    })
    expect(calls.numberFormatsPrepared).toEqual(['en'])
  })
})

describe('number formats', () => {
  it('a prepared format is the one the counts then use: no other is built', async () => {
    const { formatNumber, prepareNumberFormat } = await vi.importActual<typeof import('../../../src/features/library/dates')>('../../../src/features/library/dates')
    const realIntl = Intl
    const NumberFormat = Intl.NumberFormat
    let built = 0
    vi.stubGlobal('Intl', {
      ...Intl,
      NumberFormat: function (...args: ConstructorParameters<typeof Intl.NumberFormat>) {
        built++
        return new NumberFormat(...args)
      },
    })
    try {
      prepareNumberFormat('de')
      expect(built).toBe(1)
      expect(formatNumber(12345, 'de')).toBe('12.345')
      expect(formatNumber(7, 'de')).toBe('7')
      expect(built).toBe(1)
    } finally {
      vi.stubGlobal('Intl', realIntl)
    }
  })
})

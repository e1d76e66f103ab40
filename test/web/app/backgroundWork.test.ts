// @vitest-environment jsdom
// The app's background work (the spare editor, the other kinds' read-ahead) waits for the list's first rows to be
// painted: started after the shell's first frame, it ran on the way to the rows (about 80 ms of the UI thread).
// Then for search to answer, and for the person not to be typing: started as the rows showed, the editor's chunk,
// build and warm-up ran while the first query was on its way to search and its answer on its way to the screen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const calls = vi.hoisted(() => ({ preload: 0, prefetch: 0 }))
/** Search answering: resolved by the test (or by the cap, which whenSearchAnswers is asked to apply). */
const search = vi.hoisted(() => ({ answer: () => {}, maxWaitMs: -1 }))

vi.mock('../../../src/features/library/DetailPane', () => ({
  preloadEditor: () => {
    calls.preload++
    return Promise.resolve()
  },
}))
vi.mock('../../../src/features/library/prefetch', () => ({
  prefetchKindWindows: () => {
    calls.prefetch++
    return Promise.resolve()
  },
}))
vi.mock('../../../src/features/search', () => ({
  whenSearchComplete: () => new Promise(() => undefined),
  whenSearchAnswers: (maxWaitMs: number) => {
    search.maxWaitMs = maxWaitMs
    return new Promise<void>((resolve) => (search.answer = resolve))
  },
}))

beforeEach(() => {
  vi.resetModules()
  calls.preload = 0
  calls.prefetch = 0
  search.maxWaitMs = -1
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })
})

afterEach(() => {
  vi.useRealTimers()
})

/** Frames drawn and the tasks queued after them run, with the clock `ms` further on. */
async function frames(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms)
}

describe('background work at start', () => {
  it('starts once the first rows are painted and search answers, not after the first frame before them', async () => {
    const { startBackgroundWork } = await import('../../../src/app/background')
    const { noteFirstRowsRendered } = await import('../../../src/features/library/firstRowsPaint')
    startBackgroundWork()
    // Frames go by while the rows are read: nothing starts.
    await frames(500)
    expect(calls).toEqual({ preload: 0, prefetch: 0 })

    noteFirstRowsRendered()
    await frames(50)
    search.answer()
    await frames(50)
    expect(calls).toEqual({ preload: 1, prefetch: 1 })
  })

  it('waits for search to answer once the rows are painted', async () => {
    const { startBackgroundWork, BACKGROUND_WAITS_FOR_SEARCH_MS } = await import('../../../src/app/background')
    const { noteFirstRowsRendered } = await import('../../../src/features/library/firstRowsPaint')
    startBackgroundWork()
    noteFirstRowsRendered()
    await frames(1000)
    // The rows are painted; search is still loading its index: nothing starts.
    expect(calls).toEqual({ preload: 0, prefetch: 0 })
    // With a cap (a first start builds the index), not forever.
    expect(search.maxWaitMs).toBe(BACKGROUND_WAITS_FOR_SEARCH_MS)

    search.answer()
    await frames(50)
    expect(calls).toEqual({ preload: 1, prefetch: 1 })
  })

  it('lets a word typed as search answers go before the read-ahead, not before the spare editor', async () => {
    const { startBackgroundWork } = await import('../../../src/app/background')
    const { noteFirstRowsRendered } = await import('../../../src/features/library/firstRowsPaint')
    const { QUIET_MS } = await import('../../../src/lib/whenQuiet')
    startBackgroundWork()
    noteFirstRowsRendered()
    await frames(50)
    window.dispatchEvent(new Event('input'))
    search.answer()
    await frames(QUIET_MS - 100)
    expect(calls).toEqual({ preload: 1, prefetch: 0 })
    await frames(200)
    expect(calls).toEqual({ preload: 1, prefetch: 1 })
  })

  it('starts anyway when the rows never come (an error reading them)', async () => {
    const { startBackgroundWork } = await import('../../../src/app/background')
    startBackgroundWork()
    await frames(2900)
    expect(calls.preload).toBe(0)
    await frames(200)
    search.answer()
    await frames(50)
    expect(calls).toEqual({ preload: 1, prefetch: 1 })
  })
})

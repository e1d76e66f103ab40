// @vitest-environment jsdom
// The app's background work (the spare editor, the other kinds' read-ahead) waits for the list's first rows to be
// painted: started after the shell's first frame, it ran on the way to the rows (about 80 ms of the UI thread).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const calls = vi.hoisted(() => ({ preload: 0, prefetch: 0 }))

vi.mock('../../../src/features/library/DetailPane', () => ({
  preloadEditor: () => {
    calls.preload++
  },
}))
vi.mock('../../../src/features/library/prefetch', () => ({
  prefetchKindWindows: () => {
    calls.prefetch++
    return Promise.resolve()
  },
}))
vi.mock('../../../src/features/search', () => ({ whenSearchComplete: () => new Promise(() => undefined) }))

beforeEach(() => {
  vi.resetModules()
  calls.preload = 0
  calls.prefetch = 0
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
})

afterEach(() => {
  vi.useRealTimers()
})

/** Frames drawn and the tasks queued after them run, with the clock `ms` further on. */
async function frames(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms)
}

describe('background work at start', () => {
  it('starts once the first rows are painted, not after the first frame before them', async () => {
    const { startBackgroundWork } = await import('../../../src/app/background')
    const { noteFirstRowsRendered } = await import('../../../src/features/library/firstRowsPaint')
    startBackgroundWork()
    // Frames go by while the rows are read: nothing starts.
    await frames(500)
    expect(calls).toEqual({ preload: 0, prefetch: 0 })

    noteFirstRowsRendered()
    await frames(50)
    expect(calls).toEqual({ preload: 1, prefetch: 1 })
  })

  it('starts anyway when the rows never come (an error reading them)', async () => {
    const { startBackgroundWork } = await import('../../../src/app/background')
    startBackgroundWork()
    await frames(2900)
    expect(calls.preload).toBe(0)
    await frames(200)
    expect(calls).toEqual({ preload: 1, prefetch: 1 })
  })
})

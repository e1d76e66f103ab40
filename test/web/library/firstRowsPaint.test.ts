// @vitest-environment jsdom
// What waits for the list's first rows (the sidebar's counts, the background work) starts at the first idle moment
// after the rows' frame, not in the task right after it, where it came before the person's first input.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type Idle = (run: () => void, options?: { timeout?: number }) => number
const idle = vi.hoisted(() => ({ queued: [] as Array<{ run: () => void; timeout?: number }> }))

beforeEach(() => {
  vi.resetModules()
  idle.queued = []
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
  const requestIdle: Idle = (run, options) => idle.queued.push({ run, timeout: options?.timeout })
  vi.stubGlobal('requestIdleCallback', requestIdle)
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('first rows painted', () => {
  it('is told at the first idle moment after the rows are painted, within a quarter of a second', async () => {
    const { noteFirstRowsRendered, whenFirstRowsPainted } = await import('../../../src/features/library/firstRowsPaint')
    let told = false
    void whenFirstRowsPainted().then(() => (told = true))
    noteFirstRowsRendered()
    // The rows' frame is drawn and the tasks queued after it run: nothing is told yet.
    await vi.advanceTimersByTimeAsync(50)
    expect(told).toBe(false)
    expect(idle.queued).toHaveLength(1)
    expect(idle.queued[0]!.timeout).toBeLessThanOrEqual(250)

    idle.queued[0]!.run()
    await vi.advanceTimersByTimeAsync(0)
    expect(told).toBe(true)
  })

  it('is told anyway when the rows never come', async () => {
    const { whenFirstRowsPainted } = await import('../../../src/features/library/firstRowsPaint')
    let told = false
    void whenFirstRowsPainted().then(() => (told = true))
    await vi.advanceTimersByTimeAsync(3100)
    expect(told).toBe(true)
  })
})

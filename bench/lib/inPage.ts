// Node-side handles on what the benchmark pages expose (bench/lib/pageApi.ts). Page functions refer to
// `globalThis` only: this file is type-checked for Node, without the DOM library.
import type { CDPSession, Page } from 'playwright-core'
import type { BenchWindow, ProbeCondition, ProbeSpan, ProbeTrigger, RawApi, SeedRequest, SeedResult } from './pageApi'

// Functions handed to page.evaluate are sent as source text: they can use nothing from this module's
// scope, hence `(globalThis as unknown as BenchWindow)` spelled out in each.

/**
 * Times one interaction in the page: arms the probe, performs `act` (a real click or key press through
 * Playwright), and returns the probe's measure: trigger event to condition holding and the next frame
 * painted, or null if the condition did not hold within `timeoutMs`.
 */
export async function timeInteraction(page: Page, trigger: ProbeTrigger, condition: ProbeCondition, act: () => Promise<void>, timeoutMs = 10_000): Promise<number | null> {
  const span = await timeSpan(page, trigger, condition, act, timeoutMs)
  return span && span.end - span.start
}

/** As timeInteraction, with the trigger and paint times themselves (ms from navigation start). */
export async function timeSpan(page: Page, trigger: ProbeTrigger, condition: ProbeCondition, act: () => Promise<void>, timeoutMs = 10_000): Promise<ProbeSpan | null> {
  await page.evaluate(([t, c, ms]) => (globalThis as unknown as BenchWindow).__benchProbe!.arm(t, c, ms), [trigger, condition, timeoutMs] as const)
  await act()
  return page.evaluate(() => (globalThis as unknown as BenchWindow).__benchProbe!.result())
}

/**
 * Waits until the page is idle and has painted, so one sample's work does not leak into the next.
 * Idle callbacks can be held back for seconds while the main thread is in fact idle (seen after a
 * sidebar click), so the wait for one is capped at a second.
 */
export async function settle(page: Page, extraMs = 50): Promise<void> {
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve) => {
        requestIdleCallback(() => requestAnimationFrame(() => setTimeout(resolve, ms)), { timeout: 1000 })
      }),
    extraMs,
  )
}

/** Resolves true once the condition holds in the page (watched there, no polling), false after `timeoutMs`. */
export async function waitFor(page: Page, condition: ProbeCondition, timeoutMs = 30_000): Promise<boolean> {
  return page.evaluate(([c, ms]) => (globalThis as unknown as BenchWindow).__benchProbe!.waitFor(c, ms), [condition, timeoutMs] as const)
}

export async function snapshot(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => (globalThis as unknown as BenchWindow).__benchProbe!.snapshot(s), selector)
}

/** The performance mark's time (ms from navigation start) once set, or null after `timeoutMs`. */
export async function waitMark(page: Page, name: string, timeoutMs: number): Promise<number | null> {
  return page.evaluate(([n, ms]) => (globalThis as unknown as BenchWindow).__benchProbe!.waitMark(n, ms), [name, timeoutMs] as const)
}

export async function attr(page: Page, selector: string, name: string): Promise<string | null> {
  return page.evaluate(([s, n]) => (globalThis as unknown as BenchWindow).__benchProbe!.attr(s, n), [selector, name] as const)
}

export async function describe(page: Page, selector: string, name: string, textSelector: string): Promise<{ attr: string; text: string }[]> {
  return page.evaluate(([s, n, t]) => (globalThis as unknown as BenchWindow).__benchProbe!.describe(s, n, t), [selector, name, textSelector] as const)
}

export async function seedDatabase(page: Page, request: SeedRequest): Promise<SeedResult> {
  return page.evaluate((r) => (globalThis as unknown as BenchWindow).__benchSeed!(r), request)
}

/** Cold-start probe: ms from navigation start to the first paint with the list's rows. */
export async function firstSeen(page: Page): Promise<number | null> {
  return page.evaluate(() => (globalThis as unknown as BenchWindow).__benchProbe!.firstSeen())
}

export async function blankPageMs(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as BenchWindow).__benchBlank!)
}

/** Loads the bare libraries (bench/page/raw.ts) into the page, same origin as the app. */
export async function loadRaw(page: Page): Promise<void> {
  await page.addScriptTag({ url: '/__bench/raw.js', type: 'module' })
  await page.waitForFunction(() => (globalThis as unknown as BenchWindow).__benchRaw !== undefined)
}

/** Calls one of the raw API's functions in the page. */
export async function raw<K extends keyof RawApi>(page: Page, name: K, ...args: Parameters<RawApi[K]>): Promise<Awaited<ReturnType<RawApi[K]>>> {
  return page.evaluate(
    ([n, a]) => ((globalThis as unknown as BenchWindow).__benchRaw![n] as (...x: unknown[]) => unknown)(...(a as unknown[])),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<RawApi[K]>>>
}

/** The renderer main thread's total task time so far, in ms (DevTools Performance domain). */
export async function mainThreadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const task = metrics.find((m) => m.name === 'TaskDuration')
  if (!task) throw new Error('Chromium reported no TaskDuration metric')
  return task.value * 1000
}

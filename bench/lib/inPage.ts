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

/**
 * Loads the bare libraries (bench/page/raw.ts) into the page, same origin as the app. `besideApp`: the page
 * runs the app, whose measures must not pay for the bench's own copy of Dexie: a Dexie module listens, from
 * its load, to the other contexts' writes (a BroadcastChannel, "x-storagemutated-1" in Dexie 4) and would handle each of
 * them a second time on the app's main thread (0.1-1.3 ms per autosave in the traces, when the save worker's
 * write is announced). The channel that copy opens while it loads is made deaf (the app's Dexie opened its own
 * at start-up); the bare reads need no news, and its own writes are still announced.
 */
export async function loadRaw(page: Page, { besideApp = false } = {}): Promise<void> {
  if (besideApp) {
    await page.evaluate(() => {
      const g = globalThis as unknown as { BroadcastChannel: typeof BroadcastChannel; __benchDeafen?: { native: typeof BroadcastChannel; made: BroadcastChannel[] } }
      const native = g.BroadcastChannel
      const made: BroadcastChannel[] = []
      g.__benchDeafen = { native, made }
      g.BroadcastChannel = class extends native {
        constructor(name: string) {
          super(name)
          if (name.includes('storagemutated')) made.push(this)
        }
      }
    })
  }
  try {
    await page.addScriptTag({ url: '/__bench/raw.js', type: 'module' })
    await page.waitForFunction(() => (globalThis as unknown as BenchWindow).__benchRaw !== undefined)
  } finally {
    if (besideApp) {
      await page.evaluate(() => {
        const g = globalThis as unknown as { BroadcastChannel: typeof BroadcastChannel; __benchDeafen?: { native: typeof BroadcastChannel } }
        g.BroadcastChannel = g.__benchDeafen!.native
      })
    }
  }
  if (!besideApp) return
  const deafened = await page.evaluate(() => {
    const g = globalThis as unknown as { __benchDeafen?: { made: BroadcastChannel[] } }
    const { made } = g.__benchDeafen!
    delete g.__benchDeafen
    // Dexie listens with onmessage (dexie.mjs, createBC).
    for (const channel of made) channel.onmessage = null
    return made.length
  })
  if (deafened !== 1) throw new Error(`The bench's Dexie opened ${deafened} storagemutated channels, not 1: check loadRaw against Dexie's version`)
}

/**
 * Unmounts the bare editor (raw `mountEditor`) and has Chromium collect its detached document: the bench's
 * garbage, not the app's. Left alone, a major garbage collection took it in the middle of the next measure's
 * samples: after editor-keystroke, Chromium's node count fell from about 17,000 to 3,300 within the autosave
 * measure and one sample of every run held 87-117 ms. Collected here, no autosave sample went over 24 ms in two
 * runs; the app's own garbage is still collected whenever Chromium chooses (a 37-43 ms collection fell into an
 * idle window of each of those runs).
 */
export async function unmountBareEditor(page: Page, cdp: CDPSession): Promise<void> {
  await raw(page, 'unmountEditor')
  await settle(page)
  await cdp.send('HeapProfiler.collectGarbage')
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

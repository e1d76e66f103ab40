// Optional CPU profiles of the page while a measure runs, for finding where its time goes.
//
//   BALUCHON_BENCH_PROFILE_DIR=/tmp/prof npx tsx bench/run.ts --sizes=10000 --only=open-item
//
// writes one Chromium CPU profile per sample (`<measure>-<items>-<n>-<ms>ms.cpuprofile`, open it in
// DevTools › Performance, or summarise it with `npx tsx bench/profileSummary.ts <file>`). Profiling
// slows the page: never read a profiled run's timings as results.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CDPSession } from 'playwright-core'

const DIR = process.env['BALUCHON_BENCH_PROFILE_DIR']

export const profiling = (): boolean => Boolean(DIR)

/**
 * Runs `act` (one sample) under the profiler when BALUCHON_BENCH_PROFILE_DIR is set, and writes the
 * profile named after the sample's result; otherwise just runs it.
 */
export async function profileSample<T extends number | null>(cdp: CDPSession, label: string, act: () => Promise<T>): Promise<T> {
  if (!DIR) return act()
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  await cdp.send('Profiler.start')
  let result: T | undefined
  try {
    result = await act()
    return result
  } finally {
    const { profile } = await cdp.send('Profiler.stop')
    mkdirSync(DIR, { recursive: true })
    const ms = result === undefined || result === null ? 'none' : `${Math.round(result)}ms`
    writeFileSync(join(DIR, `${label}-${ms}.cpuprofile`), JSON.stringify(profile))
  }
}

// cold-start: a fresh browser on the seeded profile loads the app; time from navigation start to the
// first paint with the newest rows. raw: the same fresh start on a blank page of the same origin that
// reads the first page with bare Dexie and paints the titles.
// search-ready: in the same starts, a word entered in the search box as soon as the rows show, until
// results highlighting it are painted: when search first answers, from navigation start. If the app
// marks it (src/lib/perf.ts), when bodies are searchable too ("search-complete").
import { blankPageMs, firstSeen, raw, settle, timeSpan, waitMark } from '../lib/inPage'
import { PERF_MARKS } from '../../src/lib/perf'
import { ROW_MARK, searchBox } from '../lib/ui'
import { profileSample, profiling } from '../lib/profile'
import { traceSample, tracing } from '../lib/trace'
import { profileWorkers, WORKER_PROFILE_PREFIX } from '../lib/workerProfiles'
import { firstPage, launchBrowser, openApp, sleep, type BenchEnv } from './session'
import { samples, type Samples } from './types'

const WORD = 'performance'
const resultsFor = (word: string) => ({ type: 'contains' as const, selector: ROW_MARK, text: word, fold: true })

export interface ColdStarts {
  start: Samples
  searchReady: Samples
  /** From navigation start to bodies searchable too (only if the app sets the mark). */
  searchComplete: number[]
}

export async function coldStart(env: BenchEnv, runs: number): Promise<ColdStarts> {
  const start = samples()
  const searchReady = samples()
  const searchComplete: number[] = []
  for (let i = 0; i < runs; i++) {
    const context = await launchBrowser(env)
    try {
      const page = await firstPage(context)
      // Profiled (BALUCHON_BENCH_PROFILE_DIR) from before the navigation until the rows show.
      const cdp = profiling() || tracing() ? await context.newCDPSession(page) : null
      // BALUCHON_BENCH_WORKER_PROFILE=<prefix>: the search worker of each start, until search answers (a slow start
      // beside a fast one). Profiling slows the worker: such a run's timings are not results.
      const workerCdp = WORKER_PROFILE_PREFIX ? await context.newCDPSession(page) : null
      const workers = workerCdp ? await profileWorkers(workerCdp, `${WORKER_PROFILE_PREFIX}-start-${i}`) : null
      const load = async (): Promise<number | null> => {
        await page.goto(`${env.origin}/`)
        return firstSeen(page)
      }
      // Traced (BALUCHON_BENCH_TRACE_DIR) the same way: the renderer's tasks, with their thread (CPU) times, which a
      // loaded machine inflates less than the wall-clock figure.
      const seen = cdp ? await profileSample(cdp, `cold-start-${i}`, tracing() ? () => traceSample(cdp, `cold-start-${i}`, load, env.log) : load) : await load()
      if (seen === null) start.notes.push('no rows within 60 s')
      else start.app.push(seen)
      // Where the start's time went, from the app's own marks (src/app/startup.ts): its modules done running, its
      // first rows read. Printed, not a result: it tells an A/B of the start which part moved.
      const marks = await page.evaluate(() =>
        ['baluchon:startup', 'baluchon:first-window-ready'].map((name) => Math.round(performance.getEntriesByName(name, 'mark')[0]?.startTime ?? -1)),
      )
      env.log(`cold start ${i}: app started at ${marks[0]} ms, first rows read at ${marks[1]} ms, shown at ${Math.round(seen ?? -1)} ms`)
      // The whole word in one input event (as a paste would): the list has no highlights before it.
      const span = await timeSpan(page, 'input', resultsFor(WORD), () => searchBox(page).fill(WORD), 60_000)
      if (span === null) searchReady.notes.push('search did not answer within 60 s')
      else searchReady.app.push(span.end)
      const readyMark = await waitMark(page, PERF_MARKS.searchReady, 0)
      if (workers) env.log(`start ${i}: rows at ${Math.round(seen ?? -1)} ms, search ready (mark) at ${Math.round(readyMark ?? -1)} ms, answered at ${Math.round(span?.end ?? -1)} ms; worker profiles: ${(await workers.stop()).join(', ')}`)
      if (readyMark !== null) {
        const complete = await waitMark(page, PERF_MARKS.searchComplete, 120_000)
        if (complete !== null) searchComplete.push(complete)
      }
      await settle(page)
    } finally {
      await context.close()
    }
  }
  for (let i = 0; i < runs; i++) {
    const context = await launchBrowser(env)
    try {
      const page = await firstPage(context)
      await page.goto(`${env.origin}/__bench/blank.html`)
      start.raw.push(await blankPageMs(page))
    } finally {
      await context.close()
    }
  }
  return { start, searchReady, searchComplete }
}

/**
 * The first start after seeding: the app builds its search index and saves it. Timed starts begin
 * once it is saved, as they would for someone who has used the app before.
 */
export async function warmUp(env: BenchEnv, timeoutMs = 15 * 60_000): Promise<number> {
  const t0 = Date.now()
  const session = await openApp(env)
  try {
    while ((await raw(session.page, 'searchIndexSavedAt')) === null) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`The app did not save its search index within ${timeoutMs / 1000} s`)
      await sleep(1000)
    }
  } finally {
    await session.context.close()
  }
  return Date.now() - t0
}

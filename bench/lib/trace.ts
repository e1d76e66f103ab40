// Optional Chrome traces of the page while a measure runs, for finding where main-thread time goes that a
// CPU profile does not show (style, layout, paint, garbage collection, IndexedDB's own work).
//
//   BALUCHON_BENCH_TRACE_DIR=/tmp/trace npx tsx bench/run.ts --sizes=10000 --only=autosave
//
// writes one trace per sample (`<measure>-<n>-<ms>ms.json`, open it in DevTools › Performance or
// https://ui.perfetto.dev) and prints a summary of it: the renderer main thread's time by event name (self
// time: an event's duration minus the events nested in it), so "Layout 9 ms, MajorGC 4 ms" shows at once.
// Tracing slows the page: never read a traced run's timings as results.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CDPSession } from 'playwright-core'

const DIR = process.env['BALUCHON_BENCH_TRACE_DIR']

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'blink',
  'blink.user_timing',
  'IndexedDB',
  'loading',
]

export interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: Record<string, unknown>
}

export const tracing = (): boolean => Boolean(DIR)

/**
 * Runs `act` under Chrome's tracing when BALUCHON_BENCH_TRACE_DIR is set, writes the trace named after the
 * result and logs its main-thread summary; otherwise just runs it. Wrap only the measured window: the
 * trace then holds what the measure counts.
 */
export async function traceSample<T extends number | null>(cdp: CDPSession, label: string, act: () => Promise<T>, log: (line: string) => void = console.log): Promise<T> {
  if (!DIR) return act()
  const events: TraceEvent[] = []
  const onData = (data: { value: object[] }): void => void events.push(...(data.value as TraceEvent[]))
  cdp.on('Tracing.dataCollected', onData)
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' } })
  let result: T | undefined
  try {
    result = await act()
    return result
  } finally {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.end')
    await done
    cdp.off('Tracing.dataCollected', onData)
    mkdirSync(DIR, { recursive: true })
    const ms = result === undefined || result === null ? 'none' : `${Math.round(result)}ms`
    writeFileSync(join(DIR, `${label}-${ms}.json`), JSON.stringify({ traceEvents: events }))
    log(`trace ${label} (${ms}): ${summaryLine(mainThreadSummary(events))}`)
  }
}

/** The renderer main thread: the thread named CrRendererMain with the most events (the page's). */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const counts = new Map<string, number>()
  for (const e of events) counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1)
  let best: { pid: number; tid: number; n: number } | null = null
  for (const e of events) {
    if (e.ph !== 'M' || e.name !== 'thread_name' || (e.args?.['name'] as string | undefined) !== 'CrRendererMain') continue
    const n = counts.get(`${e.pid}:${e.tid}`) ?? 0
    if (!best || n > best.n) best = { pid: e.pid, tid: e.tid, n }
  }
  return best
}

export interface ThreadSummary {
  /** Sum of the top-level tasks' durations (what TaskDuration counts), ms. */
  tasksMs: number
  /** Self time by event name, ms, largest first. */
  byName: [string, number][]
}

/**
 * Self time per event name on the renderer main thread. Complete events (X) and begin/end pairs (B/E) are
 * nested by time: an event's self time is its duration minus its children's.
 */
export function mainThreadSummary(events: readonly TraceEvent[]): ThreadSummary {
  const main = mainThread(events)
  if (!main) return { tasksMs: 0, byName: [] }
  const spans: { name: string; start: number; end: number }[] = []
  const open = new Map<string, TraceEvent[]>()
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid) continue
    if (e.ph === 'X' && e.dur !== undefined) spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur })
    else if (e.ph === 'B') open.set(e.name, [...(open.get(e.name) ?? []), e])
    else if (e.ph === 'E') {
      const begin = open.get(e.name)?.pop()
      if (begin) spans.push({ name: e.name, start: begin.ts, end: e.ts })
    }
  }
  // Outer spans first: by start, then the longest.
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const self = new Map<string, number>()
  const stack: { name: string; end: number; child: number; dur: number }[] = []
  let tasksMs = 0
  const close = (upTo: number): void => {
    while (stack.length && stack[stack.length - 1]!.end <= upTo) {
      const s = stack.pop()!
      self.set(s.name, (self.get(s.name) ?? 0) + Math.max(0, s.dur - s.child) / 1000)
    }
  }
  for (const s of spans) {
    close(s.start)
    const dur = s.end - s.start
    const parent = stack[stack.length - 1]
    if (parent && s.end > parent.end) continue // overlapping, not nested: an async span, left out
    if (parent) parent.child += dur
    else tasksMs += dur / 1000
    stack.push({ name: s.name, end: s.end, child: 0, dur })
  }
  close(Number.POSITIVE_INFINITY)
  return { tasksMs, byName: [...self].sort((a, b) => b[1] - a[1]) }
}

export function summaryLine(summary: ThreadSummary, top = 12): string {
  const parts = summary.byName.slice(0, top).map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
  return `main thread ${summary.tasksMs.toFixed(1)} ms in top-level events; self ms: ${parts.join(', ')}`
}

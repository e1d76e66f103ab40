// Named moments on the Performance timeline (visible in DevTools, read by the benchmark in bench/).
// Each costs a fraction of a microsecond: they stay in production builds, so the benchmark measures
// what ships.

export const PERF_MARKS = {
  /** Search first answers (its short-field index is loaded or built). */
  searchReady: 'baluchon:search-ready',
  /** Search covers bodies too (every body shard loaded or built). */
  searchComplete: 'baluchon:search-complete',
} as const

export const PERF_MEASURES = {
  /** One autosave, from reading the editor's content to the write committed (wall time, not main-thread time). */
  autosave: 'baluchon:autosave',
} as const

/** Marks a moment the first time it happens in this page's life; later calls do nothing. */
export function markOnce(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length > 0) return
  performance.mark(name)
}

/** Records a duration from `start` (a performance.now() value) to now. */
export function measureSince(name: string, start: number): void {
  if (typeof performance === 'undefined') return
  performance.measure(name, { start, end: performance.now() })
}

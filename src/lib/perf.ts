// Named moments on the Performance timeline, visible in DevTools and read by the benchmark (bench/).
// A mark costs a fraction of a microsecond: they stay in production builds, so the benchmark measures
// what ships.

export const PERF_MARKS = {
  /** Search first answers (its short-field index is loaded or built). */
  searchReady: 'baluchon:search-ready',
  /** Search covers bodies too (every body shard loaded or built). */
  searchComplete: 'baluchon:search-complete',
  /** The insights dashboard asked the search worker for its figures, and got them (each time). */
  insightsAsked: 'baluchon:insights-asked',
  insightsAnswered: 'baluchon:insights-answered',
} as const

/** Marks a moment the first time it happens in this page's life; later calls do nothing. */
export function markOnce(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length > 0) return
  performance.mark(name)
}

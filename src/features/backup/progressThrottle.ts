// How often a long job's progress reaches the screen. The export worker reports every 25 ms (40 times a second),
// and each report rendered the backup dialog again (and re-ran its effects): in a profile of a 10,000-item export
// that was about 0.5 s of the UI thread's time, on the two cores the export itself needs. The bar shows whole
// percents: a report that changes nothing visible, or comes sooner than PROGRESS_EVERY_MS after the last one shown,
// is dropped (the job's end replaces the bar anyway).

/** At most ten updates a second: a bar moving smoothly enough to show the job is alive. */
export const PROGRESS_EVERY_MS = 100

/** Wraps `show` so that it is called only when the whole percent changes, at most once every `everyMs`. */
export function throttledProgress(
  show: (fraction: number) => void,
  now: () => number = () => performance.now(),
  everyMs: number = PROGRESS_EVERY_MS,
): (fraction: number) => void {
  let shownPercent: number | null = null
  let shownAt = -Infinity
  return (fraction) => {
    const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100)
    if (percent === shownPercent) return
    const at = now()
    if (at - shownAt < everyMs) return
    shownPercent = percent
    shownAt = at
    show(fraction)
  }
}

// Progress and cancellation shared by the parsers: they run synchronously (in a worker), so both are checked
// between chunks, rows or files.
import { ImportError, type ImportParseOptions } from './types'

export interface ProgressTicker {
  /** Reports `done` out of the total if it moved by at least 1% since the last report, and checks for cancel. */
  tick(done: number): void
  /** Reports completion. */
  finish(): void
  checkCancelled(): void
}

export function progressTicker(options: ImportParseOptions, total: number): ProgressTicker {
  const step = Math.max(1, Math.floor(total / 100))
  let last = -step
  const checkCancelled = (): void => {
    if (options.signal?.aborted) throw new ImportError('cancelled', 'The import was cancelled.')
  }
  return {
    tick(done) {
      checkCancelled()
      if (options.onProgress && done - last >= step) {
        last = done
        options.onProgress({ done, total })
      }
    },
    finish() {
      options.onProgress?.({ done: total, total })
    },
    checkCancelled,
  }
}

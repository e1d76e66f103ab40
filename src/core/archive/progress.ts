// Progress, cancellation and yielding for the long loops of writing and reading an archive.
import { ArchiveError } from './errors'

export type ArchivePhase = 'attachments' | 'settings' | 'tables' | 'revisions' | 'items' | 'manifest' | 'checking' | 'verifying' | 'parsing' | 'done'

/** `done` and `total` count work units across the whole job (records when writing, bytes when reading). */
export interface ArchiveProgress {
  phase: ArchivePhase
  done: number
  total: number
}

export interface ArchiveJobOptions {
  onProgress?: (progress: ArchiveProgress) => void
  /** Aborting makes the job throw an ArchiveError with code `aborted` at its next step. */
  signal?: AbortSignal
}

/** Work between two returns to the event loop: long enough to cost nothing, short enough to abort promptly. */
const SLICE_MS = 25

export class Ticker {
  private lastYield = Date.now()
  total = 0
  done = 0

  constructor(private readonly options: ArchiveJobOptions) {}

  throwIfAborted(): void {
    if (this.options.signal?.aborted) throw new ArchiveError('aborted')
  }

  /** Counts work, reports progress now and then, and lets the event loop run (abort messages, UI). */
  async advance(phase: ArchivePhase, units: number): Promise<void> {
    this.done += units
    this.throwIfAborted()
    const now = Date.now()
    if (now - this.lastYield < SLICE_MS) return
    this.lastYield = now
    this.report(phase)
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    this.throwIfAborted()
  }

  report(phase: ArchivePhase): void {
    this.options.onProgress?.({ phase, done: this.done, total: Math.max(this.total, this.done) })
  }
}

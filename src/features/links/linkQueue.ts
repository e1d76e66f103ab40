// Completes saved links in the background: fetches each page's details through main, a few at a time,
// retrying transient failures with backoff and whenever the connection comes back.
import type { BaluchonApi } from '../../core/ipc/contract'
import type { BaluchonDb } from '../../db'
import { pendingLinkIds } from '../items/queries'
import { applyLinkPreview, markLinkFetch, type StoredLink } from '../items/repository'
import { isTransient, toFetchError } from './fetchErrors'

const CONCURRENCY = 2
/** Wait before the n-th retry of a transient failure; past the last, wait for `online` or the next start. */
const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000]

export interface LinkQueueDeps {
  db: BaluchonDb
  api: Pick<BaluchonApi, 'linkPreview'>
  isOnline(): boolean
  setTimer(run: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
}

export class LinkQueue {
  private readonly queue: string[] = []
  private readonly running = new Set<string>()
  private readonly attempts = new Map<string, number>()
  private readonly timers = new Map<string, unknown>()
  private idleWaiters: (() => void)[] = []

  constructor(private readonly deps: LinkQueueDeps) {}

  get db(): BaluchonDb {
    return this.deps.db
  }

  /** Fetches this link's details soon (a manual Retry or Refresh resets its backoff). */
  enqueue(id: string, options: { reset?: boolean } = {}): void {
    if (options.reset) {
      this.attempts.delete(id)
      this.cancelTimer(id)
    }
    if (this.running.has(id) || this.queue.includes(id)) return
    this.queue.push(id)
    this.pump()
  }

  /** Every link still pending: at start and when the connection comes back. */
  async retryPending(): Promise<void> {
    const ids = await pendingLinkIds(this.deps.db)
    for (const id of ids) {
      this.cancelTimer(id)
      this.enqueue(id)
    }
  }

  /** Resolves when nothing is queued or running (tests, and closing). */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  dispose(): void {
    for (const id of [...this.timers.keys()]) this.cancelTimer(id)
    this.queue.length = 0
  }

  private cancelTimer(id: string): void {
    const handle = this.timers.get(id)
    if (handle !== undefined) this.deps.clearTimer(handle)
    this.timers.delete(id)
  }

  private pump(): void {
    while (this.running.size < CONCURRENCY && this.queue.length > 0) {
      const id = this.queue.shift()!
      this.running.add(id)
      void this.fetchOne(id).finally(() => {
        this.running.delete(id)
        this.pump()
        if (this.queue.length === 0 && this.running.size === 0) {
          const waiters = this.idleWaiters
          this.idleWaiters = []
          waiters.forEach((w) => w())
        }
      })
    }
  }

  private async fetchOne(id: string): Promise<void> {
    const { db, api } = this.deps
    const link = (await db.items.get(id)) as StoredLink | undefined
    if (!link || link.kind !== 'link' || link.trashed) return
    if (!this.deps.isOnline()) {
      // Nothing to try until `online` fires; the link stays pending.
      await markLinkFetch(db, id, 'pending', { code: 'offline' })
      return
    }
    let result: Awaited<ReturnType<BaluchonApi['linkPreview']>>
    try {
      result = await api.linkPreview({ url: link.url })
    } catch (error) {
      // The bridge itself failed (main gone, window closing): keep it pending for the next start.
      result = { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } }
    }
    if (result.ok) {
      this.attempts.delete(id)
      await applyLinkPreview(db, id, result.value)
      return
    }
    const error = result.error
    if (!isTransient(error)) {
      await markLinkFetch(db, id, 'failed', toFetchError(error))
      return
    }
    await markLinkFetch(db, id, 'pending', toFetchError(error))
    const attempt = this.attempts.get(id) ?? 0
    this.attempts.set(id, attempt + 1)
    const delay = BACKOFF_MS[attempt]
    if (delay !== undefined && error.code !== 'offline') {
      this.timers.set(
        id,
        this.deps.setTimer(() => {
          this.timers.delete(id)
          this.enqueue(id)
        }, delay),
      )
    }
  }
}

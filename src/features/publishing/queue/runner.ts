// The local publication queue: one timer to the next due time, a pass when it fires (reminders go off, Mastodon
// threads are posted by their poster), re-armed when the ledger changes, the network comes back or the window
// wakes up. Everything it decides is written to the ledger first (claims in transactions, see ./repository), so
// a restart, a second window or two overlapping passes never post a row twice; a row found being sent at start
// (the app stopped mid-post) is handed back to its poster, which resumes after the parts already posted.
//
// Time, timers, the network state, randomness and the posters are parameters: the app passes the real ones
// (./start), tests a fake clock and fake posters.
import { liveQuery, type Subscription } from 'dexie'
import { dueWork, nextWakeUp, type Publication, type PublicationChannel } from '../../../core/publish/ledger'
import type { BaluchonDb } from '../../../db/schema'
import { claimPost, claimReminder, duePendingRows, nextScheduledRow, settlePost, UNCLAIMED_STALE_MS, wakeOfflineRows, type PostResult } from './repository'

/** Posts a publication (resumable and idempotent: it posts only the parts not in `remotePartIds` yet). */
export type Poster = (db: BaluchonDb, publicationId: string, options?: { signal?: AbortSignal }) => Promise<PostResult>

export interface QueueDeps {
  db: BaluchonDb
  /** By channel: who posts a row the queue posts itself ('local-post'). A channel without one waits. */
  posters: Partial<Record<PublicationChannel, Poster>>
  /** Reminders that just went off (each once): show a notification. */
  notify(rows: Publication[]): Promise<void>
  now(): number
  isOnline(): boolean
  /** 0..1, spreads retries (jitter). */
  random(): number
  setTimer(run: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
  /** This runner's name, written in its claims. */
  runnerId: string
  /** Whether the runner that claimed a row is still running (another window); false once it is gone. */
  isRunnerAlive(runnerId: string): Promise<boolean>
  /** Something went wrong in a pass (the queue goes on at the next wake-up). */
  onError?(error: unknown): void
}

/** Longest single wait: timers drift and machines sleep, so the queue looks again at least this often. */
export const MAX_TIMER_MS = 15 * 60_000
/** How often a row another runner is sending is looked at again (that runner may have stopped). */
export const CLAIM_RECHECK_MS = 60_000

export class PublicationQueue {
  private timer: unknown = null
  private timerAt: number | null = null
  private running: Promise<void> | null = null
  private again = false
  private disposed = false
  private subscription: Subscription | null = null

  constructor(private readonly deps: QueueDeps) {}

  /** First pass now (missed reminders, rows left being sent), then follows the ledger for changes. */
  start(): Promise<void> {
    if (this.disposed) return Promise.resolve()
    // A change to the ledger (this window or another: Dexie broadcasts them) may move the next due time.
    this.subscription = liveQuery(() => this.peek()).subscribe({
      next: (at) => this.arm(at),
      error: (error: unknown) => this.deps.onError?.(error),
    })
    return this.tick()
  }

  dispose(): void {
    this.disposed = true
    this.subscription?.unsubscribe()
    this.subscription = null
    this.clear()
  }

  /** Resolves when no pass is running (tests, and a window closing that wants the queue quiet). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  /** The network came back: rows that failed for lack of it go now. */
  async online(): Promise<void> {
    if (this.disposed) return
    await wakeOfflineRows(this.deps.db, this.deps.now())
    await this.tick()
  }

  /**
   * One pass; overlapping calls are folded into one more pass after the running one (never two at once in this
   * runner; other windows are kept apart by the claims).
   */
  tick(): Promise<void> {
    if (this.disposed) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          await this.pass()
        } while (this.again && !this.disposed)
      } catch (error) {
        this.deps.onError?.(error)
      } finally {
        this.running = null
      }
      if (!this.disposed) this.arm(await this.peek().catch(() => null))
    })()
    return this.running
  }

  /** When the queue next has something to do (null: nothing pending). Reads only the rows it needs. */
  async peek(): Promise<number | null> {
    const { db } = this.deps
    const now = this.deps.now()
    const past = await duePendingRows(db, now)
    if (past.some((p) => this.dueNow(p, now))) return now
    // A row another runner is sending: look again a little later, in case that runner is gone by then.
    const foreign = past.some((p) => p.status === 'publishing' && p.claimedBy !== this.deps.runnerId)
    const candidates = [nextWakeUp(past, now), (await nextScheduledRow(db, now))?.scheduledAt ?? null, foreign ? now + CLAIM_RECHECK_MS : null].filter(
      (t): t is number => t !== null,
    )
    return candidates.length ? Math.min(...candidates) : null
  }

  private dueNow(p: Publication, now: number): boolean {
    if (p.status === 'publishing') return false
    const work = dueWork([p], now)
    return work.remind.length > 0 || (work.post.length > 0 && this.deps.isOnline() && this.deps.posters[p.channel] !== undefined)
  }

  private arm(at: number | null): void {
    if (this.disposed) return
    if (at === null) return this.clear()
    const now = this.deps.now()
    if (at <= now) {
      // The running pass re-arms when it ends.
      if (this.running) return
      this.clear()
      void this.tick()
      return
    }
    if (this.timer !== null && this.timerAt === at) return
    this.clear()
    this.timerAt = at
    this.timer = this.deps.setTimer(
      () => {
        this.timer = null
        this.timerAt = null
        void this.tick()
      },
      Math.min(at - now, MAX_TIMER_MS),
    )
  }

  private clear(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer)
    this.timer = null
    this.timerAt = null
  }

  private async pass(): Promise<void> {
    const { db, runnerId } = this.deps
    const now = this.deps.now()
    const rows = await duePendingRows(db, now)

    // Reminders: each goes off once (the claim says who won), then one notification call for all of them.
    const reminded: Publication[] = []
    for (const row of dueWork(rows, now).remind) {
      const claimed = await claimReminder(db, row.id, now)
      if (claimed) reminded.push(claimed)
    }
    if (reminded.length) await this.deps.notify(reminded)

    if (!this.deps.isOnline()) return
    // Rows left being sent by a runner that is gone: resumed (the poster skips the parts already posted).
    const orphans: { row: Publication; from: string | null }[] = []
    for (const row of rows) {
      if (row.status !== 'publishing' || row.handling !== 'local-post' || row.claimedBy === runnerId) continue
      const from = row.claimedBy ?? null
      const gone = from === null ? row.updatedAt <= now - UNCLAIMED_STALE_MS : !(await this.deps.isRunnerAlive(from))
      if (gone) orphans.push({ row, from })
    }
    for (const { row, from } of orphans) await this.post(row, from)
    for (const row of dueWork(rows, now).post) {
      if (this.disposed || !this.deps.isOnline()) return
      await this.post(row)
    }
  }

  private async post(row: Publication, resumeFrom?: string | null): Promise<void> {
    const { db, runnerId } = this.deps
    const poster = this.deps.posters[row.channel]
    if (!poster) return
    const claimed = await claimPost(db, row.id, runnerId, this.deps.now(), resumeFrom === undefined ? undefined : { from: resumeFrom })
    if (!claimed) return
    let result: PostResult
    try {
      // Not stopped when the window closes: a post cut short stays claimed by a runner that is gone, and the
      // next start resumes it through the poster, which is cheaper than a failure the person must retry.
      result = await poster(db, claimed.id)
    } catch (error) {
      // A poster is meant to answer, not throw; a throw is a failure we cannot classify: the person decides.
      result = { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error), retryable: false } }
    }
    if (this.disposed) return
    await settlePost(db, claimed, runnerId, result, this.deps.now(), this.deps.random())
  }
}

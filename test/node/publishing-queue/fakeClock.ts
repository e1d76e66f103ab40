// A clock and timers the queue tests move by hand (the database keeps real timers: fake-indexeddb runs on them).
import type { PublicationQueue } from '../../../src/features/publishing/queue/runner'

export const T0 = Date.UTC(2026, 10, 28, 9, 0, 0)

/** A clock and timers the test moves by hand. */
export class FakeClock {
  now = T0
  private seq = 0
  timers = new Map<number, { at: number; run: () => void }>()
  setTimer = (run: () => void, ms: number): unknown => {
    const id = ++this.seq
    this.timers.set(id, { at: this.now + ms, run })
    return id
  }
  clearTimer = (id: unknown): void => void this.timers.delete(id as number)
  /** Moves time forward, firing each timer at its time, in order. */
  async advance(ms: number, queues: PublicationQueue[]): Promise<void> {
    const end = this.now + ms
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
      if (!next) break
      this.timers.delete(next[0])
      this.now = Math.max(this.now, next[1].at)
      next[1].run()
      await settle(queues)
    }
    this.now = end
    await settle(queues)
  }
}

/** Lets IndexedDB, the live query and the queue's passes finish (real timers: the database runs on them). */
export async function settle(queues: PublicationQueue[]): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 15))
    for (const q of queues) await q.idle()
  }
}


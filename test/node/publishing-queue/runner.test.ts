// The local publication queue against a real (in-memory) IndexedDB, with a fake clock and fake timers passed in:
// reminders go off when due and once, missed ones at the next start; Mastodon threads are posted by their poster
// with back-off, Retry-After, offline waits; two runners (two windows) never post the same row; a row left being
// sent by a runner that stopped is resumed through the poster, not sent again from the start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RETRY_BASE_MS, type Publication } from '../../../src/core/publish/ledger'
import { BaluchonDb } from '../../../src/db/schema'
import {
  cancelPublication,
  markPostedByHand,
  MAX_ATTEMPTS,
  reschedulePublication,
  retryPublication,
  scheduleLocalPublication,
  type PostResult,
} from '../../../src/features/publishing/queue/repository'
import { PublicationQueue, type Poster, type QueueDeps } from '../../../src/features/publishing/queue/runner'
import { FakeClock, settle, T0 } from './fakeClock'

let db: BaluchonDb
let counter = 0
let clock: FakeClock
let online: boolean
let started: PublicationQueue[]
beforeEach(async () => {
  db = new BaluchonDb(`publishing-queue-${Date.now()}-${counter++}`)
  await db.open()
  clock = new FakeClock()
  online = true
  started = []
})
afterEach(() => {
  for (const q of started) q.dispose()
  db.close()
})

function makeQueue(over: Partial<QueueDeps> = {}): { queue: PublicationQueue; notified: Publication[][] } {
  const notified: Publication[][] = []
  const queue = new PublicationQueue({
    db,
    posters: {},
    notify: async (rows) => void notified.push(rows),
    now: () => clock.now,
    isOnline: () => online,
    random: () => 0,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    runnerId: 'runner-a',
    isRunnerAlive: async () => false,
    ...over,
  })
  started.push(queue)
  return { queue, notified }
}

/** A Mastodon poster double that behaves as the real one promises: posts the parts not posted yet, in order. */
function fakePoster(answers: (PostResult | 'post')[]) {
  const calls: { id: string; at: number; alreadyPosted: number }[] = []
  const poster: Poster = async (database, id) => {
    const row = (await database.publications.get(id))!
    calls.push({ id, at: clock.now, alreadyPosted: row.remotePartIds.length })
    const answer = answers.shift() ?? 'post'
    if (answer !== 'post') return answer
    const ids = [...row.remotePartIds]
    for (let i = ids.length; i < row.parts.length; i++) ids.push(`status-${i + 1}`)
    await database.publications.update(id, { remotePartIds: ids, remoteId: ids[0]!, remoteUrl: `https://social.example/@me/${ids[0]}` })
    return { ok: true }
  }
  return { poster, calls }
}

const reminder = (at: number, channel: 'x' | 'linkedin' | 'bluesky' = 'x') =>
  scheduleLocalPublication(db, { itemId: 'item-1', channel, parts: ['Part one', 'Part two'], scheduledAt: at, accountId: null }, clock.now)
const thread = (at: number) =>
  scheduleLocalPublication(db, { itemId: 'item-2', channel: 'mastodon', parts: ['One', 'Two', 'Three'], scheduledAt: at, accountId: 'acct-1' }, clock.now)

const serverError: PostResult = { ok: false, error: { code: 'server', message: '502 Bad Gateway' } }

describe('reminders for channels posted by hand', () => {
  it('go off at their time, once, and wait for manual posting', async () => {
    const row = await reminder(T0 + 90_000)
    const { queue, notified } = makeQueue()
    await queue.start()
    await settle([queue])
    expect(notified).toEqual([])
    await clock.advance(89_000, [queue])
    expect(notified).toEqual([])
    await clock.advance(1_000, [queue])
    expect(notified.map((rows) => rows.map((r) => r.id))).toEqual([[row.id]])
    const after = (await db.publications.get(row.id))!
    expect(after.status).toBe('awaiting-manual')
    expect(after.remindedAt).toBe(T0 + 90_000)
    await clock.advance(3_600_000, [queue])
    expect(notified).toHaveLength(1)

    // "I posted it" completes that row with what was posted, rather than adding another.
    await markPostedByHand(db, { itemId: 'item-1', channel: 'x', parts: ['Part one', 'Part two!'] }, clock.now)
    const rows = await db.publications.toArray()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: row.id, status: 'published', parts: ['Part one', 'Part two!'], publishedAt: clock.now })
  })

  it('missed while the app was closed go off at the next start, and only once across restarts', async () => {
    const row = await reminder(T0 - 3_600_000)
    const first = makeQueue()
    await first.queue.start()
    await settle([first.queue])
    expect(first.notified.map((rows) => rows.map((r) => r.id))).toEqual([[row.id]])
    first.queue.dispose()

    clock.now += 60_000
    const second = makeQueue({ runnerId: 'runner-b' })
    await second.queue.start()
    await settle([second.queue])
    expect(second.notified).toEqual([])
    expect((await db.publications.get(row.id))!.remindedAt).toBe(T0)
  })

  it('follow a reschedule and a cancel made while the queue runs', async () => {
    const row = await reminder(T0 + 60_000)
    const other = await reminder(T0 + 120_000, 'linkedin')
    const { queue, notified } = makeQueue()
    await queue.start()
    await reschedulePublication(db, row.id, T0 + 30 * 60_000, clock.now)
    await cancelPublication(db, other.id, clock.now)
    await settle([queue])
    await clock.advance(10 * 60_000, [queue])
    expect(notified).toEqual([])
    expect(await db.publications.get(other.id)).toBeUndefined()
    await clock.advance(20 * 60_000, [queue])
    expect(notified.flat().map((r) => r.id)).toEqual([row.id])
  })

  it('a new schedule for the same channel replaces the pending one', async () => {
    const first = await reminder(T0 + 60_000)
    const second = await reminder(T0 + 120_000)
    expect(second.id).toBe(first.id)
    expect(await db.publications.count()).toBe(1)
  })
})

describe('Mastodon threads posted by the queue', () => {
  it('are posted when due and marked published', async () => {
    const row = await thread(T0 + 60_000)
    const { poster, calls } = fakePoster([])
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await clock.advance(59_999, [queue])
    expect(calls).toEqual([])
    await clock.advance(1, [queue])
    expect(calls).toEqual([{ id: row.id, at: T0 + 60_000, alreadyPosted: 0 }])
    expect(await db.publications.get(row.id)).toMatchObject({
      status: 'published',
      publishedAt: T0 + 60_000,
      remotePartIds: ['status-1', 'status-2', 'status-3'],
      attempts: 1,
      claimedBy: null,
    })
  })

  it('back off exponentially after server errors, keeping the attempt count and last error, then give up', async () => {
    const row = await thread(T0)
    const { poster, calls } = fakePoster(Array.from({ length: 20 }, () => serverError))
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await settle([queue])
    expect(await db.publications.get(row.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: T0 + RETRY_BASE_MS,
      error: { code: 'server', message: '502 Bad Gateway', retryable: true },
    })
    await clock.advance(24 * 3_600_000, [queue])
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at)
    expect(gaps).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000])
    expect(calls).toHaveLength(MAX_ATTEMPTS)
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null, error: { code: 'server', retryable: false } })
  })

  it('spread retries with jitter (random) on top of the back-off', async () => {
    const row = await thread(T0)
    const { poster } = fakePoster([serverError])
    const { queue } = makeQueue({ posters: { mastodon: poster }, random: () => 0.5 })
    await queue.start()
    await settle([queue])
    expect((await db.publications.get(row.id))!.nextAttemptAt).toBe(T0 + RETRY_BASE_MS * 1.1)
  })

  it('honour Retry-After on 429', async () => {
    const row = await thread(T0)
    const { poster, calls } = fakePoster([{ ok: false, error: { code: 'rate-limited', message: 'Too many requests', retryAfterMs: 300_000 } }])
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await settle([queue])
    expect((await db.publications.get(row.id))!.nextAttemptAt).toBe(T0 + 300_000)
    await clock.advance(299_999, [queue])
    expect(calls).toHaveLength(1)
    await clock.advance(1, [queue])
    expect(calls.map((c) => c.at)).toEqual([T0, T0 + 300_000])
    expect((await db.publications.get(row.id))!.status).toBe('published')
  })

  it('put a row back for its time when the poster says it is not due yet, without counting an attempt or showing an error', async () => {
    const row = await thread(T0)
    const { poster, calls } = fakePoster([{ ok: false, error: { code: 'not-due', message: 'Too close to its time', retryAfterMs: 120_000 } }])
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await settle([queue])
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'queued', attempts: 0, error: null, nextAttemptAt: T0 + 120_000 })
    await clock.advance(120_000, [queue])
    expect(calls.map((c) => c.at)).toEqual([T0, T0 + 120_000])
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'published', attempts: 1 })
  })

  it('wait while offline and go as soon as the network is back', async () => {
    const row = await thread(T0 + 1_000)
    online = false
    const { poster, calls } = fakePoster([{ ok: false, error: { code: 'network', message: 'fetch failed' } }])
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await clock.advance(10 * 60_000, [queue])
    expect(calls).toEqual([])
    expect((await db.publications.get(row.id))!.status).toBe('queued')

    online = true
    await queue.online()
    await settle([queue])
    // navigator.onLine said yes but the request failed: still a network problem, kept queued.
    expect(calls).toHaveLength(1)
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'queued', error: { code: 'network', retryable: true } })

    // The next 'online' event does not wait for the back-off.
    clock.now += 5_000
    await queue.online()
    await settle([queue])
    expect(calls.map((c) => c.at)).toEqual([T0 + 10 * 60_000, T0 + 10 * 60_000 + 5_000])
    expect((await db.publications.get(row.id))!.status).toBe('published')
  })

  it('fail at once on a permanent error (401), shown with its message, and go again on Retry', async () => {
    const row = await thread(T0)
    const { poster, calls } = fakePoster([{ ok: false, error: { code: 'unauthorized', message: 'The access token is invalid' } }])
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await clock.advance(3 * 3_600_000, [queue])
    expect(calls).toHaveLength(1)
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'failed', error: { code: 'unauthorized', message: 'The access token is invalid', retryable: false } })

    expect(await retryPublication(db, row.id, clock.now)).toBe(true)
    await settle([queue])
    expect(calls).toHaveLength(2)
    expect((await db.publications.get(row.id))!.status).toBe('published')
  })

  it('are never posted twice by two runners (two windows) ticking at once', async () => {
    const row = await thread(T0)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { poster: inner, calls } = fakePoster([])
    const slow: Poster = async (database, id, options) => {
      await gate
      return inner(database, id, options)
    }
    const a = makeQueue({ posters: { mastodon: slow }, runnerId: 'window-a', isRunnerAlive: async () => true })
    const b = makeQueue({ posters: { mastodon: slow }, runnerId: 'window-b', isRunnerAlive: async () => true })
    const ticks = [a.queue.tick(), b.queue.tick(), a.queue.tick(), b.queue.tick()]
    await new Promise((resolve) => setTimeout(resolve, 50))
    release()
    await Promise.all(ticks)
    await settle([a.queue, b.queue])
    expect(calls).toHaveLength(1)
    expect((await db.publications.get(row.id))!).toMatchObject({ status: 'published', attempts: 1 })
  })

  it('resume a row left being sent by a runner that stopped, after the parts already posted', async () => {
    const row = await thread(T0 - 60_000)
    await db.publications.update(row.id, { status: 'publishing', claimedBy: 'crashed-runner', claimedAt: T0 - 30_000, remotePartIds: ['status-1'], attempts: 1 })
    const { poster, calls } = fakePoster([])
    const { queue } = makeQueue({ posters: { mastodon: poster }, isRunnerAlive: async (id) => id !== 'crashed-runner' })
    await queue.start()
    await settle([queue])
    expect(calls).toEqual([{ id: row.id, at: T0, alreadyPosted: 1 }])
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'published', remotePartIds: ['status-1', 'status-2', 'status-3'], attempts: 2 })
  })

  it('leave a row being sent by another window that is still running', async () => {
    const row = await thread(T0 - 60_000)
    await db.publications.update(row.id, { status: 'publishing', claimedBy: 'window-a', claimedAt: T0 - 1_000, attempts: 1 })
    const { poster, calls } = fakePoster([])
    let aliveA = true
    const { queue } = makeQueue({ posters: { mastodon: poster }, runnerId: 'window-b', isRunnerAlive: async (id) => id === 'window-a' && aliveA })
    await queue.start()
    await clock.advance(5 * 60_000, [queue])
    expect(calls).toEqual([])
    // Window A closes mid-post: B takes over at its next look.
    aliveA = false
    await clock.advance(60_000, [queue])
    expect(calls).toHaveLength(1)
    expect((await db.publications.get(row.id))!.status).toBe('published')
  })

  it('pick up a status posted "now" (no schedule) that failed for a while, and one left interrupted', async () => {
    const base = await thread(T0)
    const failed = { ...base, id: `${base.id.slice(0, 10)}FAILEDROW000000`, scheduledAt: null, status: 'failed' as const, attempts: 1, nextAttemptAt: T0 + 60_000, error: { code: 'timeout', message: 'timed out', at: T0, retryable: true } }
    const interrupted = { ...base, id: `${base.id.slice(0, 10)}INTERRUPTED0000`, scheduledAt: null, status: 'publishing' as const, attempts: 1, updatedAt: T0 - 10 * 60_000 }
    await db.publications.bulkPut([failed, interrupted])
    await db.publications.delete(base.id)
    const { poster, calls } = fakePoster([])
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await settle([queue])
    expect(calls.map((c) => c.id)).toEqual([interrupted.id])
    await clock.advance(60_000, [queue])
    expect(calls.map((c) => c.id)).toEqual([interrupted.id, failed.id])
    expect((await db.publications.toArray()).map((p) => p.status)).toEqual(['published', 'published'])
  })

  it('use the verdict a poster wrote on the row when the code alone does not say (a 503 is worth retrying)', async () => {
    const row = await thread(T0)
    const poster: Poster = async (database, id) => {
      await database.publications.update(id, { error: { code: 'remote-error', message: '503 Service Unavailable', at: clock.now, retryable: true } })
      return { ok: false, error: { code: 'remote-error', message: '503 Service Unavailable' } }
    }
    const { queue } = makeQueue({ posters: { mastodon: poster } })
    await queue.start()
    await settle([queue])
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: T0 + RETRY_BASE_MS, error: { code: 'remote-error', retryable: true } })
  })

  it('wait for a poster when none is wired for the channel, without spinning', async () => {
    const row = await thread(T0)
    const { queue } = makeQueue({ posters: {} })
    await queue.start()
    await clock.advance(60 * 60_000, [queue])
    expect((await db.publications.get(row.id))!.status).toBe('queued')
    expect(clock.timers.size).toBeLessThanOrEqual(1)
  })
})

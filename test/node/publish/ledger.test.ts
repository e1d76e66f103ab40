import { describe, expect, it } from 'vitest'
import { dueWork, handlingFor, newPublication, nextWakeUp, retryDelay, type Publication } from '../../../src/core/publish/ledger'

const T = Date.UTC(2026, 4, 1, 10, 0)

function pub(fields: Partial<Publication>): Publication {
  return {
    id: 'p',
    itemId: 'i',
    channel: 'mastodon',
    accountId: 'a',
    handling: 'local-post',
    status: 'queued',
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: ['one', 'two'],
    scheduledAt: T,
    publishedAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  }
}

describe('handlingFor', () => {
  it('lets the platform schedule what it can, the queue post Mastodon threads, and reminds for the rest', () => {
    expect(handlingFor('wordpress', { scheduled: true, thread: false })).toBe('server')
    expect(handlingFor('mastodon', { scheduled: true, thread: false })).toBe('server')
    expect(handlingFor('mastodon', { scheduled: true, thread: true })).toBe('local-post')
    expect(handlingFor('mastodon', { scheduled: false, thread: true })).toBe('server')
    for (const channel of ['linkedin', 'x', 'bluesky'] as const) expect(handlingFor(channel, { scheduled: true, thread: false })).toBe('local-reminder')
  })
})

describe('dueWork', () => {
  it('posts queued threads once due, in time order', () => {
    const late = pub({ id: 'b', scheduledAt: T - 1000 })
    const onTime = pub({ id: 'a', scheduledAt: T })
    const future = pub({ id: 'c', scheduledAt: T + 1 })
    expect(dueWork([onTime, future, late], T).post.map((p) => p.id)).toEqual(['b', 'a'])
  })

  it('never posts again what is fully posted, and resumes a half-posted thread', () => {
    expect(dueWork([pub({ remotePartIds: ['1', '2'] })], T).post).toEqual([])
    expect(dueWork([pub({ remotePartIds: ['1'] })], T).post).toHaveLength(1)
    expect(dueWork([pub({ status: 'published', remotePartIds: ['1', '2'] })], T).post).toEqual([])
    expect(dueWork([pub({ status: 'publishing' })], T).post).toEqual([])
  })

  it('retries a retryable failure at its next attempt time only', () => {
    const error = { code: 'network', message: 'offline', at: T - 60_000, retryable: true }
    expect(dueWork([pub({ status: 'failed', error, nextAttemptAt: T + 1 })], T).post).toEqual([])
    expect(dueWork([pub({ status: 'failed', error, nextAttemptAt: T })], T).post).toHaveLength(1)
    expect(dueWork([pub({ status: 'failed', error: { ...error, retryable: false }, nextAttemptAt: T })], T).post).toEqual([])
    // A queued retry waits for nextAttemptAt even when the schedule has passed.
    expect(dueWork([pub({ nextAttemptAt: T + 5000, scheduledAt: T - 5000 })], T).post).toEqual([])
  })

  it('reminds once for hand-posted channels, optionally ahead of time', () => {
    const reminder = pub({ id: 'r', channel: 'linkedin', accountId: null, handling: 'local-reminder', parts: ['text'], scheduledAt: T + 10 * 60_000 })
    expect(dueWork([reminder], T).remind).toEqual([])
    expect(dueWork([reminder], T, { reminderLeadMs: 15 * 60_000 }).remind.map((p) => p.id)).toEqual(['r'])
    expect(dueWork([reminder], T + 10 * 60_000).remind.map((p) => p.id)).toEqual(['r'])
    expect(dueWork([{ ...reminder, remindedAt: T }], T + 20 * 60_000).remind).toEqual([])
    expect(dueWork([{ ...reminder, status: 'awaiting-manual' }], T + 20 * 60_000).remind).toEqual([])
    expect(dueWork([reminder], T + 10 * 60_000).post).toEqual([])
  })
})

describe('nextWakeUp', () => {
  it('is the earliest pending moment after now', () => {
    const error = { code: 'server', message: '503', at: T, retryable: true }
    const pubs = [
      pub({ id: 'a', scheduledAt: T + 60_000 }),
      pub({ id: 'b', status: 'failed', error, nextAttemptAt: T + 30_000 }),
      pub({ id: 'c', handling: 'local-reminder', channel: 'x', scheduledAt: T + 20_000 }),
      pub({ id: 'd', status: 'published', scheduledAt: T + 1000 }),
      pub({ id: 'e', scheduledAt: T - 1000 }), // already due: dueWork's business, not a wake-up
    ]
    expect(nextWakeUp(pubs, T)).toBe(T + 20_000)
    expect(nextWakeUp(pubs, T, { reminderLeadMs: 60_000 })).toBe(T + 30_000)
    expect(nextWakeUp([pub({ status: 'published' })], T)).toBeNull()
  })
})

describe('retryDelay', () => {
  it('doubles from 30 s up to an hour and honours a longer Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n))).toEqual([30_000, 60_000, 120_000, 240_000])
    expect(retryDelay(30)).toBe(3_600_000)
    expect(retryDelay(1, { retryAfterMs: 120_000 })).toBe(120_000)
    expect(retryDelay(3, { retryAfterMs: 1000 })).toBe(120_000)
    expect(retryDelay(1, { random: 1 })).toBe(36_000)
    expect(retryDelay(1, { random: 7 })).toBe(36_000)
  })
})

describe('newPublication', () => {
  it('starts with nothing sent, no attempt and no error, created and changed now; given fields win', () => {
    const row = newPublication({ id: 'x', itemId: 'i', channel: 'x', accountId: null, handling: 'local-reminder', status: 'published', parts: ['hi'], publishedAt: T }, T)
    expect(row).toEqual({
      id: 'x', itemId: 'i', channel: 'x', accountId: null, handling: 'local-reminder', status: 'published',
      remoteId: null, remotePartIds: [], remoteUrl: null, parts: ['hi'], scheduledAt: null, publishedAt: T,
      error: null, attempts: 0, nextAttemptAt: null, remindedAt: null, createdAt: T, updatedAt: T,
    })
    // Each row gets its own arrays: filling one thread's ids never shows in another row.
    expect(newPublication({ id: 'y', itemId: 'i', channel: 'x', accountId: null, handling: 'server', status: 'queued' }, T).remotePartIds).not.toBe(row.remotePartIds)
  })
})

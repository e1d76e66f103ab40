// A WordPress publication that fails for a reason that may pass (offline, timeout, 5xx, 429) waits in the local
// queue and is published by it, exactly once; a refusal (401, 403, 404, 422) fails at once. Through the real
// publishToWordPress (ledger writes, lost-response guard) and the real queue runner, with a fake WordPress behind
// `wordpressPublish` that keeps the posts it made and answers what each test asks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BaluchonApi } from '../../../src/core/ipc/contract'
import type { WordPressPublished } from '../../../src/core/ipc/publishing'
import type { IpcError, IpcResult } from '../../../src/core/ipc/result'
import type { PostItem } from '../../../src/core/items'
import { RETRY_BASE_MS } from '../../../src/core/publish/ledger'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem } from '../../../src/features/items/repository'
import { publishToWordPress, QueuedForRetry, type PublishRequest } from '../../../src/features/publishing/publishPost'
import { cancelPublication, MAX_ATTEMPTS } from '../../../src/features/publishing/queue/repository'
import { PublicationQueue } from '../../../src/features/publishing/queue/runner'
import { applyRemoteState } from '../../../src/features/publishing/repository'
import { wordpressPoster } from '../../../src/features/publishing/wordpressPoster'
import { FakeClock } from './fakeClock'

type PublishInput = Parameters<BaluchonApi['wordpressPublish']>[0]

/** A blog that keeps its posts, and answers each call with the next scripted failure, if any. */
class FakeWordPress {
  posts = new Map<number, { title: string; html: string; status: string; tags: string[]; categories: string[] }>()
  calls: PublishInput[] = []
  creates = 0
  script: IpcError[] = []
  /** The post is made, but the answer is lost on the way back (the app sees a network error). */
  loseNextAnswer = false
  private nextId = 100

  publish = async (input: PublishInput): Promise<IpcResult<WordPressPublished>> => {
    this.calls.push(input)
    const scripted = this.script.shift()
    if (scripted) return { ok: false, error: scripted }
    let id = input.remoteId
    if (id === undefined && input.recoverSince !== undefined) {
      // The lost-response guard: main looks for a post an earlier attempt made before creating one.
      id = [...this.posts.entries()].find(([, p]) => p.title === input.post.title)?.[0]
    }
    if (id === undefined) {
      id = this.nextId++
      this.creates++
    }
    const status = input.post.status
    this.posts.set(id, { title: input.post.title, html: input.post.html, status, tags: input.post.tags, categories: input.post.categories })
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false
      return { ok: false, error: { code: 'network', message: 'socket hang up' } }
    }
    return {
      ok: true,
      value: {
        remoteId: id,
        status,
        link: `http://blog.test/?p=${id}`,
        dateGmt: status === 'future' ? (input.post.dateGmt ?? null) : status === 'publish' ? new Date().toISOString() : null,
        modifiedGmt: null,
        created: true,
        media: [],
        featuredMediaId: null,
        categories: [],
        tags: [],
      },
    }
  }
  api = { wordpressPublish: (input: PublishInput) => this.publish(input) } as Pick<BaluchonApi, 'wordpressPublish'>
}

const offline: IpcError = { code: 'network', message: 'getaddrinfo ENOTFOUND blog.test' }
const unavailable: IpcError = { code: 'remote-error', message: 'WordPress answered 503', detail: { status: 503 } }

let db: BaluchonDb
let clock: FakeClock
let blog: FakeWordPress
let online: boolean
let queues: PublicationQueue[]
let counter = 0

function newQueue(runnerId = 'runner-a'): PublicationQueue {
  const queue = new PublicationQueue({
    db,
    posters: { wordpress: wordpressPoster(blog.api) },
    notify: async () => undefined,
    now: () => clock.now,
    isOnline: () => online,
    random: () => 0,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    runnerId,
    isRunnerAlive: async () => false,
  })
  queues.push(queue)
  return queue
}

async function newPost(title: string): Promise<PostItem> {
  const item = (await createItem(db, 'post', { title })) as PostItem
  return item
}

function request(item: PostItem, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { item, accountId: 'account-1', mode: 'publish', scheduledAt: null, categories: ['Notes'], tags: ['offline'], featuredImageId: null, ...extra }
}

async function rowOf(itemId: string) {
  const rows = await db.publications.where('itemId').equals(itemId).toArray()
  expect(rows).toHaveLength(1)
  return rows[0]!
}

beforeEach(async () => {
  db = new BaluchonDb(`wordpress-queue-${Date.now()}-${counter++}`)
  await db.open()
  clock = new FakeClock()
  // The ledger writes of publishToWordPress use the real clock: the fake one starts there.
  clock.now = Date.now()
  blog = new FakeWordPress()
  online = true
  queues = []
})
afterEach(() => {
  for (const q of queues) q.dispose()
  db.close()
})

describe('WordPress publications in the local queue', () => {
  it('offline: queued with its options, then published once when the network is back', async () => {
    const item = await newPost('Written on a train')
    online = false
    blog.script.push(offline)
    const failure = await publishToWordPress(db, blog.api, request(item, { mode: 'draft', categories: ['Travel'], tags: ['train', 'offline'] })).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(QueuedForRetry)
    const queued = await rowOf(item.id)
    expect(queued).toMatchObject({
      status: 'queued',
      handling: 'local-post',
      error: { code: 'network', retryable: true },
      wordpress: { mode: 'draft', scheduledAt: null, categories: ['Travel'], tags: ['train', 'offline'], featuredImageId: null },
    })

    const queue = newQueue()
    await queue.start()
    // Still offline: hours go by, nothing is sent.
    await clock.advance(3 * 3_600_000, [queue])
    expect(blog.calls).toHaveLength(1)

    // The person fixes the title while waiting: the retry sends what the item says then.
    await db.items.update(item.id, { title: 'Written on a train (fixed)' })
    online = true
    await queue.online()
    await clock.advance(1_000, [queue])
    expect(blog.creates).toBe(1)
    expect([...blog.posts.values()]).toEqual([{ title: 'Written on a train (fixed)', html: expect.any(String), status: 'draft', tags: ['train', 'offline'], categories: ['Travel'] }])
    const done = await rowOf(item.id)
    expect(done).toMatchObject({ status: 'draft', handling: 'server', remoteId: '100', remotePartIds: ['100'], error: null, nextAttemptAt: null, claimedBy: null })

    // Never again, however long the queue runs.
    await clock.advance(24 * 3_600_000, [queue])
    expect(blog.calls).toHaveLength(2)
  })

  it('503: retried after the back-off, then published once; a re-publication updates the same post', async () => {
    const item = await newPost('Back-off')
    blog.script.push(unavailable, unavailable)
    await expect(publishToWordPress(db, blog.api, request(item))).rejects.toBeInstanceOf(QueuedForRetry)
    const first = await rowOf(item.id)
    expect(first).toMatchObject({ status: 'queued', error: { code: 'remote-error', retryable: true } })
    const queue = newQueue()
    await queue.start()
    // The first back-off (30 s) has not passed: nothing yet.
    await clock.advance(RETRY_BASE_MS / 2, [queue])
    expect(blog.calls).toHaveLength(1)
    // The queue's attempt (at 30 s) meets the second 503, and waits twice as long.
    await clock.advance(RETRY_BASE_MS, [queue])
    expect(blog.calls).toHaveLength(2)
    const waiting = await rowOf(item.id)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 2, error: { code: 'remote-error', retryable: true } })
    expect(waiting.nextAttemptAt).toBe(waiting.updatedAt + 2 * RETRY_BASE_MS)
    await clock.advance(waiting.nextAttemptAt! - clock.now - 1_000, [queue])
    expect(blog.calls).toHaveLength(2)
    await clock.advance(2_000, [queue])
    expect(blog.calls).toHaveLength(3)
    expect(blog.creates).toBe(1)
    expect(await rowOf(item.id)).toMatchObject({ status: 'published', remoteId: '100', attempts: 3, error: null })

    // An update that meets a 503 is queued too: the retry updates post 100, never creates a second one.
    blog.script.push(unavailable)
    await expect(publishToWordPress(db, blog.api, request(item, { tags: ['again'] }))).rejects.toBeInstanceOf(QueuedForRetry)
    expect(await rowOf(item.id)).toMatchObject({ status: 'queued', remoteId: '100', remotePartIds: [] })
    await clock.advance(RETRY_MAX_WAIT, [queue])
    expect(blog.calls.at(-1)).toMatchObject({ remoteId: 100, post: { tags: ['again'] } })
    expect(blog.creates).toBe(1)
    expect(await rowOf(item.id)).toMatchObject({ status: 'published', remoteId: '100', remotePartIds: ['100'] })
  })

  it('an answer lost on the way back: the retry finds the post the first attempt made (never two)', async () => {
    const item = await newPost('Lost answer')
    blog.loseNextAnswer = true
    await expect(publishToWordPress(db, blog.api, request(item))).rejects.toBeInstanceOf(QueuedForRetry)
    expect(blog.creates).toBe(1)
    // The dialog wrote the ledger with the real clock: the queue's clock is taken to that time.
    clock.now = Math.max(clock.now, Date.now())
    const queue = newQueue()
    await queue.start()
    await queue.online()
    await clock.advance(1_000, [queue])
    expect(blog.calls).toHaveLength(2)
    expect(blog.calls[1]!.recoverSince).toBeTypeOf('number')
    expect(blog.creates).toBe(1)
    expect(await rowOf(item.id)).toMatchObject({ status: 'published', remoteId: '100' })
  })

  it('429 with Retry-After: the queue waits at least what the blog asked, then publishes once', async () => {
    const item = await newPost('Rate limited')
    const tooMany = (wait: number): IpcError => ({ code: 'remote-error', message: 'WordPress answered 429', detail: { status: 429, retryAfterMs: wait } })
    blog.script.push(tooMany(10 * 60_000), tooMany(20 * 60_000))
    await expect(publishToWordPress(db, blog.api, request(item))).rejects.toBeInstanceOf(QueuedForRetry)
    const queued = await rowOf(item.id)
    expect(queued.nextAttemptAt! - queued.updatedAt).toBe(10 * 60_000)
    clock.now = Math.max(clock.now, Date.now())
    const queue = newQueue()
    await queue.start()
    await clock.advance(9 * 60_000, [queue])
    expect(blog.calls).toHaveLength(1)
    await clock.advance(2 * 60_000, [queue])
    expect(blog.calls).toHaveLength(2)
    const waiting = await rowOf(item.id)
    expect(waiting).toMatchObject({ status: 'queued', error: { code: 'remote-error', retryable: true } })
    expect(waiting.nextAttemptAt).toBe(waiting.updatedAt + 20 * 60_000)
    // The attempt was at 10 min, the clock is at 11: the next is due at 30.
    await clock.advance(18 * 60_000, [queue])
    expect(blog.calls).toHaveLength(2)
    await clock.advance(2 * 60_000, [queue])
    expect(blog.calls).toHaveLength(3)
    expect(blog.creates).toBe(1)
    expect(await rowOf(item.id)).toMatchObject({ status: 'published' })
  })

  it('401 (and any refusal) fails at once with the message, and the queue never retries it', async () => {
    const item = await newPost('Wrong password')
    blog.script.push({ code: 'auth', message: 'WordPress refused the username or application password', detail: { status: 401 } })
    const failure = await publishToWordPress(db, blog.api, request(item)).catch((e: unknown) => e)
    expect(failure).not.toBeInstanceOf(QueuedForRetry)
    expect(await rowOf(item.id)).toMatchObject({ status: 'failed', handling: 'server', error: { code: 'auth', retryable: false } })
    const queue = newQueue()
    await queue.start()
    await queue.online()
    await clock.advance(24 * 3_600_000, [queue])
    expect(blog.calls).toHaveLength(1)
  })

  it('a refusal met by the queue itself (422 after a 503) fails for the person, without another try', async () => {
    const item = await newPost('Refused later')
    blog.script.push(unavailable, { code: 'remote-error', message: 'WordPress answered 422: invalid slug', detail: { status: 422 } })
    await expect(publishToWordPress(db, blog.api, request(item))).rejects.toBeInstanceOf(QueuedForRetry)
    const queue = newQueue()
    await queue.start()
    await clock.advance(RETRY_MAX_WAIT, [queue])
    expect(blog.calls).toHaveLength(2)
    expect(await rowOf(item.id)).toMatchObject({ status: 'failed', error: { code: 'remote-error', message: 'WordPress answered 422: invalid slug', retryable: false } })
    await clock.advance(24 * 3_600_000, [queue])
    expect(blog.calls).toHaveLength(2)
  })

  it('a restart with the row queued resumes it: a new runner publishes it once', async () => {
    const item = await newPost('Across a restart')
    blog.script.push(offline)
    await expect(publishToWordPress(db, blog.api, request(item, { mode: 'future', scheduledAt: clock.now + 86_400_000 }))).rejects.toBeInstanceOf(QueuedForRetry)
    const before = newQueue('runner-before')
    online = false
    await before.start()
    await clock.advance(60_000, [before])
    before.dispose()
    db.close()

    // The app starts again: a fresh database connection and runner, the network back.
    db = new BaluchonDb(db.name)
    await db.open()
    online = true
    const after = newQueue('runner-after')
    await after.start()
    await clock.advance(RETRY_MAX_WAIT, [after])
    expect(blog.calls).toHaveLength(2)
    expect(blog.calls[1]).toMatchObject({ post: { status: 'future', dateGmt: expect.stringMatching(/Z$/) } })
    expect(blog.creates).toBe(1)
    expect(await rowOf(item.id)).toMatchObject({ status: 'scheduled', handling: 'server', remoteId: '100', claimedBy: null })
  })

  it('the person publishes from the dialog while the queue’s retry comes due: one request, never two side by side', async () => {
    const item = await newPost('Both at once')
    blog.script.push(offline)
    await expect(publishToWordPress(db, blog.api, request(item))).rejects.toBeInstanceOf(QueuedForRetry)
    clock.now = Math.max(clock.now, Date.now())
    // The blog answers slowly: the dialog's request is still under way when the queue's turn comes.
    let release: () => void = () => undefined
    const slow = new Promise<void>((resolve) => (release = resolve))
    const original = blog.publish
    blog.publish = async (input) => {
      await slow
      return original(input)
    }
    const rowId = (await rowOf(item.id)).id
    const fromDialog = publishToWordPress(db, blog.api, request(item, { tags: ['dialog'] }))
    const queue = newQueue()
    await queue.start()
    await queue.online()
    const passes = clock.advance(RETRY_MAX_WAIT, [queue])
    // Minutes go by on the queue's clock with the dialog's request still unanswered: the queue takes the row as
    // left behind by an app that stopped, and hands it to its poster, which must not send it a second time.
    await expect.poll(async () => (await db.publications.get(rowId))?.claimedBy, { timeout: 20_000, interval: 20 }).toBe('runner-a')
    release()
    await fromDialog
    await passes
    await clock.advance(RETRY_MAX_WAIT, [queue])
    expect(blog.calls).toHaveLength(2)
    expect(blog.creates).toBe(1)
    expect(await rowOf(item.id)).toMatchObject({ status: 'published', handling: 'server', remoteId: '100' })
  })

  it('taken out of the queue by the person: the row stays, and the next publication looks for a post the lost attempt made', async () => {
    const item = await newPost('Cancelled')
    blog.loseNextAnswer = true
    await expect(publishToWordPress(db, blog.api, request(item))).rejects.toBeInstanceOf(QueuedForRetry)
    const row = await rowOf(item.id)
    expect(await cancelPublication(db, row.id)).toBe(true)
    expect(await rowOf(item.id)).toMatchObject({ status: 'failed', error: { code: 'cancelled', retryable: false } })
    const queue = newQueue()
    await queue.start()
    await queue.online()
    await clock.advance(RETRY_MAX_WAIT, [queue])
    expect(blog.calls).toHaveLength(1)

    await publishToWordPress(db, blog.api, request(item))
    expect(blog.calls[1]!.recoverSince).toBeTypeOf('number')
    expect(blog.creates).toBe(1)
  })

  it('Refresh while an update waits in the queue: the update stays queued and still goes to the same post', async () => {
    const item = await newPost('Refreshed')
    await publishToWordPress(db, blog.api, request(item))
    blog.script.push(unavailable)
    await expect(publishToWordPress(db, blog.api, request(item, { tags: ['later'] }))).rejects.toBeInstanceOf(QueuedForRetry)
    const queued = await rowOf(item.id)
    await applyRemoteState(db, queued.id, { remoteId: 100, status: 'publish', link: 'http://blog.test/refreshed/', dateGmt: null, modifiedGmt: null })
    expect(await rowOf(item.id)).toMatchObject({ status: 'queued', remoteId: '100', remoteUrl: 'http://blog.test/refreshed/', wordpress: { tags: ['later'] } })
    clock.now = Math.max(clock.now, Date.now())
    const queue = newQueue()
    await queue.start()
    await clock.advance(RETRY_MAX_WAIT, [queue])
    // First publication, the update that met the 503, the queue's retry of it.
    expect(blog.calls).toHaveLength(3)
    expect(blog.calls.at(-1)).toMatchObject({ remoteId: 100, post: { tags: ['later'] } })
    expect(blog.creates).toBe(1)
    expect(await rowOf(item.id)).toMatchObject({ status: 'published', remoteId: '100' })
  })

  it('a 5xx that lasts: the queue gives up after its attempts and says so', async () => {
    const item = await newPost('Down for good')
    blog.script.push(...Array.from({ length: MAX_ATTEMPTS + 1 }, () => unavailable))
    await expect(publishToWordPress(db, blog.api, request(item))).rejects.toBeInstanceOf(QueuedForRetry)
    const queue = newQueue()
    await queue.start()
    await clock.advance(MAX_ATTEMPTS * RETRY_MAX_WAIT, [queue])
    // The dialog's attempt, then the queue's until the row has made MAX_ATTEMPTS.
    expect(blog.calls).toHaveLength(MAX_ATTEMPTS)
    expect(await rowOf(item.id)).toMatchObject({ status: 'failed', error: { retryable: false } })
    expect(blog.creates).toBe(0)
  })
})

/** Longer than any single back-off (an hour, plus its jitter). */
const RETRY_MAX_WAIT = 75 * 60_000

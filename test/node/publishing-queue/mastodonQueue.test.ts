// The queue posting Mastodon threads through the real poster (postMastodonPublication), `window.api` on the real
// dispatcher and handlers, and the local Mastodon double: a queued thread goes out at its time chained by
// in_reply_to_id; a 503 is retried after the back-off and a 429 after its Retry-After, resuming after the parts
// already posted (never a part twice); a refused token fails for the person to see.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../electron/main/handlers'
import { createDispatcher } from '../../../electron/main/ipc/dispatcher'
import { CHANNELS, type ChannelName } from '../../../src/core/ipc/channels'
import type { BaluchonApi } from '../../../src/core/ipc/contract'
import type { MastodonAccount } from '../../../src/core/ipc/mastodon'
import type { IpcResult } from '../../../src/core/ipc/result'
import { RETRY_BASE_MS } from '../../../src/core/publish/ledger'
import { BaluchonDb } from '../../../src/db/schema'
import { createMastodonPublication, postMastodonPublication } from '../../../src/features/publishing/mastodon'
import { PublicationQueue } from '../../../src/features/publishing/queue/runner'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'
import { startMastodonDouble, type MastodonDouble } from '../../support/mastodon/mastodonDouble'
import { FakeClock } from './fakeClock'

let double: MastodonDouble
let dataDir: string
let account: MastodonAccount
let db: BaluchonDb
let clock: FakeClock
let queue: PublicationQueue
let counter = 0

beforeAll(async () => {
  double = await startMastodonDouble()
  dataDir = await mkdtemp(join(tmpdir(), 'baluchon-mastodon-queue-'))
  const dispatch = createDispatcher({
    isTrustedSender: () => true,
    logError: () => undefined,
    handlers: createHandlers({
      appInfo: () => ({ version: '0', platform: 'linux', locale: 'en-GB', dataPath: dataDir }),
      setMenuLanguage: () => undefined,
      openExternal: async () => undefined,
      readyToClose: () => undefined,
      linkPreview: { isOnline: () => false, resolveHost: async () => [], fetch: () => Promise.reject(new Error('no network')) },
      backup: { showSaveDialog: async () => null, showOpenDialog: async () => null, autoBackupDir: () => null },
      publishing: { safeStorage: fakeSafeStorage(), dataDir, fetch: (url, init) => fetch(url, init) },
    }),
  })
  // The preload's window.api, on the real dispatcher.
  const api = Object.fromEntries(
    CHANNELS.map((channel: ChannelName) => [channel, (input?: unknown) => dispatch(channel, input, 'file:///app/index.html') as Promise<IpcResult<unknown>>]),
  ) as unknown as BaluchonApi
  ;(globalThis as unknown as { api: BaluchonApi }).api = api
  const saved = await api.mastodonAccountSave({ instanceUrl: double.url, accessToken: double.token })
  if (!saved.ok) throw new Error(saved.error.message)
  account = saved.value
})

afterAll(async () => {
  await double?.close()
  await rm(dataDir, { recursive: true, force: true })
})

beforeEach(async () => {
  db = new BaluchonDb(`mastodon-queue-${Date.now()}-${counter++}`)
  await db.open()
  clock = new FakeClock()
  clock.now = Date.now()
  queue = new PublicationQueue({
    db,
    posters: { mastodon: postMastodonPublication },
    notify: async () => undefined,
    now: () => clock.now,
    isOnline: () => true,
    random: () => 0,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    runnerId: 'runner-test',
    isRunnerAlive: async () => false,
  })
})
afterEach(() => {
  queue.dispose()
  db.close()
  expect(double.violations).toEqual([])
})

async function queuedThread(parts: string[], inMs: number) {
  return createMastodonPublication(db, { itemId: 'item-1', accountId: account.id, parts, scheduledAt: clock.now + inMs, options: { visibility: 'public', media: [] } })
}

const postedFor = (id: string) => double.statuses.filter((s) => s.idempotencyKey?.startsWith(`baluchon-${id}-`))

describe('Mastodon threads from the queue', () => {
  it('go out at their time, chained, and the row says published', async () => {
    const row = await queuedThread(['Queued 1/3', 'Queued 2/3', 'Queued 3/3'], 60_000)
    await queue.start()
    await clock.advance(59_000, [queue])
    expect(postedFor(row.id)).toEqual([])
    await clock.advance(1_000, [queue])
    const posted = postedFor(row.id)
    expect(posted.map((s) => s.text)).toEqual(['Queued 1/3', 'Queued 2/3', 'Queued 3/3'])
    expect(posted[1]!.inReplyToId).toBe(posted[0]!.id)
    expect(posted[2]!.inReplyToId).toBe(posted[1]!.id)
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'published', remotePartIds: posted.map((s) => s.id), attempts: 1, claimedBy: null })
  })

  it('retry a 503 after the back-off and a 429 after Retry-After, resuming after what was posted', async () => {
    const row = await queuedThread(['Retry A', 'Retry B', 'Retry C'], 1_000)
    double.answerNext('POST /api/v1/statuses', { status: 503, body: { error: 'Service Unavailable' } })
    await queue.start()
    await clock.advance(1_000, [queue])
    expect(postedFor(row.id)).toEqual([])
    const waiting = (await db.publications.get(row.id))!
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, error: { retryable: true } })
    expect(waiting.nextAttemptAt).toBe(clock.now + RETRY_BASE_MS)

    // Next try: part A goes, then the server throttles part B.
    const originalFetch = globalThis.fetch
    let statuses = 0
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith('/api/v1/statuses') && ++statuses === 2) {
        double.answerNext('POST /api/v1/statuses', { status: 429, body: { error: 'Too many requests' }, headers: { 'retry-after': '600' } })
      }
      return originalFetch(input, init)
    }) as typeof fetch
    try {
      await clock.advance(RETRY_BASE_MS, [queue])
    } finally {
      globalThis.fetch = originalFetch
    }
    expect(postedFor(row.id).map((s) => s.text)).toEqual(['Retry A'])
    const throttled = (await db.publications.get(row.id))!
    expect(throttled).toMatchObject({ status: 'queued', attempts: 2, error: { code: 'rate-limited', retryable: true } })
    expect(throttled.nextAttemptAt).toBe(clock.now + 600_000)

    await clock.advance(599_000, [queue])
    expect(postedFor(row.id)).toHaveLength(1)
    await clock.advance(1_000, [queue])
    const posted = postedFor(row.id)
    expect(posted.map((s) => s.text)).toEqual(['Retry A', 'Retry B', 'Retry C'])
    expect(posted[1]!.inReplyToId).toBe(posted[0]!.id)
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'published', attempts: 3 })
  })

  it('fail for the person to see when the server refuses the token', async () => {
    const row = await queuedThread(['Refused 1', 'Refused 2'], 1_000)
    double.answerNext('POST /api/v1/statuses', { status: 401, body: { error: 'The access token is invalid' } })
    await queue.start()
    await clock.advance(2 * 3_600_000, [queue])
    expect(postedFor(row.id)).toEqual([])
    expect(await db.publications.get(row.id)).toMatchObject({ status: 'failed', nextAttemptAt: null, error: { retryable: false } })
  })
})

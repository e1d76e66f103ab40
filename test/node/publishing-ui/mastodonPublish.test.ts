// Posting Mastodon ledger rows from the renderer's side (src/features/publishing/mastodon): the real ledger
// (fake IndexedDB), `window.api` wired to the real dispatcher and handlers, and the local Mastodon double. Threads
// chain their replies, resume after the last posted part without re-posting, carry images with alt text,
// single statuses schedule on the server, and reschedule/cancel follow the row.
import { createHash } from 'node:crypto'
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
import { buildArchive, readArchive } from '../../../src/core/archive'
import { BaluchonDb } from '../../../src/db/schema'
import { archiveInputFromDb } from '../../../src/features/backup/source'
import {
  cancelMastodonPublication,
  createMastodonPublication,
  postMastodonPublication,
  rescheduleMastodonPublication,
  type MastodonPublication,
} from '../../../src/features/publishing/mastodon'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'
import { startMastodonDouble, type MastodonDouble } from '../../support/mastodon/mastodonDouble'
import { solidPng } from '../publishing/png'

let double: MastodonDouble
let dataDir: string
let account: MastodonAccount
let db: BaluchonDb
let counter = 0
const calls: string[] = []

beforeAll(async () => {
  double = await startMastodonDouble()
  dataDir = await mkdtemp(join(tmpdir(), 'baluchon-mastodon-ui-'))
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
    CHANNELS.map((channel: ChannelName) => [
      channel,
      (input?: unknown) => {
        calls.push(channel)
        return dispatch(channel, input, 'file:///app/index.html') as Promise<IpcResult<unknown>>
      },
    ]),
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
  db = new BaluchonDb(`mastodon-publish-${Date.now()}-${counter++}`)
  await db.open()
})
afterEach(() => {
  db.close()
  expect(double.violations).toEqual([])
})

async function storeImage(id: string, rgb: [number, number, number]): Promise<void> {
  const png = solidPng(6, 4, rgb)
  const sha256 = createHash('sha256').update(png).digest('hex')
  await db.attachments.put({ id, itemId: 'item-1', name: `${id}.png`, mime: 'image/png', size: png.byteLength, sha256, data: new Blob([png], { type: 'image/png' }), createdAt: Date.now() })
}

const row = async (id: string): Promise<MastodonPublication> => (await db.publications.get(id)) as MastodonPublication

describe('postMastodonPublication', () => {
  it('posts a 3-part thread chained by in_reply_to_id, with images and alt text, and records every part', async () => {
    await storeImage('img-a', [200, 0, 0])
    await storeImage('img-b', [0, 0, 200])
    const created = await createMastodonPublication(db, {
      itemId: 'item-1',
      accountId: account.id,
      parts: ['One 1/3', 'Two 2/3', 'Three 3/3'],
      scheduledAt: null,
      options: {
        visibility: 'unlisted',
        language: 'en',
        media: [
          { attachmentId: 'img-a', alt: 'Red', part: 0 },
          { attachmentId: 'img-b', alt: 'Blue', part: 2 },
        ],
      },
    })
    expect(await postMastodonPublication(db, created.id)).toEqual({ ok: true })
    const posted = double.statuses.slice(-3)
    expect(posted.map((s) => s.text)).toEqual(['One 1/3', 'Two 2/3', 'Three 3/3'])
    expect(posted[0]!.inReplyToId).toBeNull()
    expect(posted[1]!.inReplyToId).toBe(posted[0]!.id)
    expect(posted[2]!.inReplyToId).toBe(posted[1]!.id)
    expect(posted.map((s) => s.visibility)).toEqual(['unlisted', 'unlisted', 'unlisted'])
    expect(posted[0]!.mediaIds.map((id) => double.media.get(id)!.description)).toEqual(['Red'])
    expect(posted[1]!.mediaIds).toEqual([])
    expect(posted[2]!.mediaIds.map((id) => double.media.get(id)!.description)).toEqual(['Blue'])
    expect(posted.map((s) => s.idempotencyKey)).toEqual([0, 1, 2].map((i) => `baluchon-${created.id}-${i}`))

    const done = await row(created.id)
    expect(done).toMatchObject({ status: 'published', remoteId: posted[0]!.id, remoteUrl: posted[0]!.url, remotePartIds: posted.map((s) => s.id), error: null })
    expect(done.mastodon.partUrls).toEqual(posted.map((s) => s.url))
    expect(done.publishedAt).not.toBeNull()
    // Posting a finished row again does nothing.
    const before = double.statuses.length
    expect(await postMastodonPublication(db, created.id)).toEqual({ ok: true })
    expect(double.statuses.length).toBe(before)
  })

  it('stops at a 429, keeps what was posted, tells the queue when to retry, and resumes without re-posting', async () => {
    const created = await createMastodonPublication(db, {
      itemId: 'item-1',
      accountId: account.id,
      parts: ['A', 'B', 'C'],
      scheduledAt: null,
      options: { visibility: 'public', media: [] },
    })
    // Let part 1 through, then throttle part 2.
    const first = await postFirstThenThrottle(created.id)
    expect(first).toEqual({ ok: false, error: { code: 'rate-limited', message: expect.any(String), retryAfterMs: 90_000 } })
    const failed = await row(created.id)
    expect(failed.status).toBe('failed')
    expect(failed.remotePartIds).toHaveLength(1)
    expect(failed.error).toMatchObject({ code: 'rate-limited', retryable: true })
    expect(failed.handling).toBe('local-post')
    expect(failed.nextAttemptAt! - failed.updatedAt).toBeGreaterThanOrEqual(90_000)

    const count = double.statuses.length
    expect(await postMastodonPublication(db, created.id)).toEqual({ ok: true })
    const all = double.statuses.slice(count)
    expect(all.map((s) => s.text)).toEqual(['B', 'C'])
    expect(all[0]!.inReplyToId).toBe(failed.remotePartIds[0])
    expect((await row(created.id)).remotePartIds).toHaveLength(3)
  })

  it('re-sends an interrupted part with the same key: the server answers with the status it made, nothing twice', async () => {
    const created = await createMastodonPublication(db, { itemId: 'item-1', accountId: account.id, parts: ['X1', 'X2'], scheduledAt: null, options: { visibility: 'public', media: [] } })
    // The app quit after the server made part 1 but before the ledger heard of it: post part 1 by hand with its key.
    const api = (globalThis as unknown as { api: BaluchonApi }).api
    const lost = await api.mastodonPostStatus({ accountId: account.id, idempotencyKey: `baluchon-${created.id}-0`, status: 'X1', visibility: 'public', media: [] })
    if (!lost.ok) throw new Error(lost.error.message)
    expect(await postMastodonPublication(db, created.id)).toEqual({ ok: true })
    expect(double.statuses.filter((s) => s.text === 'X1')).toHaveLength(1)
    expect((await row(created.id)).remotePartIds[0]).toBe(lost.value.id)
    expect(double.statuses.find((s) => s.text === 'X2')!.inReplyToId).toBe(lost.value.id)
  })

  it('records a 422 as a failure the person must fix, with Mastodon’s text', async () => {
    const created = await createMastodonPublication(db, { itemId: 'item-1', accountId: account.id, parts: ['é'.repeat(600)], scheduledAt: null, options: { visibility: 'public', media: [] } })
    const result = await postMastodonPublication(db, created.id)
    expect(result).toMatchObject({ ok: false, error: { code: 'rejected', message: 'Validation failed: Text character limit of 500 exceeded' } })
    expect(await row(created.id)).toMatchObject({ status: 'failed', nextAttemptAt: null, error: { code: 'rejected', retryable: false } })
  })

  it('refuses to run twice at once on the same row', async () => {
    const created = await createMastodonPublication(db, { itemId: 'item-1', accountId: account.id, parts: ['Solo'], scheduledAt: null, options: { visibility: 'public', media: [] } })
    const [a, b] = await Promise.all([postMastodonPublication(db, created.id), postMastodonPublication(db, created.id)])
    expect([a, b]).toContainEqual({ ok: true })
    expect([a, b]).toContainEqual({ ok: false, error: { code: 'busy', message: expect.any(String) } })
    expect(double.statuses.filter((s) => s.text === 'Solo')).toHaveLength(1)
  })
})

describe('scheduling', () => {
  it('schedules a single status on the server, then moves and cancels it there', async () => {
    const at = Date.now() + 2 * 3600_000
    const created = await createMastodonPublication(db, { itemId: 'item-1', accountId: account.id, parts: ['Later'], scheduledAt: at, options: { visibility: 'public', media: [] } })
    expect(created.handling).toBe('server')
    expect(await postMastodonPublication(db, created.id)).toEqual({ ok: true })
    const scheduled = await row(created.id)
    expect(scheduled).toMatchObject({ status: 'scheduled', handling: 'server', remotePartIds: [] })
    const remote = double.scheduled.get(scheduled.mastodon.scheduledStatusId!)!
    expect(remote.history[0]).toBe(new Date(at).toISOString())

    const later = at + 86_400_000
    expect(await rescheduleMastodonPublication(db, created.id, later)).toEqual({ ok: true })
    expect(remote.scheduledAt).toBe(new Date(later).toISOString())
    expect((await row(created.id)).scheduledAt).toBe(later)
    expect(await rescheduleMastodonPublication(db, created.id, Date.now() + 60_000)).toMatchObject({ ok: false, error: { code: 'too-soon' } })

    expect(await cancelMastodonPublication(db, created.id)).toEqual({ ok: true })
    expect(double.scheduled.has(remote.id)).toBe(false)
    expect(await row(created.id)).toMatchObject({ status: 'draft', remoteId: null })
  })

  it('leaves a status too close to its time for the server to the local queue, without a request, and says when', async () => {
    const at = Date.now() + 3 * 60_000
    const created = await createMastodonPublication(db, { itemId: 'item-1', accountId: account.id, parts: ['Soon'], scheduledAt: at, options: { visibility: 'public', media: [] } })
    const requests = double.requests.length
    const result = await postMastodonPublication(db, created.id)
    expect(result).toMatchObject({ ok: false, error: { code: 'not-due' } })
    if (!result.ok) expect(result.error.retryAfterMs).toBeGreaterThan(2 * 60_000)
    expect(await row(created.id)).toMatchObject({ status: 'queued', handling: 'local-post', nextAttemptAt: at })
    expect(double.requests.length).toBe(requests)
  })

  it('keeps a row’s Mastodon options (scheduled status id, images, part addresses) in the backup archive', async () => {
    await storeImage('img-z', [10, 200, 10])
    const created = await createMastodonPublication(db, {
      itemId: 'item-1',
      accountId: account.id,
      parts: ['Held'],
      scheduledAt: Date.now() + 2 * 3600_000,
      options: { visibility: 'private', spoilerText: 'cw', media: [{ attachmentId: 'img-z', alt: 'Green', part: 0 }] },
    })
    expect(await postMastodonPublication(db, created.id)).toEqual({ ok: true })
    const held = await row(created.id)
    expect(held.mastodon.scheduledStatusId).toBeDefined()
    const contents = await readArchive(await buildArchive(await archiveInputFromDb(db, { appVersion: 'test', createdAt: 5000 })))
    const archived = (contents.tables.publications as unknown as MastodonPublication[]).find((p) => p.id === created.id)
    expect(archived?.mastodon).toEqual(held.mastodon)
  })

  it('puts a scheduled thread in the local queue; rescheduling it only changes the time, without a request', async () => {
    const at = Date.now() + 3600_000
    const created = await createMastodonPublication(db, { itemId: 'item-1', accountId: account.id, parts: ['T1', 'T2'], scheduledAt: at, options: { visibility: 'public', media: [] } })
    expect(created).toMatchObject({ status: 'queued', handling: 'local-post', scheduledAt: at })
    const requests = double.requests.length
    expect(await rescheduleMastodonPublication(db, created.id, at + 600_000)).toEqual({ ok: true })
    expect(await row(created.id)).toMatchObject({ status: 'queued', scheduledAt: at + 600_000 })
    expect(double.requests.length).toBe(requests)
  })
})

/** Posts the row while the double lets the first status through and answers the second with 429 Retry-After: 90. */
async function postFirstThenThrottle(id: string) {
  const originalFetch = globalThis.fetch
  let statuses = 0
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (String(input).endsWith('/api/v1/statuses') && ++statuses === 2) {
      double.answerNext('POST /api/v1/statuses', { status: 429, body: { error: 'Too many requests' }, headers: { 'retry-after': '90' } })
    }
    return originalFetch(input, init)
  }) as typeof fetch
  try {
    return await postMastodonPublication(db, id)
  } finally {
    globalThis.fetch = originalFetch
  }
}

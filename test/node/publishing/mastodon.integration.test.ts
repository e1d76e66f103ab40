// Mastodon in main, through the real dispatcher and handlers (input validation, typed errors) and the real secret
// store with a fake safeStorage, against the local Mastodon double (test/support/mastodon: no real Mastodon server
// can run here). The double checks every request (Bearer token, fields and types, multipart, Idempotency-Key).
//
// The last test is the canary: the tokens used here (the real one and a planted wrong one) must never appear in
// anything logged, in any IPC result, or in any file but the encrypted store.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import { createHandlers } from '../../../electron/main/handlers'
import type { PublishingDeps } from '../../../electron/main/handlers/publishing'
import { createDispatcher } from '../../../electron/main/ipc/dispatcher'
import { MASTODON_SECRETS_FILE } from '../../../electron/main/publishing/mastodonHandlers'
import { normaliseInstanceUrl, retryAfterMs } from '../../../electron/main/publishing/mastodonClient'
import type { ChannelName } from '../../../src/core/ipc/channels'
import type { ChannelInput, ChannelOutput } from '../../../src/core/ipc/contract'
import type { MastodonAccount } from '../../../src/core/ipc/mastodon'
import type { IpcResult } from '../../../src/core/ipc/result'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'
import { startMastodonDouble, type MastodonDouble } from '../../support/mastodon/mastodonDouble'
import { solidPng } from './png'

const WRONG_TOKEN = 'canary-wrong-token-5f1e2d3c4b5a69788796a5b4'
let double: MastodonDouble
let dataDir: string
let dispatch: ReturnType<typeof createDispatcher>
let account: MastodonAccount
const ipcResults: string[] = []
const logged: string[] = []
const spies: MockInstance[] = []
const extraDirs: string[] = []

function record(...args: unknown[]): void {
  logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '))
}

function dispatcherFor(dir: string, publishing: Partial<PublishingDeps> = {}) {
  return createDispatcher({
    isTrustedSender: () => true,
    logError: (channel, error) => record(`[ipc] ${channel} failed:`, error),
    handlers: createHandlers({
      appInfo: () => ({ version: '0', platform: 'linux', locale: 'en-GB', dataPath: dir }),
      setMenuLanguage: () => undefined,
      openExternal: async () => undefined,
      readyToClose: () => undefined,
      linkPreview: { isOnline: () => false, resolveHost: async () => [], fetch: () => Promise.reject(new Error('no network')) },
      backup: { showSaveDialog: async () => null, showOpenDialog: async () => null, autoBackupDir: () => join(dir, 'backups') },
      publishing: { safeStorage: fakeSafeStorage(), dataDir: dir, fetch: (url, init) => fetch(url, init), ...publishing },
    }),
  })
}

async function call<K extends ChannelName>(channel: K, input: ChannelInput<K>, via = dispatch): Promise<IpcResult<ChannelOutput<K>>> {
  const result = (await via(channel, input, 'file:///app/index.html')) as IpcResult<ChannelOutput<K>>
  ipcResults.push(JSON.stringify(result))
  return result
}

async function value<K extends ChannelName>(channel: K, input: ChannelInput<K>, via = dispatch): Promise<ChannelOutput<K>> {
  const result = await call(channel, input, via)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
  return result.value
}

let keyCounter = 0
const key = (): string => `test-key-${++keyCounter}-${Date.now()}`

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) spies.push(vi.spyOn(console, method).mockImplementation(record))
  double = await startMastodonDouble({ token: 'canary-real-token-9a8b7c6d5e4f3a2b1c0d' })
  dataDir = await mkdtemp(join(tmpdir(), 'baluchon-mastodon-'))
  dispatch = dispatcherFor(dataDir)
})

afterEach(() => {
  // Every request of every test must be one a real server would take as written.
  expect(double.violations).toEqual([])
})

afterAll(async () => {
  for (const spy of spies) spy.mockRestore()
  await double?.close()
  await rm(dataDir, { recursive: true, force: true })
  for (const dir of extraDirs) await rm(dir, { recursive: true, force: true })
})

describe('Mastodon accounts', () => {
  it('refuses a wrong token with a typed auth error, and stores nothing', async () => {
    const result = await call('mastodonAccountSave', { instanceUrl: double.url, accessToken: WRONG_TOKEN })
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } })
    expect(await value('mastodonAccountList', undefined)).toEqual([])
  })

  it('refuses plain http on a host that is not this computer, before sending the token anywhere', async () => {
    const before = double.requests.length
    const result = await call('mastodonAccountSave', { instanceUrl: 'http://social.example.org', accessToken: 'x' })
    expect(result).toMatchObject({ ok: false, error: { code: 'insecure-url', detail: { host: 'social.example.org' } } })
    expect(double.requests.length).toBe(before)
  })

  it('says when the address is not a Mastodon server, and when nothing answers', async () => {
    const web = await startMastodonDouble()
    web.answerNext('GET /api/v1/accounts/verify_credentials', { status: 404, body: { error: 'Not here' } })
    expect(await call('mastodonAccountSave', { instanceUrl: web.url, accessToken: web.token })).toMatchObject({ ok: false, error: { code: 'not-mastodon' } })
    const port = new URL(web.url).port
    await web.close()
    expect(await call('mastodonAccountSave', { instanceUrl: `http://127.0.0.1:${port}`, accessToken: 'x' })).toMatchObject({ ok: false, error: { code: 'network' } })
  })

  it('verifies the token, reads the limits from /api/v2/instance and keeps the token out of the result', async () => {
    account = await value('mastodonAccountSave', { instanceUrl: `${double.url}/@alice`, accessToken: ` ${double.token} ` })
    expect(account).toMatchObject({
      kind: 'mastodon',
      instanceUrl: double.url,
      instanceTitle: 'Double Social',
      username: 'alice',
      displayName: 'Alice Martin',
      instanceApi: 'v2',
      secretProtection: 'os',
      limits: { maxCharacters: 500, charactersReservedPerUrl: 23, maxMediaAttachments: 4, descriptionLimit: 1500 },
    })
    expect(account.limits.supportedMimeTypes).toContain('image/png')
    expect(await value('mastodonAccountList', undefined)).toEqual([account])
    const verify = double.requests.find((r) => r.path === '/api/v1/accounts/verify_credentials' && r.headers.authorization === `Bearer ${double.token}`)
    expect(verify).toBeDefined()
  })

  it('falls back to /api/v1/instance on a server without v2, with its own limits', async () => {
    const old = await startMastodonDouble({ v1Only: true, maxCharacters: 1000, charactersReservedPerUrl: 30 })
    const dir = await mkdtemp(join(tmpdir(), 'baluchon-mastodon-v1-'))
    extraDirs.push(dir)
    try {
      const saved = await value('mastodonAccountSave', { instanceUrl: old.url, accessToken: old.token }, dispatcherFor(dir))
      expect(saved).toMatchObject({ instanceApi: 'v1', limits: { maxCharacters: 1000, charactersReservedPerUrl: 30 } })
      expect(old.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/accounts/verify_credentials', 'GET /api/v2/instance', 'GET /api/v1/instance'])
      expect(old.violations).toEqual([])
    } finally {
      await old.close()
    }
  })

  it('asks before storing the token where the OS has no keychain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baluchon-mastodon-weak-'))
    extraDirs.push(dir)
    const weak = dispatcherFor(dir, { safeStorage: fakeSafeStorage({ backend: 'basic_text' }) })
    expect(await call('mastodonAccountSave', { instanceUrl: double.url, accessToken: double.token }, weak)).toMatchObject({
      ok: false,
      error: { code: 'insecure-storage', detail: { protection: 'weak', backend: 'basic_text' } },
    })
    const saved = await value('mastodonAccountSave', { instanceUrl: double.url, accessToken: double.token, allowInsecureStorage: true }, weak)
    expect(saved.secretProtection).toBe('weak')
  })

  it('re-verifies a stored account and answers auth once its token is revoked', async () => {
    expect((await value('mastodonAccountVerify', { id: account.id })).username).toBe('alice')
    double.answerNext('GET /api/v1/accounts/verify_credentials', { status: 401, body: { error: 'The access token was revoked' } })
    const result = await call('mastodonAccountVerify', { id: account.id })
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } })
    if (!result.ok) expect(result.error.message).toContain('The access token was revoked')
  })
})

describe('Mastodon statuses', () => {
  it('posts a status with visibility, language, content warning and the Idempotency-Key header', async () => {
    const idempotencyKey = key()
    const posted = await value('mastodonPostStatus', {
      accountId: account.id,
      idempotencyKey,
      status: 'Bonjour https://example.org/a-very-long-address-that-counts-as-23',
      visibility: 'unlisted',
      language: 'fr',
      spoilerText: 'annonce',
      media: [],
    })
    expect(posted).toMatchObject({ kind: 'status', mediaIds: [] })
    const status = double.statuses.at(-1)!
    expect(status).toMatchObject({ visibility: 'unlisted', language: 'fr', spoilerText: 'annonce', idempotencyKey })
    if (posted.kind === 'status') expect(posted.url).toBe(status.url)
  })

  it('gives back the same status for a repeated Idempotency-Key (a retry after a lost answer never posts twice)', async () => {
    const idempotencyKey = key()
    const input = { accountId: account.id, idempotencyKey, status: 'Once only', visibility: 'public' as const, media: [] }
    const first = await value('mastodonPostStatus', input)
    const second = await value('mastodonPostStatus', input)
    expect(second.id).toBe(first.id)
    expect(double.statuses.filter((s) => s.text === 'Once only')).toHaveLength(1)
  })

  it('uploads images as multipart with their alt text, waits through 206 while processing, then attaches them', async () => {
    double.setMediaProcessing(2)
    try {
      const posted = await value('mastodonPostStatus', {
        accountId: account.id,
        idempotencyKey: key(),
        status: 'With a picture',
        visibility: 'public',
        media: [{ fileName: 'red.png', mimeType: 'image/png', data: solidPng(8, 6, [200, 10, 10]), alt: 'A red rectangle' }],
      })
      expect(posted.mediaIds).toHaveLength(1)
      const upload = double.requests.filter((r) => r.path === '/api/v2/media').at(-1)!
      expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/)
      expect(upload.body).toMatchObject({ file: { fileName: 'red.png', type: 'image/png' }, description: 'A red rectangle' })
      const polls = double.requests.filter((r) => r.path === `/api/v1/media/${posted.mediaIds[0]}`)
      expect(polls.length).toBe(2)
      expect(double.statuses.at(-1)!.mediaIds).toEqual(posted.mediaIds)
      expect(double.media.get(posted.mediaIds[0]!)!.description).toBe('A red rectangle')
    } finally {
      double.setMediaProcessing(0)
    }
  })

  it('chains a reply with in_reply_to_id', async () => {
    const first = await value('mastodonPostStatus', { accountId: account.id, idempotencyKey: key(), status: 'Part 1', visibility: 'public', media: [] })
    await value('mastodonPostStatus', { accountId: account.id, idempotencyKey: key(), status: 'Part 2', visibility: 'public', inReplyToId: first.id, media: [] })
    expect(double.statuses.at(-1)).toMatchObject({ text: 'Part 2', inReplyToId: first.id })
  })

  it('schedules a single status on the server in UTC, moves it, and cancels it', async () => {
    const at = new Date(Date.now() + 3 * 3600_000)
    at.setUTCSeconds(0, 0)
    const posted = await value('mastodonPostStatus', {
      accountId: account.id,
      idempotencyKey: key(),
      status: 'Later',
      visibility: 'public',
      scheduledAt: at.toISOString(),
      media: [],
    })
    expect(posted).toMatchObject({ kind: 'scheduled', scheduledAt: at.toISOString() })
    const held = double.scheduled.get(posted.id)!
    expect(held.history[0]).toBe(at.toISOString())
    expect(held.history[0]).toMatch(/Z$/)

    const later = new Date(at.getTime() + 86_400_000).toISOString()
    expect(await value('mastodonReschedule', { accountId: account.id, scheduledStatusId: posted.id, scheduledAt: later })).toEqual({ id: posted.id, scheduledAt: later })
    expect(double.scheduled.get(posted.id)!.scheduledAt).toBe(later)

    await value('mastodonCancelScheduled', { accountId: account.id, scheduledStatusId: posted.id })
    expect(double.scheduled.has(posted.id)).toBe(false)
    // Gone already: not an error.
    await value('mastodonCancelScheduled', { accountId: account.id, scheduledStatusId: posted.id })
  })

  it('refuses a schedule less than 5 minutes ahead before asking the server', async () => {
    const before = double.requests.length
    const result = await call('mastodonPostStatus', {
      accountId: account.id,
      idempotencyKey: key(),
      status: 'Too soon',
      visibility: 'public',
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      media: [],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', detail: { reason: 'schedule-too-soon' } } })
    expect(double.requests.length).toBe(before)
  })

  it('turns each failure into a typed error: 401, 403, 404, 422 with Mastodon’s text, 429 with Retry-After, 5xx', async () => {
    const post = () => call('mastodonPostStatus', { accountId: account.id, idempotencyKey: key(), status: 'x', visibility: 'public', media: [] })
    double.answerNext('POST /api/v1/statuses', { status: 401, body: { error: 'The access token is invalid' } })
    expect(await post()).toMatchObject({ ok: false, error: { code: 'auth' } })
    double.answerNext('POST /api/v1/statuses', { status: 403, body: { error: 'This action is outside the authorized scopes' } })
    expect(await post()).toMatchObject({ ok: false, error: { code: 'permission-denied' } })
    double.answerNext('POST /api/v1/statuses', { status: 404, body: { error: 'Record not found' } })
    expect(await post()).toMatchObject({ ok: false, error: { code: 'not-found' } })
    double.answerNext('POST /api/v1/statuses', { status: 429, body: { error: 'Too many requests' }, headers: { 'retry-after': '120' } })
    expect(await post()).toMatchObject({ ok: false, error: { code: 'rate-limited', detail: { retryAfterMs: 120_000 } } })
    double.answerNext('POST /api/v1/statuses', { status: 503, body: { error: 'Service Unavailable' } })
    expect(await post()).toMatchObject({ ok: false, error: { code: 'remote-error', detail: { status: 503 } } })
    // A real validation from the double: over the instance's limit.
    const long = await call('mastodonPostStatus', { accountId: account.id, idempotencyKey: key(), status: 'é'.repeat(501), visibility: 'public', media: [] })
    expect(long).toMatchObject({ ok: false, error: { code: 'rejected', message: 'Validation failed: Text character limit of 500 exceeded' } })
  })

  it('reads Retry-After as seconds or a date, and X-RateLimit-Reset when it is missing', () => {
    const now = Date.parse('2026-11-28T08:00:00Z')
    expect(retryAfterMs(new Headers({ 'retry-after': '30' }), now)).toBe(30_000)
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 28 Nov 2026 08:02:00 GMT' }), now)).toBe(120_000)
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': '2026-11-28T08:05:00.000Z' }), now)).toBe(300_000)
    expect(retryAfterMs(new Headers(), now)).toBeNull()
  })

  it('normalises instance addresses and refuses credentials in them', () => {
    expect(normaliseInstanceUrl('mastodon.social')).toBe('https://mastodon.social')
    expect(normaliseInstanceUrl('https://mastodon.social/@alice/1234')).toBe('https://mastodon.social')
    expect(normaliseInstanceUrl('http://localhost:3000/')).toBe('http://localhost:3000')
    expect(() => normaliseInstanceUrl('https://u:p@mastodon.social')).toThrow(/user name or password/)
    expect(() => normaliseInstanceUrl('ftp://mastodon.social')).toThrow()
  })

  it('gives up, typed, on a server that answers too late and on media that never finishes processing', async () => {
    const slow = await startMastodonDouble()
    const dir = await mkdtemp(join(tmpdir(), 'baluchon-mastodon-slow-'))
    extraDirs.push(dir)
    try {
      // Fast waits: the client's timeouts and polling are the same code, with shorter clocks.
      const { createMastodonHandlers } = await import('../../../electron/main/publishing/mastodonHandlers')
      const handlers = createMastodonHandlers({
        safeStorage: fakeSafeStorage(),
        dataDir: dir,
        fetch: (url, init) => fetch(url, init),
        client: { sleep: async () => undefined, mediaReadyTimeoutMs: 1 },
      })
      const saved = await handlers.mastodonAccountSave({ instanceUrl: slow.url, accessToken: slow.token })
      // A server that answers too late: a typed timeout, not a hang.
      const impatient = createMastodonHandlers({
        safeStorage: fakeSafeStorage(),
        dataDir: dir,
        fetch: (url, init) => fetch(url, init),
        client: { timeoutMs: 200 },
      })
      slow.setDelay(1000)
      await expect(impatient.mastodonAccountVerify({ id: saved.id })).rejects.toMatchObject({ code: 'timeout' })
      slow.setDelay(0)
      slow.setMediaProcessing(1000)
      await expect(
        handlers.mastodonPostStatus({
          accountId: saved.id,
          idempotencyKey: key(),
          status: 'img',
          visibility: 'public',
          media: [{ fileName: 'a.png', mimeType: 'image/png', data: solidPng(2, 2, [0, 0, 0]), alt: '' }],
        }),
      ).rejects.toMatchObject({ code: 'media-not-ready' })
      expect(slow.violations).toEqual([])
    } finally {
      await slow.close()
    }
  })
})

describe('canary', () => {
  it('keeps a token out of the answer to an input that fails validation', async () => {
    // An address too long to be valid, sent with the planted token: the validation error must not echo it.
    const result = await call('mastodonAccountSave', { instanceUrl: `https://${'a'.repeat(2100)}.example`, accessToken: WRONG_TOKEN })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const tooLong = await call('mastodonAccountSave', { instanceUrl: double.url, accessToken: `${WRONG_TOKEN}${'x'.repeat(600)}` })
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('never lets a token reach a log, an IPC result or any file but the encrypted store', () => {
    const tokens = [double.token, WRONG_TOKEN]
    expect(ipcResults.length).toBeGreaterThan(10)
    for (const token of tokens) {
      for (const text of [...logged, ...ipcResults]) expect(text).not.toContain(token)
    }
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else files.push(path)
      }
    }
    for (const dir of [dataDir, ...extraDirs]) walk(dir)
    expect(files.some((f) => f.endsWith(MASTODON_SECRETS_FILE))).toBe(true)
    for (const file of files) {
      const text = readFileSync(file).toString('utf8')
      for (const token of tokens) {
        expect(text, file).not.toContain(token)
        expect(text, file).not.toContain(Buffer.from(token).toString('base64'))
      }
    }
  })
})

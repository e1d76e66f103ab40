// The one entry from the renderer into main: sender check, input validation, typed errors.
import { describe, expect, it, vi } from 'vitest'
import { createDispatcher, createSenderCheck, type Handlers } from '../../../electron/main/ipc/dispatcher'
import { IpcFailure, type IpcResult } from '../../../src/core/ipc/result'

const APP = 'file:///opt/baluchon/resources/app/out/renderer/index.html'
const isTrusted = createSenderCheck(['file:///opt/baluchon/resources/app/out/renderer/'])

function setUp(overrides: Partial<Handlers> = {}) {
  const calls: { channel: string; input: unknown }[] = []
  const record =
    <T>(channel: string, value: T) =>
    (input: unknown): T => {
      calls.push({ channel, input })
      return value
    }
  const handlers: Handlers = {
    appInfo: record('appInfo', { version: '1.0.0', platform: 'linux', locale: 'fr-FR', dataPath: '/data' }),
    setMenuLanguage: record('setMenuLanguage', undefined),
    openExternal: record('openExternal', undefined),
    linkPreview: record('linkPreview', { url: 'https://example.org/', title: 'T', description: '', siteName: 'S' }),
    readyToClose: record('readyToClose', undefined),
    backupWriteBegin: record('backupWriteBegin', null),
    backupWriteChunk: record('backupWriteChunk', undefined),
    backupDeflate: record('backupDeflate', { crc: 0, data: new Uint8Array() }),
    backupWriteCommit: record('backupWriteCommit', { fileName: 'b.baluchon', size: 0, removed: [], sha256: '' }),
    backupWriteAbort: record('backupWriteAbort', undefined),
    backupOpen: record('backupOpen', null),
    backupReadChunk: record('backupReadChunk', new Uint8Array()),
    backupReadClose: record('backupReadClose', undefined),
    backupList: record('backupList', []),
    backupWriteRecord: record('backupWriteRecord', { fileName: 'b.record.md' }),
    importOpen: record('importOpen', null),
    importReadChunk: record('importReadChunk', new Uint8Array()),
    importClose: record('importClose', undefined),
    importFetchImage: record('importFetchImage', { url: 'https://example.org/a.png', mime: 'image/png', name: 'a.png', data: new Uint8Array() }),
    exportFilesBegin: record('exportFilesBegin', null),
    exportFilesWrite: record('exportFilesWrite', undefined),
    exportFilesCommit: record('exportFilesCommit', { path: '/tmp/x.zip', name: 'x.zip', files: 0, bytes: 0 }),
    exportFilesAbort: record('exportFilesAbort', undefined),
    portfolioPdfBegin: record('portfolioPdfBegin', null),
    portfolioPdfWrite: record('portfolioPdfWrite', undefined),
    portfolioPdfCommit: record('portfolioPdfCommit', { path: '/tmp/p.pdf', name: 'p.pdf', bytes: 0 }),
    portfolioPdfAbort: record('portfolioPdfAbort', undefined),
    publishingStorageStatus: record('publishingStorageStatus', { protection: 'os', backend: 'gnome_libsecret' }),
    publishingAccountSave: record('publishingAccountSave', {} as never),
    publishingAccountList: record('publishingAccountList', []),
    publishingAccountRemove: record('publishingAccountRemove', undefined),
    wordpressPublish: record('wordpressPublish', {} as never),
    wordpressRefresh: record('wordpressRefresh', { remoteId: 1, status: 'publish', link: '', dateGmt: null, modifiedGmt: null }),
    wordpressReschedule: record('wordpressReschedule', { remoteId: 1, status: 'future', link: '', dateGmt: null, modifiedGmt: null }),
    mastodonAccountSave: record('mastodonAccountSave', {} as never),
    mastodonAccountList: record('mastodonAccountList', []),
    mastodonAccountVerify: record('mastodonAccountVerify', {} as never),
    mastodonAccountRemove: record('mastodonAccountRemove', undefined),
    mastodonPostStatus: record('mastodonPostStatus', {} as never),
    mastodonReschedule: record('mastodonReschedule', { id: '1', scheduledAt: '' }),
    mastodonCancelScheduled: record('mastodonCancelScheduled', undefined),
    notificationShow: record('notificationShow', { shown: true }),
    notificationTakePending: record('notificationTakePending', { target: null }),
    ...overrides,
  }
  const logError = vi.fn()
  const dispatch = createDispatcher({ handlers, isTrustedSender: isTrusted, logError })
  return { dispatch, calls, logError }
}

describe('dispatcher', () => {
  it('runs the handler with the validated input and wraps its value', async () => {
    const { dispatch, calls } = setUp()
    await expect(dispatch('appInfo', undefined, APP)).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0', platform: 'linux', locale: 'fr-FR', dataPath: '/data' },
    })
    await expect(dispatch('setMenuLanguage', { language: 'fr' }, APP)).resolves.toEqual({ ok: true, value: undefined })
    expect(calls).toEqual([
      { channel: 'appInfo', input: undefined },
      { channel: 'setMenuLanguage', input: { language: 'fr' } },
    ])
  })

  it('hands handlers only the keys the contract knows', async () => {
    const { dispatch, calls } = setUp()
    await dispatch('openExternal', { url: 'https://example.org', extra: '<payload>' }, APP)
    expect(calls).toEqual([{ channel: 'openExternal', input: { url: 'https://example.org' } }])
  })

  const refused: { name: string; channel: string; input: unknown; sender?: string; code: string }[] = [
    { name: 'unknown channel', channel: 'deleteEverything', input: undefined, code: 'unknown-channel' },
    { name: 'inherited property name as channel', channel: 'constructor', input: undefined, code: 'unknown-channel' },
    { name: 'prefixed channel name', channel: 'baluchon:appInfo', input: undefined, code: 'unknown-channel' },
    { name: 'web page sender', channel: 'appInfo', input: undefined, sender: 'https://evil.example/', code: 'forbidden-sender' },
    { name: 'sibling folder sender', channel: 'appInfo', input: undefined, sender: 'file:///opt/baluchon/resources/app/out/renderer-evil/x.html', code: 'forbidden-sender' },
    { name: 'empty sender (no frame)', channel: 'appInfo', input: undefined, sender: '', code: 'forbidden-sender' },
    { name: 'missing input', channel: 'openExternal', input: undefined, code: 'invalid-input' },
    { name: 'wrong type', channel: 'openExternal', input: { url: 42 }, code: 'invalid-input' },
    { name: 'URL too long', channel: 'openExternal', input: { url: `https://x.org/${'a'.repeat(9000)}` }, code: 'invalid-input' },
    { name: 'non-http preview', channel: 'linkPreview', input: { url: 'file:///etc/passwd' }, code: 'invalid-input' },
    { name: 'unknown language', channel: 'setMenuLanguage', input: { language: 'de' }, code: 'invalid-input' },
    { name: 'argument to a call that takes none', channel: 'readyToClose', input: { now: true }, code: 'invalid-input' },
  ]
  it.each(refused)('refuses $name with $code, without running any handler', async ({ channel, input, sender, code }) => {
    const { dispatch, calls } = setUp()
    const result = await dispatch(channel, input, sender ?? APP)
    expect(result).toMatchObject({ ok: false, error: { code } })
    expect(calls).toEqual([])
  })

  it('does not echo rejected input values in the error', async () => {
    const { dispatch } = setUp()
    const result = await dispatch('setMenuLanguage', { language: 'secret-token-123' }, APP)
    expect(JSON.stringify(result)).not.toContain('secret-token-123')
  })

  it('turns an IpcFailure into a typed error with its detail', async () => {
    const { dispatch, logError } = setUp({
      linkPreview: () => {
        throw new IpcFailure('http-status', 'HTTP 404', { status: 404 })
      },
    })
    await expect(dispatch('linkPreview', { url: 'https://example.org/x' }, APP)).resolves.toEqual({
      ok: false,
      error: { code: 'http-status', message: 'HTTP 404', detail: { status: 404 } },
    })
    expect(logError).not.toHaveBeenCalled()
  })

  it('turns a rejected promise with an IpcFailure into a typed error too', async () => {
    const { dispatch } = setUp({ linkPreview: () => Promise.reject(new IpcFailure('timeout', 'slow')) })
    await expect(dispatch('linkPreview', { url: 'https://example.org/x' }, APP)).resolves.toEqual({
      ok: false,
      error: { code: 'timeout', message: 'slow' },
    })
  })

  const unexpected: { name: string; thrown: () => unknown }[] = [
    { name: 'an Error quoting the input', thrown: () => new Error('failed on https://example.org/?token=SECRET') },
    { name: 'the input itself', thrown: () => ({ url: 'https://example.org/?token=SECRET' }) },
    { name: 'a string with the input', thrown: () => 'token=SECRET' },
  ]
  it.each(unexpected)('reports an unexpected throw ($name) as internal, leaking no input', async ({ thrown }) => {
    const { dispatch, logError } = setUp({
      openExternal: () => {
        throw thrown()
      },
    })
    const result: IpcResult<unknown> = await dispatch('openExternal', { url: 'https://example.org/?token=SECRET' }, APP)
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error in openExternal' } })
    expect(logError).toHaveBeenCalledOnce()
    const [channel, logged] = logError.mock.calls[0]!
    expect(channel).toBe('openExternal')
    expect(logged).toBeInstanceOf(Error)
    // Only an Error's own message may mention something; a thrown non-Error is never logged as is.
    if (!(thrown() instanceof Error)) expect(String((logged as Error).message)).not.toContain('SECRET')
  })
})

describe('sender check', () => {
  const check = createSenderCheck(['file:///app/out/renderer/', 'http://localhost:5173'])
  it.each([
    ['file:///app/out/renderer/index.html', true],
    ['file:///app/out/renderer/index.html#/item/1', true],
    ['file:///app/out/renderer/sub/page.html', true],
    ['file:///app/out/renderer-evil/index.html', false],
    ['file:///app/out/index.html', false],
    ['file:///app/out/renderer/../../secrets.html', false],
    ['http://localhost:5173/', true],
    ['http://localhost:5173/src/index.html?x=1', true],
    ['http://localhost:5173.evil.test/', false],
    ['http://localhost:51730/', false],
    ['http://localhost:5173@evil.test/', false],
    ['http://user@localhost:5173/', false],
    ['https://localhost:5173/', false],
    ['http://127.0.0.1:5173/', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%j -> %s', (url, expected) => {
    expect(check(url)).toBe(expected)
  })
})

// The credential store: encrypted with safeStorage, refusing weak or no encryption unless allowed, atomic.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSecretStore, secretStorageStatus } from '../../../electron/main/secrets'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'

let dir: string
let filePath: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baluchon-secrets-'))
  filePath = join(dir, 'secrets.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const SECRET = 'abcd EFGH 1234 ijkl MNOP 5678'

describe('secretStorageStatus', () => {
  it.each([
    [{ backend: 'gnome_libsecret' }, { protection: 'os', backend: 'gnome_libsecret' }],
    [{ backend: 'kwallet6' }, { protection: 'os', backend: 'kwallet6' }],
    [{ backend: 'basic_text' }, { protection: 'weak', backend: 'basic_text' }],
    [{ backend: 'unknown', available: false }, { protection: 'plain', backend: 'unknown' }],
  ])('%j → %j', (options, expected) => {
    expect(secretStorageStatus(fakeSafeStorage(options))).toEqual(expected)
  })

  it('reports the keychain where Electron has no backend choice (macOS, Windows)', () => {
    const safeStorage = fakeSafeStorage()
    const { getSelectedStorageBackend: _, ...withoutBackend } = safeStorage
    expect(secretStorageStatus(withoutBackend)).toEqual({ protection: 'os', backend: 'keychain' })
  })
})

describe('createSecretStore', () => {
  it('stores encrypted, reads back, and the file never holds the secret as is', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), filePath })
    await expect(store.set('wordpress:a', SECRET)).resolves.toEqual({ stored: true, protection: 'os' })
    await expect(store.get('wordpress:a')).resolves.toEqual({ found: true, secret: SECRET, protection: 'os' })
    const text = await readFile(filePath, 'utf8')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'))
    expect(JSON.parse(text)).toMatchObject({ version: 1, secrets: { 'wordpress:a': { protection: 'os' } } })
    expect((await stat(filePath)).mode & 0o777).toBe(0o600)
    // No temporary file left behind.
    expect(await readdir(dir)).toEqual(['secrets.json'])
  })

  it('persists across instances (a restart)', async () => {
    const safeStorage = fakeSafeStorage()
    await createSecretStore({ safeStorage, filePath }).set('k', SECRET)
    await expect(createSecretStore({ safeStorage, filePath }).get('k')).resolves.toMatchObject({ found: true, secret: SECRET })
  })

  it('refuses basic_text without consent, with a typed reason, and writes nothing', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), filePath })
    await expect(store.set('k', SECRET)).resolves.toEqual({
      stored: false,
      reason: 'insecure-storage',
      status: { protection: 'weak', backend: 'basic_text' },
    })
    expect(await readdir(dir)).toEqual([])
    await expect(store.set('k', SECRET, { allowInsecure: true })).resolves.toEqual({ stored: true, protection: 'weak' })
    await expect(store.get('k')).resolves.toEqual({ found: true, secret: SECRET, protection: 'weak' })
  })

  it('refuses when encryption is unavailable, and stores as plain text only with consent', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage({ available: false, backend: 'unknown' }), filePath })
    await expect(store.set('k', SECRET)).resolves.toMatchObject({ stored: false, status: { protection: 'plain' } })
    await expect(store.set('k', SECRET, { allowInsecure: true })).resolves.toEqual({ stored: true, protection: 'plain' })
    await expect(store.get('k')).resolves.toEqual({ found: true, secret: SECRET, protection: 'plain' })
  })

  it('tells an undecryptable secret apart from a missing one', async () => {
    const safeStorage = fakeSafeStorage()
    const store = createSecretStore({ safeStorage, filePath })
    await store.set('k', SECRET)
    await expect(store.get('other')).resolves.toEqual({ found: false })
    safeStorage.corrupt = true
    await expect(store.get('k')).resolves.toEqual({ found: false, unreadable: true })
  })

  it('deletes one secret and keeps the others', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), filePath })
    await store.set('a', 'first')
    await store.set('b', 'second')
    await store.delete('a')
    await store.delete('missing')
    await expect(store.get('a')).resolves.toEqual({ found: false })
    await expect(store.get('b')).resolves.toMatchObject({ found: true, secret: 'second' })
  })

  it('concurrent saves all land (serialised read-modify-write)', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), filePath })
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `secret ${i}`)))
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(`k${i}`)))
    expect(results.map((r) => (r.found ? r.secret : null))).toEqual(Array.from({ length: 20 }, (_, i) => `secret ${i}`))
  })

  it('never overwrites a store it cannot read (a newer version)', async () => {
    await writeFile(filePath, JSON.stringify({ version: 2, secrets: {} }))
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), filePath })
    await expect(store.set('k', SECRET)).rejects.toThrow(/Unknown secret store format/)
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual({ version: 2, secrets: {} })
  })
})

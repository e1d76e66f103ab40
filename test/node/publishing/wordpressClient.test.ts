// The WordPress client's pieces that a real WordPress does not exercise on its own: URL rules, REST root forms,
// announced roots, file names, and the error mapping of odd answers (timeouts, redirects, HTML instead of JSON).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPublishingHandlers, unavailablePublishing } from '../../../electron/main/handlers/publishing'
import { announcedRoot, discoverRestRoot, isLoopbackHost, normaliseSiteUrl, verifyWordPressUser } from '../../../electron/main/publishing/wordpressDiscovery'
import { uploadFileName } from '../../../electron/main/publishing/wordpressPublish'
import { createWordPressRest, routeUrl, type Fetch } from '../../../electron/main/publishing/wordpressRest'
import { IpcFailure } from '../../../src/core/ipc/result'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'

/** A fetch answering from a table of "METHOD url" → response factory, recording what it was asked. */
function fakeFetch(routes: Record<string, (init?: RequestInit) => Response | Promise<Response>>) {
  const calls: { method: string; url: string; headers: Record<string, string> }[] = []
  const fetch: Fetch = async (url, init) => {
    const method = init?.method ?? 'GET'
    calls.push({ method, url, headers: Object.fromEntries(new Headers(init?.headers).entries()) })
    const route = routes[`${method} ${url}`]
    if (!route) return new Response('<h1>Not found</h1>', { status: 404, headers: { 'content-type': 'text/html' } })
    const response = await route(init)
    Object.defineProperty(response, 'url', { value: url })
    return response
  }
  return { fetch, calls }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

async function failure(promise: Promise<unknown>): Promise<IpcFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof IpcFailure) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('site URLs', () => {
  it.each([
    ['example.org', 'https://example.org/'],
    ['  https://Example.org/blog/  ', 'https://example.org/blog'],
    ['https://example.org/blog/?p=1#top', 'https://example.org/blog'],
    ['http://localhost:8080', 'http://localhost:8080/'],
    ['http://127.0.0.1:9000/wp', 'http://127.0.0.1:9000/wp'],
    ['http://[::1]:9000', 'http://[::1]:9000/'],
    ['http://blog.localhost', 'http://blog.localhost/'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseSiteUrl(input).toString()).toBe(expected)
  })

  it.each([
    ['http://example.org', 'insecure-url'],
    ['http://192.168.1.10', 'insecure-url'],
    ['http://127.0.0.1.example.org', 'insecure-url'],
    ['ftp://example.org', 'unsupported-url'],
    ['https://admin:secret@example.org', 'unsupported-url'],
    ['https://', 'unsupported-url'],
  ])('refuses %j (%s)', (input, code) => {
    expect(() => normaliseSiteUrl(input)).toThrow(expect.objectContaining({ code }))
  })

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', 'a.localhost'].every(isLoopbackHost)).toBe(true)
    expect(['example.org', '10.0.0.1', '::2', 'localhost.example.org', '128.0.0.1'].some(isLoopbackHost)).toBe(false)
  })
})

describe('routeUrl', () => {
  it('appends the route to a /wp-json/ root, with its query', () => {
    expect(routeUrl('https://example.org/blog/wp-json/', 'wp/v2/posts/12', { context: 'edit', skip: undefined })).toBe(
      'https://example.org/blog/wp-json/wp/v2/posts/12?context=edit',
    )
    expect(routeUrl('https://example.org/wp-json', '/wp/v2/users/me')).toBe('https://example.org/wp-json/wp/v2/users/me')
  })

  it('puts the route in rest_route for a ?rest_route= root', () => {
    expect(routeUrl('https://example.org/index.php?rest_route=/', 'wp/v2/tags', { search: 'Q&A', page: 2 })).toBe(
      'https://example.org/index.php?rest_route=%2Fwp%2Fv2%2Ftags&search=Q%26A&page=2',
    )
  })
})

describe('announcedRoot', () => {
  it('reads the Link header among others, resolved against the page', () => {
    const response = new Response('', { headers: { link: '<https://example.org/?p=1>; rel=shortlink, </wp-json/>; rel="https://api.w.org/"' } })
    Object.defineProperty(response, 'url', { value: 'https://example.org/' })
    expect(announcedRoot(response, '')).toBe('https://example.org/wp-json/')
  })

  it('falls back to the <link> in the head', () => {
    const response = new Response('')
    Object.defineProperty(response, 'url', { value: 'https://example.org/' })
    const html = `<head><link rel='https://api.w.org/' href='https://example.org/index.php?rest_route=/&amp;x=1' /></head>`
    expect(announcedRoot(response, html)).toBe('https://example.org/index.php?rest_route=/&x=1')
    expect(announcedRoot(response, '<link rel="stylesheet" href="a.css">')).toBeNull()
  })
})

describe('discovery', () => {
  it('accepts a REST index closed to visitors (a security plugin): the account may open it', async () => {
    const { fetch } = fakeFetch({ 'GET https://example.org/wp-json/': () => json({ code: 'rest_login_required', message: 'Log in' }, 401) })
    await expect(discoverRestRoot(fetch, new URL('https://example.org'))).resolves.toEqual({
      restRoot: 'https://example.org/wp-json/',
      siteName: '',
      applicationPasswords: true,
    })
  })

  it('reads the name, application passwords and WordPress address from the index', async () => {
    const { fetch } = fakeFetch({
      'GET https://example.org/wp-json/': () => json({ name: 'Blog', url: 'https://example.org/wp', namespaces: ['oembed/1.0', 'wp/v2'], authentication: [] }),
    })
    await expect(discoverRestRoot(fetch, new URL('https://example.org'))).resolves.toEqual({
      restRoot: 'https://example.org/wp-json/',
      siteName: 'Blog',
      applicationPasswords: false,
      wordpressUrl: 'https://example.org/wp',
    })
  })

  it('ignores a WordPress address on another origin (the password would go there)', async () => {
    const { fetch } = fakeFetch({ 'GET https://example.org/wp-json/': () => json({ name: 'Blog', url: 'https://elsewhere.example/wp', namespaces: ['wp/v2'] }) })
    expect(await discoverRestRoot(fetch, new URL('https://example.org'))).not.toHaveProperty('wordpressUrl')
  })

  it('refuses a redirect from https to plain http', async () => {
    const fetch: Fetch = async () => {
      const response = json({ namespaces: ['wp/v2'] })
      Object.defineProperty(response, 'url', { value: 'http://example.org/wp-json/' })
      return response
    }
    expect((await failure(discoverRestRoot(fetch, new URL('https://example.org')))).code).toBe('insecure-url')
  })

  it('a host that does not resolve is a network error', async () => {
    const fetch: Fetch = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })
    }
    const error = await failure(discoverRestRoot(fetch, new URL('https://nowhere.example')))
    expect(error).toMatchObject({ code: 'network', detail: { reason: 'host-not-found' } })
  })

  it('an index without application passwords explains a refused login', async () => {
    const { fetch } = fakeFetch({
      'GET https://example.org/wp-json/wp/v2/users/me?context=edit': () => json({ code: 'rest_not_logged_in' }, 401),
    })
    const error = await failure(
      verifyWordPressUser(fetch, { restRoot: 'https://example.org/wp-json/', username: 'me', applicationPassword: 'pw' }, { applicationPasswords: false }),
    )
    expect(error).toMatchObject({ code: 'auth', detail: { reason: 'application-passwords-unavailable' } })
  })

  it('users/me answered as anonymous (a cache) is checked like a refused login', async () => {
    const { fetch, calls } = fakeFetch({
      'GET https://example.org/wp-json/wp/v2/users/me?context=edit': () => json({ id: 0, name: '' }),
      'POST https://example.org/xmlrpc.php': () =>
        new Response('<?xml version="1.0"?><methodResponse><params><param><value><array><data></data></array></value></param></params></methodResponse>'),
    })
    const error = await failure(
      verifyWordPressUser(fetch, { restRoot: 'https://example.org/wp-json/', username: 'me', applicationPassword: 'pw' }, { siteUrl: 'https://example.org' }),
    )
    expect(error.code).toBe('auth-header-stripped')
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET https://example.org/wp-json/wp/v2/users/me?context=edit',
      'POST https://example.org/xmlrpc.php',
    ])
  })
})

describe('REST requests', () => {
  const credentials = { restRoot: 'https://example.org/wp-json/', username: 'me', applicationPassword: 'abcd efgh' }

  it('sends Basic credentials and JSON', async () => {
    const { fetch, calls } = fakeFetch({ 'POST https://example.org/wp-json/wp/v2/posts': () => json({ id: 3 }, 201) })
    const response = await createWordPressRest(fetch, credentials).request('wp/v2/posts', { method: 'POST', json: { title: 't' } })
    expect(response).toMatchObject({ status: 201, body: { id: 3 } })
    expect(calls[0]!.headers).toMatchObject({
      authorization: `Basic ${Buffer.from('me:abcd efgh').toString('base64')}`,
      'content-type': 'application/json',
    })
  })

  it.each([
    [401, { code: 'incorrect_password', message: 'Wrong' }, 'auth'],
    [401, { code: 'rest_not_logged_in' }, 'auth'],
    [403, { code: 'rest_cannot_create' }, 'permission-denied'],
    [404, { code: 'rest_no_route' }, 'no-rest-api'],
    [404, { code: 'rest_post_invalid_id' }, 'remote-error'],
    [500, { code: 'internal_server_error' }, 'remote-error'],
  ])('%i %j → %s, with the status and WordPress code', async (status, body, code) => {
    const { fetch } = fakeFetch({ 'GET https://example.org/wp-json/wp/v2/x': () => json(body, status) })
    const error = await failure(createWordPressRest(fetch, credentials).request('wp/v2/x'))
    expect(error).toMatchObject({ code, detail: { status, wpCode: body.code } })
  })

  it('never follows a redirect on a write', async () => {
    const { fetch } = fakeFetch({
      'POST https://example.org/wp-json/wp/v2/posts': () => new Response(null, { status: 301, headers: { location: 'https://www.example.org/wp-json/wp/v2/posts' } }),
    })
    const error = await failure(createWordPressRest(fetch, credentials).request('wp/v2/posts', { method: 'POST', json: {} }))
    expect(error).toMatchObject({ code: 'remote-error', detail: { status: 301, reason: 'redirected' } })
  })

  it('an HTML page where JSON was expected is a remote error', async () => {
    const { fetch } = fakeFetch({ 'GET https://example.org/wp-json/wp/v2/x': () => new Response('<html>Maintenance</html>', { status: 200 }) })
    const error = await failure(createWordPressRest(fetch, credentials).request('wp/v2/x'))
    expect(error).toMatchObject({ code: 'remote-error', detail: { reason: 'not-json' } })
  })

  it('tolerates a PHP notice printed before the JSON', async () => {
    const { fetch } = fakeFetch({ 'GET https://example.org/wp-json/wp/v2/x': () => new Response('Notice: something\n{"ok":true}', { status: 200 }) })
    await expect(createWordPressRest(fetch, credentials).request('wp/v2/x')).resolves.toMatchObject({ body: { ok: true } })
  })

  it('a site that never answers times out', async () => {
    const fetch: Fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
    const error = await failure(createWordPressRest(fetch, credentials).request('wp/v2/x', { timeoutMs: 50 }))
    expect(error.code).toBe('timeout')
  })
})

describe('uploadFileName', () => {
  it.each([
    ['Carré rouge.png', 'image/png', 'Carre-rouge.png'],
    ['photo.JPG', 'image/jpeg', 'photo.jpg'],
    ['schéma "final"; v2.webp', 'image/webp', 'schema-final-v2.webp'],
    ['日本.png', 'image/png', 'image.png'],
    ['no extension', 'image/gif', 'no-extension.gif'],
  ])('%j (%s) → %s', (name, mime, expected) => {
    expect(uploadFileName(name, mime)).toBe(expected)
  })

  it('ends with the digest of the bytes when given one', () => {
    expect(uploadFileName('Carré.png', 'image/png', '0123456789ab')).toBe('Carre-0123456789ab.png')
  })
})

describe('publishing handlers without a usable secret', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('a secret the keychain can no longer decrypt asks for the password again', async () => {
    dir = await mkdtemp(join(tmpdir(), 'baluchon-publishing-unit-'))
    const safeStorage = fakeSafeStorage()
    const { fetch } = fakeFetch({
      'GET https://example.org/wp-json/': () => json({ name: 'Blog', namespaces: ['wp/v2'], authentication: { 'application-passwords': {} } }),
      'GET https://example.org/wp-json/wp/v2/users/me?context=edit': () => json({ id: 7, name: 'Me', capabilities: { publish_posts: true } }),
      'GET https://example.org/wp-json/wp/v2/posts/5?context=edit': () => json({ id: 5, status: 'publish', link: 'https://example.org/p', date_gmt: '2030-01-01T00:00:00', modified_gmt: null }),
    })
    const handlers = createPublishingHandlers({ safeStorage, dataDir: dir, fetch, now: () => Date.UTC(2029, 0, 1) })
    const account = await handlers.publishingAccountSave({ kind: 'wordpress', siteUrl: 'example.org', username: 'me', applicationPassword: 'abcd efgh ijkl' })
    expect(account).toMatchObject({ siteUrl: 'https://example.org', siteName: 'Blog', displayName: 'Me', canPublish: true, verifiedAt: '2029-01-01T00:00:00.000Z' })
    await expect(handlers.wordpressRefresh({ accountId: account.id, remoteId: 5 })).resolves.toMatchObject({ status: 'publish', dateGmt: '2030-01-01T00:00:00.000Z' })
    safeStorage.corrupt = true
    const error = await failure(Promise.resolve(handlers.wordpressRefresh({ accountId: account.id, remoteId: 5 })))
    expect(error).toMatchObject({ code: 'secret-unreadable', detail: { accountId: account.id } })
  })

  it('a process without publishing deps says so instead of pretending', async () => {
    const handlers = unavailablePublishing()
    expect(await handlers.publishingAccountList(undefined)).toEqual([])
    expect(() => handlers.wordpressPublish({} as never)).toThrow(expect.objectContaining({ code: 'internal' }))
  })
})

// The link preview fetcher against a real HTTP server on 127.0.0.1 (see test/e2e/fakeWeb.ts): the SSRF
// rules see the addresses the fake DNS declares, the bytes flow over loopback.
import type { ServerResponse } from 'node:http'
import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLinkPreview, LINK_PREVIEW_LIMITS, type LinkPreviewDeps } from '../../../electron/main/handlers/linkPreview'
import type { LinkPreview } from '../../../src/core/ipc/contract'
import { IpcFailure, type IpcErrorCode } from '../../../src/core/ipc/result'
import { FAKE_PUBLIC_ADDRESS, startFakeWeb, type FakeAnswer, type FakeWeb } from '../../e2e/fakeWeb'

const html = (head: string, body = '<p>Hello</p>'): FakeAnswer => ({
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html><html><head>${head}</head><body>${body}</body></html>`,
})
const bytes = (contentType: string | null, body: Uint8Array): FakeAnswer => ({
  headers: contentType ? { 'content-type': contentType } : {},
  body,
})
const redirect = (status: number, location: string): FakeAnswer => ({ status, headers: { location } })
const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1')

let web: FakeWeb
beforeEach(async () => {
  web = await startFakeWeb()
})
afterEach(async () => {
  await web.close()
})

function preview(url: string, deps: Partial<LinkPreviewDeps> = {}): Promise<LinkPreview> {
  return createLinkPreview({ ...web.deps, ...deps })({ url })
}

async function failure(promise: Promise<unknown>): Promise<IpcFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof IpcFailure) return error
    throw error
  }
  throw new Error('expected the preview to fail')
}

interface Setup {
  routes?: Record<string, FakeAnswer>
  hosts?: Record<string, string[]>
  deps?: Partial<LinkPreviewDeps>
}
function setUp({ routes = {}, hosts = {} }: Setup): void {
  for (const [url, answer] of Object.entries(routes)) web.route(url, answer)
  for (const [host, addresses] of Object.entries(hosts)) web.host(host, addresses)
}

describe('link preview: pages that give a preview', () => {
  const cases: (Setup & { name: string; url: string; expected: LinkPreview })[] = [
    {
      name: 'Open Graph tags win over <title> and meta description',
      url: 'https://blog.example.test/posts/hello',
      routes: {
        'https://blog.example.test/posts/hello': html(
          '<title>Hello | Blog</title><meta name="description" content="plain">' +
            '<meta property="og:title" content="Hello"><meta property="og:description" content="The og one">' +
            '<meta property="og:site_name" content="My Blog">',
        ),
      },
      expected: { url: 'https://blog.example.test/posts/hello', title: 'Hello', description: 'The og one', siteName: 'My Blog' },
    },
    {
      name: 'Twitter tags when there is no Open Graph',
      url: 'https://blog.example.test/t',
      routes: {
        'https://blog.example.test/t': html(
          '<title>Doc title</title><meta name="twitter:title" content="Card title"><meta name="twitter:description" content="Card text">',
        ),
      },
      expected: { url: 'https://blog.example.test/t', title: 'Card title', description: 'Card text', siteName: 'blog.example.test' },
    },
    {
      name: '<title>, meta description, application-name, and the host without www as site name fallback',
      url: 'https://www.example.test/',
      routes: {
        'https://www.example.test/': html('<title>  Plain\n\t page  </title><META NAME="Description" CONTENT="Described">'),
      },
      expected: { url: 'https://www.example.test/', title: 'Plain page', description: 'Described', siteName: 'example.test' },
    },
    {
      name: 'HTML entities in text and attributes are decoded',
      url: 'https://blog.example.test/entities',
      routes: {
        'https://blog.example.test/entities': html(
          '<title>Caf&eacute; &amp; Th&#xE9; &#8212; &quot;ok&quot; &lt;b&gt;</title>' +
            '<meta name="description" content="Fish &amp; chips &#x2014; &apos;yes&apos; &nbsp;now">' +
            '<meta property="og:site_name" content="L&#39;atelier">',
        ),
      },
      expected: {
        url: 'https://blog.example.test/entities',
        title: 'Café & Thé — "ok" <b>',
        description: "Fish & chips — 'yes' now",
        siteName: "L'atelier",
      },
    },
    {
      name: 'latin1 page declared in Content-Type',
      url: 'https://vieux.example.test/',
      routes: {
        'https://vieux.example.test/': bytes(
          'text/html; charset=ISO-8859-1',
          latin1('<html><head><title>Été à Noël</title><meta name="description" content="Crème brûlée"></head>'),
        ),
      },
      expected: { url: 'https://vieux.example.test/', title: 'Été à Noël', description: 'Crème brûlée', siteName: 'vieux.example.test' },
    },
    {
      name: 'windows-1252 page declared only in <meta charset> (curly quote and euro sign)',
      url: 'https://vieux.example.test/prix',
      routes: {
        'https://vieux.example.test/prix': bytes(
          'text/html',
          latin1('<html><head><meta charset="windows-1252"><title>L\x92offre \x80 9</title></head>'),
        ),
      },
      expected: { url: 'https://vieux.example.test/prix', title: 'L’offre € 9', description: '', siteName: 'vieux.example.test' },
    },
    {
      name: 'charset in <meta http-equiv="Content-Type">',
      url: 'https://vieux.example.test/equiv',
      routes: {
        'https://vieux.example.test/equiv': bytes(
          'text/html',
          latin1('<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Noël</title></head>'),
        ),
      },
      expected: { url: 'https://vieux.example.test/equiv', title: 'Noël', description: '', siteName: 'vieux.example.test' },
    },
    {
      name: 'undeclared UTF-8 is read as UTF-8',
      url: 'https://blog.example.test/utf8',
      routes: { 'https://blog.example.test/utf8': bytes('text/html', Buffer.from('<head><title>Résumé 日本</title></head>', 'utf8')) },
      expected: { url: 'https://blog.example.test/utf8', title: 'Résumé 日本', description: '', siteName: 'blog.example.test' },
    },
    {
      name: 'undeclared legacy bytes fall back to windows-1252',
      url: 'https://vieux.example.test/legacy',
      routes: { 'https://vieux.example.test/legacy': bytes('text/html', latin1('<head><title>Déjà vu</title></head>')) },
      expected: { url: 'https://vieux.example.test/legacy', title: 'Déjà vu', description: '', siteName: 'vieux.example.test' },
    },
    {
      name: 'a UTF-8 byte order mark wins over a wrong header',
      url: 'https://blog.example.test/bom',
      routes: {
        'https://blog.example.test/bom': bytes(
          'text/html; charset=iso-8859-1',
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<head><title>Señor</title></head>', 'utf8')]),
        ),
      },
      expected: { url: 'https://blog.example.test/bom', title: 'Señor', description: '', siteName: 'blog.example.test' },
    },
    {
      name: 'missing title: the last path segment, decoded',
      url: 'https://blog.example.test/posts/mon%20article',
      routes: { 'https://blog.example.test/posts/mon%20article': html('<meta name="description" content="No title here">') },
      expected: {
        url: 'https://blog.example.test/posts/mon%20article',
        title: 'mon article',
        description: 'No title here',
        siteName: 'blog.example.test',
      },
    },
    {
      name: 'missing title at the root: the host name',
      url: 'https://www.bare.example.test/',
      routes: { 'https://www.bare.example.test/': html('') },
      expected: { url: 'https://www.bare.example.test/', title: 'bare.example.test', description: '', siteName: 'bare.example.test' },
    },
    {
      name: 'a <title> inside inline SVG is not the page title; the first <title> wins',
      url: 'https://blog.example.test/svg',
      routes: {
        'https://blog.example.test/svg': html('<svg><title>Logo</title></svg><title>Real</title><title>Second</title>'),
      },
      expected: { url: 'https://blog.example.test/svg', title: 'Real', description: '', siteName: 'blog.example.test' },
    },
    {
      name: 'a response without Content-Type that starts like HTML',
      url: 'https://blog.example.test/untyped',
      routes: { 'https://blog.example.test/untyped': bytes(null, Buffer.from('<!DOCTYPE html><title>Untyped</title>')) },
      expected: { url: 'https://blog.example.test/untyped', title: 'Untyped', description: '', siteName: 'blog.example.test' },
    },
    {
      name: 'XHTML',
      url: 'https://blog.example.test/x',
      routes: { 'https://blog.example.test/x': bytes('application/xhtml+xml', Buffer.from('<html><head><title>X</title></head></html>')) },
      expected: { url: 'https://blog.example.test/x', title: 'X', description: '', siteName: 'blog.example.test' },
    },
    {
      name: 'redirects (absolute, relative, every redirect status) are followed to the final URL, keeping the fragment',
      url: 'http://short.example.test/a#part',
      routes: {
        'http://short.example.test/a': redirect(301, 'https://blog.example.test/b'),
        'https://blog.example.test/b': redirect(302, '/c?x=1'),
        'https://blog.example.test/c?x=1': redirect(303, 'd'),
        'https://blog.example.test/d': redirect(307, 'https://www.example.test/e'),
        'https://www.example.test/e': redirect(308, '//blog.example.test/final'),
        'https://blog.example.test/final': html('<title>Arrived</title>'),
      },
      expected: { url: 'https://blog.example.test/final#part', title: 'Arrived', description: '', siteName: 'blog.example.test' },
    },
    {
      name: 'a public IP literal is fetched without asking DNS',
      url: `http://${FAKE_PUBLIC_ADDRESS}/page`,
      routes: { [`http://${FAKE_PUBLIC_ADDRESS}/page`]: html('<title>By address</title>') },
      expected: { url: `http://${FAKE_PUBLIC_ADDRESS}/page`, title: 'By address', description: '', siteName: FAKE_PUBLIC_ADDRESS },
    },
    {
      name: 'user name and password are neither sent nor returned',
      url: 'https://me:secret@blog.example.test/private',
      routes: { 'https://blog.example.test/private': html('<title>Members</title>') },
      expected: { url: 'https://blog.example.test/private', title: 'Members', description: '', siteName: 'blog.example.test' },
    },
    {
      name: 'very long and multi-line texts are collapsed and cut with an ellipsis',
      url: 'https://blog.example.test/long',
      routes: { 'https://blog.example.test/long': html(`<title>${'word\n'.repeat(200)}</title>`) },
      expected: {
        url: 'https://blog.example.test/long',
        title: `${'word '.repeat(60).trim()}…`,
        description: '',
        siteName: 'blog.example.test',
      },
    },
  ]

  it.each(cases)('$name', async ({ url, expected, ...setup }) => {
    setUp(setup)
    await expect(preview(url, setup.deps)).resolves.toEqual(expected)
  })

  it('follows exactly the maximum number of redirects', async () => {
    const max = LINK_PREVIEW_LIMITS.maxRedirects
    for (let i = 0; i < max; i++) web.route(`https://hops.example.test/${i}`, redirect(302, `/${i + 1}`))
    web.route(`https://hops.example.test/${max}`, html('<title>End of the chain</title>'))
    await expect(preview('https://hops.example.test/0')).resolves.toMatchObject({ title: 'End of the chain' })
  })
})

describe('link preview: failures are typed', () => {
  const cases: (Setup & { name: string; url: string; code: IpcErrorCode; detail?: Record<string, string | number> })[] = [
    { name: 'ftp: URL', url: 'ftp://files.example.test/a', code: 'unsupported-url' },
    { name: 'javascript: URL', url: 'javascript:alert(1)', code: 'unsupported-url' },
    { name: 'not a URL', url: 'blog example', code: 'unsupported-url' },
    {
      name: 'redirect to file:',
      url: 'https://blog.example.test/to-file',
      routes: { 'https://blog.example.test/to-file': redirect(302, 'file:///etc/passwd') },
      code: 'unsupported-url',
    },
    { name: 'loopback IPv4 literal', url: 'http://127.0.0.1/', code: 'blocked-address' },
    { name: 'loopback in decimal (normalised by the URL parser)', url: 'http://2130706433/', code: 'blocked-address' },
    { name: 'loopback in hex parts', url: 'http://0x7f.1/', code: 'blocked-address' },
    { name: 'loopback IPv6 literal', url: 'http://[::1]:8080/', code: 'blocked-address' },
    { name: 'IPv4-mapped IPv6 loopback', url: 'http://[::ffff:127.0.0.1]/', code: 'blocked-address' },
    { name: 'cloud metadata (link-local)', url: 'http://169.254.169.254/latest/meta-data/', code: 'blocked-address' },
    { name: 'localhost by name', url: 'http://localhost:3000/', code: 'blocked-address', detail: { host: 'localhost' } },
    { name: 'a .local name', url: 'http://printer.local/', code: 'blocked-address' },
    {
      name: 'a name resolving to a private address',
      url: 'https://intranet.example.test/',
      hosts: { 'intranet.example.test': ['10.0.0.5'] },
      code: 'blocked-address',
      detail: { host: 'intranet.example.test' },
    },
    {
      name: 'a name resolving to one public and one private address',
      url: 'https://mixed.example.test/',
      hosts: { 'mixed.example.test': [FAKE_PUBLIC_ADDRESS, '192.168.1.1'] },
      code: 'blocked-address',
    },
    {
      name: 'a name resolving to loopback spelled out in full IPv6',
      url: 'https://sneaky.example.test/',
      hosts: { 'sneaky.example.test': ['2001:db8::1', '0:0:0:0:0:0:0:1'] },
      code: 'blocked-address',
    },
    {
      name: 'a name resolving to CGNAT space',
      url: 'https://cgnat.example.test/',
      hosts: { 'cgnat.example.test': ['100.64.12.1'] },
      code: 'blocked-address',
    },
    {
      name: 'redirect to a private host',
      url: 'https://blog.example.test/jump',
      routes: { 'https://blog.example.test/jump': redirect(302, 'http://router.example.test/admin') },
      hosts: { 'router.example.test': ['192.168.0.1'] },
      code: 'blocked-address',
      detail: { host: 'router.example.test' },
    },
    {
      name: 'redirect to a loopback IP literal',
      url: 'https://blog.example.test/jump-ip',
      routes: { 'https://blog.example.test/jump-ip': redirect(307, 'http://127.0.0.1:9/') },
      code: 'blocked-address',
    },
    {
      name: '404',
      url: 'https://blog.example.test/missing',
      routes: { 'https://blog.example.test/missing': { status: 404, body: 'nope' } },
      code: 'http-status',
      detail: { status: 404 },
    },
    {
      name: '500',
      url: 'https://blog.example.test/broken',
      routes: { 'https://blog.example.test/broken': { status: 500 } },
      code: 'http-status',
      detail: { status: 500 },
    },
    {
      name: 'a redirect without Location',
      url: 'https://blog.example.test/nowhere',
      routes: { 'https://blog.example.test/nowhere': { status: 302 } },
      code: 'http-status',
      detail: { status: 302 },
    },
    {
      name: 'a PDF: not-html, with its decoded file name to use as a title',
      url: 'https://docs.example.test/files/Annual%20report%202024.pdf',
      routes: { 'https://docs.example.test/files/Annual%20report%202024.pdf': bytes('application/pdf', Buffer.from('%PDF-1.7')) },
      code: 'not-html',
      detail: {
        contentType: 'application/pdf',
        fileName: 'Annual report 2024.pdf',
        url: 'https://docs.example.test/files/Annual%20report%202024.pdf',
      },
    },
    {
      name: 'an image at a site root: not-html, named after the host',
      url: 'https://img.example.test/',
      routes: { 'https://img.example.test/': bytes('image/png; foo=bar', Buffer.from([0x89, 0x50, 0x4e, 0x47])) },
      code: 'not-html',
      detail: { contentType: 'image/png', fileName: 'img.example.test', url: 'https://img.example.test/' },
    },
    {
      name: 'untyped binary content',
      url: 'https://files.example.test/blob',
      routes: { 'https://files.example.test/blob': bytes(null, Buffer.from([0, 1, 2, 3, 255])) },
      code: 'not-html',
      detail: { contentType: '', fileName: 'blob', url: 'https://files.example.test/blob' },
    },
    {
      name: 'an unknown host while online',
      url: 'https://no-such-host.example.test/',
      code: 'network',
      detail: { reason: 'host-not-found' },
    },
    {
      name: 'a host without any address',
      url: 'https://empty.example.test/',
      hosts: { 'empty.example.test': [] },
      code: 'network',
      detail: { reason: 'host-not-found', host: 'empty.example.test' },
    },
    {
      name: 'the computer is offline (nothing is requested)',
      url: 'https://blog.example.test/',
      routes: { 'https://blog.example.test/': html('<title>x</title>') },
      deps: { isOnline: () => false },
      code: 'offline',
    },
    {
      name: 'name resolution fails for want of a network',
      url: 'https://blog.example.test/',
      deps: {
        resolveHost: () => Promise.reject(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' })),
      },
      code: 'offline',
    },
    {
      name: 'the network is gone by the time the name does not resolve',
      url: 'https://blog.example.test/',
      deps: (() => {
        let calls = 0
        return { isOnline: () => calls++ === 0 }
      })(),
      code: 'offline',
    },
    {
      name: 'a Chromium network error for a dropped connection',
      url: 'https://blog.example.test/',
      routes: { 'https://blog.example.test/': html('<title>x</title>') },
      deps: { fetch: () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')) },
      code: 'offline',
    },
    {
      name: 'a Chromium connection timeout',
      url: 'https://blog.example.test/',
      routes: { 'https://blog.example.test/': html('<title>x</title>') },
      deps: { fetch: () => Promise.reject(new Error('net::ERR_CONNECTION_TIMED_OUT')) },
      code: 'timeout',
    },
  ]

  it.each(cases)('$name -> $code', async ({ url, code, detail, ...setup }) => {
    setUp(setup)
    const error = await failure(preview(url, setup.deps))
    expect(error.code).toBe(code)
    if (detail) expect(error.detail).toEqual(detail)
  })

  it('refuses more redirects than the maximum', async () => {
    const max = LINK_PREVIEW_LIMITS.maxRedirects
    for (let i = 0; i <= max; i++) web.route(`https://hops.example.test/${i}`, redirect(301, `/${i + 1}`))
    web.route(`https://hops.example.test/${max + 1}`, html('<title>Too far</title>'))
    const error = await failure(preview('https://hops.example.test/0'))
    expect(error).toMatchObject({ code: 'network', detail: { reason: 'too-many-redirects' } })
    expect(web.requests).toHaveLength(max + 1)
  })

  it('never requests a redirect target on a private network', async () => {
    web.route('https://blog.example.test/jump', redirect(302, 'http://router.example.test/admin'))
    web.route('http://router.example.test/admin', html('<title>Router admin</title>'))
    web.host('router.example.test', ['192.168.0.1'])
    await expect(failure(preview('https://blog.example.test/jump'))).resolves.toMatchObject({ code: 'blocked-address' })
    expect(web.requests).toEqual(['https://blog.example.test/jump'])
  })

  it('reports a refused connection as a network failure', async () => {
    const closedPort = await freePort()
    web.host('blog.example.test', [FAKE_PUBLIC_ADDRESS])
    const error = await failure(
      preview('https://blog.example.test/', { fetch: (_url, init) => fetch(`http://127.0.0.1:${closedPort}/`, init) }),
    )
    expect(error).toMatchObject({ code: 'network', detail: { reason: 'connection-failed' } })
  })
})

describe('link preview: time and size limits', () => {
  it('times out when the server never answers', async () => {
    web.route('https://slow.example.test/', () => {
      // never answers
    })
    const started = Date.now()
    const error = await failure(preview('https://slow.example.test/', { timeoutMs: 300 }))
    expect(error.code).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(LINK_PREVIEW_LIMITS.timeoutMs)
  })

  it('times out when the body trickles in without ever ending the head', async () => {
    web.route('https://slow.example.test/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.write('<html><head><title>Drip</title>')
      const timer = setInterval(() => res.write('<meta name="x" content="y">'), 20)
      res.on('close', () => clearInterval(timer))
    })
    const error = await failure(preview('https://slow.example.test/drip', { timeoutMs: 300 }))
    expect(error.code).toBe('timeout')
  })

  it('times out when DNS hangs', async () => {
    const error = await failure(
      preview('https://blog.example.test/', { timeoutMs: 200, resolveHost: () => new Promise<string[]>(() => undefined) }),
    )
    expect(error.code).toBe('timeout')
  })

  it('stops downloading a huge page right after its head', async () => {
    const sent = streamForever('https://huge.example.test/', '<html><head><title>Huge</title></head><body>', '<p>lorem ipsum</p>')
    await expect(preview('https://huge.example.test/')).resolves.toMatchObject({ title: 'Huge' })
    await expect(sent.closed).resolves.toBeUndefined()
    expect(sent.finished).toBe(false)
    expect(sent.bytes).toBeLessThan(32 * 1024 * 1024)
  })

  it('reads at most maxBytes of a head that never ends, and still uses the title it found', async () => {
    const sent = streamForever('https://huge.example.test/head', '<html><head><title>Endless head</title>', '<meta name="x" content="y">')
    await expect(preview('https://huge.example.test/head')).resolves.toMatchObject({ title: 'Endless head' })
    await sent.closed
    expect(sent.finished).toBe(false)
    expect(sent.bytes).toBeLessThan(32 * 1024 * 1024)
  })

  it('gives up with too-large when the capped bytes hold no title', async () => {
    streamForever('https://huge.example.test/junk', '<html><head>', '<meta name="x" content="y">')
    const error = await failure(preview('https://huge.example.test/junk', { maxBytes: 64 * 1024 }))
    expect(error).toMatchObject({ code: 'too-large', detail: { maxBytes: 64 * 1024 } })
  })
})

/**
 * Serves `start`, then `filler` repeated up to 64 MiB, honouring back-pressure, and records whether the
 * client hung up before the end: the proof that the fetcher stopped reading.
 */
function streamForever(url: string, start: string, filler: string): { bytes: number; finished: boolean; closed: Promise<void> } {
  const limit = 64 * 1024 * 1024
  const chunk = Buffer.from(filler.repeat(Math.ceil(16_384 / filler.length)))
  let resolveClosed: () => void = () => undefined
  const state = { bytes: 0, finished: false, closed: new Promise<void>((resolve) => (resolveClosed = resolve)) }
  web.route(url, (_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.write(start)
    const pump = (): void => {
      while (!res.destroyed && state.bytes < limit) {
        state.bytes += chunk.length
        if (!res.write(chunk)) {
          res.once('drain', pump)
          return
        }
      }
      if (!res.destroyed) {
        state.finished = true
        res.end()
      }
    }
    res.on('close', resolveClosed)
    pump()
  })
  return state
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

// Images of imported posts, downloaded by main: the link preview's address rules, a size cap, and a type
// check on the bytes themselves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createImageDownload, sniffImageType } from '../../../electron/main/handlers/importMedia'
import { IpcFailure } from '../../../src/core/ipc/result'
import { startFakeWeb, type FakeWeb } from '../../e2e/fakeWeb'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])

let web: FakeWeb
beforeEach(async () => {
  web = await startFakeWeb()
})
afterEach(async () => web.close())

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(IpcFailure)
  return (error as IpcFailure).code
}

describe('image download', () => {
  it('downloads an image, following a redirect, with its type from its bytes', async () => {
    web.route('https://blog.example.test/wp-content/uploads/photo.png', { headers: { 'content-type': 'image/png' }, body: PNG })
    web.route('https://blog.example.test/old.png', { status: 301, headers: { location: '/wp-content/uploads/photo.png' } })
    const image = await createImageDownload(web.deps)({ url: 'https://blog.example.test/old.png' })
    expect(image).toMatchObject({ url: 'https://blog.example.test/wp-content/uploads/photo.png', mime: 'image/png', name: 'photo.png' })
    expect([...image.data]).toEqual([...PNG])
  })

  it('trusts the bytes over the header: a JPEG served as PNG is a JPEG', async () => {
    web.route('https://blog.example.test/a.png', { headers: { 'content-type': 'image/png' }, body: JPEG })
    expect((await createImageDownload(web.deps)({ url: 'https://blog.example.test/a.png' })).mime).toBe('image/jpeg')
  })

  it.each([
    ['an HTML page', { headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' }, 'unsupported-url'],
    ['an SVG (can carry scripts)', { headers: { 'content-type': 'image/svg+xml' }, body: '<svg/>' }, 'unsupported-url'],
    ['bytes that are not an image', { headers: { 'content-type': 'image/png' }, body: 'GIF? no, text' }, 'unsupported-url'],
    ['a 404', { status: 404, headers: { 'content-type': 'text/html' }, body: '' }, 'http-status'],
  ] as const)('refuses %s', async (_name, answer, expected) => {
    web.route('https://blog.example.test/x', answer)
    expect(await code(createImageDownload(web.deps)({ url: 'https://blog.example.test/x' }))).toBe(expected)
  })

  it('refuses an image over the cap, announced or not', async () => {
    const big = new Uint8Array(5000)
    big.set(PNG)
    web.route('https://blog.example.test/big.png', { headers: { 'content-type': 'image/png' }, body: big })
    web.route('https://blog.example.test/chunked.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(big)
      res.end(big)
    })
    const download = createImageDownload({ ...web.deps, maxImageBytes: 4096 })
    expect(await code(download({ url: 'https://blog.example.test/big.png' }))).toBe('too-large')
    expect(await code(download({ url: 'https://blog.example.test/chunked.png' }))).toBe('too-large')
  })

  it('never reaches a private address, even through a redirect; offline says so', async () => {
    web.host('intranet.example.test', ['10.0.0.5'])
    web.route('https://blog.example.test/r.png', { status: 302, headers: { location: 'http://intranet.example.test/a.png' } })
    const download = createImageDownload(web.deps)
    expect(await code(download({ url: 'http://127.0.0.1/a.png' }))).toBe('blocked-address')
    expect(await code(download({ url: 'https://blog.example.test/r.png' }))).toBe('blocked-address')
    expect(web.requests).toEqual(['https://blog.example.test/r.png'])
    web.setOnline(false)
    expect(await code(download({ url: 'https://blog.example.test/r.png' }))).toBe('offline')
  })

  it('gives up after its time budget', async () => {
    web.route('https://blog.example.test/slow.png', () => undefined)
    expect(await code(createImageDownload({ ...web.deps, imageTimeoutMs: 200 })({ url: 'https://blog.example.test/slow.png' }))).toBe('timeout')
  })
})

describe('sniffImageType', () => {
  it('knows the stored raster types and nothing else', () => {
    expect(sniffImageType(PNG)).toBe('image/png')
    expect(sniffImageType(JPEG)).toBe('image/jpeg')
    expect(sniffImageType(new TextEncoder().encode('GIF89a..'))).toBe('image/gif')
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp')
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffImageType(new Uint8Array(0))).toBeNull()
  })
})

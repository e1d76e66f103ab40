// The app's fetch for link previews, over a fake of Electron's net.request (no Electron in tests).
import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createNetRequestFetch, type NetRequest } from '../../../electron/main/linkPreview/netRequestFetch'

class FakeRequest extends EventEmitter {
  readonly headers: Record<string, string> = {}
  ended = false
  aborted = false
  constructor(readonly options: Record<string, unknown>) {
    super()
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value
  }
  end(): void {
    this.ended = true
  }
  abort(): void {
    this.aborted = true
  }
}

function incoming(statusCode: number, headers: Record<string, string | string[]>, chunks: string[]): Readable {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { statusCode, statusMessage: 'Status', headers })
}

function setUp(): { fetch: ReturnType<typeof createNetRequestFetch>; requests: FakeRequest[] } {
  const requests: FakeRequest[] = []
  const fetch = createNetRequestFetch((options) => {
    const request = new FakeRequest(options as Record<string, unknown>)
    requests.push(request)
    return request as unknown as NetRequest
  })
  return { fetch, requests }
}

const init = (signal = new AbortController().signal) => ({ redirect: 'manual' as const, signal, headers: { accept: 'text/html' } })

describe('net.request fetch', () => {
  it('asks for an anonymous GET without following redirects, with the given headers', async () => {
    const { fetch, requests } = setUp()
    const pending = fetch('https://example.org/a', init())
    const request = requests[0]!
    expect(request.options).toMatchObject({
      method: 'GET',
      url: 'https://example.org/a',
      redirect: 'manual',
      credentials: 'omit',
      useSessionCookies: false,
    })
    expect(request.headers).toEqual({ accept: 'text/html' })
    expect(request.ended).toBe(true)
    request.emit('response', incoming(200, { 'content-type': 'text/html', 'set-cookie': ['a=1', 'b=2'] }, ['<title>', 'Hi</title>']))
    const response = await pending
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html')
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2')
    expect(await response.text()).toBe('<title>Hi</title>')
  })

  it('turns a redirect into a 3xx response with its Location, and stops the request', async () => {
    const { fetch, requests } = setUp()
    const pending = fetch('https://example.org/a', init())
    requests[0]!.emit('redirect', 301, 'GET', 'https://example.org/b', { location: ['/b'] })
    const response = await pending
    expect(response.status).toBe(301)
    expect(response.headers.get('location')).toBe('https://example.org/b')
    expect(requests[0]!.aborted).toBe(true)
  })

  it('rejects with the network error', async () => {
    const { fetch, requests } = setUp()
    const pending = fetch('https://example.org/a', init())
    requests[0]!.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'))
    await expect(pending).rejects.toThrow('ERR_NAME_NOT_RESOLVED')
  })

  it('aborts the request when the signal fires', async () => {
    const { fetch, requests } = setUp()
    const controller = new AbortController()
    const pending = fetch('https://example.org/a', init(controller.signal))
    controller.abort(new Error('too slow'))
    await expect(pending).rejects.toThrow('too slow')
    expect(requests[0]!.aborted).toBe(true)
  })

  it('does not even start when the signal has already fired', async () => {
    const { fetch, requests } = setUp()
    await expect(fetch('https://example.org/a', init(AbortSignal.abort(new Error('late'))))).rejects.toThrow('late')
    expect(requests).toHaveLength(0)
  })

  it('stops the download when the body is cancelled', async () => {
    const { fetch, requests } = setUp()
    const pending = fetch('https://example.org/a', init())
    requests[0]!.emit('response', incoming(200, {}, ['<head></head>', 'x'.repeat(1000)]))
    const response = await pending
    const reader = response.body!.getReader()
    await reader.read()
    expect(requests[0]!.aborted).toBe(false)
    await reader.cancel()
    expect(requests[0]!.aborted).toBe(true)
  })

  it('gives a null body for 204', async () => {
    const { fetch, requests } = setUp()
    const pending = fetch('https://example.org/a', init())
    requests[0]!.emit('response', incoming(204, {}, []))
    expect((await pending).body).toBeNull()
  })

  it('rejects a status the Response class cannot represent', async () => {
    const { fetch, requests } = setUp()
    const pending = fetch('https://example.org/a', init())
    requests[0]!.emit('response', incoming(999, {}, []))
    await expect(pending).rejects.toThrow(RangeError)
    expect(requests[0]!.aborted).toBe(true)
  })
})

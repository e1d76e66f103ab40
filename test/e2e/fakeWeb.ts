// A fake internet for the link preview: a real HTTP server on 127.0.0.1 that answers for any host name,
// a fake DNS that says which addresses those names have, and a fetch that connects to the local server
// whatever the URL says. The preview's SSRF check sees the *declared* addresses (public ones by default),
// while the bytes really flow over loopback, so redirects, timeouts and size caps are tested for real.
// Used by the unit tests of the fetcher and by end-to-end tests (launchApp({ linkPreview: web.deps })).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LinkPreviewDeps } from '../../electron/main/handlers/linkPreview'

/** A fixed answer, or a handler for full control (slow answers, endless bodies…). */
export type FakeAnswer =
  | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array }
  | ((req: IncomingMessage, res: ServerResponse) => void)

/** An address from TEST-NET-3 (RFC 5737): public as far as the SSRF rules go, routed nowhere. */
export const FAKE_PUBLIC_ADDRESS = '203.0.113.10'

export interface FakeWeb {
  /** Plug into the link preview: createLinkPreview(web.deps) or launchApp({ linkPreview: web.deps }). */
  deps: LinkPreviewDeps
  /** Answers for a URL (without fragment); its host then resolves to FAKE_PUBLIC_ADDRESS unless declared. */
  route(url: string, answer: FakeAnswer): void
  /** What the fake DNS answers for a host name. */
  host(hostname: string, addresses: string[]): void
  /** Turns the network off (isOnline() false) or on. */
  setOnline(online: boolean): void
  /** Every URL the server was asked for, in order. */
  readonly requests: string[]
  close(): Promise<void>
}

const ORIGINAL_URL_HEADER = 'x-fake-web-url'

export async function startFakeWeb(routes: Record<string, FakeAnswer> = {}): Promise<FakeWeb> {
  const answers = new Map<string, FakeAnswer>()
  const hosts = new Map<string, string[]>()
  const requests: string[] = []
  let online = true

  const server: Server = createServer((req, res) => {
    const url = String(req.headers[ORIGINAL_URL_HEADER] ?? '')
    requests.push(url)
    const answer = answers.get(url)
    if (!answer) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<title>Not found</title>')
    } else if (typeof answer === 'function') {
      answer(req, res)
    } else {
      res.writeHead(answer.status ?? 200, answer.headers ?? { 'content-type': 'text/html; charset=utf-8' })
      res.end(answer.body ?? '')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const web: FakeWeb = {
    requests,
    route(url, answer) {
      const parsed = new URL(url)
      parsed.hash = ''
      answers.set(parsed.toString(), answer)
      if (!hosts.has(parsed.hostname)) hosts.set(parsed.hostname, [FAKE_PUBLIC_ADDRESS])
    },
    host(hostname, addresses) {
      hosts.set(hostname, addresses)
    },
    setOnline(value) {
      online = value
    },
    deps: {
      isOnline: () => online,
      resolveHost: async (hostname) => {
        const addresses = hosts.get(hostname)
        if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
        return addresses
      },
      fetch: (url, init) => {
        const target = new URL(url)
        return fetch(`http://127.0.0.1:${port}${target.pathname}${target.search}`, {
          ...init,
          headers: { ...init.headers, [ORIGINAL_URL_HEADER]: url },
        })
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Handlers that never answer (timeout tests) keep sockets open: cut them.
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
  for (const [url, answer] of Object.entries(routes)) web.route(url, answer)
  return web
}

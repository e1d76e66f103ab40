// Serves the built renderer over http://127.0.0.1 with the app's Content-Security-Policy as a header,
// as Electron's session adds it to every response (electron/main/security.ts).
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:43123 */
  origin: string
  close(): Promise<void>
}

export interface ServeOptions {
  csp?: string
  /** More folders on the same origin, by URL prefix (e.g. the benchmark's pages at '/__bench/'). */
  mounts?: Record<string, string>
  /** Answers a request itself when it returns true (the benchmark's byte-carrying IPC calls, bench/lib/ipcOverHttp.ts). */
  handle?: (req: IncomingMessage, res: ServerResponse) => boolean
}

export async function serveDirectory(root: string, { csp = CONTENT_SECURITY_POLICY, mounts = {}, handle }: ServeOptions = {}): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    if (handle?.(req, res)) return
    const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    // Electron loads files, which never ask for a favicon; answering it keeps a 404 out of the console.
    if (path === '/favicon.ico') return void res.writeHead(204, headers).end()
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix))
    const [base, rel] = mount ? [mounts[mount]!, path.slice(mount.length)] : [root, path === '/' ? 'index.html' : path]
    const file = normalize(join(base, rel))
    if (file !== base && !file.startsWith(base.endsWith(sep) ? base : base + sep)) {
      return void res.writeHead(403, headers).end()
    }
    readFile(file).then(
      (body) => res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found'),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

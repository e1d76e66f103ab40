// One origin for the built app (out/renderer at /) and the benchmark's pages (out/bench at /__bench/),
// so the seed page writes the very IndexedDB database the app then reads. Every response carries the
// app's Content-Security-Policy, as Electron's session adds it (electron/main/security.ts).
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

export const BENCH_PREFIX = '/__bench/'

export interface BenchServer {
  origin: string
  close(): Promise<void>
}

function inside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : root + sep)
}

export async function serveAppAndBench(appRoot: string, benchRoot: string): Promise<BenchServer> {
  const server = createServer((req, res) => {
    const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (path === '/favicon.ico') return void res.writeHead(204, headers).end()
    const [root, rel] = path.startsWith(BENCH_PREFIX) ? [benchRoot, path.slice(BENCH_PREFIX.length)] : [appRoot, path === '/' ? 'index.html' : path]
    const file = normalize(join(root, rel))
    if (!inside(root, file)) return void res.writeHead(403, headers).end()
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

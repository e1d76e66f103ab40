// `window.api` calls that carry bytes (backup and import chunks, Markdown export batches) go to main's handlers
// over HTTP on the bench's own origin rather than through Playwright's binding. Why: the binding sends bytes as
// base64 inside JSON, decoded a character at a time in a JS loop; reading a 52 MB archive that way took 10–28 s
// (most of the restore's dry run), a cost of the test bridge that the app does not have: Electron's IPC
// structured-clones the bytes, a copy or two. Over HTTP here they are copied about as often (the page posts a
// Blob, Node reads the body, answers with one buffer, the page reads it as an ArrayBuffer): the app's path is
// unchanged (the same channels, the same chunks, the same handlers doing the same work in Node), and the
// transport still costs at least what Electron's does. Calls without bytes keep the binding.
//
// Framing, both ways: 4 bytes (little-endian length of the JSON), the JSON, then the bytes it refers to:
// every Uint8Array in the value is replaced by {"__benchBytes":[start,length]} (offsets after the JSON).
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Channels whose input or output holds a Uint8Array (src/core/ipc/contract.ts). */
export const BYTE_CHANNELS = ['backupWriteChunk', 'backupReadChunk', 'exportFilesWrite', 'importReadChunk'] as const

export const IPC_HTTP_PREFIX = '/__bench/ipc/'

type Dispatch = (channel: string, input: unknown, senderUrl: string) => Promise<unknown>

/** One dispatcher per browser context (each has its own profile folder), by a random token the page is given. */
const dispatchers = new Map<string, Dispatch>()

export function registerDispatch(dispatch: Dispatch): { token: string; unregister(): void } {
  const token = crypto.randomUUID()
  dispatchers.set(token, dispatch)
  return { token, unregister: () => void dispatchers.delete(token) }
}

function encode(value: unknown): Buffer {
  const parts: Uint8Array[] = []
  let at = 0
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) {
      parts.push(v)
      const marker = { __benchBytes: [at, v.byteLength] }
      at += v.byteLength
      return marker
    }
    return v
  })
  const text = Buffer.from(json ?? 'null', 'utf8')
  const head = Buffer.alloc(4)
  head.writeUInt32LE(text.length, 0)
  return Buffer.concat([head, text, ...parts])
}

function decode(body: Buffer): unknown {
  const length = body.readUInt32LE(0)
  const base = body.byteOffset + 4 + length
  return JSON.parse(body.subarray(4, 4 + length).toString('utf8'), (_key, v: unknown) => {
    const ref = (v as { __benchBytes?: [number, number] } | null)?.__benchBytes
    // A plain Uint8Array, as Electron's IPC gives main (the contract checks `instanceof Uint8Array`).
    return Array.isArray(ref) ? new Uint8Array(body.buffer, base + ref[0], ref[1]) : v
  })
}

/** Answers `POST /__bench/ipc/<token>/<channel>`; false for any other request. */
export function handleIpcRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  if (!path.startsWith(IPC_HTTP_PREFIX) || req.method !== 'POST') return false
  const [token = '', channel = ''] = path.slice(IPC_HTTP_PREFIX.length).split('/')
  const dispatch = dispatchers.get(token)
  if (!dispatch || !(BYTE_CHANNELS as readonly string[]).includes(channel)) {
    res.writeHead(404).end()
    return true
  }
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    // The page that called, as the binding's `source.frame.url()` gives it (same-origin fetches send it whole).
    const senderUrl = req.headers.referer ?? ''
    Promise.resolve()
      .then(() => dispatch(channel, decode(Buffer.concat(chunks)), senderUrl))
      .then(
        (result) => res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }).end(encode(result)),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      )
  })
  return true
}

/** The page's side, for the `window.api` shim: same framing, the call as a fetch. */
export function pageInvokeSource(token: string): string {
  return `(channel, input) => {
    const parts = [];
    let at = 0;
    const json = JSON.stringify(input === undefined ? null : input, (_k, v) => {
      if (v instanceof Uint8Array) { parts.push(v); const m = { __benchBytes: [at, v.byteLength] }; at += v.byteLength; return m; }
      return v;
    });
    const text = new TextEncoder().encode(json);
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, text.length, true);
    // Each Uint8Array gets a buffer of its own, as a structured clone gives it (the app may transfer it).
    return fetch(${JSON.stringify(IPC_HTTP_PREFIX + token + '/')} + channel, { method: 'POST', body: new Blob([head, text, ...parts]) })
      .then((res) => { if (!res.ok) throw new Error('bench IPC: HTTP ' + res.status); return res.arrayBuffer(); })
      .then((buffer) => {
        const length = new DataView(buffer).getUint32(0, true);
        const base = 4 + length;
        return JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)), (_k, v) =>
          v && Array.isArray(v.__benchBytes) ? new Uint8Array(buffer.slice(base + v.__benchBytes[0], base + v.__benchBytes[0] + v.__benchBytes[1])) : v);
      });
  }`
}

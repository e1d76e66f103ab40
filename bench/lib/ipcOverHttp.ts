// `window.api` calls that carry bytes (backup and import chunks, Markdown export batches) go to main's handlers
// over HTTP on the bench's own origin rather than through Playwright's binding. Why: the binding sends bytes as
// base64 inside JSON, decoded a character at a time in a JS loop; reading a 52 MB archive that way took 10–28 s
// (most of the restore's dry run), a cost of the test bridge that the app does not have: Electron's IPC
// structured-clones the bytes, a copy or two. Over HTTP here they are copied about as often (the page posts a
// Blob, Node reads the body, answers with one buffer, the page reads it as an ArrayBuffer): the app's path is
// unchanged (the same channels, the same chunks, the same handlers doing the same work in Node), and the
// transport still costs at least what Electron's does. Calls without bytes keep the binding.
//
// Framing, both ways: 4 bytes (little-endian total length of the parts), the parts, then the value as JSON
// (UTF-8) in which every Uint8Array is replaced by {"__benchBytes":[start,length]} and, from the page, every long
// string by {"__benchText":[start,byteLength]} (offsets after the 4 bytes). Strings go into the Blob as they are
// (the browser encodes them natively, a structured clone copies them): escaping 8 MB batches of Markdown into JSON
// took the page most of a second per export. The JSON goes last, so the page never needs its encoded length.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Channels whose input or output holds a Uint8Array (src/core/ipc/contract.ts). */
export const BYTE_CHANNELS = ['backupWriteChunk', 'backupDeflate', 'backupReadChunk', 'exportFilesWrite', 'importReadChunk'] as const

export const IPC_HTTP_PREFIX = '/__bench/ipc/'

type Dispatch = (channel: string, input: unknown, senderUrl: string) => Promise<unknown>

/** One dispatcher per browser context (each has its own profile folder), by a random token the page is given. */
const dispatchers = new Map<string, Dispatch>()

export function registerDispatch(dispatch: Dispatch): { token: string; unregister(): void } {
  const token = crypto.randomUUID()
  dispatchers.set(token, dispatch)
  return { token, unregister: () => void dispatchers.delete(token) }
}

/** `value` with every Uint8Array replaced by a marker, and those arrays in `parts`. */
function extractBytes(value: unknown, parts: Uint8Array[], at: { n: number }): unknown {
  if (value instanceof Uint8Array) {
    parts.push(value)
    const marker = { __benchBytes: [at.n, value.byteLength] }
    at.n += value.byteLength
    return marker
  }
  if (Array.isArray(value)) return value.map((v: unknown) => extractBytes(v, parts, at))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, extractBytes(v, parts, at)]))
  }
  return value
}

function encode(value: unknown): Buffer {
  const parts: Uint8Array[] = []
  const at = { n: 0 }
  const json = JSON.stringify(extractBytes(value, parts, at)) ?? 'null'
  const head = Buffer.alloc(4)
  head.writeUInt32LE(at.n, 0)
  return Buffer.concat([head, ...parts, Buffer.from(json, 'utf8')])
}

/** The parsed value with its markers replaced (a walk afterwards: JSON.parse with a reviver is several times slower). */
function restoreBytes(value: unknown, body: Buffer): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreBytes(value[i], body)
    return value
  }
  if (typeof value !== 'object' || value === null) return value
  const ref = (value as { __benchBytes?: [number, number] }).__benchBytes
  // A plain Uint8Array, as Electron's IPC gives main (the contract checks `instanceof Uint8Array`).
  if (Array.isArray(ref)) return new Uint8Array(body.buffer, body.byteOffset + 4 + ref[0], ref[1])
  const text = (value as { __benchText?: [number, number] }).__benchText
  if (Array.isArray(text)) return body.toString('utf8', 4 + text[0], 4 + text[0] + text[1])
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) record[key] = restoreBytes(record[key], body)
  return record
}

function decode(body: Buffer): unknown {
  const bytesLength = body.readUInt32LE(0)
  return restoreBytes(JSON.parse(body.subarray(4 + bytesLength).toString('utf8')), body)
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
    // The UTF-8 length the Blob will give the string (a lone surrogate becomes U+FFFD, 3 bytes).
    const utf8Length = (s) => {
      let n = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) n += 1;
        else if (c < 0x800) n += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
        else n += 3;
      }
      return n;
    };
    const extract = (v) => {
      if (v instanceof Uint8Array) { parts.push(v); const m = { __benchBytes: [at, v.byteLength] }; at += v.byteLength; return m; }
      if (typeof v === 'string' && v.length > 256) { const n = utf8Length(v); parts.push(v); const m = { __benchText: [at, n] }; at += n; return m; }
      if (Array.isArray(v)) return v.map(extract);
      if (v && typeof v === 'object') { const o = {}; for (const k of Object.keys(v)) o[k] = extract(v[k]); return o; }
      return v;
    };
    const json = JSON.stringify(extract(input === undefined ? null : input));
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, at, true);
    // Each Uint8Array answered gets a buffer of its own, as a structured clone gives it (the app may transfer it).
    return fetch(${JSON.stringify(IPC_HTTP_PREFIX + token + '/')} + channel, { method: 'POST', body: new Blob([head, ...parts, json]) })
      .then((res) => { if (!res.ok) throw new Error('bench IPC: HTTP ' + res.status); return res.arrayBuffer(); })
      .then((buffer) => {
        const base = 4;
        const length = new DataView(buffer).getUint32(0, true);
        return JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, base + length)), (_k, v) =>
          v && Array.isArray(v.__benchBytes) ? new Uint8Array(buffer.slice(base + v.__benchBytes[0], base + v.__benchBytes[0] + v.__benchBytes[1])) : v);
      });
  }`
}

// One WordPress REST request, authenticated with an application password (HTTP Basic), its failures turned
// into the typed errors the renderer translates:
// - 'auth': any 401; detail.wpCode says why (incorrect_password, invalid_username, rest_not_logged_in…).
//   (When verifying an account, wordpressDiscovery.ts turns an ambiguous rest_not_logged_in into
//   'auth-header-stripped' once it has proved the credentials right by another way.)
// - 'permission-denied': 403, the account may not do this (e.g. a contributor publishing).
// - 'no-rest-api': 404 rest_no_route, the route is not there (REST API disabled or replaced by a plugin).
// - 'remote-error': any other error answer (detail.status, detail.wpCode), an answer that is not JSON, or a
//   write that was redirected (it may have been replayed as a GET, or sent to another host).
// - 'network', 'timeout': no answer.
// Nothing here logs, and no message or detail ever holds the password or the Authorization header.
import { IpcFailure } from '../../../src/core/ipc/result'
// Retry-After read the same way as for Mastodon (mastodonClient imports only a type from here: no cycle at run time).
import { retryAfterMs } from './mastodonClient'

/** Node's fetch in the app; tests may pass one that records requests. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>

export interface WordPressCredentials {
  /** The REST API root: "https://blog.example/wp-json/" or "https://blog.example/?rest_route=/". */
  restRoot: string
  username: string
  applicationPassword: string
}

export interface RestRequest {
  method?: 'GET' | 'POST' | 'DELETE'
  query?: Record<string, string | number | boolean | undefined>
  /** A JSON body. */
  json?: unknown
  /** A raw body (media uploads), with its headers. */
  body?: Uint8Array
  headers?: Record<string, string>
  /** Statuses returned to the caller instead of thrown (e.g. 404 when looking for a post that may be gone). */
  accept?: readonly number[]
  timeoutMs?: number
}

export interface RestResponse<T> {
  status: number
  body: T
  headers: Headers
}

export const REST_TIMEOUT_MS = 30_000
export const UPLOAD_TIMEOUT_MS = 120_000

/** Error body of the WordPress REST API. */
interface WpError {
  code?: unknown
  message?: unknown
  data?: { status?: unknown; term_id?: unknown }
}

/**
 * The URL of a route under a REST root, for both forms of root: "…/wp-json/" + "wp/v2/posts", or
 * "…/?rest_route=/" with rest_route=/wp/v2/posts (sites without pretty permalinks).
 */
export function routeUrl(restRoot: string, route: string, query: RestRequest['query'] = {}): string {
  const url = new URL(restRoot)
  const path = route.replace(/^\/+/, '')
  if (url.searchParams.has('rest_route')) {
    url.searchParams.set('rest_route', `/${path}`)
  } else {
    url.pathname = `${url.pathname.replace(/\/*$/, '/')}${path}`
  }
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value))
  return url.toString()
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

export interface WordPressRest {
  readonly restRoot: string
  request<T>(route: string, request?: RestRequest): Promise<RestResponse<T>>
}

export function createWordPressRest(fetch: Fetch, credentials: WordPressCredentials): WordPressRest {
  const authorization = basicAuthorization(credentials.username, credentials.applicationPassword)
  return {
    restRoot: credentials.restRoot,
    request: async <T>(route: string, request: RestRequest = {}): Promise<RestResponse<T>> => {
      const method = request.method ?? 'GET'
      const url = routeUrl(credentials.restRoot, route, request.query)
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers, authorization }
      let body: RequestInit['body']
      if (request.json !== undefined) {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(request.json)
      } else if (request.body) {
        body = request.body as Uint8Array<ArrayBuffer>
      }
      const timeoutMs = request.timeoutMs ?? REST_TIMEOUT_MS
      const signal = AbortSignal.timeout(timeoutMs)
      let response: Response
      try {
        // Writes are never followed through a redirect: a 301/302 would replay them as a GET, and a redirect
        // to another host would drop (or leak) the credentials. The REST root comes from discovery, which
        // follows redirects, so a redirect here means the site moved: verifying the account again fixes it.
        response = await fetch(url, { method, headers, body, signal, redirect: method === 'GET' ? 'follow' : 'manual' })
      } catch (error) {
        throw networkFailure(error, signal, timeoutMs)
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel()
        throw new IpcFailure('remote-error', `WordPress redirected a ${method} request; verify the account again`, {
          status: response.status,
          reason: 'redirected',
        })
      }
      const text = await readText(response, signal, timeoutMs)
      const parsed = parseJson(text)
      if (request.accept?.includes(response.status)) {
        return { status: response.status, body: (parsed.ok ? parsed.value : null) as T, headers: response.headers }
      }
      if (!response.ok) {
        // A busy or rate-limiting blog may say when to come back: the local queue waits at least that long.
        const wait = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers, Date.now()) : null
        throw failureFor(response.status, parsed.ok ? (parsed.value as WpError) : {}, wait !== null ? { retryAfterMs: wait } : {})
      }
      if (!parsed.ok) {
        throw new IpcFailure('remote-error', `WordPress answered ${route} with something that is not JSON`, {
          status: response.status,
          reason: 'not-json',
        })
      }
      return { status: response.status, body: parsed.value as T, headers: response.headers }
    },
  }
}

export function wpErrorCode(body: unknown): string {
  const code = (body as WpError | null)?.code
  return typeof code === 'string' ? code : ''
}

/** The typed failure for a WordPress error answer. */
export function failureFor(status: number, body: WpError, extra: { retryAfterMs?: number } = {}): IpcFailure {
  const wpCode = wpErrorCode(body)
  const wpMessage = typeof body.message === 'string' ? body.message.slice(0, 300) : ''
  const detail = { status, ...(wpCode ? { wpCode } : {}), ...extra }
  // rest_not_logged_in is ambiguous: WordPress answers it to a wrong password too (it checks the credentials only
  // after its authentication-error hook has run, unless a plugin asked who is logged in earlier), and to a
  // request whose Authorization header never reached it. Account verification tells the two apart
  // (wordpressDiscovery.ts); elsewhere a credential that stopped working is by far the likelier cause.
  if (status === 401) return new IpcFailure('auth', `WordPress refused the username or application password${wpMessage ? `: ${wpMessage}` : ''}`, detail)
  if (status === 403) return new IpcFailure('permission-denied', `This WordPress account may not do this${wpMessage ? `: ${wpMessage}` : ''}`, detail)
  if (status === 404 && wpCode === 'rest_no_route') return new IpcFailure('no-rest-api', 'This WordPress REST API route does not exist on the site', detail)
  return new IpcFailure('remote-error', `WordPress answered ${status}${wpMessage ? `: ${wpMessage}` : ''}`, detail)
}

function networkFailure(error: unknown, signal: AbortSignal, timeoutMs: number): IpcFailure {
  if (signal.aborted) return new IpcFailure('timeout', `WordPress did not answer within ${timeoutMs / 1000} s`)
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  const code = typeof cause?.code === 'string' ? cause.code : ''
  const reason = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host-not-found' : 'connection-failed'
  return new IpcFailure('network', `Could not reach the site (${code || 'connection failed'})`, { reason })
}

async function readText(response: Response, signal: AbortSignal, timeoutMs: number): Promise<string> {
  try {
    return await response.text()
  } catch (error) {
    throw networkFailure(error, signal, timeoutMs)
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  // Some hosts print PHP notices or a byte-order mark before the JSON.
  const start = text.search(/[[{]/)
  if (start < 0) return { ok: false }
  try {
    return { ok: true, value: JSON.parse(text.slice(start)) }
  } catch {
    return { ok: false }
  }
}

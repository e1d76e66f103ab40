// From what the person typed in Settings → Publishing to a verified WordPress account:
// 1. the site URL, normalised (https:// added when missing; plain http only for this computer's own
//    addresses, since an application password sent over http to another host travels readable);
// 2. the REST API root: `<site>/wp-json/`, else the one the home page announces (the
//    `Link: <…>; rel="https://api.w.org/"` header, or the same <link> in its HTML), else `<site>/?rest_route=/`
//    (what works without pretty permalinks);
// 3. `users/me?context=edit` with the application password: who the account is and whether it may publish.
// Failures are IpcFailures: 'unsupported-url', 'insecure-url', 'no-rest-api', 'network', 'timeout',
// 'auth-header-stripped', and those of wordpressRest.ts ('auth', 'permission-denied'…).
import { isIP } from 'node:net'
import { IpcFailure } from '../../../src/core/ipc/result'
import { createWordPressRest, REST_TIMEOUT_MS, wpErrorCode, type Fetch } from './wordpressRest'

export const API_LINK_REL = 'https://api.w.org/'

/** Whether a host name is this computer (where plain http is acceptable: nothing leaves the machine). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host)
  return false
}

/** The site's URL without query, fragment or trailing slash: "https://example.org/blog". */
export function normaliseSiteUrl(input: string): URL {
  const trimmed = input.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new IpcFailure('unsupported-url', 'This is not a web address')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new IpcFailure('unsupported-url', 'Only http(s) sites can be used')
  if (!url.hostname) throw new IpcFailure('unsupported-url', 'This is not a web address')
  // Credentials belong in their own fields (and the secret store), never in a URL that is saved as is.
  if (url.username || url.password) throw new IpcFailure('unsupported-url', 'The site address must not contain a user name or password')
  assertSecure(url)
  url.search = ''
  url.hash = ''
  url.pathname = url.pathname.replace(/\/+$/, '')
  return url
}

function assertSecure(url: URL): void {
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new IpcFailure('insecure-url', 'The site uses plain http: the application password would travel unencrypted. Use its https address.', {
      host: url.hostname,
    })
  }
}

export interface RestDiscovery {
  /** The REST API root, after redirects ("https://www.example.org/wp-json/"). */
  restRoot: string
  /** The site's name from the REST index ("" when the index is closed to visitors). */
  siteName: string
  /** False when the index says application passwords are off (plugin, or http on a non-local site). */
  applicationPasswords: boolean
  /** Where WordPress itself lives (its `siteurl`, where xmlrpc.php is), when the index says; may differ from the site's address. */
  wordpressUrl?: string
}

interface RestIndex {
  name?: unknown
  url?: unknown
  namespaces?: unknown
  authentication?: unknown
}

type Probe = { kind: 'api'; discovery: RestDiscovery } | { kind: 'not-api'; response: Response | null; text: string }

export async function discoverRestRoot(fetch: Fetch, site: URL, timeoutMs = REST_TIMEOUT_MS): Promise<RestDiscovery> {
  const signal = AbortSignal.timeout(timeoutMs)
  const base = site.toString().replace(/\/+$/, '')

  const pretty = await probe(fetch, `${base}/wp-json/`, signal, timeoutMs)
  if (pretty.kind === 'api') return pretty.discovery

  const home = await probe(fetch, `${base}/`, signal, timeoutMs, true)
  if (home.kind === 'api') return home.discovery
  const announced = home.response ? announcedRoot(home.response, home.text) : null
  if (announced) {
    const found = await probe(fetch, announced, signal, timeoutMs)
    if (found.kind === 'api') return found.discovery
  }

  const query = await probe(fetch, `${base}/?rest_route=/`, signal, timeoutMs)
  if (query.kind === 'api') return query.discovery

  throw new IpcFailure('no-rest-api', 'No WordPress REST API was found at this address', {
    ...(home.response ? { status: home.response.status } : {}),
  })
}

async function probe(fetch: Fetch, url: string, signal: AbortSignal, timeoutMs: number, wantHtml = false): Promise<Probe> {
  let response: Response
  try {
    response = await fetch(url, { headers: { accept: wantHtml ? 'text/html,application/json;q=0.9' : 'application/json' }, signal, redirect: 'follow' })
  } catch (error) {
    if (signal.aborted) throw new IpcFailure('timeout', `The site did not answer within ${timeoutMs / 1000} s`)
    const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code
    const reason = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host-not-found' : 'connection-failed'
    throw new IpcFailure('network', `Could not reach the site (${typeof code === 'string' ? code : 'connection failed'})`, { reason })
  }
  // A redirect from https to http (or to another, non-local http host) would expose the password later.
  const finalUrl = new URL(response.url || url)
  assertSecure(finalUrl)
  let text: string
  try {
    // The home page's head is enough for the <link>; a REST index is rarely over a few MB.
    text = await readAtMost(response, 8 * 1024 * 1024)
  } catch {
    if (signal.aborted) throw new IpcFailure('timeout', `The site did not answer within ${timeoutMs / 1000} s`)
    return { kind: 'not-api', response, text: '' }
  }
  const json = parseObject(text)
  if (json && response.ok && isRestIndex(json)) {
    return {
      kind: 'api',
      discovery: {
        restRoot: finalUrl.toString(),
        siteName: typeof json.name === 'string' ? json.name : '',
        applicationPasswords: hasApplicationPasswords(json),
        // Only on the same origin: the password goes there when a login has to be double-checked.
        ...(typeof json.url === 'string' && sameOrigin(json.url, finalUrl) ? { wordpressUrl: json.url } : {}),
      },
    }
  }
  // A REST API closed to visitors (a security plugin) is still a REST API: the account may open it.
  if (json && (response.status === 401 || response.status === 403) && wpErrorCode(json).startsWith('rest_')) {
    return { kind: 'api', discovery: { restRoot: finalUrl.toString(), siteName: '', applicationPasswords: true } }
  }
  return { kind: 'not-api', response, text }
}

function sameOrigin(candidate: string, reference: URL): boolean {
  try {
    return new URL(candidate).origin === reference.origin
  } catch {
    return false
  }
}

function isRestIndex(json: RestIndex): boolean {
  return Array.isArray(json.namespaces) && json.namespaces.includes('wp/v2')
}

function hasApplicationPasswords(json: RestIndex): boolean {
  const authentication = json.authentication
  return typeof authentication === 'object' && authentication !== null && 'application-passwords' in authentication
}

/** The REST root a WordPress page announces, in its Link header or its <head>, resolved against the page. */
export function announcedRoot(response: Response, html: string): string | null {
  const candidates: string[] = []
  const header = response.headers.get('link') ?? ''
  for (const match of header.matchAll(/<([^>]*)>\s*;([^,]*)/g)) {
    if (/\brel\s*=\s*"?https:\/\/api\.w\.org\/"?/i.test(match[2] ?? '')) candidates.push(match[1] ?? '')
  }
  for (const match of html.slice(0, 256 * 1024).matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0]
    if (!/\brel\s*=\s*["']https:\/\/api\.w\.org\/["']/i.test(tag)) continue
    const href = /\bhref\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1]
    if (href) candidates.push(href.replace(/&amp;/g, '&'))
  }
  for (const candidate of candidates) {
    try {
      const url = new URL(candidate, response.url || undefined)
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString()
    } catch {
      // Not a URL: try the next one.
    }
  }
  return null
}

export interface VerifiedWordPressUser {
  userId: number
  /** The name WordPress shows for the account. */
  displayName: string
  /** Whether the account may publish posts (false for contributors: drafts only). */
  canPublish: boolean
}

/**
 * Asks WordPress who the credentials belong to.
 *
 * A 401 rest_not_logged_in (or a users/me answered as if no one were logged in) means WordPress did not log the
 * request in, for one of two reasons it does not tell apart: a wrong username or password (core WordPress checks
 * application passwords only after its authentication-error hook has run, so the precise error is lost), or an
 * Authorization header that never reached PHP (a CGI/FastCGI set-up or a proxy drops it). The same credentials
 * are then tried through XML-RPC, which carries them in the request body: accepted there means the header is
 * being stripped ('auth-header-stripped'); refused means a wrong password ('auth'); XML-RPC switched off leaves
 * it open ('auth' with detail.hint 'maybe-header-stripped', for the message to mention both).
 */
export async function verifyWordPressUser(
  fetch: Fetch,
  credentials: { restRoot: string; username: string; applicationPassword: string },
  options: { siteUrl?: string; applicationPasswords?: boolean } = {},
): Promise<VerifiedWordPressUser> {
  const rest = createWordPressRest(fetch, credentials)
  type Me = { id?: unknown; name?: unknown; capabilities?: Record<string, unknown> }
  const me = await rest.request<Me>('wp/v2/users/me', { query: { context: 'edit' } }).then(
    (response) => response.body,
    (error: unknown) => {
      if (error instanceof IpcFailure && error.code === 'auth' && error.detail?.['wpCode'] === 'rest_not_logged_in') return error
      throw error
    },
  )
  if (me instanceof IpcFailure) throw await explainNotLoggedIn(fetch, credentials, options, me)
  // Some caches answer users/me as if no one were logged in: the same situation.
  if (typeof me.id !== 'number' || me.id <= 0) {
    throw await explainNotLoggedIn(fetch, credentials, options, new IpcFailure('auth', 'WordPress answered as if no one were logged in', { status: 200, wpCode: 'rest_not_logged_in' }))
  }
  return {
    userId: me.id,
    displayName: typeof me.name === 'string' ? me.name : credentials.username,
    canPublish: me.capabilities?.['publish_posts'] === true,
  }
}

async function explainNotLoggedIn(
  fetch: Fetch,
  credentials: { restRoot: string; username: string; applicationPassword: string },
  options: { siteUrl?: string; applicationPasswords?: boolean },
  failure: IpcFailure,
): Promise<IpcFailure> {
  const detail = failure.detail ?? {}
  if (options.applicationPasswords === false) {
    return new IpcFailure('auth', 'Application passwords are switched off on this site', { ...detail, reason: 'application-passwords-unavailable' })
  }
  const verdict = options.siteUrl ? await checkOverXmlRpc(fetch, options.siteUrl, credentials.username, credentials.applicationPassword) : 'unavailable'
  if (verdict === 'accepted') {
    return new IpcFailure(
      'auth-header-stripped',
      'The credentials are right, but WordPress never receives them: the server or a proxy in front of it drops the Authorization header',
      detail,
    )
  }
  if (verdict === 'refused') return new IpcFailure('auth', 'WordPress refused the username or application password', { ...detail, reason: 'wrong-credentials' })
  return new IpcFailure(
    'auth',
    'WordPress did not log in with these credentials: either they are wrong, or the server drops the Authorization header',
    { ...detail, hint: 'maybe-header-stripped' },
  )
}

/** Whether XML-RPC (credentials in the body, not in a header) accepts the username and password. */
async function checkOverXmlRpc(fetch: Fetch, siteUrl: string, username: string, password: string): Promise<'accepted' | 'refused' | 'unavailable'> {
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const body =
    '<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params>' +
    `<param><value><string>${escape(username)}</string></value></param>` +
    `<param><value><string>${escape(password)}</string></value></param>` +
    '</params></methodCall>'
  try {
    const response = await fetch(`${siteUrl.replace(/\/+$/, '')}/xmlrpc.php`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REST_TIMEOUT_MS),
    })
    const text = response.ok ? await response.text() : ''
    if (!response.ok) await response.body?.cancel()
    if (!text.includes('<methodResponse')) return 'unavailable'
    if (!text.includes('<fault>')) return 'accepted'
    // 403: incorrect username or password. Anything else (405: XML-RPC switched off…) proves nothing.
    return /<name>faultCode<\/name>\s*<value>\s*<int>403<\/int>/.test(text) ? 'refused' : 'unavailable'
  } catch {
    return 'unavailable'
  }
}

function parseObject(text: string): RestIndex | null {
  const start = text.search(/\S/)
  if (start < 0 || text[start] !== '{') return null
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RestIndex) : null
  } catch {
    return null
  }
}

async function readAtMost(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    total += value.byteLength
    if (total >= maxBytes) {
      await reader.cancel()
      break
    }
  }
  return Buffer.concat(chunks).toString('utf8')
}

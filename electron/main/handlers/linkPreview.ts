// Fetches a page's title, description and site name for a link the person saves.
//
// The URL is typed or pasted by the person, or handed to them by a page they copied it from, so main
// treats it as hostile (server-side request forgery): only http(s); the host's addresses are resolved and
// the request refused if ANY of them is loopback, private, link-local… (an IP-literal host is checked as
// is); redirects are followed by hand, at most MAX_REDIRECTS, and every hop is checked again; the whole
// thing has one time budget; at most `maxBytes` of the body are read, and reading stops at the end of
// the <head>. Known limit: the address checked is the one resolved here, and the network stack resolves
// again when it connects, so a DNS server answering differently twice (rebinding) is not caught.
//
// Outcomes, as IpcFailure codes the renderer translates:
// - 'unsupported-url': not http(s), also when a redirect points elsewhere (file:, data:…).
// - 'blocked-address': the host (or a redirect's host) is or resolves to a non-public address.
// - 'offline': deps.isOnline() is false, or name resolution failed for want of a network.
// - 'network': the host does not exist (detail.reason 'host-not-found'), more than MAX_REDIRECTS
//   redirects ('too-many-redirects'), or the connection failed ('connection-failed').
// - 'timeout': the budget ran out (DNS, connection, headers or body).
// - 'http-status': the final response is not 2xx; detail.status holds the status code.
// - 'not-html': the page is a PDF, an image…; detail.fileName holds the decoded last path segment
//   (or the host name) for the caller to use as the link's title, detail.contentType the MIME type and
//   detail.url the URL after redirects. It is an error rather than a preview because there is nothing to
//   preview, and the caller should say so rather than pretend a file name is a page title.
// - 'too-large': the cap was reached before the end of the head and nothing usable was found in it.
//   (A cut-off head that does have a title still gives a preview.)
// A page with no title at all gets the same fallback as detail.fileName above, so a link always has a name.
import { isIP } from 'node:net'
import type { LinkPreview } from '../../../src/core/ipc/contract'
import { IpcFailure } from '../../../src/core/ipc/result'
import { isBlockedAddress } from '../../../src/core/url'
import { decodeHtml, isHtmlMimeType, looksLikeHtml, mimeTypeOf, parsePageMeta } from '../linkPreview/pageMeta'
import { readHead } from '../linkPreview/readHead'

export interface LinkPreviewFetchInit {
  redirect: 'manual'
  signal: AbortSignal
  headers: Record<string, string>
}

export interface LinkPreviewDeps {
  /**
   * Performs one HTTP GET without following redirects: a 3xx comes back as is, with its Location header.
   * Tests pass a fetch that connects to a local server whatever the URL's host.
   */
  fetch(url: string, init: LinkPreviewFetchInit): Promise<Response>
  /** Every address the host name resolves to (the SSRF check looks at all of them). */
  resolveHost(hostname: string): Promise<string[]>
  isOnline(): boolean
  /** Total budget for resolving, connecting, redirects and reading; LINK_PREVIEW_LIMITS.timeoutMs by default. */
  timeoutMs?: number
  /** Most body bytes read; LINK_PREVIEW_LIMITS.maxBytes by default. */
  maxBytes?: number
}

export const LINK_PREVIEW_LIMITS = { timeoutMs: 8000, maxBytes: 1024 * 1024, maxRedirects: 5 }

const REQUEST_HEADERS = {
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  'user-agent': 'Mozilla/5.0 (compatible; Baluchon link preview)',
}

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

export function createLinkPreview(deps: LinkPreviewDeps): (input: { url: string }) => Promise<LinkPreview> {
  return async ({ url }) => {
    if (!deps.isOnline()) throw new IpcFailure('offline', 'The computer is offline')
    const signal = AbortSignal.timeout(deps.timeoutMs ?? LINK_PREVIEW_LIMITS.timeoutMs)
    try {
      return await fetchPreview(deps, url, signal)
    } catch (error) {
      throw toFailure(error, signal, deps)
    }
  }
}

async function fetchPreview(deps: LinkPreviewDeps, rawUrl: string, signal: AbortSignal): Promise<LinkPreview> {
  const race = <T>(promise: Promise<T>): Promise<T> => raceAbort(promise, signal)
  const { response, url } = await fetchPublic(deps, httpUrl(rawUrl), { signal, headers: REQUEST_HEADERS }, race)
  return await previewFrom(response, url, deps.maxBytes ?? LINK_PREVIEW_LIMITS.maxBytes, race)
}

/**
 * GETs a public http(s) URL, following redirects by hand (at most LINK_PREVIEW_LIMITS.maxRedirects), each hop's
 * host checked by assertPublicHost before it is asked; the final answer must be 2xx. Its body is the caller's to
 * read or cancel. The link preview and the import's image downloads both go through here, so the SSRF rules live
 * in one place.
 */
export async function fetchPublic(
  deps: LinkPreviewDeps,
  start: URL,
  init: { signal: AbortSignal; headers: Record<string, string> },
  race: <T>(promise: Promise<T>) => Promise<T>,
): Promise<{ response: Response; url: URL }> {
  let current = start
  for (let redirects = 0; ; redirects++) {
    await assertPublicHost(current.hostname, deps, race)
    const response = await race(deps.fetch(requestUrl(current), { redirect: 'manual', ...init }))
    if (REDIRECT_STATUSES.has(response.status)) {
      void response.body?.cancel().catch(() => undefined)
      const location = response.headers.get('location')
      if (!location) throw new IpcFailure('http-status', `HTTP ${response.status} without Location`, { status: response.status })
      if (redirects >= LINK_PREVIEW_LIMITS.maxRedirects) {
        throw new IpcFailure('network', `More than ${LINK_PREVIEW_LIMITS.maxRedirects} redirects`, {
          reason: 'too-many-redirects',
        })
      }
      const next = httpUrl(new URL(location, current).toString())
      // A Location without a fragment keeps the one asked for (as browsers do).
      if (!next.hash) next.hash = current.hash
      current = next
      continue
    }
    if (response.status < 200 || response.status > 299) {
      void response.body?.cancel().catch(() => undefined)
      throw new IpcFailure('http-status', `HTTP ${response.status}`, { status: response.status })
    }
    return { response, url: current }
  }
}

async function previewFrom(
  response: Response,
  url: URL,
  maxBytes: number,
  race: <T>(promise: Promise<T>) => Promise<T>,
): Promise<LinkPreview> {
  const contentType = response.headers.get('content-type')
  const mime = mimeTypeOf(contentType)
  const notHtml = (): IpcFailure =>
    new IpcFailure('not-html', `Not a web page (${mime || 'unknown type'})`, {
      contentType: mime,
      fileName: nameFromUrl(url),
      url: url.toString(),
    })
  if (mime && !isHtmlMimeType(mime)) {
    void response.body?.cancel().catch(() => undefined)
    throw notHtml()
  }
  const { bytes, capped } = await readHead(response.body, maxBytes, race)
  if (!mime && !looksLikeHtml(bytes)) throw notHtml()

  const meta = parsePageMeta(decodeHtml(bytes, contentType))
  if (capped && !meta.title && !meta.description) {
    throw new IpcFailure('too-large', `No page title in the first ${maxBytes} bytes`, { maxBytes })
  }
  return {
    url: url.toString(),
    title: meta.title || nameFromUrl(url),
    description: meta.description,
    siteName: meta.siteName || url.hostname.replace(/^www\./, ''),
  }
}

/** Parses an http(s) URL, without the user name and password it may carry (never sent, never stored). */
export function httpUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new IpcFailure('unsupported-url', 'Not a valid URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IpcFailure('unsupported-url', `Only http(s) pages are previewed, not ${url.protocol}`)
  }
  url.username = ''
  url.password = ''
  return url
}

export function requestUrl(url: URL): string {
  const copy = new URL(url)
  copy.hash = ''
  return copy.toString()
}

export async function assertPublicHost(
  hostname: string,
  deps: LinkPreviewDeps,
  race: <T>(promise: Promise<T>) => Promise<T>,
): Promise<void> {
  const blocked = (): IpcFailure =>
    new IpcFailure('blocked-address', `${hostname} is not a public address`, { host: hostname })
  // The name itself first: IP literals (the URL parser already turned 0x7f.1 or 2130706433 into
  // 127.0.0.1) and names such as localhost or *.local are refused without asking DNS.
  if (isBlockedAddress(hostname)) throw blocked()
  if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return
  const addresses = await race(deps.resolveHost(hostname))
  if (addresses.length === 0) {
    throw new IpcFailure('network', `${hostname} has no address`, { reason: 'host-not-found', host: hostname })
  }
  if (addresses.some((address) => isBlockedAddress(canonicalAddress(address)))) throw blocked()
}

/** IPv6 in its one canonical spelling (0:0:0:0:0:0:0:1 -> ::1), which the address rules expect. */
function canonicalAddress(address: string): string {
  if (isIP(address) !== 6) return address
  try {
    return new URL(`http://[${address}]/`).hostname
  } catch {
    return address
  }
}

/** A readable name for a URL: its last path segment, decoded, or else its host. */
export function nameFromUrl(url: URL): string {
  const segment = url.pathname.split('/').filter(Boolean).pop()
  if (segment) {
    try {
      return decodeURIComponent(segment)
    } catch {
      return segment
    }
  }
  return url.hostname.replace(/^www\./, '')
}

export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

// Error codes from Node (getaddrinfo, sockets, undici) and Chromium's network stack (net::ERR_*).
const OFFLINE_CODES = ['EAI_AGAIN', 'ENETUNREACH', 'ERR_INTERNET_DISCONNECTED', 'ERR_NETWORK_CHANGED', 'ERR_ADDRESS_UNREACHABLE']
const NOT_FOUND_CODES = ['ENOTFOUND', 'EAI_NONAME', 'ERR_NAME_NOT_RESOLVED']
const TIMEOUT_CODES = ['ETIMEDOUT', 'ERR_TIMED_OUT', 'ERR_CONNECTION_TIMED_OUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']

export function toFailure(error: unknown, signal: AbortSignal, deps: LinkPreviewDeps): IpcFailure {
  if (error instanceof IpcFailure) return error
  if (signal.aborted) return new IpcFailure('timeout', 'The page took too long to answer')
  const codes = errorCodes(error)
  const has = (list: string[]): boolean => list.some((code) => codes.includes(code))
  if (has(OFFLINE_CODES)) return new IpcFailure('offline', 'No network')
  if (has(NOT_FOUND_CODES)) {
    // Offline machines report unknown hosts too (macOS does): ask again before blaming the address.
    if (!deps.isOnline()) return new IpcFailure('offline', 'No network')
    return new IpcFailure('network', 'Host not found', { reason: 'host-not-found' })
  }
  if (has(TIMEOUT_CODES)) return new IpcFailure('timeout', 'The page took too long to answer')
  return new IpcFailure('network', 'Could not reach the page', { reason: 'connection-failed' })
}

/** Error codes along an error's cause chain: Node's `code`, or Chromium's `net::ERR_…` in the message. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof code === 'string') codes.push(code)
    if (typeof message === 'string') codes.push(...(message.match(/ERR_[A-Z_]+/g) ?? []))
    e = cause
  }
  return codes
}

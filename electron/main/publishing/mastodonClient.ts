// A Mastodon REST client for one account (instance URL + access token), written from docs.joinmastodon.org:
// - verify_credentials and the instance's limits (v2, falling back to v1 on servers without it);
// - one status (POST /api/v1/statuses, JSON body) with an Idempotency-Key header: Mastodon keeps the key for an
//   hour and answers a repeated request with the status it already made, so a retry after a lost answer never
//   posts twice;
// - images (POST /api/v2/media, multipart with `description` = alt text), then GET /api/v1/media/:id while the
//   instance answers 206 (or 200 with url null) until it is processed, with a bounded back-off;
// - scheduled statuses: `scheduled_at` on the status, PUT / DELETE /api/v1/scheduled_statuses/:id.
// Failures are IpcFailures the renderer translates:
//   'auth' 401 · 'permission-denied' 403 (token without the scope) · 'not-found' 404 · 'rejected' 422 (Mastodon's
//   own `error` text in the message) · 'rate-limited' 429 (detail.retryAfterMs from Retry-After, else
//   X-RateLimit-Reset) · 'remote-error' other statuses (detail.status) or an answer that is not JSON ·
//   'not-mastodon' (the address answers, but not as Mastodon) · 'network', 'timeout' · 'media-not-ready'.
// Nothing here logs, and no message or detail ever holds the token.
import { isIP } from 'node:net'
import { MASTODON_DEFAULT_LIMITS, type MastodonLimits, type MastodonVisibility } from '../../../src/core/ipc/mastodon'
import { IpcFailure } from '../../../src/core/ipc/result'
import type { Fetch } from './wordpressRest'

export type { Fetch }

export const MASTODON_TIMEOUT_MS = 30_000
export const MASTODON_UPLOAD_TIMEOUT_MS = 120_000

/** Whether a host is this computer (plain http is acceptable there: nothing leaves the machine). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  if (isIP(host) === 6) return host === '::1'
  return false
}

/** "mastodon.social", "https://mastodon.social/@alice" → "https://mastodon.social" (the instance's origin). */
export function normaliseInstanceUrl(input: string): string {
  const trimmed = input.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new IpcFailure('unsupported-url', 'This is not a web address')
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) throw new IpcFailure('unsupported-url', 'Only http(s) servers can be used')
  if (url.username || url.password) throw new IpcFailure('unsupported-url', 'The server address must not contain a user name or password')
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new IpcFailure('insecure-url', 'The server uses plain http: the access token would travel unencrypted. Use its https address.', { host: url.hostname })
  }
  // The API lives at the origin: a profile or post address pasted instead of the server's is fine.
  return url.origin
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  json?: unknown
  form?: FormData
  headers?: Record<string, string>
  timeoutMs?: number
  /** Statuses handed back to the caller instead of thrown. */
  accept?: readonly number[]
  signal?: AbortSignal
}

export interface MastodonResponse<T> {
  status: number
  body: T
}

export interface MastodonClientOptions {
  /** Waits between media polls (tests pass a fast one). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** How long to wait in all for an image to be processed. */
  mediaReadyTimeoutMs?: number
  /** How long to wait for an answer to an ordinary request (uploads get MASTODON_UPLOAD_TIMEOUT_MS). */
  timeoutMs?: number
  now?: () => number
}

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true })
  })

interface MastodonErrorBody {
  error?: unknown
  error_description?: unknown
}

/** Retry-After in seconds or as an HTTP date; else Mastodon's X-RateLimit-Reset (ISO 8601). Null when neither. */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const retryAfter = headers.get('retry-after')
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1000
    const at = Date.parse(retryAfter)
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  const reset = headers.get('x-ratelimit-reset')
  if (reset) {
    const at = Date.parse(reset)
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  return null
}

export function failureFor(status: number, body: unknown, headers: Headers, now: number): IpcFailure {
  const err = (body ?? {}) as MastodonErrorBody
  const text = typeof err.error === 'string' ? err.error.slice(0, 500) : ''
  if (status === 401) return new IpcFailure('auth', `Mastodon refused the access token${text ? `: ${text}` : ''}`, { status })
  if (status === 403) return new IpcFailure('permission-denied', `This access token may not do this${text ? `: ${text}` : ''}`, { status })
  if (status === 404) return new IpcFailure('not-found', `Not found on the server${text ? `: ${text}` : ''}`, { status })
  if (status === 422) return new IpcFailure('rejected', text || 'Mastodon refused the request', { status })
  if (status === 429) {
    const wait = retryAfterMs(headers, now)
    return new IpcFailure('rate-limited', `Mastodon asks to slow down${text ? `: ${text}` : ''}`, { status, ...(wait !== null ? { retryAfterMs: wait } : {}) })
  }
  return new IpcFailure('remote-error', `Mastodon answered ${status}${text ? `: ${text}` : ''}`, { status })
}

function networkFailure(error: unknown, timedOut: boolean, timeoutMs: number): IpcFailure {
  if (timedOut) return new IpcFailure('timeout', `The server did not answer within ${timeoutMs / 1000} s`)
  if (error instanceof IpcFailure) return error
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  const code = typeof cause?.code === 'string' ? cause.code : ''
  const reason = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host-not-found' : 'connection-failed'
  return new IpcFailure('network', `Could not reach the server (${code || 'connection failed'})`, { reason })
}

export interface MastodonClient {
  readonly instanceUrl: string
  request<T>(path: string, options?: RequestOptions): Promise<MastodonResponse<T>>
}

export function createMastodonClient(fetch: Fetch, instanceUrl: string, accessToken: string, options: MastodonClientOptions = {}): MastodonClient {
  const now = options.now ?? Date.now
  const authorization = `Bearer ${accessToken}`
  return {
    instanceUrl,
    request: async <T>(path: string, request: RequestOptions = {}): Promise<MastodonResponse<T>> => {
      const method = request.method ?? 'GET'
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers, authorization }
      let body: RequestInit['body']
      if (request.json !== undefined) {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(request.json)
      } else if (request.form) {
        body = request.form
      }
      const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? MASTODON_TIMEOUT_MS
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout
      const fail = (error: unknown): IpcFailure => {
        if (request.signal?.aborted) return new IpcFailure('cancelled', 'Cancelled')
        return networkFailure(error, timeout.aborted, timeoutMs)
      }
      let response: Response
      try {
        // Writes never follow a redirect: it would replay them as a GET, or carry the token to another host.
        response = await fetch(`${instanceUrl}${path}`, { method, headers, body, signal, redirect: method === 'GET' ? 'follow' : 'manual' })
      } catch (error) {
        throw fail(error)
      }
      let text: string
      try {
        text = await response.text()
      } catch (error) {
        throw fail(error)
      }
      let parsed: unknown = null
      let isJson = false
      try {
        parsed = text === '' ? null : JSON.parse(text)
        isJson = text !== ''
      } catch {
        isJson = false
      }
      if (request.accept?.includes(response.status)) return { status: response.status, body: parsed as T }
      if (response.status >= 300 && response.status < 400) {
        throw new IpcFailure('remote-error', `The server redirected a ${method} request`, { status: response.status, reason: 'redirected' })
      }
      if (!response.ok) throw failureFor(response.status, parsed, response.headers, now())
      if (!isJson && method !== 'DELETE') throw new IpcFailure('not-mastodon', 'The server answered with something that is not Mastodon JSON', { status: response.status })
      return { status: response.status, body: parsed as T }
    },
  }
}

// ------------------------------------------------------------------------------------------ account + limits

interface CredentialAccount {
  id?: unknown
  username?: unknown
  acct?: unknown
  display_name?: unknown
  url?: unknown
}

export interface VerifiedAccount {
  remoteAccountId: string
  username: string
  displayName: string
  profileUrl: string
}

/** GET /api/v1/accounts/verify_credentials: who the token belongs to ('auth' if it is wrong, 'not-mastodon' if the answer is not an account). */
export async function verifyCredentials(client: MastodonClient): Promise<VerifiedAccount> {
  let response: MastodonResponse<CredentialAccount>
  try {
    response = await client.request<CredentialAccount>('/api/v1/accounts/verify_credentials')
  } catch (error) {
    // A server without this route (404, or a web page) is not a Mastodon-compatible server.
    if (error instanceof IpcFailure && (error.code === 'not-found' || (error.code === 'remote-error' && error.detail?.['status'] === 405))) {
      throw new IpcFailure('not-mastodon', 'This server has no Mastodon API', { status: Number(error.detail?.['status'] ?? 0) })
    }
    throw error
  }
  const body = response.body
  if (!body || typeof body.id !== 'string' || typeof body.username !== 'string') {
    throw new IpcFailure('not-mastodon', 'The server did not answer with a Mastodon account')
  }
  return {
    remoteAccountId: body.id,
    username: body.username,
    displayName: typeof body.display_name === 'string' ? body.display_name : '',
    profileUrl: typeof body.url === 'string' ? body.url : '',
  }
}

interface InstanceConfiguration {
  statuses?: { max_characters?: unknown; max_media_attachments?: unknown; characters_reserved_per_url?: unknown }
  media_attachments?: { supported_mime_types?: unknown; image_size_limit?: unknown; image_matrix_limit?: unknown; description_limit?: unknown }
}

interface InstanceBody {
  title?: unknown
  configuration?: InstanceConfiguration
  /** Pleroma, Akkoma and older glitch-soc servers. */
  max_toot_chars?: unknown
}

const positiveInt = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback)

export function limitsOf(body: InstanceBody): MastodonLimits {
  const statuses = body.configuration?.statuses ?? {}
  const media = body.configuration?.media_attachments ?? {}
  const types = Array.isArray(media.supported_mime_types) ? media.supported_mime_types.filter((t): t is string => typeof t === 'string') : []
  return {
    maxCharacters: positiveInt(statuses.max_characters, positiveInt(body.max_toot_chars, MASTODON_DEFAULT_LIMITS.maxCharacters)),
    charactersReservedPerUrl: positiveInt(statuses.characters_reserved_per_url, MASTODON_DEFAULT_LIMITS.charactersReservedPerUrl),
    maxMediaAttachments: positiveInt(statuses.max_media_attachments, MASTODON_DEFAULT_LIMITS.maxMediaAttachments),
    supportedMimeTypes: types,
    imageSizeLimit: positiveInt(media.image_size_limit, 0),
    imageMatrixLimit: positiveInt(media.image_matrix_limit, 0),
    descriptionLimit: positiveInt(media.description_limit, MASTODON_DEFAULT_LIMITS.descriptionLimit),
  }
}

export interface InstanceInfo {
  title: string
  limits: MastodonLimits
  api: 'v2' | 'v1'
}

/** The instance's limits: GET /api/v2/instance, or /api/v1/instance where v2 answers 404 (servers before 4.0). */
export async function readInstance(client: MastodonClient): Promise<InstanceInfo> {
  const v2 = await client.request<InstanceBody | null>('/api/v2/instance', { accept: [404] })
  if (v2.status !== 404 && v2.body) return { title: typeof v2.body.title === 'string' ? v2.body.title : '', limits: limitsOf(v2.body), api: 'v2' }
  const v1 = await client.request<InstanceBody>('/api/v1/instance')
  return { title: typeof v1.body?.title === 'string' ? v1.body.title : '', limits: limitsOf(v1.body ?? {}), api: 'v1' }
}

// -------------------------------------------------------------------------------------------------- media

interface MediaBody {
  id?: unknown
  url?: unknown
}

export interface MediaUpload {
  fileName: string
  mimeType: string
  data: Uint8Array
  alt: string
}

/** First wait between polls, doubled up to MEDIA_POLL_MAX_MS. */
export const MEDIA_POLL_FIRST_MS = 500
export const MEDIA_POLL_MAX_MS = 5_000
export const MEDIA_READY_TIMEOUT_MS = 120_000

/**
 * Uploads one image with its alt text and returns its id once the instance has processed it (a status refuses
 * media still processing with a 422).
 */
export async function uploadMedia(client: MastodonClient, media: MediaUpload, options: MastodonClientOptions & { signal?: AbortSignal } = {}): Promise<string> {
  const sleep = options.sleep ?? realSleep
  const now = options.now ?? Date.now
  const form = new FormData()
  form.append('file', new Blob([media.data as Uint8Array<ArrayBuffer>], { type: media.mimeType }), media.fileName)
  if (media.alt.trim()) form.append('description', media.alt)
  const created = await client.request<MediaBody>('/api/v2/media', { method: 'POST', form, timeoutMs: MASTODON_UPLOAD_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) })
  const id = created.body?.id
  if (typeof id !== 'string') throw new IpcFailure('not-mastodon', 'The server did not answer the upload with a media id')
  if (created.status === 200 && typeof created.body?.url === 'string') return id

  // 202: processed in the background. GET answers 206 until done (some servers 200 with url null).
  const deadline = now() + (options.mediaReadyTimeoutMs ?? MEDIA_READY_TIMEOUT_MS)
  let wait = MEDIA_POLL_FIRST_MS
  for (;;) {
    if (now() + wait > deadline) throw new IpcFailure('media-not-ready', 'The server is still processing the image; try again in a moment', { mediaId: id })
    await sleep(wait, options.signal)
    wait = Math.min(wait * 2, MEDIA_POLL_MAX_MS)
    const polled = await client.request<MediaBody>(`/api/v1/media/${encodeURIComponent(id)}`, { accept: [206], ...(options.signal ? { signal: options.signal } : {}) })
    if (polled.status === 200 && typeof polled.body?.url === 'string') return id
  }
}

// ------------------------------------------------------------------------------------------------ statuses

export interface StatusRequest {
  status: string
  visibility: MastodonVisibility
  inReplyToId?: string
  mediaIds: string[]
  language?: string
  spoilerText?: string
  /** ISO 8601 UTC: schedules the status on the server instead of posting it. */
  scheduledAt?: string
  idempotencyKey: string
}

interface StatusBody {
  id?: unknown
  url?: unknown
  uri?: unknown
  created_at?: unknown
  scheduled_at?: unknown
}

export type PostedStatus = { kind: 'status'; id: string; url: string; createdAt: string } | { kind: 'scheduled'; id: string; scheduledAt: string }

export async function postStatus(client: MastodonClient, request: StatusRequest, signal?: AbortSignal): Promise<PostedStatus> {
  const json: Record<string, unknown> = { status: request.status, visibility: request.visibility }
  if (request.mediaIds.length > 0) json['media_ids'] = request.mediaIds
  if (request.inReplyToId) json['in_reply_to_id'] = request.inReplyToId
  if (request.language) json['language'] = request.language
  if (request.spoilerText) json['spoiler_text'] = request.spoilerText
  if (request.scheduledAt) json['scheduled_at'] = request.scheduledAt
  const response = await client.request<StatusBody>('/api/v1/statuses', {
    method: 'POST',
    json,
    headers: { 'idempotency-key': request.idempotencyKey },
    ...(signal ? { signal } : {}),
  })
  const body = response.body ?? {}
  if (typeof body.id !== 'string') throw new IpcFailure('not-mastodon', 'The server did not answer with a status')
  // With scheduled_at the answer is a ScheduledStatus (id, scheduled_at, params), not a Status.
  if (request.scheduledAt && typeof body.scheduled_at === 'string') return { kind: 'scheduled', id: body.id, scheduledAt: body.scheduled_at }
  const url = typeof body.url === 'string' ? body.url : typeof body.uri === 'string' ? body.uri : ''
  return { kind: 'status', id: body.id, url, createdAt: typeof body.created_at === 'string' ? body.created_at : new Date().toISOString() }
}

export async function rescheduleStatus(client: MastodonClient, scheduledStatusId: string, scheduledAt: string): Promise<{ id: string; scheduledAt: string }> {
  const response = await client.request<StatusBody>(`/api/v1/scheduled_statuses/${encodeURIComponent(scheduledStatusId)}`, {
    method: 'PUT',
    json: { scheduled_at: scheduledAt },
  })
  const body = response.body ?? {}
  if (typeof body.id !== 'string' || typeof body.scheduled_at !== 'string') throw new IpcFailure('not-mastodon', 'The server did not answer with a scheduled status')
  return { id: body.id, scheduledAt: body.scheduled_at }
}

/** Cancels a scheduled status; one already gone (posted, or cancelled elsewhere) is not an error. */
export async function cancelScheduledStatus(client: MastodonClient, scheduledStatusId: string): Promise<void> {
  await client.request(`/api/v1/scheduled_statuses/${encodeURIComponent(scheduledStatusId)}`, { method: 'DELETE', accept: [404] })
}

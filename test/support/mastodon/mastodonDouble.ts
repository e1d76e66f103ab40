// A local HTTP double of the Mastodon REST API, written from docs.joinmastodon.org (see README.md here for the
// pages each route follows). It serves the routes Baluchon uses on 127.0.0.1, checks EVERY request the way a real
// server would refuse it (Bearer token, field names and types, multipart uploads, an Idempotency-Key on every
// status) and records what does not match in `violations` (tests expect it empty), and can be told to answer
// 401, 403, 404, 422, 429 with Retry-After, 5xx, or to process media slowly (202, then 206 polls, then 200).
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface DoubleAccount {
  id: string
  username: string
  displayName: string
}

export interface DoubleMedia {
  id: string
  fileName: string
  mimeType: string
  bytes: number
  description: string | null
  /** GET polls left answering 206 before the media is ready. */
  pollsLeft: number
  attachedTo: string | null
}

export interface DoubleStatus {
  id: string
  text: string
  visibility: string
  inReplyToId: string | null
  mediaIds: string[]
  language: string | null
  spoilerText: string
  idempotencyKey: string
  url: string
  createdAt: string
}

export interface DoubleScheduled {
  id: string
  scheduledAt: string
  params: Omit<DoubleStatus, 'id' | 'url' | 'createdAt'>
  /** Every scheduled_at the status was given, in order (creation, then each PUT). */
  history: string[]
}

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  /** The JSON body, or the multipart form's text fields (file parts as { fileName, type, size }). */
  body: unknown
}

export interface ScriptedAnswer {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export interface MastodonDoubleOptions {
  /** The valid token (others answer 401). Default a random one. */
  token?: string
  account?: Partial<DoubleAccount>
  maxCharacters?: number
  charactersReservedPerUrl?: number
  maxMediaAttachments?: number
  /** Answer /api/v2/instance with 404 (a server before Mastodon 4.0): limits come from /api/v1/instance. */
  v1Only?: boolean
  /** The server's clock (for scheduled_at checks). */
  now?: () => number
}

export interface MastodonDouble {
  url: string
  token: string
  readonly requests: RecordedRequest[]
  /** Requests that a real server would refuse or that break the API's rules; expect []. */
  readonly violations: string[]
  readonly statuses: DoubleStatus[]
  readonly scheduled: Map<string, DoubleScheduled>
  readonly media: Map<string, DoubleMedia>
  /** The next request to `METHOD /path` (path prefix, e.g. 'POST /api/v1/statuses') gets this answer instead. */
  answerNext(route: string, answer: ScriptedAnswer, times?: number): void
  /** New uploads stay processing for `polls` GETs (206) before they are ready. 0 (default): ready at once (200). */
  setMediaProcessing(polls: number): void
  /** Delay every answer by `ms` (timeouts). */
  setDelay(ms: number): void
  close(): Promise<void>
}

const MIN_SCHEDULE_MS = 5 * 60_000

function graphemes(text: string): number {
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length
}

/** Mastodon's StatusLengthValidator: URLs with a scheme count as characters_reserved_per_url. */
function statusLength(text: string, urlLength: number): number {
  return graphemes(text.replace(/https?:\/\/[^\s]+/g, 'x'.repeat(urlLength)))
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startMastodonDouble(options: MastodonDoubleOptions = {}): Promise<MastodonDouble> {
  const token = options.token ?? `double-${randomBytes(12).toString('hex')}`
  const account: DoubleAccount = { id: '109000000000000001', username: 'alice', displayName: 'Alice Martin', ...options.account }
  const maxCharacters = options.maxCharacters ?? 500
  const urlLength = options.charactersReservedPerUrl ?? 23
  const maxMedia = options.maxMediaAttachments ?? 4
  const now = options.now ?? Date.now
  const requests: RecordedRequest[] = []
  const violations: string[] = []
  const statuses: DoubleStatus[] = []
  const scheduled = new Map<string, DoubleScheduled>()
  const media = new Map<string, DoubleMedia>()
  const idempotent = new Map<string, { kind: 'status' | 'scheduled'; id: string }>()
  const scripted: { route: string; answer: ScriptedAnswer; times: number }[] = []
  let mediaPolls = 0
  let delay = 0
  let nextId = 110_000_000_000_000_000n
  const newId = (): string => String(++nextId)
  let base = ''

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(text)
  }
  const unprocessable = (res: ServerResponse, error: string): void => send(res, 422, { error })

  const statusJson = (s: DoubleStatus) => ({
    id: s.id,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId,
    visibility: s.visibility,
    language: s.language,
    spoiler_text: s.spoilerText,
    content: `<p>${s.text}</p>`,
    uri: `${base}/users/${account.username}/statuses/${s.id}`,
    url: s.url,
    media_attachments: s.mediaIds.map((id) => mediaJson(media.get(id)!)),
  })
  const mediaJson = (m: DoubleMedia) => ({
    id: m.id,
    type: 'image',
    url: m.pollsLeft > 0 ? null : `${base}/system/media_attachments/${m.id}/original/${m.fileName}`,
    preview_url: `${base}/system/media_attachments/${m.id}/small/${m.fileName}`,
    description: m.description,
    blurhash: null,
  })
  const scheduledJson = (s: DoubleScheduled) => ({
    id: s.id,
    scheduled_at: s.scheduledAt,
    params: {
      text: s.params.text,
      visibility: s.params.visibility,
      in_reply_to_id: s.params.inReplyToId,
      media_ids: s.params.mediaIds,
      language: s.params.language,
      spoiler_text: s.params.spoilerText,
      idempotency: s.params.idempotencyKey,
      scheduled_at: null,
      application_id: 1,
      poll: null,
      sensitive: null,
      with_rate_limit: false,
    },
    media_attachments: s.params.mediaIds.map((id) => mediaJson(media.get(id)!)),
  })

  const checkScheduledAt = (value: unknown, where: string): { ok: true; at: number } | { ok: false; error: string } => {
    if (typeof value !== 'string') {
      violations.push(`${where}: scheduled_at must be a string, got ${typeof value}`)
      return { ok: false, error: 'Validation failed: Scheduled at is invalid' }
    }
    // The API takes ISO 8601 datetimes; we also check the sender speaks UTC (the requirement).
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) violations.push(`${where}: scheduled_at is not ISO 8601: ${value}`)
    const at = Date.parse(value)
    if (Number.isNaN(at)) return { ok: false, error: 'Validation failed: Scheduled at is invalid' }
    if (at - now() < MIN_SCHEDULE_MS) return { ok: false, error: 'Validation failed: Scheduled at The scheduled date must be in the future' }
    return { ok: true, at }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', base)
    const path = url.pathname
    const raw = await readBody(req)
    const contentType = String(req.headers['content-type'] ?? '')
    let body: unknown = null
    let form: FormData | null = null
    if (contentType.startsWith('application/json')) {
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch {
        violations.push(`${method} ${path}: body is not valid JSON`)
      }
    } else if (contentType.startsWith('multipart/form-data')) {
      form = await new Request(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData()
      body = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : { fileName: v.name, type: v.type, size: v.size }]))
    } else if (raw.length > 0) {
      violations.push(`${method} ${path}: unexpected content-type ${contentType || '(none)'}`)
    }
    requests.push({ method, path, headers: { ...req.headers }, body })
    if (delay) await new Promise((r) => setTimeout(r, delay))

    const script = scripted.find((s) => `${method} ${path}`.startsWith(s.route))
    if (script) {
      if (--script.times <= 0) scripted.splice(scripted.indexOf(script), 1)
      return send(res, script.answer.status, script.answer.body ?? { error: `Scripted ${script.answer.status}` }, script.answer.headers)
    }

    // Every API route needs the token, as a Bearer Authorization header (never in the query).
    if (url.searchParams.has('access_token')) violations.push(`${method} ${path}: token sent in the query string`)
    const auth = req.headers.authorization
    if (path.startsWith('/api/')) {
      if (!auth || !/^Bearer \S+$/.test(auth)) {
        violations.push(`${method} ${path}: no Bearer Authorization header`)
        return send(res, 401, { error: 'The access token is invalid' })
      }
      if (auth !== `Bearer ${token}`) return send(res, 401, { error: 'The access token is invalid' })
    }

    // ---- accounts and instance
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') {
      return send(res, 200, {
        id: account.id,
        username: account.username,
        acct: account.username,
        display_name: account.displayName,
        url: `${base}/@${account.username}`,
        source: { privacy: 'public', sensitive: false, language: '', note: '', fields: [] },
      })
    }
    const configuration = {
      urls: { streaming: base.replace(/^http/, 'ws') },
      statuses: { max_characters: maxCharacters, max_media_attachments: maxMedia, characters_reserved_per_url: urlLength },
      media_attachments: {
        supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'],
        image_size_limit: 16_777_216,
        image_matrix_limit: 33_177_600,
        description_limit: 1500,
      },
    }
    if (method === 'GET' && path === '/api/v2/instance') {
      if (options.v1Only) return send(res, 404, { error: 'Record not found' })
      return send(res, 200, { domain: url.host, title: 'Double Social', version: '4.3.0', configuration })
    }
    if (method === 'GET' && path === '/api/v1/instance') {
      return send(res, 200, { uri: url.host, title: 'Double Social', version: '3.5.3', configuration })
    }

    // ---- media
    if (method === 'POST' && path === '/api/v2/media') {
      if (!form) {
        violations.push('POST /api/v2/media: not multipart/form-data')
        return unprocessable(res, 'Validation failed: File content type is invalid')
      }
      const file = form.get('file')
      if (!file || typeof file === 'string') {
        violations.push('POST /api/v2/media: no file part named "file"')
        return unprocessable(res, "Validation failed: File can't be blank")
      }
      for (const key of form.keys()) if (!['file', 'description', 'thumbnail', 'focus'].includes(key)) violations.push(`POST /api/v2/media: unknown field ${key}`)
      const description = form.get('description')
      if (description !== null && typeof description !== 'string') violations.push('POST /api/v2/media: description is not text')
      if (typeof description === 'string' && graphemes(description) > 1500) return unprocessable(res, 'Validation failed: Description is too long (maximum is 1500 characters)')
      if (!configuration.media_attachments.supported_mime_types.includes(file.type)) return unprocessable(res, 'Validation failed: File content type is invalid')
      const m: DoubleMedia = {
        id: newId(),
        fileName: file.name,
        mimeType: file.type,
        bytes: file.size,
        description: typeof description === 'string' ? description : null,
        pollsLeft: mediaPolls,
        attachedTo: null,
      }
      media.set(m.id, m)
      // 200 when processed synchronously (url set), 202 when processing continues in the background (url null).
      return send(res, m.pollsLeft > 0 ? 202 : 200, mediaJson(m))
    }
    const mediaMatch = /^\/api\/v1\/media\/([^/]+)$/.exec(path)
    if (method === 'GET' && mediaMatch) {
      const m = media.get(mediaMatch[1]!)
      if (!m) return send(res, 404, { error: 'Record not found' })
      if (m.pollsLeft > 0) {
        m.pollsLeft--
        // 206 Partial Content: still processing. The answer of the poll that finishes it is already 200.
        return send(res, m.pollsLeft > 0 ? 206 : 200, mediaJson(m))
      }
      return send(res, 200, mediaJson(m))
    }

    // ---- statuses
    if (method === 'POST' && path === '/api/v1/statuses') {
      const where = 'POST /api/v1/statuses'
      const key = req.headers['idempotency-key']
      if (typeof key !== 'string' || key.trim() === '') violations.push(`${where}: no Idempotency-Key header`)
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        violations.push(`${where}: body is not a JSON object`)
        return unprocessable(res, "Validation failed: Text can't be blank")
      }
      const b = body as Record<string, unknown>
      const known = ['status', 'media_ids', 'poll', 'in_reply_to_id', 'sensitive', 'spoiler_text', 'visibility', 'language', 'scheduled_at']
      for (const k of Object.keys(b)) if (!known.includes(k)) violations.push(`${where}: unknown field ${k}`)
      if (typeof b.status !== 'string') violations.push(`${where}: status is not a string`)
      if (b.media_ids !== undefined && (!Array.isArray(b.media_ids) || !b.media_ids.every((id) => typeof id === 'string'))) violations.push(`${where}: media_ids is not an array of strings`)
      for (const field of ['in_reply_to_id', 'spoiler_text', 'visibility', 'language'] as const) {
        if (b[field] !== undefined && typeof b[field] !== 'string') violations.push(`${where}: ${field} is not a string`)
      }
      if (typeof key === 'string') {
        const seen = idempotent.get(key)
        if (seen?.kind === 'status') return send(res, 200, statusJson(statuses.find((s) => s.id === seen.id)!))
        if (seen?.kind === 'scheduled' && scheduled.has(seen.id)) return send(res, 200, scheduledJson(scheduled.get(seen.id)!))
      }
      const text = typeof b.status === 'string' ? b.status : ''
      const mediaIds = Array.isArray(b.media_ids) ? (b.media_ids as string[]) : []
      if (text.trim() === '' && mediaIds.length === 0) return unprocessable(res, "Validation failed: Text can't be blank")
      const visibility = typeof b.visibility === 'string' ? b.visibility : 'public'
      if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) return unprocessable(res, `Validation failed: Visibility '${visibility}' is not a valid visibility`)
      const spoilerText = typeof b.spoiler_text === 'string' ? b.spoiler_text : ''
      if (statusLength(text, urlLength) + graphemes(spoilerText) > maxCharacters) return unprocessable(res, `Validation failed: Text character limit of ${maxCharacters} exceeded`)
      if (mediaIds.length > maxMedia) return unprocessable(res, `Cannot attach more than ${maxMedia} files`)
      for (const id of mediaIds) {
        const m = media.get(id)
        if (!m || m.attachedTo) return unprocessable(res, 'Validation failed: Media attachments are invalid')
        if (m.pollsLeft > 0) return unprocessable(res, 'Cannot attach files that have not finished processing. Try again in a moment!')
      }
      const inReplyToId = typeof b.in_reply_to_id === 'string' ? b.in_reply_to_id : null
      if (inReplyToId && !statuses.some((s) => s.id === inReplyToId)) return send(res, 404, { error: 'Record not found' })
      const params = { text, visibility, inReplyToId, mediaIds, language: typeof b.language === 'string' ? b.language : null, spoilerText, idempotencyKey: typeof key === 'string' ? key : '' }
      if (b.scheduled_at !== undefined && b.scheduled_at !== null) {
        const check = checkScheduledAt(b.scheduled_at, where)
        if (!check.ok) return unprocessable(res, check.error)
        const s: DoubleScheduled = { id: newId(), scheduledAt: new Date(check.at).toISOString(), params, history: [b.scheduled_at as string] }
        scheduled.set(s.id, s)
        for (const id of mediaIds) media.get(id)!.attachedTo = `scheduled:${s.id}`
        if (typeof key === 'string') idempotent.set(key, { kind: 'scheduled', id: s.id })
        return send(res, 200, scheduledJson(s))
      }
      const id = newId()
      const s: DoubleStatus = { id, ...params, url: `${base}/@${account.username}/${id}`, createdAt: new Date(now()).toISOString() }
      statuses.push(s)
      for (const mid of mediaIds) media.get(mid)!.attachedTo = id
      if (typeof key === 'string') idempotent.set(key, { kind: 'status', id })
      return send(res, 200, statusJson(s))
    }
    const statusMatch = /^\/api\/v1\/statuses\/([^/]+)$/.exec(path)
    if (method === 'GET' && statusMatch) {
      const s = statuses.find((x) => x.id === statusMatch[1])
      return s ? send(res, 200, statusJson(s)) : send(res, 404, { error: 'Record not found' })
    }
    const scheduledMatch = /^\/api\/v1\/scheduled_statuses\/([^/]+)$/.exec(path)
    if (scheduledMatch) {
      const s = scheduled.get(scheduledMatch[1]!)
      if (method === 'PUT') {
        if (!s) return send(res, 404, { error: 'Record not found' })
        const b = (body ?? {}) as Record<string, unknown>
        for (const k of Object.keys(b)) if (k !== 'scheduled_at') violations.push(`PUT ${path}: unknown field ${k}`)
        const check = checkScheduledAt(b.scheduled_at, `PUT ${path}`)
        if (!check.ok) return unprocessable(res, check.error)
        s.scheduledAt = new Date(check.at).toISOString()
        s.history.push(b.scheduled_at as string)
        return send(res, 200, scheduledJson(s))
      }
      if (method === 'DELETE') {
        if (!s) return send(res, 404, { error: 'Record not found' })
        scheduled.delete(s.id)
        return send(res, 200, {})
      }
      if (method === 'GET') return s ? send(res, 200, scheduledJson(s)) : send(res, 404, { error: 'Record not found' })
    }
    violations.push(`${method} ${path}: no such route in the double`)
    return send(res, 404, { error: 'Record not found' })
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push(`double crashed on ${req.method} ${req.url}: ${String(error)}`)
      if (!res.headersSent) send(res, 500, { error: 'Internal double error' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    token,
    requests,
    violations,
    statuses,
    scheduled,
    media,
    answerNext: (route, answer, times = 1) => void scripted.push({ route, answer, times }),
    setMediaProcessing: (polls) => void (mediaPolls = polls),
    setDelay: (ms) => void (delay = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// Publishing one Baluchon post to WordPress, and reading its state back.
//
// publishWordPressPost: categories and tags are matched by name (case and accents as WordPress compares them:
// case-insensitively) and created when missing; every stored image the HTML shows (`attachment:<id>`) and the
// featured image are uploaded to the media library (binary upload, file name and alt text), or reused when
// the caller names a media item already uploaded that still exists, or when the same bytes were uploaded
// before (found by the digest in the file name); the image sources are rewritten to the
// uploaded URLs; then the post is created, or, when the caller passes the remote id of an earlier
// publication, that same post is updated: re-publishing never makes a duplicate. Only when that post was
// deleted for good on the blog is a new one created (`created: true` says so).
//
// Status and time: 'publish' (now), 'draft' (on the blog, unpublished) or 'future' with `dateGmt`, the
// instant it goes out. WordPress keeps a post whose date lies ahead as 'future' even when asked to publish, so
// publishing now an earlier scheduled post also moves its date to now.
//
// refreshWordPressPost: the post's state on the blog (scheduled → published when its time came, trashed,
// or deleted: 404).
import { createHash } from 'node:crypto'
import { rewriteAttachmentSources } from '../../../src/core/publish/wordpressHtml'
import { parseWordpressDateGmt, wordpressDateGmt } from '../../../src/core/publish/schedule'
import { attachmentIdFromSrc } from '../../../src/core/doc'
import type { WordPressPostStatus, WordPressPublished, WordPressRemoteState } from '../../../src/core/ipc/publishing'
import { IpcFailure } from '../../../src/core/ipc/result'
import { UPLOAD_TIMEOUT_MS, wpErrorCode, type WordPressRest } from './wordpressRest'

export type WordPressPublishStatus = WordPressPostStatus

export interface WordPressImage {
  /** Baluchon attachment id, as in the HTML's `attachment:<id>` sources. */
  id: string
  fileName: string
  mimeType: string
  data: Uint8Array
  alt: string
  /** The media item an earlier publication uploaded for this image, reused if it still exists. */
  remoteMediaId?: number
}

export interface WordPressPostInput {
  title: string
  /** Clean HTML (docToWordPressHtml), images as `attachment:<id>` sources. */
  html: string
  excerpt?: string
  slug?: string
  status: WordPressPublishStatus
  /** The instant the post goes out (ISO 8601), required for 'future'. */
  dateGmt?: string
  categories: string[]
  tags: string[]
}

export interface WordPressPublishInput {
  post: WordPressPostInput
  images: WordPressImage[]
  /** Id (in `images`) of the featured image; null removes it; absent leaves the blog's choice alone. */
  featuredImageId?: string | null
  /** The post an earlier publication created: updated in place. */
  remoteId?: number
  /**
   * An earlier attempt to create the post got no answer (the request may have reached the blog): before creating,
   * look for a post of ours with the same title written since then (epoch ms), and update it instead.
   */
  recoverSince?: number
}

export type WordPressMediaRef = WordPressPublished['media'][number]
export type WordPressTermRef = WordPressPublished['categories'][number]
export type { WordPressPublished, WordPressRemoteState }

interface WpPost {
  id: number
  status: string
  link: string
  date_gmt: string | null
  modified_gmt: string | null
}

interface WpMedia {
  id: number
  source_url: string
}

interface WpTerm {
  id: number
  name: string
}

/** Uploads at once: WordPress makes thumbnails for each, and a small host has few PHP workers. */
const UPLOAD_CONCURRENCY = 3

export async function publishWordPressPost(rest: WordPressRest, input: WordPressPublishInput, now: () => number = Date.now): Promise<WordPressPublished> {
  const { post } = input
  const scheduledAt = post.status === 'future' ? futureInstant(post.dateGmt, now()) : null

  const imagesById = new Map(input.images.map((image) => [image.id, image]))
  const wanted = [...new Set([...attachmentIdsIn(post.html), ...(input.featuredImageId ? [input.featuredImageId] : [])])]
  const missing = wanted.filter((id) => !imagesById.has(id))
  if (missing.length > 0) {
    throw new IpcFailure('invalid-input', `The post shows ${missing.length} image(s) that were not sent`, { reason: 'missing-image', imageId: missing[0]! })
  }

  const existing = input.remoteId === undefined ? null : await fetchPost(rest, input.remoteId)

  const [categories, tags, media] = await Promise.all([
    resolveTerms(rest, 'categories', post.categories),
    resolveTerms(rest, 'tags', post.tags),
    mapLimit(wanted, UPLOAD_CONCURRENCY, (id) => ensureMedia(rest, imagesById.get(id)!)),
  ])
  const urls = new Map(media.map((ref) => [ref.imageId, ref.url]))
  const rewritten = rewriteAttachmentSources(post.html, urls)
  if (rewritten.missing.length > 0) {
    throw new IpcFailure('remote-error', 'WordPress gave an uploaded image an address that cannot be used', { reason: 'bad-media-url' })
  }

  const featuredMediaId =
    input.featuredImageId === undefined ? undefined : input.featuredImageId === null ? 0 : media.find((ref) => ref.imageId === input.featuredImageId)!.mediaId

  const fields: Record<string, unknown> = {
    title: post.title,
    content: rewritten.html,
    status: post.status,
    categories: categories.map((term) => term.id),
    tags: tags.map((term) => term.id),
  }
  if (post.excerpt !== undefined) fields['excerpt'] = post.excerpt
  if (post.slug !== undefined && post.slug !== '') fields['slug'] = post.slug
  if (featuredMediaId !== undefined) fields['featured_media'] = featuredMediaId
  if (scheduledAt !== null) {
    fields['date_gmt'] = wordpressDateGmt(scheduledAt)
  } else if (post.status === 'publish' && existing && existing.date_gmt) {
    // An earlier schedule left a date ahead: WordPress would keep the post scheduled. Now means now.
    const date = parseWordpressDateGmt(existing.date_gmt)
    if (date !== null && date > now()) fields['date_gmt'] = wordpressDateGmt(now())
  }

  // Just before creating (uploads and terms took time), so a post made by a lost attempt is found if there is one.
  const target = existing ?? (input.recoverSince !== undefined ? await findLostCreation(rest, post.title, rewritten.html, input.recoverSince) : null)
  const saved = target
    ? (await rest.request<WpPost>(`wp/v2/posts/${target.id}`, { method: 'POST', json: fields })).body
    : (await rest.request<WpPost>('wp/v2/posts', { method: 'POST', json: fields })).body

  return {
    ...remoteState(saved),
    created: !target,
    media,
    featuredMediaId: featuredMediaId === undefined ? null : featuredMediaId || null,
    categories,
    tags,
  }
}

export async function refreshWordPressPost(rest: WordPressRest, remoteId: number): Promise<WordPressRemoteState> {
  const post = await fetchPost(rest, remoteId)
  if (!post) return { remoteId, status: 'deleted', link: '', dateGmt: null, modifiedGmt: null }
  return remoteState(post)
}

/**
 * Moves a post scheduled on the blog (status `future`) to another time, changing nothing else (content, terms and
 * images stay as they are on the blog): the calendar's drag to reschedule. A post that is no longer scheduled
 * there (published meanwhile, trashed, deleted) is refused with its state, so the ledger can be refreshed
 * instead of publishing it by accident.
 */
export async function rescheduleWordPressPost(rest: WordPressRest, remoteId: number, dateGmt: string, now: () => number = Date.now): Promise<WordPressRemoteState> {
  const scheduledAt = futureInstant(dateGmt, now())
  const existing = await fetchPost(rest, remoteId)
  if (!existing || existing.status !== 'future') {
    throw new IpcFailure('invalid-input', 'The post is no longer scheduled on the blog', { reason: 'not-scheduled', status: existing?.status ?? 'deleted' })
  }
  const saved = (await rest.request<WpPost>(`wp/v2/posts/${existing.id}`, { method: 'POST', json: { status: 'future', date_gmt: wordpressDateGmt(scheduledAt) } })).body
  return remoteState(saved)
}

/** The post as its author sees it (trashed ones included), or null when it no longer exists. */
interface WpPostForMatch extends WpPost {
  title?: { raw?: string }
  content?: { raw?: string }
}

/**
 * Stock WordPress keeps no idempotency key and lets no plugin-free client add one (post meta must be registered
 * by a plugin), so a lost create is found the way a person would: among the posts this account wrote lately (any
 * status but the trash), the newest with exactly this title, and, for an untitled post, exactly this content.
 * `modified_after` compares with the blog's own clock and local time, hence a day's margin before `since`; the
 * exact title and the author narrow it down.
 */
async function findLostCreation(rest: WordPressRest, title: string, html: string, since: number): Promise<WpPost | null> {
  const me = (await rest.request<{ id: number }>('wp/v2/users/me', { query: { context: 'edit' } })).body
  const after = new Date(Math.max(0, since - LOST_CREATION_MARGIN_MS)).toISOString().replace(/\.\d{3}Z$/, '')
  const response = await rest.request<WpPostForMatch[]>('wp/v2/posts', {
    query: {
      context: 'edit',
      author: me.id,
      status: 'publish,future,draft,pending,private',
      modified_after: after,
      orderby: 'date',
      order: 'desc',
      per_page: 100,
      ...(title.trim() !== '' ? { search: title } : {}),
    },
  })
  if (!Array.isArray(response.body)) return null
  const match = response.body.find((candidate) => (candidate.title?.raw ?? '') === title && (title.trim() !== '' || (candidate.content?.raw ?? '') === html))
  return match ?? null
}

const LOST_CREATION_MARGIN_MS = 24 * 3_600_000

async function fetchPost(rest: WordPressRest, remoteId: number): Promise<WpPost | null> {
  const response = await rest.request<WpPost>(`wp/v2/posts/${remoteId}`, { query: { context: 'edit' }, accept: [404, 410] })
  if (response.status === 404 || response.status === 410) {
    if (wpErrorCode(response.body) === 'rest_no_route') throw new IpcFailure('no-rest-api', 'The site has no posts route', { status: 404 })
    return null
  }
  return response.body
}

function remoteState(post: WpPost): WordPressRemoteState {
  const date = post.date_gmt ? parseWordpressDateGmt(post.date_gmt) : null
  const modified = post.modified_gmt ? parseWordpressDateGmt(post.modified_gmt) : null
  // A draft never given a date reports its creation time in date_gmt only in some versions; the status says it.
  return {
    remoteId: post.id,
    status: post.status,
    link: post.link,
    dateGmt: date === null ? null : new Date(date).toISOString(),
    modifiedGmt: modified === null ? null : new Date(modified).toISOString(),
  }
}

function futureInstant(dateGmt: string | undefined, now: number): number {
  const instant = dateGmt === undefined ? Number.NaN : Date.parse(dateGmt)
  if (Number.isNaN(instant)) throw new IpcFailure('invalid-input', 'A scheduled post needs the date and time it goes out', { reason: 'schedule-missing' })
  if (instant <= now) throw new IpcFailure('invalid-input', 'The scheduled time has already passed', { reason: 'schedule-in-past' })
  return instant
}

function attachmentIdsIn(html: string): string[] {
  const ids: string[] = []
  for (const match of html.matchAll(/\ssrc="(attachment:[^"]*)"/g)) {
    const id = attachmentIdFromSrc(decodeAttribute(match[1]!))
    if (id) ids.push(id)
  }
  return ids
}

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!)
}

/**
 * The media item for an image: the one the caller names if it still exists, else one already uploaded with the
 * same bytes, else a new upload. Uploaded file names end with a digest of the bytes, so the second look-up
 * finds an earlier upload even when its id was never recorded (a publication that failed half-way, retried):
 * retries never fill the media library with copies.
 */
async function ensureMedia(rest: WordPressRest, image: WordPressImage): Promise<WordPressMediaRef> {
  if (image.remoteMediaId !== undefined) {
    const known = await rest.request<WpMedia>(`wp/v2/media/${image.remoteMediaId}`, { query: { context: 'edit' }, accept: [404, 410] })
    if (known.status === 200 && known.body.source_url) {
      return { imageId: image.id, mediaId: known.body.id, url: known.body.source_url, uploaded: false }
    }
  }
  const digest = contentDigest(image.data)
  const earlier = await rest.request<WpMedia[]>('wp/v2/media', { query: { search: digest, per_page: 20, _fields: 'id,source_url' } })
  const same = Array.isArray(earlier.body) ? earlier.body.find((item) => typeof item.source_url === 'string' && item.source_url.includes(digest)) : undefined
  if (same) return { imageId: image.id, mediaId: same.id, url: same.source_url, uploaded: false }

  const uploaded = await rest.request<WpMedia>('wp/v2/media', {
    method: 'POST',
    // The other fields ride in the query string: the body is the file itself.
    query: { alt_text: image.alt },
    headers: {
      'content-type': image.mimeType,
      'content-disposition': `attachment; filename="${uploadFileName(image.fileName, image.mimeType, digest)}"`,
    },
    body: image.data,
    timeoutMs: UPLOAD_TIMEOUT_MS,
  })
  return { imageId: image.id, mediaId: uploaded.body.id, url: uploaded.body.source_url, uploaded: true }
}

/** 12 hex digits of the bytes' SHA-256: enough to tell one person's images apart. */
export function contentDigest(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 12)
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/heic': 'heic',
}

/**
 * A file name WordPress accepts in Content-Disposition: HTTP headers carry ASCII only (WordPress reads no
 * `filename*`), so accents are dropped and other characters become dashes; the extension matches the type,
 * since WordPress checks the two agree.
 */
export function uploadFileName(fileName: string, mimeType: string, digest?: string): string {
  const extension = EXTENSIONS[mimeType.toLowerCase()] ?? (/\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase() ?? 'bin')
  const stem =
    fileName
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'image'
  return digest ? `${stem}-${digest}.${extension}` : `${stem}.${extension}`
}

/** The ids of terms with these names, created when the blog has none by that name. */
async function resolveTerms(rest: WordPressRest, taxonomy: 'categories' | 'tags', names: readonly string[]): Promise<WordPressTermRef[]> {
  const unique = new Map<string, string>()
  for (const raw of names) {
    // WordPress strips tags from term names when it saves them: compare with what it will keep.
    const name = raw.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim()
    if (name && !unique.has(termKey(name))) unique.set(termKey(name), name)
  }
  const refs: WordPressTermRef[] = []
  // One at a time: two new names that WordPress would slug alike must not race to be created.
  for (const name of unique.values()) refs.push(await resolveTerm(rest, taxonomy, name))
  return refs
}

async function resolveTerm(rest: WordPressRest, taxonomy: 'categories' | 'tags', name: string): Promise<WordPressTermRef> {
  const key = termKey(name)
  for (let page = 1; ; page++) {
    const response = await rest.request<WpTerm[]>(`wp/v2/${taxonomy}`, {
      // Names are stored HTML-escaped ("Q&amp;A") and searched with LIKE: search for the stored form.
      query: { search: storedTermName(name), per_page: 100, page, _fields: 'id,name', hide_empty: false },
      // Past the last page WordPress answers 400 rest_post_invalid_page_number.
      accept: [400],
    })
    if (response.status === 400 || !Array.isArray(response.body)) break
    const match = response.body.find((term) => termKey(decodeEntities(term.name)) === key)
    if (match) return { name: decodeEntities(match.name), id: match.id, created: false }
    const totalPages = Number(response.headers.get('x-wp-totalpages') ?? '1')
    if (page >= totalPages) break
  }
  const created = await rest.request<WpTerm | { code?: string; data?: { term_id?: number } }>(`wp/v2/${taxonomy}`, {
    method: 'POST',
    json: { name },
    accept: [400, 409, 500],
  })
  if (created.status === 201 || created.status === 200) {
    const term = created.body as WpTerm
    return { name: decodeEntities(term.name), id: term.id, created: true }
  }
  // Created meanwhile, or a name WordPress considers the same (its slug is taken): use that term.
  const termId = (created.body as { data?: { term_id?: unknown } } | null)?.data?.term_id
  if (wpErrorCode(created.body) === 'term_exists' && typeof termId === 'number') return { name, id: termId, created: false }
  throw new IpcFailure('remote-error', `WordPress could not create the ${taxonomy === 'tags' ? 'tag' : 'category'} "${name}"`, {
    status: created.status,
    wpCode: wpErrorCode(created.body),
  })
}

/** How WordPress tells term names apart: not by case. */
function termKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase()
}

/** How WordPress escapes a term name before storing it (esc_html: &, <, >, " and '). */
function storedTermName(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;')
}

/** WordPress stores term names HTML-escaped ("Q&amp;A"). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#039);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? whole
  })
}

async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

// Publishing a post to WordPress, from the renderer's side: build the clean HTML, gather the image bytes the post
// shows, ask main to publish (it uploads the images and creates or updates the remote post), and keep the ledger
// in step before and after, so an interrupted publication is visible and a re-publication updates the same post.
import type { BaluchonApi } from '../../core/ipc/contract'
import type { IpcError } from '../../core/ipc/result'
import type { WordPressPublished } from '../../core/ipc/publishing'
import type { PostItem } from '../../core/items'
import { docToWordPressHtml, retryDelay, wordpressDateGmt, type Publication, type WordPressRetryOptions } from '../../core/publish'
import type { BaluchonDb } from '../../db/schema'
import { updateFields } from '../items/repository'
import { errorOf, isRetryable, PublishingFailure, retryAfterOf, unwrap } from './errors'
import { applyRemoteState, completeWordPressPublication, failPublication, findWordPressPublication, queueWordPressRetry, startWordPressPublication } from './repository'

export type PublishMode = 'publish' | 'draft' | 'future'
export type PublishStage = 'images' | 'sending' | 'done'

export interface PublishRequest {
  item: PostItem
  accountId: string
  mode: PublishMode
  /** The instant a scheduled post goes out (mode 'future'). */
  scheduledAt: number | null
  categories: string[]
  tags: string[]
  featuredImageId: string | null
}

export interface PostImage {
  attachmentId: string
  alt: string
  name: string
}

/** The stored images a post shows, in order (for the featured image choice). */
export async function postImages(db: BaluchonDb, item: PostItem): Promise<PostImage[]> {
  const { images } = docToWordPressHtml(item.body)
  const records = await db.attachments.bulkGet(images.map((image) => image.attachmentId))
  return images.flatMap((image, index) => {
    const record = records[index]
    return record ? [{ attachmentId: image.attachmentId, alt: image.alt, name: record.name }] : []
  })
}

/** "a, b ,, c" → ["a", "b", "c"], each name once (case-insensitive), as WordPress matches terms by name. */
export function termList(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of text.split(',')) {
    const name = raw.trim().replace(/\s+/g, ' ')
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase())
      out.push(name)
    }
  }
  return out
}

/**
 * The publication failed for a reason that may pass (offline, timeout, the blog answering 5xx or 429): the ledger
 * row waits in the local queue, which publishes it when the blog can be reached.
 */
export class QueuedForRetry extends PublishingFailure {
  constructor(error: IpcError) {
    super(error)
    this.name = 'QueuedForRetry'
  }
}

/** One publication per item and account at a time: the dialog and the queue never send the same post side by side. */
const inFlight = new Map<string, Promise<unknown>>()

/** Resolves once no publication of this item to this account is under way in this window. */
export async function wordpressPublishIdle(itemId: string, accountId: string): Promise<void> {
  for (let running = inFlight.get(`${itemId}:${accountId}`); running; running = inFlight.get(`${itemId}:${accountId}`)) await running.catch(() => undefined)
}

export interface PublishOutcome {
  publication: Publication
  result: WordPressPublished
}

export async function publishToWordPress(
  db: BaluchonDb,
  api: Pick<BaluchonApi, 'wordpressPublish'>,
  request: PublishRequest,
  onStage: (stage: PublishStage) => void = () => {},
): Promise<PublishOutcome> {
  const { item } = request
  const key = `${item.id}:${request.accountId}`
  if (inFlight.has(key)) throw new PublishingFailure({ code: 'busy', message: 'This post is being sent to this blog already' })
  const running = publishOnce(db, api, request, onStage)
  inFlight.set(key, running)
  try {
    return await running
  } finally {
    inFlight.delete(key)
  }
}

async function publishOnce(
  db: BaluchonDb,
  api: Pick<BaluchonApi, 'wordpressPublish'>,
  request: PublishRequest,
  onStage: (stage: PublishStage) => void,
): Promise<PublishOutcome> {
  const { item } = request
  const { html, images } = docToWordPressHtml(item.body)
  // An earlier attempt that never heard back (stopped mid-request, timed out, connection dropped) may have made the
  // post anyway: main looks for it before creating, so a retry never leaves two posts on the blog.
  const previous = await findWordPressPublication(db, item.id, request.accountId)
  const uncertain =
    previous !== undefined && previous.remoteId === null &&
    (previous.status === 'publishing' ||
      ((previous.status === 'failed' || previous.status === 'queued') && previous.error?.retryable === true) ||
      // Taken out of the queue by the person after a failure that may have reached the blog.
      (previous.status === 'failed' && previous.error?.code === 'cancelled'))
  const row = await startWordPressPublication(db, {
    itemId: item.id,
    accountId: request.accountId,
    html,
    scheduledAt: request.mode === 'future' ? request.scheduledAt : null,
  })
  try {
    onStage('images')
    const records = await db.attachments.bulkGet(images.map((image) => image.attachmentId))
    const payload = await Promise.all(
      images.flatMap((image, index) => {
        const record = records[index]
        // A missing image is left to main, which refuses the post naming it (never a post with a broken image).
        if (!record) return []
        return [
          record.data.arrayBuffer().then((buffer) => ({
            id: image.attachmentId,
            fileName: record.name || `${image.attachmentId}.${record.mime.split('/')[1] ?? 'img'}`,
            mimeType: record.mime,
            data: new Uint8Array(buffer),
            alt: image.alt,
          })),
        ]
      }),
    )
    onStage('sending')
    const remoteId = row.remoteId !== null ? Number(row.remoteId) : undefined
    const result = await unwrap(
      api.wordpressPublish({
        accountId: request.accountId,
        ...(remoteId !== undefined && Number.isInteger(remoteId) && remoteId > 0 ? { remoteId } : {}),
        post: {
          title: item.title,
          html,
          excerpt: item.excerpt,
          ...(item.slug ? { slug: item.slug } : {}),
          status: request.mode,
          ...(request.mode === 'future' && request.scheduledAt !== null ? { dateGmt: `${wordpressDateGmt(request.scheduledAt)}Z` } : {}),
          categories: request.categories,
          tags: request.tags,
        },
        images: payload,
        featuredImageId: request.featuredImageId,
        ...(uncertain && row.remoteId === null ? { recoverSince: previous.createdAt } : {}),
      }),
    )
    const publication = await completeWordPressPublication(db, row.id, result)
    // A post live on the blog is "Published" in the library too (a draft or a schedule leaves the status alone).
    if (publication.status === 'published' && item.status !== 'published') await updateFields(db, item.id, { status: 'published' })
    onStage('done')
    return { publication, result }
  } catch (failure) {
    const error = errorOf(failure)
    if (isRetryable(error)) {
      const options: WordPressRetryOptions = {
        mode: request.mode,
        scheduledAt: request.mode === 'future' ? request.scheduledAt : null,
        categories: request.categories,
        tags: request.tags,
        featuredImageId: request.featuredImageId,
      }
      const now = Date.now()
      const asked = retryAfterOf(error)
      const nextAttemptAt = now + retryDelay(row.attempts, asked !== undefined ? { retryAfterMs: asked } : {})
      await queueWordPressRetry(db, row.id, { error: { code: error.code, message: error.message, retryable: true }, options, nextAttemptAt }, now)
      throw new QueuedForRetry(error)
    }
    await failPublication(db, row.id, { code: error.code, message: error.message, retryable: false })
    throw failure instanceof PublishingFailure ? failure : new PublishingFailure(error)
  }
}

/** Pulls a WordPress post's state back into its ledger row (scheduled → published, trashed or deleted on the blog). */
export async function refreshFromWordPress(db: BaluchonDb, api: Pick<BaluchonApi, 'wordpressRefresh'>, publication: Publication): Promise<Publication | undefined> {
  if (publication.channel !== 'wordpress' || publication.accountId === null || publication.remoteId === null) return publication
  const state = await unwrap(api.wordpressRefresh({ accountId: publication.accountId, remoteId: Number(publication.remoteId) }))
  return applyRemoteState(db, publication.id, state)
}

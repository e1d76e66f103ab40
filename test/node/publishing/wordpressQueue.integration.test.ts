// Offline, then back online: a WordPress publication whose first attempt fails with a network error waits in the
// local queue, and the queue publishes it to the real local WordPress (test/support/wordpress) exactly once.
// Through the renderer's publishToWordPress and the queue runner (the ledger in fake-indexeddb) and main's real
// handlers, with a fetch the test can cut (offline: nothing reaches the blog) or make lose the create's answer.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../electron/main/handlers'
import { createDispatcher } from '../../../electron/main/ipc/dispatcher'
import type { BaluchonApi, ChannelInput } from '../../../src/core/ipc/contract'
import type { IpcResult } from '../../../src/core/ipc/result'
import type { PostItem } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem } from '../../../src/features/items/repository'
import { publishToWordPress, QueuedForRetry } from '../../../src/features/publishing/publishPost'
import { PublicationQueue } from '../../../src/features/publishing/queue/runner'
import { listPublications } from '../../../src/features/publishing/repository'
import { wordpressPoster } from '../../../src/features/publishing/wordpressPoster'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'
import { startWordPress, type WordPressSite } from '../../support/wordpress/wordpress'
import { FakeClock } from '../publishing-queue/fakeClock'

let wp: WordPressSite
let dataDir: string
let db: BaluchonDb
let accountId: string
/** No network: every request fails before reaching the blog, as when the Wi-Fi is off. */
let offline = false
/** The next create reaches WordPress and its answer is lost. */
let dropNextCreate = false
let requestsWhileOffline = 0
let counter = 0

const isCreate = (url: string, init?: RequestInit) => init?.method === 'POST' && /wp\/v2\/posts(?:$|[?&])/.test(decodeURIComponent(url))

async function cuttableFetch(url: string, init?: RequestInit): Promise<Response> {
  if (offline) {
    requestsWhileOffline++
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) })
  }
  const response = await fetch(url, init)
  if (dropNextCreate && isCreate(url, init)) {
    dropNextCreate = false
    await response.arrayBuffer()
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
  }
  return response
}

const dispatchOf = () =>
  createDispatcher({
    isTrustedSender: () => true,
    logError: () => undefined,
    handlers: createHandlers({
      appInfo: () => ({ version: '0', platform: 'linux', locale: 'en-GB', dataPath: dataDir }),
      setMenuLanguage: () => undefined,
      openExternal: async () => undefined,
      readyToClose: () => undefined,
      linkPreview: { isOnline: () => false, resolveHost: async () => [], fetch: () => Promise.reject(new Error('no network')) },
      backup: { showSaveDialog: async () => null, showOpenDialog: async () => null, autoBackupDir: () => null },
      publishing: { safeStorage: fakeSafeStorage(), dataDir, fetch: cuttableFetch },
    }),
  })
let dispatch: ReturnType<typeof dispatchOf>

const api: Pick<BaluchonApi, 'wordpressPublish'> = {
  wordpressPublish: (input: ChannelInput<'wordpressPublish'>) => dispatch('wordpressPublish', input, 'file:///app/index.html') as Promise<IpcResult<never>>,
}

async function postsTitled(title: string): Promise<{ id: number; status: string; content: string; tags: number[] }[]> {
  const { body } = await wp.rest<{ id: number; status: string; title: { raw: string }; content: { raw: string }; tags: number[] }[]>(
    `wp/v2/posts?context=edit&status=publish,future,draft,pending,private&per_page=100&search=${encodeURIComponent(title)}`,
  )
  return body.filter((post) => post.title.raw === title).map((post) => ({ id: post.id, status: post.status, content: post.content.raw, tags: post.tags }))
}

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

let queue: PublicationQueue | null = null
function startQueue(clock: FakeClock, isOnline: () => boolean): PublicationQueue {
  queue = new PublicationQueue({
    db,
    posters: { wordpress: wordpressPoster(api) },
    notify: async () => undefined,
    now: () => clock.now,
    isOnline,
    random: () => 0,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    runnerId: `runner-${counter++}`,
    isRunnerAlive: async () => false,
  })
  return queue
}

beforeAll(async () => {
  wp = await startWordPress()
  dataDir = await mkdtemp(join(tmpdir(), 'baluchon-wp-queue-'))
  dispatch = dispatchOf()
  const saved = (await dispatch(
    'publishingAccountSave',
    { kind: 'wordpress', siteUrl: wp.url, username: 'admin', applicationPassword: wp.applicationPassword },
    'file:///app/index.html',
  )) as IpcResult<{ id: string }>
  if (!saved.ok) throw new Error(`account: ${saved.error.code} ${saved.error.message}`)
  accountId = saved.value.id
  db = new BaluchonDb(`wp-queue-${Date.now()}`)
  await db.open()
}, 120_000)

afterEach(() => {
  queue?.dispose()
  queue = null
  offline = false
  dropNextCreate = false
})

afterAll(async () => {
  db?.close()
  await wp?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('the local queue publishing to a real WordPress', () => {
  it('offline: queued, then published exactly once when the network is back, with the text of the item then', async () => {
    const title = `Queued offline ${Date.now()}`
    const item = (await createItem(db, 'post', { title, body: paragraph('Written offline.') } as Partial<PostItem>)) as PostItem
    offline = true
    const failure = await publishToWordPress(db, api, { item, accountId, mode: 'publish', scheduledAt: null, categories: [], tags: ['queued'], featuredImageId: null }).catch(
      (e: unknown) => e,
    )
    expect(failure).toBeInstanceOf(QueuedForRetry)
    expect(requestsWhileOffline).toBeGreaterThan(0)
    expect(await listPublications(db, item.id)).toEqual([expect.objectContaining({ status: 'queued', handling: 'local-post', error: expect.objectContaining({ code: 'network' }) })])

    const clock = new FakeClock()
    clock.now = Date.now()
    const q = startQueue(clock, () => !offline)
    await q.start()
    await clock.advance(10 * 60_000, [q])
    expect(await postsTitled(title)).toEqual([])

    // Edited while waiting: the queue sends the item as it is when it publishes.
    await db.items.update(item.id, { body: paragraph('Written offline, then corrected.') })
    offline = false
    await q.online()
    await expect.poll(async () => (await listPublications(db, item.id))[0]?.status, { timeout: 30_000, interval: 100 }).toBe('published')
    await q.idle()
    const posts = await postsTitled(title)
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatchObject({ status: 'publish', content: expect.stringContaining('then corrected.') })
    expect(posts[0]!.tags).toHaveLength(1)
    const [row] = await listPublications(db, item.id)
    expect(row).toMatchObject({ status: 'published', handling: 'server', remoteId: String(posts[0]!.id), error: null })

    // The queue has nothing left to do with it.
    await clock.advance(3 * 3_600_000, [q])
    expect(await postsTitled(title)).toHaveLength(1)
  }, 90_000)

  it('a create whose answer was lost: the queue finds the post on the blog instead of making a second one', async () => {
    const title = `Queued lost answer ${Date.now()}`
    const item = (await createItem(db, 'post', { title, body: paragraph('Text.') } as Partial<PostItem>)) as PostItem
    dropNextCreate = true
    await expect(publishToWordPress(db, api, { item, accountId, mode: 'draft', scheduledAt: null, categories: [], tags: [], featuredImageId: null })).rejects.toBeInstanceOf(
      QueuedForRetry,
    )
    expect(await postsTitled(title)).toHaveLength(1)

    const clock = new FakeClock()
    clock.now = Date.now()
    const q = startQueue(clock, () => true)
    await q.start()
    await clock.advance(2 * 60_000, [q])
    await expect.poll(async () => (await listPublications(db, item.id))[0]?.status, { timeout: 30_000, interval: 100 }).toBe('draft')
    await q.idle()
    const posts = await postsTitled(title)
    expect(posts).toHaveLength(1)
    expect(await listPublications(db, item.id)).toEqual([expect.objectContaining({ status: 'draft', remoteId: String(posts[0]!.id) })])
  }, 90_000)
})

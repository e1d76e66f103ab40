// A WordPress create whose answer is lost (the request reached the blog, the connection dropped before the
// response came back) must not become two posts when the person publishes again. Against the real local
// WordPress (test/support/wordpress), through the renderer's publishToWordPress (the ledger in fake-indexeddb) and
// main's real handlers, with a fetch that forwards the create and then throws as a dropped connection does.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../electron/main/handlers'
import { createDispatcher } from '../../../electron/main/ipc/dispatcher'
import type { BaluchonApi, ChannelInput } from '../../../src/core/ipc/contract'
import type { IpcResult } from '../../../src/core/ipc/result'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem } from '../../../src/features/items/repository'
import type { PostItem } from '../../../src/core/items'
import { publishToWordPress } from '../../../src/features/publishing/publishPost'
import { listPublications } from '../../../src/features/publishing/repository'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'
import { startWordPress, type WordPressSite } from '../../support/wordpress/wordpress'

let wp: WordPressSite
let dataDir: string
let db: BaluchonDb
let accountId: string
/** Set by a test: the next create of a post reaches WordPress, and its answer is lost. */
let dropNextCreate = false
let droppedCreates = 0

const isCreate = (url: string, init?: RequestInit) => init?.method === 'POST' && /wp\/v2\/posts(?:$|[?&])/.test(decodeURIComponent(url))

async function lossyFetch(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init)
  if (dropNextCreate && isCreate(url, init)) {
    dropNextCreate = false
    droppedCreates++
    // WordPress made the post; the answer never arrives (as when the Wi-Fi drops or the app stops mid-request).
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
      publishing: { safeStorage: fakeSafeStorage(), dataDir, fetch: lossyFetch },
    }),
  })
let dispatch: ReturnType<typeof dispatchOf>

const api: Pick<BaluchonApi, 'wordpressPublish'> = {
  wordpressPublish: (input: ChannelInput<'wordpressPublish'>) => dispatch('wordpressPublish', input, 'file:///app/index.html') as Promise<IpcResult<never>>,
}

/** Posts of the blog with this exact title, in any state but the trash. */
async function postsTitled(title: string): Promise<number[]> {
  const { body } = await wp.rest<{ id: number; title: { raw: string } }[]>(
    `wp/v2/posts?context=edit&status=publish,future,draft,pending,private&per_page=100&search=${encodeURIComponent(title)}`,
  )
  return body.filter((post) => post.title.raw === title).map((post) => post.id)
}

beforeAll(async () => {
  wp = await startWordPress()
  dataDir = await mkdtemp(join(tmpdir(), 'baluchon-lost-response-'))
  dispatch = dispatchOf()
  const saved = (await dispatch(
    'publishingAccountSave',
    { kind: 'wordpress', siteUrl: wp.url, username: 'admin', applicationPassword: wp.applicationPassword },
    'file:///app/index.html',
  )) as IpcResult<{ id: string }>
  if (!saved.ok) throw new Error(`account: ${saved.error.code} ${saved.error.message}`)
  accountId = saved.value.id
  db = new BaluchonDb(`lost-response-${Date.now()}`)
  await db.open()
}, 120_000)

afterAll(async () => {
  db?.close()
  await wp?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

async function post(title: string, text: string): Promise<PostItem> {
  return (await createItem(db, 'post', { title, body: paragraph(text) } as Partial<PostItem>)) as PostItem
}

const request = (item: PostItem) => ({ item, accountId, mode: 'publish' as const, scheduledAt: null, categories: [], tags: [], featuredImageId: null })

describe('a WordPress create whose answer was lost', () => {
  it('is found and updated by the next attempt, never created twice; the ledger gets its id', async () => {
    const title = `Lost answer ${Date.now()}`
    const item = await post(title, 'First version.')

    dropNextCreate = true
    await expect(publishToWordPress(db, api, request(item))).rejects.toMatchObject({ error: { code: 'network' } })
    expect(droppedCreates).toBe(1)
    const [made] = await postsTitled(title)
    expect(made).toBeGreaterThan(0)
    const [failed] = await listPublications(db, item.id)
    // A network failure leaves it in the local queue (see wordpressQueue.integration.test.ts); here the person
    // publishes again before the queue does.
    expect(failed).toMatchObject({ status: 'queued', remoteId: null, error: { code: 'network', retryable: true } })

    // The person edits a word and publishes again: the post WordPress made is updated, not a second one.
    const edited = { ...item, body: paragraph('Second version.') } as PostItem
    const { result, publication } = await publishToWordPress(db, api, request(edited))
    expect(result).toMatchObject({ remoteId: made, created: false, status: 'publish' })
    expect(await postsTitled(title)).toEqual([made])
    expect(publication).toMatchObject({ status: 'published', remoteId: String(made) })
    const { body } = await wp.rest<{ content: { raw: string } }>(`wp/v2/posts/${made}?context=edit`)
    expect(body.content.raw).toContain('Second version.')
  }, 60_000)

  it('an attempt interrupted mid-request (the app stopped: the ledger row still says publishing) is recovered too', async () => {
    const title = `Interrupted ${Date.now()}`
    const item = await post(title, 'Text.')
    dropNextCreate = true
    await expect(publishToWordPress(db, api, request(item))).rejects.toMatchObject({ error: { code: 'network' } })
    // As if the app had stopped before writing the failure.
    const [row] = await listPublications(db, item.id)
    await db.publications.put({ ...row!, status: 'publishing', error: null })
    const { result } = await publishToWordPress(db, api, request(item))
    expect(result.created).toBe(false)
    expect(await postsTitled(title)).toHaveLength(1)
  }, 60_000)

  it('without the guard the same retry makes a duplicate (what the guard prevents), and a first attempt still creates', async () => {
    const title = `Unguarded ${Date.now()}`
    const input = (): ChannelInput<'wordpressPublish'> => ({
      accountId,
      post: { title, html: '<p>Text.</p>', status: 'publish', categories: [], tags: [] },
      images: [],
    })
    dropNextCreate = true
    expect(await dispatch('wordpressPublish', input(), 'file:///app/index.html')).toMatchObject({ ok: false, error: { code: 'network' } })
    expect(await dispatch('wordpressPublish', input(), 'file:///app/index.html')).toMatchObject({ ok: true, value: { created: true } })
    expect(await postsTitled(title)).toHaveLength(2)

    // recoverSince with nothing to recover: a plain create.
    const fresh = `Fresh ${Date.now()}`
    const created = await dispatch('wordpressPublish', { ...input(), post: { ...input().post, title: fresh }, recoverSince: Date.now() }, 'file:///app/index.html')
    expect(created).toMatchObject({ ok: true, value: { created: true } })
    expect(await postsTitled(fresh)).toHaveLength(1)
  }, 60_000)
})

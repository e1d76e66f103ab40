// WordPress publishing end to end in main: a real WordPress (test/support/wordpress), the real dispatcher and
// handlers (input validation, typed errors), the real secret store with a fake safeStorage.
//
// The last test is the canary: the application passwords used here (the real one, and a planted wrong one)
// must never appear in anything logged, in any IPC result, or in any file but the encrypted store.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import { createHandlers } from '../../../electron/main/handlers'
import { SECRETS_FILE, type PublishingDeps } from '../../../electron/main/handlers/publishing'
import { contentDigest } from '../../../electron/main/publishing/wordpressPublish'
import { createDispatcher } from '../../../electron/main/ipc/dispatcher'
import type { ChannelInput, ChannelOutput } from '../../../src/core/ipc/contract'
import type { ChannelName } from '../../../src/core/ipc/channels'
import type { PublishingAccount } from '../../../src/core/ipc/publishing'
import type { IpcResult } from '../../../src/core/ipc/result'
import { wallTimeToInstant } from '../../../src/core/publish/schedule'
import { fakeSafeStorage } from '../../support/fakeSafeStorage'
import { startWordPress, type WordPressSite } from '../../support/wordpress/wordpress'
import { solidPng } from './png'

const fileStarted = performance.now()
let wp: WordPressSite
let dataDir: string
const canaries: string[] = []
const ipcResults: string[] = []
const logged: string[] = []
const spies: MockInstance[] = []
let publishMs = 0

function record(...args: unknown[]): void {
  logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '))
}

type Dispatch = ReturnType<typeof createDispatcher>

function dispatcherFor(dir: string, publishing: Partial<PublishingDeps> = {}): Dispatch {
  return createDispatcher({
    isTrustedSender: () => true,
    logError: (channel, error) => record(`[ipc] ${channel} failed:`, error),
    handlers: createHandlers({
      appInfo: () => ({ version: '0', platform: 'linux', locale: 'en-GB', dataPath: dir }),
      setMenuLanguage: () => undefined,
      openExternal: async () => undefined,
      readyToClose: () => undefined,
      linkPreview: { isOnline: () => false, resolveHost: async () => [], fetch: () => Promise.reject(new Error('no network')) },
      backup: { showSaveDialog: async () => null, showOpenDialog: async () => null, autoBackupDir: () => join(dir, 'backups') },
      publishing: { safeStorage: fakeSafeStorage(), dataDir: dir, fetch: (url, init) => fetch(url, init), ...publishing },
    }),
  })
}

let dispatch: Dispatch

/** Data folders of other set-ups (another keychain…): the canary scans them too, afterAll deletes them. */
const extraDataDirs: string[] = []
async function extraDataDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `baluchon-publishing-${name}-`))
  extraDataDirs.push(dir)
  return dir
}

async function call<K extends ChannelName>(channel: K, input: ChannelInput<K>, via: Dispatch = dispatch): Promise<IpcResult<ChannelOutput<K>>> {
  const result = (await via(channel, input, 'file:///app/index.html')) as IpcResult<ChannelOutput<K>>
  ipcResults.push(JSON.stringify(result))
  return result
}

async function value<K extends ChannelName>(channel: K, input: ChannelInput<K>, via?: Dispatch): Promise<ChannelOutput<K>> {
  const result = await call(channel, input, via)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
  return result.value
}

interface WpPostBody {
  id: number
  status: string
  slug: string
  date: string
  date_gmt: string
  featured_media: number
  categories: number[]
  tags: number[]
  title: { raw: string }
  content: { raw: string }
  excerpt: { raw: string }
}

const RED = solidPng(40, 30, [220, 20, 20])
const BLUE = solidPng(30, 40, [20, 20, 220])
const GREEN = solidPng(36, 24, [20, 200, 20])

let account: PublishingAccount

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    spies.push(vi.spyOn(console, method).mockImplementation((...args: unknown[]) => record(...args)))
  }
  wp = await startWordPress()
  canaries.push(wp.applicationPassword, wp.contributor.applicationPassword)
  dataDir = await mkdtemp(join(tmpdir(), 'baluchon-publishing-'))
  dispatch = dispatcherFor(dataDir)
}, 120_000)

afterAll(async () => {
  for (const spy of spies) spy.mockRestore()
  await wp?.stop()
  for (const dir of [dataDir, ...extraDataDirs]) if (dir) await rm(dir, { recursive: true, force: true })
  if (wp) {
    console.info(
      `WordPress integration: WordPress started in ${Math.round(wp.timings.totalMs)} ms ` +
        `(database ${Math.round(wp.timings.databaseMs)} ms, install ${Math.round(wp.timings.installMs)} ms); ` +
        `first publish (2 images, 4 new terms) ${Math.round(publishMs)} ms; whole file ${Math.round(performance.now() - fileStarted)} ms`,
    )
  }
}, 60_000)

describe('accounts', () => {
  it('saves a verified account, without its secret, and lists it', async () => {
    account = await value('publishingAccountSave', {
      kind: 'wordpress',
      siteUrl: `${wp.url}/`,
      username: 'admin',
      // As WordPress shows it: groups of four.
      applicationPassword: wp.applicationPassword.replace(/(.{4})(?!$)/g, '$1 '),
    })
    expect(account).toMatchObject({
      kind: 'wordpress',
      siteUrl: wp.url,
      restRoot: `${wp.url}/wp-json/`,
      siteName: 'Baluchon test blog',
      username: 'admin',
      displayName: 'admin',
      canPublish: true,
      secretProtection: 'os',
    })
    expect(Object.keys(account).sort()).toEqual(
      ['id', 'kind', 'siteUrl', 'restRoot', 'siteName', 'username', 'displayName', 'canPublish', 'secretProtection', 'verifiedAt'].sort(),
    )
    await expect(value('publishingAccountList', undefined)).resolves.toEqual([account])
  })

  it('saving the same site and user again updates that account instead of adding one', async () => {
    const again = await value('publishingAccountSave', { kind: 'wordpress', siteUrl: wp.url, username: 'admin', applicationPassword: wp.applicationPassword })
    expect(again.id).toBe(account.id)
    expect(again.verifiedAt >= account.verifiedAt).toBe(true)
    expect(await value('publishingAccountList', undefined)).toEqual([again])
    account = again
  })

  it('a wrong password is an auth error, and nothing is stored', async () => {
    const wrong = `Canary${Math.random().toString(36).slice(2)}Wrong`
    canaries.push(wrong)
    const result = await call('publishingAccountSave', { kind: 'wordpress', siteUrl: wp.url, username: 'admin', applicationPassword: wrong })
    expect(result).toMatchObject({ ok: false, error: { code: 'auth', detail: { status: 401, reason: 'wrong-credentials' } } })
    const unknownUser = await call('publishingAccountSave', { kind: 'wordpress', siteUrl: wp.url, username: 'nobody', applicationPassword: wrong })
    expect(unknownUser).toMatchObject({ ok: false, error: { code: 'auth' } })
    expect(await value('publishingAccountList', undefined)).toEqual([account])
  })

  it('tells when the host strips the Authorization header', async () => {
    wp.stripAuthorization(true)
    try {
      const result = await call('publishingAccountSave', { kind: 'wordpress', siteUrl: wp.url, username: 'admin', applicationPassword: wp.applicationPassword })
      expect(result).toMatchObject({ ok: false, error: { code: 'auth-header-stripped', detail: { status: 401, wpCode: 'rest_not_logged_in' } } })
    } finally {
      wp.stripAuthorization(false)
    }
  })

  it('without XML-RPC to tell why, a refused login is an auth error that mentions the stripped-header possibility', async () => {
    const muPlugins = join(wp.siteDir, 'wp-content', 'mu-plugins')
    await mkdir(muPlugins, { recursive: true })
    await writeFile(join(muPlugins, 'no-xmlrpc.php'), "<?php add_filter('xmlrpc_enabled', '__return_false');\n")
    wp.stripAuthorization(true)
    try {
      const result = await call('publishingAccountSave', { kind: 'wordpress', siteUrl: wp.url, username: 'admin', applicationPassword: wp.applicationPassword })
      expect(result).toMatchObject({ ok: false, error: { code: 'auth', detail: { status: 401, hint: 'maybe-header-stripped' } } })
    } finally {
      wp.stripAuthorization(false)
      await rm(join(muPlugins, 'no-xmlrpc.php'), { force: true })
    }
  })

  it('refuses plain http to a site that is not this computer, before any request', async () => {
    const result = await call('publishingAccountSave', { kind: 'wordpress', siteUrl: 'http://blog.example.org', username: 'admin', applicationPassword: 'x' })
    expect(result).toMatchObject({ ok: false, error: { code: 'insecure-url' } })
  })

  it('says when there is no REST API at the address', async () => {
    const server: Server = createServer((_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as { port: number }
      const result = await call('publishingAccountSave', { kind: 'wordpress', siteUrl: `http://127.0.0.1:${port}`, username: 'admin', applicationPassword: 'x' })
      expect(result).toMatchObject({ ok: false, error: { code: 'no-rest-api', detail: { status: 404 } } })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('asks before storing when the keychain is basic_text, and stores with consent', async () => {
    const dir = await extraDataDir('weak')
    {
      const weak = dispatcherFor(dir, { safeStorage: fakeSafeStorage({ backend: 'basic_text' }) })
      await expect(value('publishingStorageStatus', undefined, weak)).resolves.toEqual({ protection: 'weak', backend: 'basic_text' })
      const input = { kind: 'wordpress' as const, siteUrl: wp.url, username: 'admin', applicationPassword: wp.applicationPassword }
      const refused = await call('publishingAccountSave', input, weak)
      expect(refused).toMatchObject({ ok: false, error: { code: 'insecure-storage', detail: { protection: 'weak', backend: 'basic_text' } } })
      expect(existsSync(join(dir, SECRETS_FILE))).toBe(false)
      const saved = await value('publishingAccountSave', { ...input, allowInsecureStorage: true }, weak)
      expect(saved.secretProtection).toBe('weak')
    }
  })

  it('finds the REST API through ?rest_route= on a site without pretty permalinks, and publishes through it', async () => {
    const muPlugins = join(wp.siteDir, 'wp-content', 'mu-plugins')
    await wp.php("global $wp_rewrite; $wp_rewrite->set_permalink_structure(''); $wp_rewrite->flush_rules(false);")
    const dir = await extraDataDir('plain')
    try {
      const plain = dispatcherFor(dir)
      const input = { kind: 'wordpress' as const, siteUrl: wp.url, username: 'admin', applicationPassword: wp.applicationPassword }
      // /wp-json/ is the home page now; the Link header announces the ?rest_route= root.
      const viaLink = await value('publishingAccountSave', input, plain)
      expect(viaLink.restRoot).toBe(`${wp.url}/index.php?rest_route=/`)

      // A host that also strips the Link header (and the <link> tag): the last resort finds it all the same.
      await mkdir(muPlugins, { recursive: true })
      await writeFile(
        join(muPlugins, 'no-api-link.php'),
        "<?php remove_action('template_redirect', 'rest_output_link_header', 11); remove_action('wp_head', 'rest_output_link_wp_head', 10);\n",
      )
      const home = await fetch(`${wp.url}/`)
      expect(home.headers.get('link')).toBeNull()
      await home.body?.cancel()
      const viaQuery = await value('publishingAccountSave', input, plain)
      expect(viaQuery.restRoot).toBe(`${wp.url}/?rest_route=/`)

      const published = await value(
        'wordpressPublish',
        {
          accountId: viaQuery.id,
          post: { title: 'Through rest_route', html: '<p>Plain permalinks.</p>', status: 'draft', categories: [], tags: ['rest-route'] },
          images: [{ id: 'img-q', fileName: 'q.png', mimeType: 'image/png', data: Buffer.from(BLUE).toString('base64'), alt: 'Blue' }],
          featuredImageId: 'img-q',
        },
        plain,
      )
      const post = await wp.rest<WpPostBody>(`wp/v2/posts/${published.remoteId}?context=edit`)
      expect(post.body).toMatchObject({ status: 'draft', title: { raw: 'Through rest_route' }, featured_media: published.featuredMediaId })
      await expect(value('wordpressRefresh', { accountId: viaQuery.id, remoteId: published.remoteId }, plain)).resolves.toMatchObject({ status: 'draft' })
    } finally {
      await rm(join(muPlugins, 'no-api-link.php'), { force: true })
      await wp.php("global $wp_rewrite; $wp_rewrite->set_permalink_structure('/%postname%/'); $wp_rewrite->flush_rules(false);")
    }
  })

  it('a contributor account is saved as unable to publish, and publishing is refused with a typed error', async () => {
    const contributor = await value('publishingAccountSave', {
      kind: 'wordpress',
      siteUrl: wp.url,
      username: 'contributor',
      applicationPassword: wp.contributor.applicationPassword,
    })
    expect(contributor.canPublish).toBe(false)
    const result = await call('wordpressPublish', {
      accountId: contributor.id,
      post: { title: 'Not allowed', html: '<p>No.</p>', status: 'publish', categories: [], tags: [] },
      images: [],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'permission-denied', detail: { status: 403 } } })
    await value('publishingAccountRemove', { id: contributor.id })
  })
})

describe('publishing', () => {
  let firstId: number
  let firstMedia: { imageId: string; mediaId: number; url: string }[]

  const article = (title: string, tags: string[]) => ({
    accountId: account.id,
    post: {
      title,
      html:
        '<h2>Why offline</h2><p>Drafts <strong>stay</strong> yours &amp; travel.</p>' +
        '<figure><img src="attachment:img-red" alt="A red rectangle"><figcaption>Red</figcaption></figure>' +
        '<p>And again: <img src="attachment:img-red" alt="A red rectangle"></p>',
      excerpt: 'Drafts stay yours.',
      slug: 'why-offline',
      status: 'publish' as const,
      categories: ['Talks', 'Écriture'],
      tags,
    },
    images: [
      { id: 'img-red', fileName: 'Carré rouge.png', mimeType: 'image/png', data: RED, alt: 'A red rectangle' },
      { id: 'img-green', fileName: 'cover.png', mimeType: 'image/png', data: Buffer.from(GREEN).toString('base64'), alt: 'Cover' },
    ],
    featuredImageId: 'img-green',
  })

  it('publishes now: content, images uploaded and rewritten, terms created, featured image', async () => {
    const started = performance.now()
    const published = await value('wordpressPublish', article('Why offline matters', ['TypeScript', 'offline-first']))
    publishMs = performance.now() - started
    expect(published).toMatchObject({ status: 'publish', created: true, link: `${wp.url}/why-offline/` })
    expect(published.categories.map((t) => [t.name, t.created])).toEqual([['Talks', true], ['Écriture', true]])
    expect(published.tags.map((t) => [t.name, t.created])).toEqual([['TypeScript', true], ['offline-first', true]])
    expect(published.media.map((m) => [m.imageId, m.uploaded])).toEqual([['img-red', true], ['img-green', true]])
    firstId = published.remoteId
    firstMedia = published.media

    const post = await wp.rest<WpPostBody>(`wp/v2/posts/${published.remoteId}?context=edit`)
    expect(post.body).toMatchObject({
      status: 'publish',
      slug: 'why-offline',
      title: { raw: 'Why offline matters' },
      excerpt: { raw: 'Drafts stay yours.' },
      featured_media: published.media[1]!.mediaId,
    })
    expect(post.body.categories.sort()).toEqual(published.categories.map((t) => t.id).sort())
    expect(post.body.tags.sort()).toEqual(published.tags.map((t) => t.id).sort())
    const redUrl = published.media[0]!.url
    expect(redUrl).toMatch(new RegExp(`^${wp.url}/wp-content/uploads/\\d{4}/\\d{2}/Carre-rouge-${contentDigest(RED)}\\.png$`))
    const content = post.body.content.raw
    expect(content).not.toContain('attachment:')
    expect(content.split(`src="${redUrl}"`)).toHaveLength(3) // both occurrences, one upload
    expect(content).toContain('alt="A red rectangle"')
    expect(content).toContain('<strong>stay</strong> yours &amp; travel.')

    const media = await wp.rest<{ alt_text: string; mime_type: string; media_details: { width: number; height: number } }>(
      `wp/v2/media/${published.media[0]!.mediaId}?context=edit`,
    )
    expect(media.body).toMatchObject({ alt_text: 'A red rectangle', mime_type: 'image/png', media_details: { width: 40, height: 30 } })
    const file = await fetch(redUrl)
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(RED))).toBe(true)

    // Public: anyone can read it.
    const anonymous = await fetch(`${wp.url}/wp-json/wp/v2/posts/${published.remoteId}`)
    expect(anonymous.status).toBe(200)
    await anonymous.body?.cancel()
  })

  it('matches existing terms by name whatever the case, and never creates them twice', async () => {
    const second = await value('wordpressPublish', { ...article('Second post', ['typescript', 'TYPESCRIPT', 'New tag']), featuredImageId: null })
    expect(second.tags.map((t) => [t.name, t.created])).toEqual([['TypeScript', false], ['New tag', true]])
    expect(second.categories.every((t) => !t.created)).toBe(true)
    const tags = await wp.rest<{ name: string }[]>('wp/v2/tags?per_page=100&search=typescript')
    expect(tags.body.map((t) => t.name)).toEqual(['TypeScript'])
    const categories = await wp.rest<{ name: string }[]>('wp/v2/categories?per_page=100')
    expect(categories.body.map((t) => t.name).sort()).toEqual(['Talks', 'Uncategorized', 'Écriture'].sort())
    const post = await wp.rest<WpPostBody>(`wp/v2/posts/${second.remoteId}?context=edit`)
    expect(post.body.featured_media).toBe(0)
  })

  it('finds a term past the first page of matches, and names WordPress stores escaped (Q&A)', async () => {
    // 120 tags whose names contain "zz" and sort before it: "zz" itself comes on the second page of a search.
    const zzId = Number(
      await wp.php("for ($i = 0; $i < 120; $i++) { wp_insert_term(sprintf('a-zz-%03d', $i), 'post_tag'); } echo wp_insert_term('zz', 'post_tag')['term_id'];"),
    )
    const first = await value('wordpressPublish', {
      accountId: account.id,
      post: { title: 'Terms', html: '<p>Terms.</p>', status: 'draft', categories: ['Q&A'], tags: ['zz', 'Q&A', 'Ça & là'] },
      images: [],
    })
    expect(first.tags.map((t) => [t.name, t.created])).toEqual([
      ['zz', false],
      ['Q&A', true],
      ['Ça & là', true],
    ])
    expect(first.tags[0]!.id).toBe(zzId)
    const again = await value('wordpressPublish', {
      accountId: account.id,
      remoteId: first.remoteId,
      post: { title: 'Terms', html: '<p>Terms.</p>', status: 'draft', categories: ['q&a'], tags: ['Q&A', 'ça & là'] },
      images: [],
    })
    expect(again.tags.map((t) => [t.id, t.created])).toEqual(first.tags.slice(1).map((t) => [t.id, false]))
    expect(again.categories).toEqual([{ name: 'Q&A', id: first.categories[0]!.id, created: false }])
  })

  it('an image uploaded before is found by its bytes even when its media id was not kept (a retried publication)', async () => {
    const before = await postAndMediaCounts()
    const other = await value('wordpressPublish', {
      accountId: account.id,
      post: { title: 'Same picture', html: '<p><img src="attachment:another-id" alt="Red again"></p>', status: 'draft', categories: [], tags: [] },
      images: [{ id: 'another-id', fileName: 'renamed.png', mimeType: 'image/png', data: RED, alt: 'Red again' }],
    })
    expect(other.media).toEqual([{ imageId: 'another-id', mediaId: firstMedia[0]!.mediaId, url: firstMedia[0]!.url, uploaded: false }])
    const after = await postAndMediaCounts()
    expect(after.media).toBe(before.media)
    expect(Number(after.posts)).toBe(Number(before.posts) + 1)
  })

  it('saves a draft on the blog, invisible to visitors', async () => {
    const draft = await value('wordpressPublish', {
      accountId: account.id,
      post: { title: 'Work in progress', html: '<p>Not yet.</p>', status: 'draft', categories: [], tags: [] },
      images: [],
    })
    expect(draft).toMatchObject({ status: 'draft', created: true })
    const anonymous = await fetch(`${wp.url}/wp-json/wp/v2/posts/${draft.remoteId}`)
    expect(anonymous.status).toBe(401)
    await anonymous.body?.cancel()
  })

  it('schedules at a time picked in Europe/Paris: status future, date_gmt in UTC, the blog showing that same wall time', async () => {
    const summer = wallTimeToInstant({ date: '2030-07-14', time: '09:30' }, 'Europe/Paris')!
    const winter = wallTimeToInstant({ date: '2030-01-15', time: '09:30' }, 'Europe/Paris')!
    for (const [instant, dateGmt] of [
      [summer, '2030-07-14T07:30:00'],
      [winter, '2030-01-15T08:30:00'],
    ] as const) {
      const scheduled = await value('wordpressPublish', {
        accountId: account.id,
        post: { title: `Later ${dateGmt}`, html: '<p>Soon.</p>', status: 'future', dateGmt: new Date(instant).toISOString(), categories: [], tags: [] },
        images: [],
      })
      expect(scheduled).toMatchObject({ status: 'future', dateGmt: `${dateGmt}.000Z` })
      const post = await wp.rest<WpPostBody>(`wp/v2/posts/${scheduled.remoteId}?context=edit`)
      expect(post.body.status).toBe('future')
      expect(post.body.date_gmt).toBe(dateGmt)
      // The blog's time zone is Europe/Paris: its local date is the wall time the person picked.
      expect(post.body.date).toBe(dateGmt.startsWith('2030-07') ? '2030-07-14T09:30:00' : '2030-01-15T09:30:00')
    }
  })

  it('refuses to schedule in the past (WordPress would publish at once)', async () => {
    const result = await call('wordpressPublish', {
      accountId: account.id,
      post: { title: 'Too late', html: '<p>x</p>', status: 'future', dateGmt: '2020-01-01T10:00:00Z', categories: [], tags: [] },
      images: [],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', detail: { reason: 'schedule-in-past' } } })
  })

  it('re-publishing updates the same post and reuses the uploaded images: no duplicate post, no duplicate media', async () => {
    const before = await postAndMediaCounts()
    const again = await value('wordpressPublish', {
      ...article('Why offline matters (revised)', ['TypeScript']),
      remoteId: firstId,
      images: article('', []).images.map((image) => ({ ...image, remoteMediaId: firstMedia.find((m) => m.imageId === image.id)!.mediaId })),
    })
    expect(again).toMatchObject({ remoteId: firstId, created: false, status: 'publish' })
    expect(again.media.map((m) => m.uploaded)).toEqual([false, false])
    expect(await postAndMediaCounts()).toEqual(before)
    const post = await wp.rest<WpPostBody>(`wp/v2/posts/${firstId}?context=edit`)
    expect(post.body.title.raw).toBe('Why offline matters (revised)')
    expect(post.body.tags).toEqual([again.tags[0]!.id])
  })

  it('publishing now a post scheduled earlier publishes it now, not at the old date', async () => {
    const scheduled = await value('wordpressPublish', {
      accountId: account.id,
      post: { title: 'Moved up', html: '<p>Now.</p>', status: 'future', dateGmt: '2031-03-01T12:00:00Z', categories: [], tags: [] },
      images: [],
    })
    const now = await value('wordpressPublish', {
      accountId: account.id,
      remoteId: scheduled.remoteId,
      post: { title: 'Moved up', html: '<p>Now.</p>', status: 'publish', categories: [], tags: [] },
      images: [],
    })
    expect(now).toMatchObject({ remoteId: scheduled.remoteId, status: 'publish' })
    expect(Math.abs(Date.parse(now.dateGmt!) - Date.now())).toBeLessThan(120_000)
  })

  it('refresh follows the blog: scheduled → published, trashed, deleted; re-publishing a deleted post makes a new one', async () => {
    const scheduled = await value('wordpressPublish', {
      accountId: account.id,
      post: { title: 'Cron will publish me', html: '<p>Tick.</p>', status: 'future', dateGmt: '2032-05-05T05:05:00Z', categories: [], tags: [] },
      images: [],
    })
    const refresh = () => value('wordpressRefresh', { accountId: account.id, remoteId: scheduled.remoteId })
    await expect(refresh()).resolves.toMatchObject({ status: 'future', dateGmt: '2032-05-05T05:05:00.000Z' })

    // What WP-Cron does when the time comes.
    await wp.php(`wp_publish_post(${scheduled.remoteId});`)
    await expect(refresh()).resolves.toMatchObject({ status: 'publish', remoteId: scheduled.remoteId })

    // Trashed by someone on the blog; re-publishing brings the same post back.
    await wp.php(`wp_trash_post(${scheduled.remoteId});`)
    await expect(refresh()).resolves.toMatchObject({ status: 'trash' })
    const restored = await value('wordpressPublish', {
      accountId: account.id,
      remoteId: scheduled.remoteId,
      post: { title: 'Cron will publish me', html: '<p>Tick.</p>', status: 'publish', categories: [], tags: [] },
      images: [],
    })
    expect(restored).toMatchObject({ remoteId: scheduled.remoteId, status: 'publish', created: false })
    await wp.php(`wp_trash_post(${scheduled.remoteId});`)

    // Deleted for good.
    await wp.php(`wp_delete_post(${scheduled.remoteId}, true);`)
    await expect(refresh()).resolves.toEqual({ remoteId: scheduled.remoteId, status: 'deleted', link: '', dateGmt: null, modifiedGmt: null })

    const again = await value('wordpressPublish', {
      accountId: account.id,
      remoteId: scheduled.remoteId,
      post: { title: 'Cron will publish me', html: '<p>Tick.</p>', status: 'publish', categories: [], tags: [] },
      images: [],
    })
    expect(again.created).toBe(true)
    expect(again.remoteId).not.toBe(scheduled.remoteId)
  })

  it('an image the HTML shows but the call does not carry is refused before anything is sent', async () => {
    const before = await postAndMediaCounts()
    const result = await call('wordpressPublish', {
      accountId: account.id,
      post: { title: 'Broken', html: '<p><img src="attachment:nowhere" alt=""></p>', status: 'publish', categories: [], tags: [] },
      images: [],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', detail: { reason: 'missing-image', imageId: 'nowhere' } } })
    expect(await postAndMediaCounts()).toEqual(before)
  })

  it('an unknown account is a typed error', async () => {
    const result = await call('wordpressRefresh', { accountId: 'no-such-account', remoteId: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-account' } })
  })

  it('one secret per account: saving again replaces it, and a removed account left none', async () => {
    const extra = await value('publishingAccountSave', { kind: 'wordpress', siteUrl: wp.url, username: 'ADMIN', applicationPassword: wp.applicationPassword })
    expect(extra.id).toBe(account.id) // same site, same user (user names are not case-sensitive)
    const store = JSON.parse(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')) as { secrets: Record<string, unknown> }
    expect(Object.keys(store.secrets)).toEqual([`publishing-account:${account.id}`])
  })
})

describe('canary: the application passwords never leak', () => {
  it('appear in no log line, no IPC result, and no file but the encrypted store', () => {
    expect(canaries.length).toBeGreaterThanOrEqual(3)
    expect(ipcResults.length).toBeGreaterThan(20)
    const forms = canaries.flatMap((canary) => [canary, Buffer.from(canary).toString('base64'), canary.replace(/(.{4})(?!$)/g, '$1 ')])
    const leaks = (where: string, text: string): string[] => forms.filter((form) => text.includes(form)).map(() => where)

    const found: string[] = []
    for (const line of logged) found.push(...leaks('log', line))
    for (const result of ipcResults) found.push(...leaks('ipc result', result))

    for (const dir of [dataDir, ...extraDataDirs]) {
      const files = listFiles(dir)
      expect(files.map((file) => file.slice(dir.length + 1)).sort()).toEqual([SECRETS_FILE, 'publishing-accounts.json'].sort())
      for (const file of files) found.push(...leaks(file, readFileSync(file, 'latin1')))
    }
    expect(extraDataDirs).toHaveLength(2)
    expect(found).toEqual([])
    // …and the store does hold it, encrypted: the test would pass vacuously otherwise.
    expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).toContain('"protection": "os"')
  })
})

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

async function postAndMediaCounts(): Promise<{ posts: string | null; media: string | null }> {
  const [posts, media] = await Promise.all(
    ['posts?status=any', 'media?'].map((route) =>
      fetch(`${wp.url}/wp-json/wp/v2/${route}&per_page=1&context=edit`, {
        headers: { authorization: `Basic ${Buffer.from(`admin:${wp.applicationPassword}`).toString('base64')}` },
      }),
    ),
  )
  const counts = { posts: posts!.headers.get('x-wp-total'), media: media!.headers.get('x-wp-total') }
  await Promise.all([posts!.body?.cancel(), media!.body?.cancel()])
  return counts
}

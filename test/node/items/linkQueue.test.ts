// The background queue that completes saved links: success fills the link, permanent errors mark it
// failed with their code, transient ones keep it pending and retry with backoff, offline waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LinkPreview } from '../../../src/core/ipc/contract'
import type { IpcResult } from '../../../src/core/ipc/result'
import { BaluchonDb } from '../../../src/db/schema'
import { addLink, applyLinkPreview, getItem, type StoredLink } from '../../../src/features/items/repository'
import { LinkQueue } from '../../../src/features/links/linkQueue'

let db: BaluchonDb
let n = 0
beforeEach(async () => {
  db = new BaluchonDb(`link-queue-${Date.now()}-${n++}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

type Answer = IpcResult<LinkPreview>
const okPreview = (url: string): Answer => ({ ok: true, value: { url, title: 'Page title', description: 'About it', siteName: 'Site' } })
const failure = (code: string, detail?: Record<string, number>): Answer => ({ ok: false, error: { code, message: code, ...(detail ? { detail } : {}) } }) as Answer

function makeQueue(answers: (url: string) => Answer, online = () => true) {
  const timers: { run: () => void; ms: number }[] = []
  const linkPreview = vi.fn(async ({ url }: { url: string }) => answers(url))
  const queue = new LinkQueue({
    db,
    api: { linkPreview },
    isOnline: online,
    setTimer: (run, ms) => {
      timers.push({ run, ms })
      return timers.length
    },
    clearTimer: () => {},
  })
  return { queue, linkPreview, timers }
}

const stored = async (id: string) => (await getItem(db, id)) as StoredLink

describe('LinkQueue', () => {
  it('fills a link from its page', async () => {
    const { link } = await addLink(db, 'https://example.org/a')
    const { queue } = makeQueue(okPreview)
    queue.enqueue(link.id)
    await queue.whenIdle()
    expect(await stored(link.id)).toMatchObject({ title: 'Page title', description: 'About it', siteName: 'Site', fetchState: 'done' })
  })

  it('marks permanent failures failed, with the code and status to explain them', async () => {
    const missing = (await addLink(db, 'https://example.org/missing')).link
    const pdf = (await addLink(db, 'https://example.org/file.pdf')).link
    const { queue } = makeQueue((url) => (url.endsWith('.pdf') ? failure('not-html') : failure('http-status', { status: 404 })))
    queue.enqueue(missing.id)
    queue.enqueue(pdf.id)
    await queue.whenIdle()
    expect(await stored(missing.id)).toMatchObject({ fetchState: 'failed', fetchError: { code: 'http-status', status: 404 } })
    expect(await stored(pdf.id)).toMatchObject({ fetchState: 'failed', fetchError: { code: 'not-html' } })
  })

  it('keeps transient failures pending and retries them with growing delays', async () => {
    const { link } = await addLink(db, 'https://example.org/busy')
    let calls = 0
    const { queue, timers } = makeQueue((url) => (++calls < 3 ? failure('http-status', { status: 503 }) : okPreview(url)))
    queue.enqueue(link.id)
    await queue.whenIdle()
    expect(await stored(link.id)).toMatchObject({ fetchState: 'pending', fetchError: { code: 'http-status', status: 503 } })
    expect(timers.map((t) => t.ms)).toEqual([5_000])
    timers[0]!.run()
    await queue.whenIdle()
    expect(timers.map((t) => t.ms)).toEqual([5_000, 30_000])
    timers[1]!.run()
    await queue.whenIdle()
    expect(await stored(link.id)).toMatchObject({ fetchState: 'done', title: 'Page title', fetchError: null })
  })

  it('offline: asks nothing, stays pending, and completes when retried online', async () => {
    const { link } = await addLink(db, 'https://example.org/later')
    let online = false
    const { queue, linkPreview, timers } = makeQueue(okPreview, () => online)
    await queue.retryPending()
    await queue.whenIdle()
    expect(linkPreview).not.toHaveBeenCalled()
    expect(await stored(link.id)).toMatchObject({ fetchState: 'pending', fetchError: { code: 'offline' } })
    expect(timers).toEqual([])
    online = true
    await queue.retryPending()
    await queue.whenIdle()
    expect(await stored(link.id)).toMatchObject({ fetchState: 'done', title: 'Page title' })
  })

  it('runs at most two fetches at once', async () => {
    const links = await Promise.all([1, 2, 3, 4, 5].map((i) => addLink(db, `https://example.org/${i}`)))
    let running = 0
    let peak = 0
    const queue = new LinkQueue({
      db,
      api: {
        linkPreview: async ({ url }) => {
          running++
          peak = Math.max(peak, running)
          await new Promise((r) => setTimeout(r, 5))
          running--
          return okPreview(url)
        },
      },
      isOnline: () => true,
      setTimer: () => 0,
      clearTimer: () => {},
    })
    for (const { link } of links) queue.enqueue(link.id)
    await queue.whenIdle()
    expect(peak).toBe(2)
    for (const { link } of links) expect((await stored(link.id)).fetchState).toBe('done')
  })

  it('retries every link still pending, and only those', async () => {
    const a = (await addLink(db, 'https://example.org/a')).link
    const b = (await addLink(db, 'https://exemple.fr/b')).link
    const done = (await addLink(db, 'https://example.org/done')).link
    await applyLinkPreview(db, done.id, { url: done.url, title: 'Done', description: '', siteName: '' })
    const linkPreview = vi.fn(async ({ url }: { url: string }) => okPreview(url))
    const queue = new LinkQueue({ db, api: { linkPreview }, isOnline: () => true, setTimer: () => 0, clearTimer: () => {} })
    await queue.retryPending()
    await queue.whenIdle()
    expect(linkPreview.mock.calls.map(([r]) => r.url).sort()).toEqual(['https://example.org/a', 'https://exemple.fr/b'])
    for (const link of [a, b]) expect((await stored(link.id)).fetchState).toBe('done')
  })
})

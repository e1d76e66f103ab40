// The publishing tables (schema v3) through the repository: variants autosaved per item and channel, the ledger
// of WordPress publications (one row per remote post, updated by re-publishing and by refresh), and both tables
// in the backup archive.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildArchive, readArchive } from '../../../src/core/archive'
import type { WordPressPublished } from '../../../src/core/ipc/publishing'
import { BaluchonDb } from '../../../src/db/schema'
import { applyPlan } from '../../../src/features/backup/apply'
import { prepareRestore } from '../../../src/features/backup/jobs'
import { planChangesNothing } from '../../../src/features/backup/plan'
import { archiveInputFromDb } from '../../../src/features/backup/source'
import { createItem } from '../../../src/features/items/repository'
import {
  applyRemoteState,
  completeWordPressPublication,
  failPublication,
  findWordPressPublication,
  ledgerStatusOf,
  listPublications,
  listVariants,
  resetVariant,
  saveVariant,
  startWordPressPublication,
} from '../../../src/features/publishing/repository'

let db: BaluchonDb
let counter = 0
beforeEach(async () => {
  db = new BaluchonDb(`publishing-repo-${Date.now()}-${counter++}`)
  await db.open()
})
afterEach(() => db.close())

const published = (over: Partial<WordPressPublished> = {}): WordPressPublished => ({
  remoteId: 12,
  status: 'publish',
  link: 'http://127.0.0.1:8080/hello/',
  dateGmt: '2026-11-28T10:00:00',
  modifiedGmt: '2026-11-28T10:00:00',
  created: true,
  media: [],
  featuredMediaId: null,
  categories: [],
  tags: [],
  ...over,
})

describe('channel variants', () => {
  it('keeps one variant per item and channel, replaced by each save, removed by reset', async () => {
    const item = await createItem(db, 'post', { title: 'Hello' })
    await saveVariant(db, item.id, 'x', { text: 'first', numbering: false, parts: ['first'] }, 1000)
    await saveVariant(db, item.id, 'x', { text: 'second', numbering: true, parts: ['1/1 second'] }, 2000)
    await saveVariant(db, item.id, 'bluesky', { text: 'sky', numbering: false, parts: ['sky'] }, 3000)
    const other = await createItem(db, 'note', { title: 'Other' })
    await saveVariant(db, other.id, 'x', { text: 'elsewhere', numbering: false, parts: ['elsewhere'] })

    const variants = (await listVariants(db, item.id)).sort((a, b) => a.channel.localeCompare(b.channel))
    expect(variants).toEqual([
      { id: `${item.id}:bluesky`, itemId: item.id, channel: 'bluesky', text: 'sky', numbering: false, parts: ['sky'], updatedAt: 3000 },
      { id: `${item.id}:x`, itemId: item.id, channel: 'x', text: 'second', numbering: true, parts: ['1/1 second'], updatedAt: 2000 },
    ])
    await resetVariant(db, item.id, 'x')
    expect((await listVariants(db, item.id)).map((v) => v.channel)).toEqual(['bluesky'])
  })
})

describe('WordPress ledger', () => {
  it('records a publication, then updates the same row (same remote post) when published again', async () => {
    const item = await createItem(db, 'post', { title: 'Hello' })
    const first = await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p>v1</p>', scheduledAt: null }, 1000)
    expect(first).toMatchObject({ status: 'publishing', channel: 'wordpress', handling: 'server', parts: ['<p>v1</p>'], attempts: 1, remoteId: null })
    const done = await completeWordPressPublication(db, first.id, published(), 1100)
    expect(done).toMatchObject({ status: 'published', remoteId: '12', remotePartIds: ['12'], remoteUrl: 'http://127.0.0.1:8080/hello/', publishedAt: Date.UTC(2026, 10, 28, 10) })

    const again = await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p>v2</p>', scheduledAt: null }, 2000)
    expect(again.id).toBe(first.id)
    expect(again).toMatchObject({ remoteId: '12', parts: ['<p>v2</p>'], attempts: 2 })
    expect(await findWordPressPublication(db, item.id, 'acc')).toMatchObject({ id: first.id, remoteId: '12' })

    // Another account is another blog: its own row.
    const elsewhere = await startWordPressPublication(db, { itemId: item.id, accountId: 'other', html: '<p>v2</p>', scheduledAt: null }, 3000)
    expect(elsewhere.id).not.toBe(first.id)
    expect((await listPublications(db, item.id)).map((p) => p.id)).toEqual([elsewhere.id, first.id])
  })

  it('keeps the remote id through a failure, so the next attempt still updates that post', async () => {
    const item = await createItem(db, 'post', { title: 'Hello' })
    const row = await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p>v1</p>', scheduledAt: null }, 1000)
    await completeWordPressPublication(db, row.id, published(), 1100)
    await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p>v2</p>', scheduledAt: null }, 2000)
    await failPublication(db, row.id, { code: 'network', message: 'ECONNREFUSED', retryable: true }, 2100)
    const failed = await db.publications.get(row.id)
    expect(failed).toMatchObject({ status: 'failed', remoteId: '12', error: { code: 'network', message: 'ECONNREFUSED', retryable: true, at: 2100 } })
    expect((await findWordPressPublication(db, item.id, 'acc'))?.id).toBe(row.id)
  })

  it('a scheduled post keeps its time; refresh moves it to published, then trashed, and a deleted post loses its id', async () => {
    const item = await createItem(db, 'post', { title: 'Later' })
    const at = Date.UTC(2030, 0, 1, 8)
    const row = await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p>x</p>', scheduledAt: at }, 1000)
    const scheduled = await completeWordPressPublication(db, row.id, published({ status: 'future', dateGmt: '2030-01-01T08:00:00' }), 1100)
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: at, publishedAt: null })

    const live = await applyRemoteState(db, row.id, { remoteId: 12, status: 'publish', link: 'http://x/later/', dateGmt: '2030-01-01T08:00:00', modifiedGmt: null }, 2000)
    expect(live).toMatchObject({ status: 'published', publishedAt: at, remoteUrl: 'http://x/later/' })
    expect(await applyRemoteState(db, row.id, { remoteId: 12, status: 'trash', link: '', dateGmt: null, modifiedGmt: null }, 3000)).toMatchObject({
      status: 'trashed',
      remoteId: '12',
      remoteUrl: 'http://x/later/',
    })
    expect(await applyRemoteState(db, row.id, { remoteId: 12, status: 'deleted', link: '', dateGmt: null, modifiedGmt: null }, 4000)).toMatchObject({
      status: 'trashed',
      remoteId: null,
    })
  })

  it('maps every WordPress status', () => {
    expect(['publish', 'private', 'future', 'draft', 'pending', 'trash', 'deleted'].map(ledgerStatusOf)).toEqual([
      'published',
      'published',
      'scheduled',
      'draft',
      'draft',
      'trashed',
      'trashed',
    ])
  })
})

describe('backup archive', () => {
  it('carries the ledger and the variants as tables of their own', async () => {
    const item = await createItem(db, 'post', { title: 'Hello' })
    const row = await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p>v1</p>', scheduledAt: null }, 1000)
    await completeWordPressPublication(db, row.id, published(), 1100)
    await saveVariant(db, item.id, 'mastodon', { text: 'toot', numbering: false, parts: ['toot'] }, 1200)

    const bytes = await buildArchive(await archiveInputFromDb(db, { appVersion: 'test', createdAt: 5000 }))
    const contents = await readArchive(bytes)
    expect(contents.tables.publications).toEqual(await db.publications.toArray())
    expect(contents.tables.variants).toEqual(await db.variants.toArray())
  })

  it('are restored into another base (newer record wins, restoring twice changes nothing)', async () => {
    const item = await createItem(db, 'post', { title: 'Hello' })
    const row = await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p>v1</p>', scheduledAt: null }, 1000)
    await completeWordPressPublication(db, row.id, published(), 1100)
    await saveVariant(db, item.id, 'x', { text: 'archived', numbering: false, parts: ['archived'] }, 1200)
    await saveVariant(db, item.id, 'bluesky', { text: 'old sky', numbering: false, parts: ['old sky'] }, 1200)
    const bytes = await buildArchive(await archiveInputFromDb(db, { appVersion: 'test', createdAt: 5000 }))

    const other = new BaluchonDb(`publishing-restore-${Date.now()}-${counter++}`)
    await other.open()
    try {
      // The other base edited the Bluesky text later: its version stays.
      await saveVariant(other, item.id, 'bluesky', { text: 'newer sky', numbering: false, parts: ['newer sky'] }, 9000)
      const prepared = await prepareRestore(other, bytes)
      expect(planChangesNothing(prepared.plan)).toBe(false)
      await applyPlan(other, prepared.plan)
      expect(await other.publications.toArray()).toEqual(await db.publications.toArray())
      expect((await other.variants.get(`${item.id}:x`))?.text).toBe('archived')
      expect((await other.variants.get(`${item.id}:bluesky`))?.text).toBe('newer sky')

      const again = await prepareRestore(other, bytes)
      expect(planChangesNothing(again.plan)).toBe(true)
    } finally {
      other.close()
    }
  })
})

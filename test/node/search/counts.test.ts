// The library's counts (sidebar, tags, unread links, Trash) counted by the search worker over its index instead of
// by IndexedDB index counts (search/counts.ts): they must be the very figures the database queries give, follow
// every change (a trash, a restore, an item of the Trash deleted for good, a tag edit), and be right after a restart
// from the saved index, without reading any item.
import { describe, expect, it } from 'vitest'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, POST_STATUSES, TALK_STATUSES, type Item, type ItemKind } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { countUnreadLinks, sidebarCounts, tagCounts } from '../../../src/features/items/queries'
import { createItem, deleteForever, restoreFromTrash, trashItem, updateFields } from '../../../src/features/items/repository'
import { countLibrary } from '../../../src/features/search/counts'
import { SearchIndexer } from '../../../src/features/search/indexer'
import { indexerFixture, recordItemReads } from './indexerFixture'

let db: BaluchonDb
const fixture = indexerFixture('search-counts', (opened) => (db = opened))

const newIndexer = (): SearchIndexer => fixture.indexer()

async function settled(ix: SearchIndexer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10))
  await ix.flush()
  await ix.whenIdle()
}

/** What the database's own index counts say (the queries the sidebar used before). */
async function fromDatabase() {
  return { sidebar: await sidebarCounts(db), unread: await countUnreadLinks(db), tags: await tagCounts(db) }
}

const TAGS = ['alpha', 'beta', 'Beta', 'gamma']

/** Kinds, statuses, tags (two differing only by case), read state and Trash spread by index. */
function makeItem(i: number): Item {
  const kind = ITEM_KINDS[i % 4] as ItemKind
  const item = newItem(kind, `id${String(i).padStart(5, '0')}`, 1_000_000 + i) as Item & Record<string, unknown>
  const j = Math.floor(i / 4)
  item.title = `Item ${i}`
  item.tags = TAGS.filter((_, t) => (j + t) % (t + 2) === 0)
  if (kind === 'post') item.status = POST_STATUSES[j % POST_STATUSES.length]!
  if (kind === 'talk') item.status = TALK_STATUSES[j % TALK_STATUSES.length]!
  if (kind === 'link') {
    item.url = `https://example.org/${i}`
    item.read = j % 3 === 0
  }
  if (i % 7 === 0) {
    item.trashed = 1
    item.trashedAt = 3_000_000 + i
  }
  return item
}

describe('countLibrary', () => {
  const row = (kind: ItemKind, status: string | null, tags: string[], unread = false) => ({ kind, status, tags, unread }) as Parameters<typeof countLibrary>[0] extends Iterable<infer R> ? R : never

  it.each([
    { name: 'nothing', rows: [], trash: 0, all: 0, byKind: { post: 0, talk: 0, link: 0, note: 0 }, unread: 0, tags: [] },
    {
      name: 'one of each kind, the Trash apart',
      rows: [row('post', 'draft', []), row('talk', 'given', []), row('link', null, [], true), row('note', null, [])],
      trash: 4,
      all: 4,
      byKind: { post: 1, talk: 1, link: 1, note: 1 },
      unread: 1,
      tags: [],
    },
    {
      name: 'a tag counts once per item, exactly as written; most used first, then by name',
      rows: [row('note', null, ['b', 'b', 'a']), row('note', null, ['b', 'B']), row('post', 'idea', ['a'])],
      trash: 0,
      all: 3,
      byKind: { post: 1, talk: 0, link: 0, note: 2 },
      unread: 0,
      tags: [
        { tag: 'a', count: 2 },
        { tag: 'b', count: 2 },
        { tag: 'B', count: 1 },
      ],
    },
    {
      name: 'only links are unread',
      rows: [row('link', null, [], true), row('link', null, [], false), row('note', null, [], true)],
      trash: 0,
      all: 3,
      byKind: { post: 0, talk: 0, link: 2, note: 1 },
      unread: 1,
      tags: [],
    },
  ])('$name', ({ rows, trash, all, byKind, unread, tags }) => {
    const counts = countLibrary(rows, trash)
    expect(counts.sidebar).toMatchObject({ all, byKind, trash })
    expect(counts.unread).toBe(unread)
    expect(counts.tags).toEqual(tags)
  })

  it("counts a kind's statuses, each status of the kind listed, a status of another kind ignored", () => {
    const counts = countLibrary([row('post', 'draft', []), row('post', 'draft', []), row('talk', 'draft', []), row('talk', 'accepted', [])], 0)
    expect(counts.sidebar.byStatus.post).toEqual({ idea: 0, draft: 2, ready: 0, published: 0 })
    expect(counts.sidebar.byStatus.talk).toEqual({ idea: 0, proposed: 0, accepted: 1, given: 0, declined: 0 })
  })
})

describe('counts from the search index', () => {
  it('are the figures the database queries give, trashed items left out of every figure but the Trash', async () => {
    await db.items.bulkAdd(Array.from({ length: 400 }, (_, i) => makeItem(i)))
    const ix = newIndexer()
    await ix.start()
    const counts = await ix.counts()
    expect(counts).toEqual(await fromDatabase())
    expect(counts.sidebar.trash).toBe(58)
    expect(counts.sidebar.all).toBe(400 - 58)
  })

  it('follow trashing, restoring, deleting for good and tag edits', async () => {
    const post = await createItem(db, 'post', { title: 'Post', status: 'draft', tags: ['web', 'offline'] })
    const link = await createItem(db, 'link', { title: 'Link', url: 'https://example.com/', tags: ['web'] } as Partial<Item>)
    await createItem(db, 'note', { title: 'Note', tags: ['home'] })
    const ix = newIndexer()
    await ix.start()
    expect(await ix.counts()).toEqual(await fromDatabase())
    const generations: number[] = [ix.status.generation]
    const step = async (change: () => Promise<unknown>) => {
      await change()
      await settled(ix)
      generations.push(ix.status.generation)
      expect(await ix.counts()).toEqual(await fromDatabase())
    }
    await step(() => trashItem(db, post.id))
    expect((await ix.counts()).sidebar.trash).toBe(1)
    expect((await ix.counts()).tags).toEqual([
      { tag: 'home', count: 1 },
      { tag: 'web', count: 1 },
    ])
    await step(() => trashItem(db, link.id))
    expect((await ix.counts()).unread).toBe(0)
    await step(() => restoreFromTrash(db, link.id))
    await step(() => updateFields(db, link.id, { read: true } as never))
    await step(() => updateFields(db, link.id, { tags: ['reading'] }))
    // Deleted for good from the Trash: the index holds no such item, the Trash's figure still changes.
    await step(() => deleteForever(db, [post.id]))
    expect((await ix.counts()).sidebar.trash).toBe(0)
    // Each of these changes started a new generation (which is when the client asks again).
    for (let i = 1; i < generations.length; i++) expect(generations[i]).toBeGreaterThan(generations[i - 1]!)
  })

  it('are right after a restart from the saved index, without reading an item', async () => {
    await db.items.bulkAdd(Array.from({ length: 60 }, (_, i) => makeItem(i)))
    const first = newIndexer()
    await first.start()
    await first.persistNow()
    first.stop()

    const want = await fromDatabase()
    const second = newIndexer()
    const reads = recordItemReads(db)
    await second.start()
    expect(await second.counts()).toEqual(want)
    expect(reads).toEqual([])
  })
})

// The search worker gives the library's counts again after every change it applies, an autosave included. Counting
// 50,000 rows each time cost it 16-40 ms, so the engine keeps a counts version that moves whenever what the counts
// read (kind, status, unread, tags, which rows exist) changes, and the indexer answers with the counts it has while
// the version stands. These tests hold the version to that promise: never the same version for different counts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ItemKind, ItemStatus } from '../../../src/core/items'
import { countLibrary } from '../../../src/features/search/counts'
import { SearchEngine } from '../../../src/features/search/engine'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, updateFields } from '../../../src/features/items/repository'
import { indexerFixture } from './indexerFixture'

const KINDS: ItemKind[] = ['post', 'talk', 'link', 'note']
const STATUSES: Array<ItemStatus | null> = [null, 'idea', 'draft', 'given', 'accepted']
const TAGS = ['a', 'b', 'B', 'c']

type Op =
  | { op: 'upsert'; id: number; kind: ItemKind; status: ItemStatus | null; unread: boolean; tags: string[]; title: string; updatedAt: number }
  | { op: 'remove'; id: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('upsert' as const),
    id: fc.integer({ min: 0, max: 5 }),
    kind: fc.constantFrom(...KINDS),
    status: fc.constantFrom(...STATUSES),
    unread: fc.boolean(),
    tags: fc.subarray(TAGS),
    title: fc.constantFrom('x', 'y'),
    updatedAt: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ op: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 5 }) }),
)

function applyOp(engine: SearchEngine, o: Op): void {
  if (o.op === 'remove') return engine.remove(`i${o.id}`)
  engine.upsert(
    { id: `i${o.id}`, kind: o.kind, title: o.title, tags: [...o.tags], details: '', url: '', body: o.title, updatedAt: o.updatedAt },
    { status: o.status, unread: o.unread },
  )
}

describe('the engine counts version', () => {
  it('moves whenever the counts over its rows would differ', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const engine = SearchEngine.empty()
        let version = engine.countsVersion
        let counts = countLibrary(engine.metas(), 0)
        for (const o of ops) {
          applyOp(engine, o)
          const now = countLibrary(engine.metas(), 0)
          if (engine.countsVersion === version) expect(now).toEqual(counts)
          version = engine.countsVersion
          counts = now
        }
      }),
    )
  })

  it('stands when only what the counts do not read changes (title, body, date), and moves for a tag, a status, a kind, read state, a new or removed row', () => {
    const engine = SearchEngine.empty()
    const doc = { id: 'p', kind: 'post' as ItemKind, title: 't', tags: ['a'], details: '', url: '', body: 'b', updatedAt: 1 }
    engine.upsert(doc, { status: 'draft', unread: false })
    const v0 = engine.countsVersion
    engine.upsert({ ...doc, title: 'T', body: 'longer body', updatedAt: 2, tags: ['a'] }, { status: 'draft', unread: false })
    expect(engine.countsVersion).toBe(v0)
    const moves: Array<() => void> = [
      () => engine.upsert({ ...doc, tags: ['a', 'b'] }, { status: 'draft', unread: false }),
      () => engine.upsert({ ...doc, tags: ['a', 'b'] }, { status: 'ready', unread: false }),
      () => engine.upsert({ ...doc, kind: 'link', tags: ['a', 'b'] }, { status: null, unread: false }),
      () => engine.upsert({ ...doc, kind: 'link', tags: ['a', 'b'] }, { status: null, unread: true }),
      () => engine.upsert({ ...doc, id: 'q' }, { status: 'draft', unread: false }),
      () => engine.remove('q'),
    ]
    for (const move of moves) {
      const before = engine.countsVersion
      move()
      expect(engine.countsVersion).not.toBe(before)
    }
    const before = engine.countsVersion
    engine.remove('absent')
    expect(engine.countsVersion).toBe(before)
  })
})

let db: BaluchonDb
const fixture = indexerFixture('search-counts-version', (opened) => (db = opened))

describe("the indexer's counts", () => {
  it('are the same answer after an edit of the text, without counting again, and new figures after a tag edit', async () => {
    const ix = fixture.indexer()
    const post = await createItem(db, 'post', { title: 'Draft', tags: ['alpha'] })
    await ix.start()
    const first = await ix.counts()
    expect(first.tags).toEqual([{ tag: 'alpha', count: 1 }])

    await updateFields(db, post.id, { title: 'Draft, longer' })
    await ix.flush()
    await ix.whenIdle()
    expect(await ix.counts()).toBe(first)

    await updateFields(db, post.id, { tags: ['alpha', 'beta'] })
    await ix.flush()
    await ix.whenIdle()
    const after = await ix.counts()
    expect(after).not.toBe(first)
    expect(after.tags).toEqual([
      { tag: 'alpha', count: 1 },
      { tag: 'beta', count: 1 },
    ])
  })
})

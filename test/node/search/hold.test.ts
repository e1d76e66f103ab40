// While an export or a restore runs, the search worker's background jobs wait (loading the saved bodies, the
// catch-up, applying changes, saving the index, the pending-links scan) and resume afterwards; queries are still
// answered meanwhile, from the index as it is.
import { describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item, ItemKind } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, updateFields } from '../../../src/features/items/repository'
import { BODY_SHARDS } from '../../../src/features/search/engine'
import { SearchIndexer } from '../../../src/features/search/indexer'
import type { ServiceMessage } from '../../../src/features/search/protocol'
import { createSearchService, runSearch, type SearchService } from '../../../src/features/search/service'
import { indexerFixture } from './indexerFixture'

let db: BaluchonDb
const fixture = indexerFixture('search-hold', (opened) => (db = opened))

const newIndexer = (persistDelayMs = 3_600_000): SearchIndexer => fixture.indexer({ persistDelayMs, typingQuietMs: 0 })

const add = (kind: ItemKind, title: string, body = ''): Promise<Item> => createItem(db, kind, { title, body: docFromText(body), bodyText: body } as Partial<Item>)
const titles = async (ix: SearchIndexer, query: string): Promise<string[]> => (await runSearch(ix, { query, filters: {}, limit: 100 })).hits.map((h) => h.title)
/** Long enough for fake-indexeddb to serve many reads: what the hold must have kept from happening. */
const aWhile = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100))

/** Counts the reads of the items table and of the saved index's body shards. */
function countReads(target: BaluchonDb): { items(): number; bodies(): number } {
  let items = 0
  let bodies = 0
  const index = target.searchIndex as unknown as { get: (key: string) => Promise<unknown> }
  const get = index.get.bind(index)
  index.get = (key: string) => {
    if (typeof key === 'string' && key.startsWith('body:')) bodies++
    return get(key)
  }
  const table = target.items as unknown as Record<'bulkGet' | 'where' | 'get' | 'toCollection' | 'orderBy', (...args: unknown[]) => unknown>
  for (const name of ['bulkGet', 'where', 'get', 'toCollection', 'orderBy'] as const) {
    const original = table[name].bind(table)
    table[name] = (...args: unknown[]) => {
      items++
      return original(...args)
    }
  }
  return { items: () => items, bodies: () => bodies }
}

async function savedIndex(): Promise<void> {
  const builder = newIndexer()
  await builder.start()
  await builder.persistNow()
  builder.stop()
}

describe('the search worker held by an export or a restore', () => {
  it('answers from the saved head but loads no body and catches up with nothing until the hold ends, then completes', async () => {
    await add('post', 'Géologie des volcans', 'Le basalte refroidit lentement.')
    await savedIndex()
    // Changed while the app was closed: found by the start's catch-up.
    await add('note', 'Nouveau pendant la fermeture', 'texte')

    const reads = countReads(db)
    const ix = newIndexer()
    ix.hold(true)
    const started = ix.start()
    await expect.poll(() => ix.status.ready, { timeout: 5000 }).toBe(true)
    await aWhile()
    expect(reads.bodies()).toBe(0)
    expect(reads.items()).toBe(0)
    expect(ix.status.complete).toBe(false)
    // Queries are answered meanwhile (titles: the bodies are not loaded).
    expect(await titles(ix, 'geologie')).toEqual(['Géologie des volcans'])
    expect(await titles(ix, 'nouveau')).toEqual([])

    ix.hold(false)
    await started
    expect(ix.status).toMatchObject({ ready: true, complete: true, error: null })
    expect(reads.bodies()).toBe(BODY_SHARDS)
    expect(await titles(ix, 'basalte')).toEqual(['Géologie des volcans'])
    expect(await titles(ix, 'nouveau')).toEqual(['Nouveau pendant la fermeture'])
  })

  it("stops the catch-up's read of every item's key when a hold comes in the middle of it, and reads again after", async () => {
    for (let i = 0; i < 30; i++) await add('note', `Note ${i}`, 'texte')
    await savedIndex()
    await add('note', 'Nouveau pendant la fermeture', 'texte')

    const ix = newIndexer()
    // A hold arrives at the third key of the catch-up's cursor.
    type EachKey = (cb: (key: unknown, cursor: unknown) => void) => Promise<void>
    const inner = ix as unknown as { liveCollection(): { eachKey: EachKey } }
    const liveCollection = inner.liveCollection.bind(ix)
    let steps = 0
    let reads = 0
    inner.liveCollection = () => {
      const collection = liveCollection()
      const eachKey = collection.eachKey.bind(collection)
      collection.eachKey = (cb) => {
        reads++
        return eachKey((key, cursor) => {
          if (++steps === 3) ix.hold(true)
          cb(key, cursor)
        })
      }
      return collection
    }
    const started = ix.start()
    await expect.poll(() => steps, { timeout: 5000 }).toBe(3)
    await aWhile()
    expect(steps).toBe(3)
    expect(ix.status.complete).toBe(false)
    expect(await titles(ix, 'nouveau')).toEqual([])

    ix.hold(false)
    await started
    expect(reads).toBe(2)
    // The 31 items, all read again.
    expect(steps).toBe(3 + 31)
    expect(ix.status.complete).toBe(true)
    expect(await titles(ix, 'nouveau')).toEqual(['Nouveau pendant la fermeture'])
  })

  it('applies the changes made meanwhile and saves the index only after the hold', async () => {
    const item = await add('post', 'Avant', 'texte')
    await savedIndex()
    const ix = newIndexer(1)
    await ix.start()
    await ix.whenIdle()
    const savedAt = async (): Promise<number | undefined> => ((await db.searchIndex.get('meta'))?.value as { savedAt: number } | undefined)?.savedAt
    const before = await savedAt()

    ix.hold(true)
    await updateFields(db, item.id, { title: 'Après' })
    await aWhile()
    expect(await titles(ix, 'apres')).toEqual([])
    expect(await savedAt()).toBe(before)

    ix.hold(false)
    await expect.poll(() => titles(ix, 'apres'), { timeout: 5000 }).toEqual(['Après'])
    await expect.poll(savedAt, { timeout: 5000 }).not.toBe(before)
  })

  it('the service keeps a hold asked before the start', async () => {
    await savedIndex()
    const posted: ServiceMessage[] = []
    const service: SearchService = createSearchService((m) => posted.push(m), { persistDelayMs: 3_600_000, batchDelayMs: 1 })
    service.handle({ type: 'hold', held: true })
    service.handle({ type: 'start', dbName: db.name })
    fixture.track(service.indexer!)
    await expect.poll(() => service.indexer?.status.ready, { timeout: 5000 }).toBe(true)
    await aWhile()
    expect(service.indexer!.status.complete).toBe(false)

    service.handle({ type: 'hold', held: false })
    await expect.poll(() => service.indexer!.status.complete, { timeout: 5000 }).toBe(true)
    service.indexer!.stop()
    service.indexer!.db.close()
  })
})

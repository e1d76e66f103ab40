// Saving the search index waits while the person types or clicks in the window (the UI thread's 'input' messages), and
// a save under way stops when they come back. Why: at 50,000 items, saving after one edit took the worker 0.6 s and
// wrote 48 MB to IndexedDB, 3 s after the edit, so in the middle of the person's next sentence.
import { afterEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem } from '../../../src/features/items/repository'
import type { PartKey } from '../../../src/features/search/engine'
import { createSearchService, runSearch, type SearchService } from '../../../src/features/search/service'
import { indexerFixture } from './indexerFixture'

let db: BaluchonDb
const fixture = indexerFixture('search-save-typing', (opened) => (db = opened))

const QUIET_MS = 500
/** The services' own connections, closed before the fixture deletes the database (else Dexie warns it was closed for it). */
const opened: BaluchonDb[] = []
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close()
})
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const add = (title: string): Promise<Item> => createItem(db, 'note', { title, body: docFromText('texte'), bodyText: 'texte' } as Partial<Item>)
/** When the saved index was last written (its meta row), or undefined before the first save. */
const savedAt = async (): Promise<number | undefined> => ((await db.searchIndex.get('meta'))?.value as { savedAt: number } | undefined)?.savedAt

/** A service whose index is built and saved (a first start saves at once), with a short save delay and quiet time. */
async function startedService(): Promise<SearchService> {
  const service = createSearchService(() => undefined, { persistDelayMs: 20, typingQuietMs: QUIET_MS, batchDelayMs: 1 })
  service.handle({ type: 'start', dbName: db.name })
  fixture.track(service.indexer!)
  opened.push(service.indexer!.db)
  await expect.poll(() => service.indexer!.status.complete, { timeout: 5000 }).toBe(true)
  await service.indexer!.whenIdle()
  return service
}

/** The person's input, as the UI thread sends it while they type: every `everyMs` for `forMs`. */
async function typeFor(service: SearchService, forMs: number, everyMs = 50): Promise<void> {
  const end = Date.now() + forMs
  while (Date.now() < end) {
    service.handle({ type: 'input' })
    await sleep(everyMs)
  }
}

describe('saving the search index while the person types', () => {
  it('waits while input keeps coming, and saves once it has stopped for the quiet time', async () => {
    await add('Avant')
    const service = await startedService()
    const first = await savedAt()
    expect(first).toBeDefined()

    // An edit lands while the person types: without their input counted, it would be saved 20 ms later.
    const typing = typeFor(service, 4 * QUIET_MS)
    await sleep(50)
    await add('Écrit en tapant')
    await typing
    expect(await savedAt()).toBe(first)

    await expect.poll(savedAt, { timeout: 5000 }).not.toBe(first)
    // What was saved holds the edit: a new start from it finds the item.
    const restarted = fixture.indexer()
    await restarted.start()
    expect((await runSearch(restarted, { query: 'tapant', filters: {}, limit: 10 })).hits.map((h) => h.title)).toEqual(['Écrit en tapant'])
  })

  it('stops a save under way when the person comes back, and saves every part of it once they stop again', async () => {
    await add('Avant')
    const service = await startedService()
    const first = await savedAt()
    const indexer = service.indexer!
    // The person presses a key while the first part of the next save is being serialized.
    const taken: PartKey[][] = []
    const engine = indexer.engine
    const takeDirtyParts = engine.takeDirtyParts.bind(engine)
    engine.takeDirtyParts = () => {
      const parts = takeDirtyParts()
      taken.push(parts.map(([key]) => key))
      if (taken.length > 1) return parts
      return parts.map(([key, serialize], i) => [key, i === 0 ? () => (service.handle({ type: 'input' }), serialize()) : serialize])
    }

    await add('Pendant la sauvegarde')
    await expect.poll(() => taken.length, { timeout: 5000 }).toBe(1)
    // Not written: the rest waits for the person to stop.
    await sleep(QUIET_MS / 2)
    expect(await savedAt()).toBe(first)

    await expect.poll(savedAt, { timeout: 5000 }).not.toBe(first)
    expect(taken).toHaveLength(2)
    expect([...taken[1]!].sort()).toEqual([...taken[0]!].sort())
  })
})

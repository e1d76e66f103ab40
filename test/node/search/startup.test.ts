// How search gets ready and what its hits carry: answers from the head index before the bodies are
// loaded, one new generation when they are in (not one per shard), titles first while the items are slow
// to read, and every hit carrying what its row shows, as the database has it after an edit.
import { describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item, ItemKind } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, updateFields } from '../../../src/features/items/repository'
import { careerFactsOf } from '../../../src/features/career/facts'
import { BODY_SHARDS } from '../../../src/features/search/engine'
import type { SearchHit } from '../../../src/features/search/hits'
import { SearchIndexer } from '../../../src/features/search/indexer'
import type { SearchResponse, SearchStatus } from '../../../src/features/search/protocol'
import { FIRST_PAGE, LIGHT_FIRST_MS, runSearch } from '../../../src/features/search/service'
import { indexerFixture } from './indexerFixture'

let db: BaluchonDb
const fixture = indexerFixture('search-startup', (opened) => (db = opened))

const newIndexer = (onStatus?: (status: SearchStatus) => void): SearchIndexer => fixture.indexer(onStatus ? { onStatus } : {})

async function add(kind: ItemKind, title: string, body = '', extra: Partial<Item> = {}): Promise<Item> {
  return createItem(db, kind, { title, body: docFromText(body), bodyText: body, ...extra } as Partial<Item>)
}

async function settled(ix: SearchIndexer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10))
  await ix.flush()
  await ix.whenIdle()
}

const titles = async (ix: SearchIndexer, query: string): Promise<string[]> => (await runSearch(ix, { query, filters: {}, limit: 100 })).hits.map((h) => h.title)

/** Holds every read of a body shard of the saved index until `release` is called. */
function holdBodyShards(target: BaluchonDb): { release(): void; asked(): number } {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let asked = 0
  const table = target.searchIndex
  const get = table.get.bind(table) as (key: string) => Promise<unknown>
  ;(table as unknown as { get: (key: string) => Promise<unknown> }).get = async (key: string) => {
    if (typeof key === 'string' && key.startsWith('body:')) {
      asked++
      await gate
    }
    return get(key)
  }
  return { release, asked: () => asked }
}

describe('search getting ready from the saved index', () => {
  it('answers from titles and tags before the bodies are loaded, then from bodies once they are', async () => {
    await add('post', 'Géologie des volcans', 'Le basalte refroidit lentement.', { tags: ['terre'] })
    await add('note', 'Carnet', 'Une visite au volcan éteint.')
    const builder = newIndexer()
    await builder.start()
    await builder.persistNow()
    builder.stop()

    const statuses: SearchStatus[] = []
    const held = holdBodyShards(db)
    const ix = newIndexer((s) => statuses.push(s))
    const started = ix.start()
    await expect.poll(() => ix.status.ready, { timeout: 5000 }).toBe(true)
    expect(ix.status.complete).toBe(false)
    // Answered now, with only the head loaded: title and tag words are found, body words not yet.
    expect(await titles(ix, 'geologie')).toEqual(['Géologie des volcans'])
    expect(await titles(ix, 'terre')).toEqual(['Géologie des volcans'])
    expect(await titles(ix, 'basalte')).toEqual([])
    expect(held.asked()).toBe(1)

    held.release()
    await started
    expect(ix.status).toMatchObject({ ready: true, complete: true, error: null })
    expect(await titles(ix, 'basalte')).toEqual(['Géologie des volcans'])
    expect((await titles(ix, 'volcan')).sort()).toEqual(['Carnet', 'Géologie des volcans'])
    expect(held.asked()).toBe(BODY_SHARDS)

    // Open results are asked again once per generation: one when the head is in, one when the bodies are.
    const generations = [...new Set(statuses.map((s) => s.generation))]
    expect(generations).toHaveLength(2)
    expect(statuses.find((s) => s.generation === generations[0])).toMatchObject({ ready: true, complete: false })
    expect(statuses.at(-1)).toMatchObject({ ready: true, complete: true, generation: generations[1] })
  })

  it('catches up with items changed since the save after answering, in the same single new generation', async () => {
    await add('note', 'Ancien', 'texte')
    const builder = newIndexer()
    await builder.start()
    await builder.persistNow()
    builder.stop()
    await add('note', 'Nouveau pendant la fermeture', 'texte')

    const statuses: SearchStatus[] = []
    const held = holdBodyShards(db)
    const ix = newIndexer((s) => statuses.push(s))
    const started = ix.start()
    await expect.poll(() => ix.status.ready, { timeout: 5000 }).toBe(true)
    // The first answers do not wait for the catch-up (which needs the bodies loaded).
    expect(await titles(ix, 'ancien')).toEqual(['Ancien'])
    held.release()
    await started
    expect(await titles(ix, 'nouveau')).toEqual(['Nouveau pendant la fermeture'])
    expect(new Set(statuses.map((s) => s.generation)).size).toBe(2)
  })
})

describe('hits carry what a row shows', () => {
  const rowFields = (hit: SearchHit) => ({ id: hit.id, kind: hit.kind, title: hit.title, tags: hit.tags, updatedAt: hit.updatedAt, status: hit.status, unread: hit.unread })
  const rowOf = (item: Item) => ({
    id: item.id,
    kind: item.kind,
    title: item.title,
    tags: item.tags,
    updatedAt: item.updatedAt,
    status: item.status,
    unread: item.kind === 'link' && !item.read,
  })

  it('as the database has them, after an edit too, in full and light hits alike', async () => {
    const post = await add('post', 'Brouillon sur les orages', 'Éclairs.', { status: 'draft', tags: ['météo'] })
    const link = await add('link', 'Orages en montagne', 'À lire.', { url: 'https://exemple.org/orages', read: false } as Partial<Item>)
    const talk = await add('talk', 'Conférence orages', 'Notes.', { status: 'proposed' })
    const ix = newIndexer()
    await ix.start()

    const check = async (): Promise<void> => {
      const { hits } = await runSearch(ix, { query: 'orages', filters: {}, limit: 100 })
      const rows = await db.items.bulkGet([post.id, link.id, talk.id])
      const expected = Object.fromEntries(rows.map((r) => [r!.id, rowOf(r!)]))
      expect(hits).toHaveLength(3)
      for (const hit of hits) expect(rowFields(hit)).toEqual(expected[hit.id])
      // The index's own copy (what light hits are built from) says the same.
      for (const hit of hits) {
        const meta = ix.engine.meta(hit.id)!
        expect({ ...rowFields(hit), kind: meta.kind, title: meta.title, tags: meta.tags, updatedAt: meta.updatedAt, status: meta.status, unread: meta.unread }).toEqual(expected[hit.id])
      }
    }
    await check()

    await updateFields(db, post.id, { status: 'ready', title: 'Prêt : les orages', tags: ['météo', 'été'] })
    await updateFields(db, link.id, { read: true })
    await updateFields(db, talk.id, { status: 'accepted' })
    // A label chosen by hand reaches the hit (the row's confidential mark is resolved from it).
    await updateFields(db, talk.id, { label: 'employer-confidential', affiliationId: null })
    await settled(ix)
    await check()
    const { hits: labelled } = await runSearch(ix, { query: 'conférence', filters: {}, limit: 10 })
    expect(labelled.find((h) => h.id === talk.id)?.career).toMatchObject({ kind: 'talk', label: 'employer-confidential', affiliationId: null })

    // And after a reload from the saved index.
    await ix.persistNow()
    ix.stop()
    const reloaded = newIndexer()
    await reloaded.start()
    for (const id of [post.id, link.id, talk.id]) {
      const item = (await db.items.get(id))!
      const row = rowOf(item)
      expect(reloaded.engine.meta(id)).toEqual({ kind: row.kind, title: row.title, tags: row.tags, updatedAt: row.updatedAt, status: row.status, unread: row.unread, career: careerFactsOf(item) })
    }
  })

  it('past the first page too (light hits, from the index)', async () => {
    for (let i = 0; i < FIRST_PAGE + 5; i++) await add('post', `Grêle ${i}`, 'grêle', { status: i % 2 ? 'draft' : 'idea', tags: [`t${i % 3}`] })
    const ix = newIndexer()
    await ix.start()
    let partial: SearchResponse | null = null
    await runSearch(ix, { query: 'grele', filters: {}, limit: 100 }, { onFirstPage: (r) => (partial = r) })
    const light = partial!.hits.slice(FIRST_PAGE)
    expect(light).toHaveLength(5)
    const rows = await db.items.bulkGet(light.map((h) => h.id))
    light.forEach((hit, i) => expect(rowFields(hit)).toEqual(rowOf(rows[i]!)))
  })
})

describe('first answer while the database is slow', () => {
  it('sends the hits from the index at once (titles marked, no snippets), then the snippets', async () => {
    await add('note', 'Marée haute', 'La marée monte vite sur la grève.')
    await add('note', 'Carnet', 'Horaires de marée.')
    const ix = newIndexer()
    await ix.start()
    // The items take far longer to read than the first answer waits.
    const read = ix.readItems.bind(ix)
    let itemsRead = false
    ix.readItems = async (ids) => {
      await new Promise((resolve) => setTimeout(resolve, LIGHT_FIRST_MS * 10))
      itemsRead = true
      return read(ids)
    }
    const answers: Array<{ itemsRead: boolean; response: SearchResponse }> = []
    const final = await runSearch(ix, { query: 'maree', filters: {}, limit: 100 }, { onFirstPage: (response) => answers.push({ itemsRead, response }) })
    expect(answers).toHaveLength(1)
    const first = answers[0]!
    // It did not wait for the items.
    expect(first.itemsRead).toBe(false)
    expect(first.response.hits.map((h) => h.title).sort()).toEqual(['Carnet', 'Marée haute'])
    expect(first.response.hits.every((h) => h.snippetSegments.length === 0)).toBe(true)
    expect(first.response.hits.find((h) => h.title === 'Marée haute')!.titleSegments.filter((s) => s.match).map((s) => s.text)).toEqual(['Marée'])
    // The complete answer has the snippets.
    expect(final!.hits.every((h) => h.snippetSegments.some((s) => s.match))).toBe(true)
  })

  it('sends one answer when the items come quickly (no flash of rows without snippets)', async () => {
    await add('note', 'Marée haute', 'La marée monte vite.')
    const ix = newIndexer()
    await ix.start()
    // Items already at hand (the cache of the items recently shown), whatever the machine's load.
    const items = await ix.readItems([...ix.engine.ids()])
    ix.readItems = async () => items
    const answers: SearchResponse[] = []
    const final = await runSearch(ix, { query: 'maree', filters: {}, limit: 100 }, { onFirstPage: (r) => answers.push(r) })
    expect(answers).toEqual([])
    expect(final!.hits[0]!.snippetSegments.some((s) => s.match)).toBe(true)
  })
})

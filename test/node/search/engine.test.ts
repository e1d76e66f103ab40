// The search engine as the worker runs it: items written through the repository, the indexer following
// them through Dexie's change events, queries answered with highlighted hits.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item, ItemKind } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, deleteForever, restoreFromTrash, saveContent, trashItem, updateFields } from '../../../src/features/items/repository'
import { SearchIndexer } from '../../../src/features/search/indexer'
import { indexerFixture } from './indexerFixture'
import { FIRST_PAGE, runSearch } from '../../../src/features/search/service'
import { INDEX_FORMAT, type SearchFilters } from '../../../src/features/search/engine'
import { isCompactIndex, type CompactIndex } from '../../../src/features/search/compactIndex'
import type { Segment } from '../../../src/core/search'

let db: BaluchonDb
let indexer: SearchIndexer
const fixture = indexerFixture('search-test', (opened) => (db = opened))

// Saving is triggered by hand in these tests; change batches go through at once.
const newIndexer = (): SearchIndexer => fixture.indexer()

beforeEach(() => {
  indexer = newIndexer()
})

async function add(kind: ItemKind, title: string, body = '', extra: Partial<Item> = {}): Promise<Item> {
  return createItem(db, kind, { title, body: docFromText(body), bodyText: body, ...extra } as Partial<Item>)
}

async function titles(query: string, filters: SearchFilters = {}, ix = indexer): Promise<string[]> {
  const { hits } = await runSearch(ix, { query, filters, limit: 100 })
  return hits.map((h) => h.title)
}

/** Waits until the indexer has seen the latest writes (they arrive through Dexie's change events). */
async function settled(ix = indexer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10))
  await ix.flush()
  await ix.whenIdle()
}

const marked = (segments: Segment[]): string[] => segments.filter((s) => s.match).map((s) => s.text)

describe('search engine', () => {
  it('ignores accents and case, both ways', async () => {
    await add('post', "L'Économie circulaire", 'Un texte sur la société.')
    await add('note', 'Ça marche', 'Rien à signaler.')
    await add('note', 'Recettes', 'On dit que ça dépend du four.')
    await indexer.start()

    expect(await titles('economie')).toEqual(["L'Économie circulaire"])
    expect(await titles('ÉCONOMIE')).toEqual(["L'Économie circulaire"])
    expect(await titles('societe')).toEqual(["L'Économie circulaire"])
    expect(await titles('ca')).toEqual(['Ça marche'])
    // A complete short word (followed by a space) is looked up in bodies too.
    expect(await titles('ca ')).toEqual(expect.arrayContaining(['Ça marche', 'Recettes']))
  })

  it('finds words by prefix and despite a typo', async () => {
    await add('post', 'Architecture hexagonale', 'Ports et adaptateurs.')
    await add('note', 'Courses', 'Acheter du pain.')
    await indexer.start()

    expect(await titles('archi')).toEqual(['Architecture hexagonale'])
    expect(await titles('hexa')).toEqual(['Architecture hexagonale'])
    expect(await titles('adapt')).toEqual(['Architecture hexagonale'])
    expect(await titles('architecure')).toEqual(['Architecture hexagonale'])
    expect(await titles('hexagonalle ')).toEqual(['Architecture hexagonale'])
    expect(await titles('adaptatuers')).toEqual(['Architecture hexagonale'])
    expect(await titles('zzzz')).toEqual([])
  })

  it('requires every word, in any field', async () => {
    await add('post', 'Rust pour le web', 'WebAssembly et performances.')
    await add('post', 'Rust embarqué', 'Microcontrôleurs.')
    await indexer.start()
    expect(await titles('rust webassembly')).toEqual(['Rust pour le web'])
    expect(await titles('rust microcontroleurs')).toEqual(['Rust embarqué'])
  })

  it('ranks a title match above a body match', async () => {
    await add('note', 'Notes diverses', 'Quelques mots sur Kubernetes en production, Kubernetes encore, et Kubernetes toujours.')
    await add('note', 'Kubernetes', 'Un résumé.')
    await add('note', 'Autre chose', 'Sans rapport.')
    await indexer.start()
    expect(await titles('kubernetes')).toEqual(['Kubernetes', 'Notes diverses'])
  })

  it('searches tags, link URLs and descriptions, talk details and post excerpts', async () => {
    await add('note', 'Tagged', '', { tags: ['Productivité'] })
    await add('link', 'A link', 'Mon commentaire sur la typographie.', { url: 'https://exemple.org/guide-ergonomie', description: 'Un guide de lisibilité' } as Partial<Item>)
    await add('talk', 'A talk', '', { event: 'Devoxx France', place: 'Paris', abstract: 'Des tests qui tiennent.' } as Partial<Item>)
    await add('post', 'A post', '', { excerpt: 'Pourquoi la sobriété numérique.' } as Partial<Item>)
    await indexer.start()

    expect(await titles('productivite')).toEqual(['Tagged'])
    expect(await titles('ergonomie')).toEqual(['A link'])
    expect(await titles('lisibilite')).toEqual(['A link'])
    expect(await titles('typographie')).toEqual(['A link'])
    expect(await titles('devoxx')).toEqual(['A talk'])
    expect(await titles('paris')).toEqual(['A talk'])
    expect(await titles('tiennent')).toEqual(['A talk'])
    expect(await titles('sobriete')).toEqual(['A post'])
  })

  it('filters by kind and by tag (without case)', async () => {
    await add('post', 'Écrire un billet', 'écrire', { tags: ['Blog'] })
    await add('note', 'Écrire une note', 'écrire', { tags: ['perso'] })
    await add('talk', 'Écrire un talk', 'écrire', { tags: ['blog'] })
    await indexer.start()

    expect((await titles('ecrire')).sort()).toEqual(['Écrire un billet', 'Écrire un talk', 'Écrire une note'])
    expect(await titles('ecrire', { kind: 'note' })).toEqual(['Écrire une note'])
    expect((await titles('ecrire', { tag: 'BLOG' })).sort()).toEqual(['Écrire un billet', 'Écrire un talk'])
    expect(await titles('ecrire', { kind: 'talk', tag: 'blog' })).toEqual(['Écrire un talk'])
    expect(await titles('ecrire', { kind: 'link' })).toEqual([])
  })

  it('leaves trashed items out, and takes restored ones back', async () => {
    const kept = await add('note', 'Jardin potager', 'Tomates.')
    const trashed = await add('note', 'Jardin japonais', 'Érables.')
    await trashItem(db, trashed.id)
    await indexer.start()
    expect(await titles('jardin')).toEqual([kept.title])

    await restoreFromTrash(db, trashed.id)
    await settled()
    expect((await titles('jardin')).sort()).toEqual(['Jardin japonais', 'Jardin potager'])

    await trashItem(db, kept.id)
    await settled()
    expect(await titles('jardin')).toEqual(['Jardin japonais'])
  })

  it('follows edits and deletions as they happen', async () => {
    const item = await add('post', 'Brouillon', 'Premier jet.')
    await indexer.start()
    expect(await titles('brouillon')).toEqual(['Brouillon'])

    await saveContent(db, item.id, { title: 'Version finale', body: docFromText('Texte relu et corrigé.'), bodyText: 'Texte relu et corrigé.' })
    await settled()
    expect(await titles('brouillon')).toEqual([])
    expect(await titles('finale')).toEqual(['Version finale'])
    expect(await titles('corrige')).toEqual(['Version finale'])

    await updateFields(db, item.id, { tags: ['relecture'] })
    await settled()
    expect(await titles('relecture')).toEqual(['Version finale'])

    const other = await add('note', 'Nouvelle note', 'Ajoutée après le démarrage.')
    await settled()
    expect(await titles('demarrage')).toEqual(['Nouvelle note'])

    await deleteForever(db, [item.id, other.id])
    await settled()
    expect(await titles('finale')).toEqual([])
    expect(await titles('nouvelle')).toEqual([])
  })

  it('picks changes up without being told (change events)', async () => {
    await indexer.start()
    await add('note', 'Arrivée spontanée', '')
    await vi.waitFor(async () => expect(await titles('spontanee')).toEqual(['Arrivée spontanée']), { timeout: 2000 })
  })

  it('highlights matches on the original text, accents included', async () => {
    await add('post', "L'économie de l'attention", `${'Introduction. '.repeat(20)}Au cœur de l'Économie numérique, l'attention est rare. ${'Suite. '.repeat(30)}`)
    await indexer.start()
    const { hits } = await runSearch(indexer, { query: 'economie coeur', filters: {}, limit: 10 })
    expect(hits).toHaveLength(1)
    const hit = hits[0]!
    expect(marked(hit.titleSegments)).toEqual(['économie'])
    expect(hit.titleSegments.map((s) => s.text).join('')).toBe("L'économie de l'attention")
    expect(marked(hit.snippetSegments)).toEqual(['cœur', 'Économie'])
    const snippetText = hit.snippetSegments.map((s) => s.text).join('')
    expect(snippetText.startsWith('…')).toBe(true)
    expect(snippetText.length).toBeLessThanOrEqual(170)
  })

  it('answers a long list in steps: the first page alone in full, then with the rest (titles), then every snippet', async () => {
    for (let i = 0; i < 70; i++) await add('note', `Carnet ${i}`, `Une page de carnet numéro ${i}, sur la géologie.`)
    await indexer.start()
    const partials: Array<{ withSnippet: number; without: number; titlesMarked: number }> = []
    const final = await runSearch(indexer, { query: 'carnet geolog', filters: {}, limit: 100 }, {
      onFirstPage: (r) =>
        partials.push({
          withSnippet: r.hits.filter((h) => h.snippetSegments.length > 0).length,
          without: r.hits.filter((h) => h.snippetSegments.length === 0).length,
          titlesMarked: r.hits.filter((h) => h.titleSegments.some((s) => s.match && s.text === 'Carnet')).length,
        }),
    })
    // The first message holds the rows on screen only; the light rest marks its titles too.
    expect(partials).toEqual([
      { withSnippet: FIRST_PAGE, without: 0, titlesMarked: FIRST_PAGE },
      { withSnippet: FIRST_PAGE, without: 70 - FIRST_PAGE, titlesMarked: 70 },
    ])
    expect(final!.hits).toHaveLength(70)
    // Every snippet, past the first page too, marks the body words the query matched.
    expect(final!.hits.every((h) => marked(h.snippetSegments).includes('carnet') && marked(h.snippetSegments).includes('géologie'))).toBe(true)

    // A newer query on the same box: the rest of this one is not computed.
    const skipped = await runSearch(indexer, { query: 'carnet', filters: {}, limit: 100 }, { onFirstPage: () => {}, isStale: () => true })
    expect(skipped).toBeNull()
  })

  it('reports how many items match beyond the limit', async () => {
    for (let i = 0; i < 12; i++) await add('note', `Recette ${i}`, 'cuisine')
    await indexer.start()
    const r = await runSearch(indexer, { query: 'cuisine', filters: {}, limit: 5 })
    expect(r.hits).toHaveLength(5)
    expect(r.total).toBe(12)
  })
})

describe('warming up', () => {
  it('runs throwaway queries on an indexed word and leaves the answers to real queries as they were', async () => {
    await add('post', 'Architecture des applications', 'Une architecture hexagonale.')
    await add('note', 'Archives', 'Les archives de la conférence.')
    await add('note', 'Courses', 'Pain, lait.')
    await indexer.start()
    const engine = indexer.engine
    const answers = () => ['arch', 'archi', 'conf'].map((q) => engine.search(q)).map(({ results, total }) => ({ results, total }))
    const before = answers()
    // The first title word of 5 letters or more, as a prefix of 4: "arch".
    expect(engine.warmUp().map((r) => r.id).sort()).toEqual(before[0]!.results.map((r) => r.id).sort())
    expect(answers()).toEqual(before)
  })

  it('does nothing on an empty index', () => {
    expect(indexer.engine.warmUp()).toEqual([])
  })
})

describe('persisted index', () => {
  it('reloads to the same results, then catches up with changes made while closed', async () => {
    const a = await add('post', 'Économie du partage', 'Vélos et perceuses.')
    const b = await add('note', 'Lecture', 'Un livre sur la mémoire.', { tags: ['livres'] })
    const c = await add('link', 'Article', 'Commentaire.', { url: 'https://exemple.org/memoire' } as Partial<Item>)
    const d = await add('note', 'Corbeille', 'Sera restaurée.')
    await trashItem(db, d.id)
    await indexer.start()
    await indexer.persistNow()
    const queries = ['economie', 'memoire', 'livres', 'perceuse', 'velos', 'memo', 'lecture']
    const before = await Promise.all(queries.map((q) => titles(q)))
    expect(before.map((t) => [...t].sort())).toEqual([['Économie du partage'], ['Article', 'Lecture'], ['Lecture'], ['Économie du partage'], ['Économie du partage'], ['Article', 'Lecture'], ['Lecture']])
    indexer.stop()

    // While no indexer runs: an edit, a trash, a deletion, a restore, a new item.
    await saveContent(db, a.id, { title: 'Économie circulaire', body: docFromText('Réparer.'), bodyText: 'Réparer.' }, Date.now() + 10)
    await trashItem(db, b.id)
    await deleteForever(db, [c.id])
    await restoreFromTrash(db, d.id)
    await add('note', 'Ajout hors ligne', 'Mémoire vive.')

    const reloaded = newIndexer()
    // A full build pages through every item with orderBy(':id'); a reload must not.
    const fullRead = vi.spyOn(db.items, 'orderBy')
    await reloaded.start()
    expect(fullRead).not.toHaveBeenCalled()
    fullRead.mockRestore()
    expect(reloaded.status).toMatchObject({ ready: true, complete: true, error: null })

    expect(await titles('economie', {}, reloaded)).toEqual(['Économie circulaire'])
    expect(await titles('perceuse', {}, reloaded)).toEqual([])
    expect(await titles('reparer', {}, reloaded)).toEqual(['Économie circulaire'])
    expect(await titles('memoire', {}, reloaded)).toEqual(['Ajout hors ligne'])
    expect(await titles('restauree', {}, reloaded)).toEqual(['Corbeille'])
  })

  it('gives the same results from the saved index as from a fresh build', async () => {
    const words = ['économie', 'société', 'réseau', 'données', 'sécurité', 'qualité', 'cœur', 'ça', 'déjà', 'français']
    for (let i = 0; i < 60; i++) {
      const pick = (k: number) => words[(i * 7 + k * 3) % words.length]!
      await add(i % 2 ? 'note' : 'post', `${pick(0)} ${pick(1)} ${i}`, `${pick(2)} ${pick(3)} ${pick(4)} texte ${i}`, { tags: [pick(5)] })
    }
    await indexer.start()
    await indexer.persistNow()
    const queries = ['economie', 'soc', 'donnees securite', 'coeur', 'ca', 'deja ', 'qualite reseau', 'francais', 'texte', 'reseu']
    const fresh = await Promise.all(queries.map((q) => runSearch(indexer, { query: q, filters: {}, limit: 100 })))

    const reloaded = newIndexer()
    await reloaded.start()
    const again = await Promise.all(queries.map((q) => runSearch(reloaded, { query: q, filters: {}, limit: 100 })))
    expect(again.map((r) => r.hits.map((h) => h.id))).toEqual(fresh.map((r) => r.hits.map((h) => h.id)))
    expect(again.map((r) => r.total)).toEqual(fresh.map((r) => r.total))
    expect(fresh.every((r) => r.total > 0)).toBe(true)
  })

  it('saves a new index at once, keeps searching when a save fails, and saves everything on the next try', async () => {
    await add('note', 'Quota', 'Disque plein.')
    await indexer.start()
    // The full build was saved without waiting for a quiet moment.
    const first = (await db.searchIndex.get('meta'))?.value as { savedAt: number } | undefined
    expect(first).toBeDefined()

    await add('note', 'Ajout', 'Après le premier enregistrement.')
    await settled()
    const put = vi.spyOn(db.searchIndex, 'bulkPut').mockRejectedValueOnce(new Error('QuotaExceededError'))
    await expect(indexer.persistNow()).rejects.toThrow('QuotaExceededError')
    expect(await titles('premier')).toEqual(['Ajout'])
    await indexer.persistNow()
    put.mockRestore()
    indexer.stop()

    // Loaded from what was saved, with nothing left to catch up: the second save had everything.
    const reloaded = newIndexer()
    const bulkGet = vi.spyOn(db.items, 'bulkGet')
    await reloaded.start()
    expect(bulkGet).not.toHaveBeenCalled()
    bulkGet.mockRestore()
    expect(await titles('disque', {}, reloaded)).toEqual(['Quota'])
    expect(await titles('premier', {}, reloaded)).toEqual(['Ajout'])
  })

  it('rebuilds when the saved index is damaged', async () => {
    await add('note', 'Résilience', '')
    await indexer.start()
    await indexer.persistNow()
    indexer.stop()
    await db.searchIndex.put({ key: 'head', value: '{not json' })
    const reloaded = newIndexer()
    await reloaded.start()
    expect(await titles('resilience', {}, reloaded)).toEqual(['Résilience'])
  })

  it('saves the head and the body shards as typed arrays, and rebuilds an index saved in an older format', async () => {
    await add('note', 'Typé', 'Des tableaux, pas du JSON.')
    await indexer.start()
    await indexer.persistNow()
    indexer.stop()
    const saved = await db.searchIndex.bulkGet(['head', 'body:0', 'docs'])
    expect(isCompactIndex(saved[0]?.value)).toBe(true)
    expect(isCompactIndex(saved[1]?.value)).toBe(true)
    expect(typeof saved[2]?.value).toBe('string')

    // As format 4 saved it: MiniSearch's JSON text, under its format number.
    const meta = (await db.searchIndex.get('meta'))!.value as { format: number }
    await db.searchIndex.bulkPut([
      { key: 'meta', value: { ...meta, format: 4 } },
      { key: 'head', value: '{"documentCount":0}' },
    ])
    const reloaded = newIndexer()
    await reloaded.start()
    expect(await titles('tableaux', {}, reloaded)).toEqual(['Typé'])
    expect(isCompactIndex((await db.searchIndex.get('head'))?.value)).toBe(true)
    expect(((await db.searchIndex.get('meta'))!.value as { format: number }).format).toBe(INDEX_FORMAT)
  })

  it('rebuilds when a saved body shard is damaged', async () => {
    for (let i = 0; i < 40; i++) await add('note', `Note ${i}`, `contenu${i} partagé`)
    await indexer.start()
    await indexer.persistNow()
    indexer.stop()
    const shard = (await db.searchIndex.get('body:2'))!.value as CompactIndex
    await db.searchIndex.put({ key: 'body:2', value: { ...shard, postings: shard.postings.slice(0, 5) } })
    const reloaded = newIndexer()
    await reloaded.start()
    expect((await runSearch(reloaded, { query: 'partage', filters: {}, limit: 100 })).total).toBe(40)
  })

  it('re-indexes one body shard that is missing', async () => {
    for (let i = 0; i < 40; i++) await add('note', `Note ${i}`, `contenu${i} partagé`)
    await indexer.start()
    await indexer.persistNow()
    indexer.stop()
    await db.searchIndex.delete('body:3')
    const reloaded = newIndexer()
    await reloaded.start()
    const r = await runSearch(reloaded, { query: 'partage', filters: {}, limit: 100 })
    expect(r.total).toBe(40)
  })
})

// The search index saved as typed arrays (compactIndex.ts): loaded back, it must be the same MiniSearch as the
// one saved (searches, later edits, vacuum and MiniSearch's own JSON all agree), and damaged data is refused.
import MiniSearch, { type Options } from 'minisearch'
import { describe, expect, it } from 'vitest'
import { decodeIndex, encodeIndex, isCompactIndex, type CompactIndex } from '../../../src/features/search/compactIndex'

interface Doc {
  id: string
  title: string
  body?: string
}

const options: Options<Doc> = { fields: ['title', 'body'], storeFields: [] }

function built(): MiniSearch<Doc> {
  const index = new MiniSearch<Doc>(options)
  index.addAll([
    { id: 'a', title: 'Économie circulaire', body: 'réparer réparer et réemployer' },
    { id: 'b', title: 'Réseaux sociaux', body: 'Mastodon, Bluesky et LinkedIn' },
    // No body: MiniSearch leaves a hole in this item's field lengths.
    { id: 'c', title: 'Carnet de notes' },
    { id: 'd', title: '日本語 とても 😀', body: 'שלום עולם' },
  ])
  // A replaced item leaves stale postings (dirt) until vacuumed: saved and loaded as they are.
  index.discard('b')
  index.add({ id: 'b', title: 'Réseaux sociaux, encore', body: 'fils de discussion' })
  return index
}

/** MiniSearch's JSON of an index, its terms in order (their order in the tree depends on insertion order). */
function asJson(index: MiniSearch<Doc>): unknown {
  const js = JSON.parse(JSON.stringify(index)) as { index: Array<[string, unknown]> }
  return { ...js, index: js.index.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) }
}

/** Through the structured clone IndexedDB applies, as a saved row comes back. */
const saved = (index: MiniSearch<Doc>): CompactIndex => structuredClone(encodeIndex(index))

describe('search index as typed arrays', () => {
  it('loads back the same index, MiniSearch JSON for JSON', () => {
    const index = built()
    const loaded = decodeIndex(saved(index), options)
    expect(asJson(loaded)).toEqual(asJson(index))
    expect(loaded.dirtCount).toBe(index.dirtCount)
    expect(loaded.documentCount).toBe(4)
  })

  it('answers, takes edits and vacuums like the index it was saved from', async () => {
    const index = built()
    const loaded = decodeIndex(saved(index), options)
    for (const query of ['reparer', 'Réseaux', 'carnet', 'fils', 'mastodon', '日本語', 'שלום', 'econ']) {
      expect(loaded.search(query, { prefix: true, fuzzy: 0.2 })).toEqual(index.search(query, { prefix: true, fuzzy: 0.2 }))
    }
    for (const each of [index, loaded]) {
      each.discard('a')
      each.add({ id: 'e', title: 'Nouvelle note', body: 'réparer encore' })
      await each.vacuum()
    }
    expect(asJson(loaded)).toEqual(asJson(index))
    expect(loaded.search('réparer').map((r) => r.id)).toEqual(['e'])
  })

  it('keeps its postings in one typed array, which a structured clone copies as bytes', () => {
    const compact = encodeIndex(built())
    expect(compact.postings).toBeInstanceOf(Uint32Array)
    expect(compact.shortIds).toBeInstanceOf(Uint32Array)
    expect(compact.terms.length).toBeGreaterThan(10)
    expect(isCompactIndex(structuredClone(compact))).toBe(true)
  })

  it('refuses what is not a saved index, or a damaged one, without hanging', () => {
    const good = encodeIndex(built())
    expect(isCompactIndex('{"documentCount":1}')).toBe(false)
    expect(isCompactIndex({ ...good, v: 2 })).toBe(false)
    expect(isCompactIndex({ ...good, postings: Array.from(good.postings) })).toBe(false)
    expect(isCompactIndex({ ...good, ids: good.ids.slice(1) })).toBe(false)
    expect(() => decodeIndex({ ...good, v: 2 } as unknown as CompactIndex, options)).toThrow('not a saved index')
    // Cut short, or a count far past the end: refused, not read past the end (or looped over for ever).
    expect(() => decodeIndex({ ...good, postings: good.postings.slice(0, good.postings.length - 3) }, options)).toThrow()
    const huge = good.postings.slice()
    huge[2] = 0xfffffff0
    expect(() => decodeIndex({ ...good, postings: huge }, options)).toThrow('cut short')
    // Left over after the last term.
    const longer = new Uint32Array(good.postings.length + 1)
    longer.set(good.postings)
    expect(() => decodeIndex({ ...good, postings: longer }, options)).toThrow('do not match')
  })

  it('refuses to save what it could not load back', () => {
    const numeric = new MiniSearch<{ id: number; title: string }>({ fields: ['title'], storeFields: [] })
    numeric.add({ id: 1, title: 'un' })
    expect(() => encodeIndex(numeric)).toThrow('string ids')
  })
})

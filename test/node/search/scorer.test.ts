// The scorer reads MiniSearch's postings directly (for speed); it must rank exactly as MiniSearch does.
// If a MiniSearch update changes its internals or its scoring, this is the test that says so.
import MiniSearch from 'minisearch'
import { describe, expect, it, vi } from 'vitest'
import type { TermLookup } from '../../../src/core/search'
import { docTable, expand, matchedTerms, scoreInto, type ScoreSink } from '../../../src/features/search/scorer'
import { miniSearchOptions, type Doc } from '../../support/miniSearchDocs'
import { syntheticItems } from '../../support/syntheticKb'

function build(count: number): { index: MiniSearch<Doc>; docs: Doc[] } {
  const docs = syntheticItems({ count, seed: 7 }).map((item) => ({ id: item.id, title: item.title, body: item.bodyText }))
  const index = new MiniSearch<Doc>(miniSearchOptions)
  index.addAll(docs)
  return { index, docs }
}

/** Scores by id from the scorer, with a trivial sink. */
function ours(index: MiniSearch<Doc>, term: string, lookup: TermLookup, boost: Record<string, number>): Map<string, number> {
  const ids: string[] = []
  const slotOf = new Map<string, number>()
  const slots = docTable(index, (id) => {
    if (!slotOf.has(id)) {
      slotOf.set(id, ids.length)
      ids.push(id)
    }
    return slotOf.get(id)
  })
  const out = new Map<string, number>()
  const sink: ScoreSink = { add: (slot, score) => out.set(ids[slot]!, (out.get(ids[slot]!) ?? 0) + score) }
  scoreInto(index, slots, expand(index, term, lookup), boost, null, sink)
  return out
}

function theirs(index: MiniSearch<Doc>, term: string, lookup: TermLookup, boost: Record<string, number>): Map<string, number> {
  const results = index.search(term, { prefix: lookup.prefix, fuzzy: lookup.fuzzy, maxFuzzy: 2, boost })
  return new Map(results.map((r) => [r.id as string, r.score]))
}

/** Term, lookup, whether the synthetic corpus has matches for it. */
const CASES: Array<[string, TermLookup, boolean]> = [
  ['performance', { prefix: false, fuzzy: false }, true],
  ['performance', { prefix: false, fuzzy: 2 }, true],
  ['perf', { prefix: true, fuzzy: 1 }, true],
  ['conference', { prefix: true, fuzzy: 2 }, true],
  ['eco', { prefix: true, fuzzy: false }, true],
  ['p', { prefix: true, fuzzy: false }, true],
  ['databse', { prefix: false, fuzzy: 1 }, true],
  ['zzzzqq', { prefix: true, fuzzy: 1 }, false],
]

describe('scorer', () => {
  it.each(CASES)('scores %j (%j) exactly as MiniSearch', (term, lookup, found) => {
    const { index } = build(400)
    const boost = { title: 4, body: 1 }
    const a = ours(index, term, lookup, boost)
    const b = theirs(index, term, lookup, boost)
    expect(b.size > 0).toBe(found)
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
    for (const [id, score] of b) expect(a.get(id)).toBeCloseTo(score, 9)
  })

  it('ignores items discarded but not yet vacuumed', async () => {
    const { index, docs } = build(200)
    const gone = docs.slice(0, 50)
    for (const d of gone) index.discard(d.id)
    const a = ours(index, 'performance', { prefix: true, fuzzy: 1 }, { title: 4, body: 1 })
    for (const d of gone) expect(a.has(d.id)).toBe(false)
    // Once vacuumed, the scores are MiniSearch's again.
    await index.vacuum()
    const b = theirs(index, 'performance', { prefix: true, fuzzy: 1 }, { title: 4, body: 1 })
    const c = ours(index, 'performance', { prefix: true, fuzzy: 1 }, { title: 4, body: 1 })
    expect(c.size).toBe(b.size)
    for (const [id, score] of b) expect(c.get(id)).toBeCloseTo(score, 9)
  })

  it('names the terms an item matched', () => {
    const index = new MiniSearch<Doc>(miniSearchOptions)
    index.addAll([
      { id: 'a', title: 'Économie circulaire', body: 'écologie' },
      { id: 'b', title: 'Autre', body: 'économique' },
    ])
    const expansions = expand(index, 'eco', { prefix: true, fuzzy: false })
    const a = new Set<string>()
    const b = new Set<string>()
    matchedTerms(index, expansions, 'a', a)
    matchedTerms(index, expansions, 'b', b)
    expect([...a].sort()).toEqual(['ecologie', 'economie'])
    expect([...b]).toEqual(['economique'])
  })
  it('walks the postings without a map lookup or a new entry per posting', () => {
    // Per posting, the slot and the field's length come from the table built once per index change, and the postings
    // are walked with forEach: for…of over a Map makes a [key, value] array per entry until the loop is optimised,
    // which a session's first queries paid for in garbage collection (hundreds of thousands of postings at 50,000 items).
    const { index } = build(400)
    const table = docTable(index, () => 0)
    const expansions = expand(index, 'p', { prefix: true, fuzzy: false })
    const postings = expansions.flatMap((e) => [...e.postings.values()])
    const entries = postings.reduce((n, freqs) => n + freqs.size, 0)
    expect(entries).toBeGreaterThan(400)
    const internals = index as unknown as { _fieldLength: Map<number, number[]> }
    const lengthReads = vi.spyOn(internals._fieldLength, 'get')
    const walks = postings.flatMap((freqs) => [vi.spyOn(freqs, 'entries'), vi.spyOn(freqs, Symbol.iterator as never)])
    let added = 0
    scoreInto(index, table, expansions, { title: 4, body: 1 }, null, { add: () => void added++ })
    expect(added).toBe(entries)
    expect(lengthReads).not.toHaveBeenCalled()
    for (const walk of walks) expect(walk).not.toHaveBeenCalled()
  })
})

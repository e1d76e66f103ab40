// After an edit, the engine brings its per-index tables (scorer.ts's DocTable) up to date in place instead of building
// them again at the next query: the head's and a body shard's, 6-14 ms of the first key after any edit at 10,000 items.
import MiniSearch from 'minisearch'
import { describe, expect, it, vi } from 'vitest'
import { searchDocFromItem } from '../../../src/core/search'
import { SearchEngine } from '../../../src/features/search/engine'
import * as scorer from '../../../src/features/search/scorer'
import { miniSearchOptions, type Doc } from '../../support/miniSearchDocs'
import { syntheticItems } from '../../support/syntheticKb'

vi.mock('../../../src/features/search/scorer', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/features/search/scorer')>()
  return { ...original, docTable: vi.fn(original.docTable) }
})

const built = vi.mocked(scorer.docTable)

function scores(index: MiniSearch<Doc>, table: scorer.DocTable, ids: string[]): Map<string, number> {
  const out = new Map<string, number>()
  const expansions = scorer.expand(index, 'perf', { prefix: true, fuzzy: 1 })
  scorer.scoreInto(index, table, expansions, { title: 4, body: 1 }, null, { add: (slot, score) => out.set(ids[slot]!, (out.get(ids[slot]!) ?? 0) + score) })
  return out
}

describe('DocTable kept up to date', () => {
  it('a table patched after replacements, removals and additions scores as one built afresh', () => {
    const docs = syntheticItems({ count: 300, seed: 3 }).map((item) => ({ id: item.id, title: item.title, body: item.bodyText }))
    const index = new MiniSearch<Doc>(miniSearchOptions)
    index.addAll(docs.slice(0, 250))
    const ids = docs.map((d) => d.id)
    const slotOf = (id: string): number | undefined => {
      const slot = ids.indexOf(id)
      return slot < 0 ? undefined : slot
    }
    let table = scorer.docTable(index, slotOf)
    const patch = (id: string, change: () => void): void => {
      const before = scorer.shortIdOf(index, id)
      change()
      table = scorer.patchDocTable(table, index, id, before, slotOf(id))
    }
    // Replaced (other words, other lengths), removed, and new ones past the table's end.
    for (const d of docs.slice(0, 40)) patch(d.id, () => {
      index.discard(d.id)
      index.add({ ...d, body: `${d.body} performance performante ${d.title}` })
    })
    for (const d of docs.slice(40, 60)) patch(d.id, () => index.discard(d.id))
    for (const d of docs.slice(250)) patch(d.id, () => index.add(d))
    expect(table.slots.length).toBeGreaterThanOrEqual(300)

    const patched = scores(index, table, ids)
    const fresh = scores(index, scorer.docTable(index, slotOf), ids)
    expect(patched.size).toBeGreaterThan(50)
    expect(patched).toEqual(fresh)
    for (const d of docs.slice(40, 60)) expect(patched.has(d.id)).toBe(false)
  })

  it('builds no table again for a query after an edit or a removal, and ranks as an engine built afresh', () => {
    const items = syntheticItems({ count: 200, seed: 5 })
    const engine = SearchEngine.empty()
    for (const item of items) engine.upsert(searchDocFromItem(item))
    const before = engine.search('perf', {}, 500).results.map((r) => r.id)
    expect(before.length).toBeGreaterThan(1)
    built.mockClear()

    const edited = items.find((item) => item.id === before[before.length - 1])!
    const now = items.map((item) => (item === edited ? { ...item, title: `Performance ${item.title}`, updatedAt: item.updatedAt + 1 } : item))
    engine.upsert(searchDocFromItem(now[items.indexOf(edited)]!))
    engine.remove(before[0]!)
    const after = engine.search('perf', {}, 500).results

    expect(built).not.toHaveBeenCalled()
    const fresh = SearchEngine.empty()
    for (const item of now) if (item.id !== before[0]) fresh.upsert(searchDocFromItem(item))
    const expected = new Map(fresh.search('perf', {}, 500).results.map((r) => [r.id, r.score]))
    expect(after.map((r) => r.id).sort()).toEqual([...expected.keys()].sort())
    for (const r of after) expect(r.score).toBeCloseTo(expected.get(r.id)!, 9)
    expect(after.map((r) => r.id)).not.toContain(before[0])
  })
})

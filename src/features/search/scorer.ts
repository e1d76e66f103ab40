/*
 * Scores one query term over a MiniSearch index by reading the index's own postings, the way MiniSearch's
 * executeQuerySpec/termResults do (same term expansion, same prefix and typo weights, same BM25+), but
 * into one number per item instead of a result object per item.
 *
 * Why: with MiniSearch's search(), a word found in 45,000 of 50,000 items costs a few objects per item
 * plus a sort, 200–600 ms per keystroke in the worker (bench/search-lib/worker-bench.ts); budget is 100.
 * Reading the postings directly costs a few milliseconds. MiniSearch keeps owning the index (adding,
 * discarding, vacuuming, saving); only querying happens here. The fields read are not MiniSearch's
 * public API, so they are checked on first use (a clear error, not wrong results, if a MiniSearch update
 * renames them), the version is pinned, and test/node/search/scorer.test.ts compares this scorer's
 * ranking with MiniSearch's own search() on the same index.
 */
import type MiniSearch from 'minisearch'
import type { TermLookup } from '../../core/search'

type Postings = Map<number, Map<number, number>> // fieldId → short document id → term frequency

interface TermTree {
  get(term: string): Postings | undefined
  atPrefix(prefix: string): Iterable<[string, Postings]>
  fuzzyGet(term: string, maxDistance: number): Map<string, [Postings, number]>
}

interface Internals {
  _index: TermTree
  _documentIds: Map<number, string>
  _idToShortId: Map<string, number>
  _fieldIds: Record<string, number>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _documentCount: number
  _dirtCount: number
}

/** MiniSearch's defaults (weights of prefix and typo matches, BM25+ parameters). */
const PREFIX_WEIGHT = 0.375
const FUZZY_WEIGHT = 0.45
const K = 1.2
const B = 0.7
const D = 0.5

function internals<T>(index: MiniSearch<T>): Internals {
  const i = index as unknown as Partial<Internals>
  if (
    !i._index ||
    typeof i._index.atPrefix !== 'function' ||
    typeof i._index.fuzzyGet !== 'function' ||
    !(i._documentIds instanceof Map) ||
    !(i._idToShortId instanceof Map) ||
    !(i._fieldLength instanceof Map) ||
    !Array.isArray(i._avgFieldLength) ||
    typeof i._fieldIds !== 'object' ||
    typeof i._documentCount !== 'number'
  ) {
    throw new Error('MiniSearch internals changed: update src/features/search/scorer.ts for this MiniSearch version')
  }
  return i as Internals
}

/** One vocabulary term a query term matched, with its weight (1 exact, less for prefix and typo matches). */
export interface Expansion {
  term: string
  weight: number
  postings: Postings
}

/** The vocabulary terms of an index that a query term matches, as MiniSearch's executeQuerySpec expands them. */
export function expand<T>(index: MiniSearch<T>, term: string, lookup: TermLookup): Expansion[] {
  const tree = internals(index)._index
  const out: Expansion[] = []
  const exact = tree.get(term)
  if (exact) out.push({ term, weight: 1, postings: exact })
  const fuzzy = lookup.fuzzy ? tree.fuzzyGet(term, lookup.fuzzy) : null
  if (lookup.prefix) {
    for (const [t, postings] of tree.atPrefix(term)) {
      const distance = t.length - term.length
      if (!distance) continue
      fuzzy?.delete(t)
      out.push({ term: t, weight: (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance), postings })
    }
  }
  if (fuzzy) {
    for (const [t, [postings, distance]] of fuzzy) {
      if (!distance) continue
      out.push({ term: t, weight: (FUZZY_WEIGHT * t.length) / (t.length + distance), postings })
    }
  }
  return out
}

/**
 * An index's documents by MiniSearch short id, as scoring reads them: the engine's dense slot (-1: none) and the
 * length of each field (by field id; the field's average where a document has none, as MiniSearch's ranking takes it).
 * Built once per index change, so scoring reads arrays instead of two maps per posting (the slot by id, then the
 * document's field lengths).
 */
export interface DocTable {
  slots: Int32Array
  lengths: Float64Array[]
}

/** A field's average length in the index: what MiniSearch's ranking takes for a document without that field. */
function averageLength(ix: Internals, fieldId: number): number {
  return ix._avgFieldLength[fieldId] ?? 1
}

/** One field's column of a table's lengths, `size` entries, each the field's average until set. */
function lengthColumn(ix: Internals, fieldId: number, size: number): Float64Array {
  return new Float64Array(size).fill(averageLength(ix, fieldId))
}

export function docTable<T>(index: MiniSearch<T>, slotOf: (id: string) => number | undefined): DocTable {
  const ix = internals(index)
  let max = -1
  for (const shortId of ix._documentIds.keys()) if (shortId > max) max = shortId
  // Postings of discarded items may name short ids above every live one.
  const size = Math.max(max + 1, ix._dirtCount > 0 ? max + 1 + ix._dirtCount * 4 : 0, 1)
  const slots = new Int32Array(size).fill(-1)
  for (const [shortId, id] of ix._documentIds) slots[shortId] = slotOf(id) ?? -1
  const fieldCount = Object.keys(ix._fieldIds).length
  const lengths = Array.from({ length: fieldCount }, (_, fieldId) => lengthColumn(ix, fieldId, size))
  for (const [shortId, perField] of ix._fieldLength) {
    if (shortId >= size) continue
    for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
      const length = perField[fieldId]
      if (length !== undefined) lengths[fieldId]![shortId] = length
    }
  }
  return { slots, lengths }
}

/**
 * Brings an index's table up to date after one document changed in the index, instead of building it again (at
 * 10,000 items the head's and a body shard's took the first key after any edit 6-14 ms in the worker; see engine.ts):
 * `before` is the short id the document had (its postings stay until vacuumed, so that id keeps no slot); its new
 * short id, if it is in the index now, gets its slot and field lengths. Grows the table past its end as needed.
 */
export function patchDocTable<T>(table: DocTable, index: MiniSearch<T>, id: string, before: number | undefined, slot: number | undefined): DocTable {
  const ix = internals(index)
  if (before !== undefined && before < table.slots.length) table.slots[before] = -1
  const shortId = ix._idToShortId.get(id)
  if (shortId === undefined) return table
  const fieldCount = table.lengths.length
  let { slots, lengths } = table
  if (shortId >= slots.length) {
    // Doubled, as short ids only grow: one copy per doubling, not per edit.
    const size = Math.max(shortId + 1, slots.length * 2)
    const grownSlots = new Int32Array(size).fill(-1)
    grownSlots.set(slots)
    slots = grownSlots
    lengths = lengths.map((old, fieldId) => {
      const grown = lengthColumn(ix, fieldId, size)
      grown.set(old)
      return grown
    })
  }
  slots[shortId] = slot ?? -1
  const perField = ix._fieldLength.get(shortId)
  for (let fieldId = 0; fieldId < fieldCount; fieldId++) lengths[fieldId]![shortId] = perField?.[fieldId] ?? averageLength(ix, fieldId)
  return { slots, lengths }
}

/** The short id a document has in an index (undefined: not in it). */
export function shortIdOf<T>(index: MiniSearch<T>, id: string): number | undefined {
  return internals(index)._idToShortId.get(id)
}

/** Where scores add up: one number per slot, touched slots listed (see DenseScores in engine.ts). */
export interface ScoreSink {
  add(slot: number, score: number): void
}

/**
 * Adds each item's score for the expansions to `sink`, by slot. `fields`: field name → boost.
 * `allow`, when given, keeps slots out before any work is spent on them.
 * The postings are walked with Map.forEach, not for…of over their entries: until the loop is optimised (a session's
 * first queries) each entry of for…of is a new [key, value] array, one per posting, hundreds of thousands for a
 * short prefix at 50,000 items, and the young generation filled with them (a 40 ms scavenge in a traced first key).
 */
export function scoreInto<T>(
  index: MiniSearch<T>,
  table: DocTable,
  expansions: readonly Expansion[],
  fields: Record<string, number>,
  allow: ((slot: number) => boolean) | null,
  sink: ScoreSink,
): void {
  if (expansions.length === 0) return
  const ix = internals(index)
  const total = ix._documentCount
  const { slots } = table
  for (const field in fields) {
    const boost = fields[field]!
    const fieldId = ix._fieldIds[field]
    if (fieldId === undefined) continue
    const avgLength = averageLength(ix, fieldId)
    const lengths = table.lengths[fieldId]!
    for (const { weight, postings } of expansions) {
      const freqs = postings.get(fieldId)
      if (!freqs) continue
      // Discarded items keep postings until vacuumed: count only live ones, as MiniSearch's ranking would.
      let matching = freqs.size
      if (ix._dirtCount > 0) for (const shortId of freqs.keys()) if ((slots[shortId] ?? -1) < 0) matching--
      const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5))
      const factor = weight * boost * idf
      freqs.forEach((tf, shortId) => {
        const slot = slots[shortId] ?? -1
        if (slot < 0 || (allow !== null && !allow(slot))) return
        sink.add(slot, factor * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * lengths[shortId]!) / avgLength))))
      })
    }
  }
}

/** The expansions an item actually contains (what to highlight in it). */
export function matchedTerms<T>(index: MiniSearch<T>, expansions: readonly Expansion[], id: string, out: Set<string>): void {
  const shortId = internals(index)._idToShortId.get(id)
  if (shortId === undefined) return
  for (const { term, postings } of expansions) {
    for (const freqs of postings.values()) {
      if (freqs.has(shortId)) {
        out.add(term)
        break
      }
    }
  }
}

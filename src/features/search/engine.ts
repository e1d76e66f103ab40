/*
 * The search engine: MiniSearch, chosen by measurement (bench/search-lib/README.md; compare.mjs on a
 * synthetic French + English corpus, Zipf word frequencies, accents, ~2 KB bodies; Node 20 on a shared
 * 2-core machine, so pessimistic; p50/p95 ms of a top-50 query):
 *
 *                          build   JSON size  load   1 letter    2 letters   3 letters  word      typo (found)
 *   10k  MiniSearch 7.2    6.6 s    20 MB    1.0 s  163/555     56/166      11/62      1.8/12    1.5/7.8 (100%)
 *   10k  MiniSearch tuned  4.6 s    16 MB    0.6 s  6.8/18      1.6/6.6     5.5/26     1.5/8.0   1.2/4.6 (100%)
 *   10k  FlexSearch 0.8   12.2 s   141 MB    2.1 s  0.03/0.06   0.02/0.05   0.03/0.04  0.03/0.05 0.01/0.03 (8%)
 *   10k  Orama 3.1         7.6 s   132 MB    1.9 s  265/718     53/154      8.1/43     0.8/19    0.5/2.7 (53%)
 *   50k  MiniSearch 7.2   37.9 s   106 MB    3.5 s  1968/11218  822/3284    164/887    12/118    4.6/30 (100%)
 *   50k  MiniSearch tuned 24.3 s    85 MB    4.8 s  41/121      11/43       70/354     11/80     5.0/33 (100%)
 *   50k  FlexSearch, Orama: cannot be saved (their export is over V8's 512 MB string limit)
 *
 * FlexSearch answers in microseconds but has no edit-distance typo tolerance (8% of one-typo queries
 * found the word) and its prefix index is 7x larger. Orama is slower on short prefixes, as large, and
 * misses more. MiniSearch finds every typo and has the smallest index; its cost, expanding short
 * prefixes over every body word and building an object per matching item, is avoided by how it is used:
 * the query policy (src/core/search/query.ts), and ranking straight from its postings (scorer.ts).
 *
 * In the app's worker, in Chromium (bench/search-lib/worker-bench.ts, list limit 500, loaded machine):
 * from the saved index, ready in 0.2 s at 10k and 0.8 s at 50k (bodies searchable at 0.5 s / 2.4 s);
 * a keystroke's round trip to the first answer p50 7–20 ms / p95 18–72 ms at 10k, p50 12–26 ms /
 * p95 24–104 ms at 50k, with words found in up to 91% of the items.
 *
 * Layout: one small "head" index (title, tags, details, URL) for every item, so search is ready as soon
 * as it loads, plus the bodies in BODY_SHARDS shards by id, so loading is progressive and re-saving after
 * an edit rewrites one shard, not the whole body index. A query's terms must all match, each in the head
 * or a body (an item lives in one shard, so results merge by item).
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch'
import { decodeIndex, encodeIndex, type CompactIndex } from './compactIndex'
import { docTable, expand, matchedTerms, patchDocTable, scoreInto, shortIdOf, type DocTable, type Expansion, type ScoreSink } from './scorer'
import type { ItemKind, ItemStatus } from '../../core/items'
import type { CareerFacts } from '../career/facts'
import { indexTerm, parseQuery, tokenize, tagKey, type QueryTerm, type SearchDoc } from '../../core/search'
import { countsAlike } from './counts'

/** Bump when tokenizing, fields or layout change: a persisted index of another format is rebuilt. */
// 3: each item's status and unread flag are kept with its title, so a result row paints from the hit.
// 4: and the facts its confidentiality mark is resolved from (dates, chosen affiliation and label).
// 5: the head and the body shards are saved as typed arrays (compactIndex.ts), not MiniSearch's JSON.
export const INDEX_FORMAT = 5
export const BODY_SHARDS = 8
/** Term lookups kept between keystrokes (each holds up to one entry per item). */
const LOOKUP_CACHE_SIZE = 6

type HeadField = 'title' | 'tags' | 'details' | 'url'
const HEAD_FIELDS: HeadField[] = ['title', 'tags', 'details', 'url']
/** Title and tags say what an item is about; a word there outranks the same word in passing. */
const HEAD_BOOST: Record<HeadField, number> = { title: 4, tags: 3, details: 1.5, url: 1 }
const NAME_BOOST = { title: HEAD_BOOST.title, tags: HEAD_BOOST.tags }
const BODY_BOOST = { body: 1 }

/** What a result row shows without being searched: the list paints hits without reading the items. */
export interface RowFields {
  status: ItemStatus | null
  /** A link not read yet. */
  unread: boolean
  /** What the row's confidentiality mark is resolved from (against the live affiliations, never stored resolved). */
  career?: CareerFacts
}

const NO_ROW_FIELDS: RowFields = { status: null, unread: false }

export interface DocMeta extends RowFields {
  kind: ItemKind
  title: string
  tags: string[]
  updatedAt: number
}

/** What one part of the index is saved as (searchIndex rows). */
export type SavedPart = string | CompactIndex

/** A `docs` row as saved: [id, kind, title, tags, updatedAt, status, unread (0/1), career facts]. */
type DocRow = [string, ItemKind, string, string[], number, ItemStatus | null, 0 | 1, CareerFacts?]

export interface SearchFilters {
  kind?: ItemKind
  tag?: string
}

export interface RankedResult {
  id: string
  score: number
  /** Folded document terms that matched (prefix and typo expansions included): what to highlight. */
  terms: string[]
}

export interface RankedResults {
  results: RankedResult[]
  /** All matches, of which `results` are the best `limit`. */
  total: number
  /**
   * Fills in the `terms` of the results past `termsFor` (empty until then) with the words of their titles
   * that the query matched: what a light hit marks. Left for later, as the first answer shows only the
   * first page. Marks the titles as they are when called, with the query's matches as they were when searched.
   */
  markTitlesPastTerms(): void
}

type Indexed = Pick<SearchDoc, 'id' | 'title' | 'tags' | 'details' | 'url' | 'body'>

/** Query-time options: terms arrive folded and split already, so MiniSearch must not process them again. */
const RAW_TERMS: Pick<SearchOptions, 'tokenize' | 'processTerm'> = { tokenize: (t) => [t], processTerm: (t) => t }

const headOptions: Options<Indexed> = {
  fields: HEAD_FIELDS,
  storeFields: [],
  extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : (doc[field as keyof Indexed] as string | undefined) ?? ''),
  tokenize: (text) => tokenize(text),
  processTerm: (term, field) => indexTerm(term, (field ?? 'title') as HeadField),
  searchOptions: RAW_TERMS,
}

const bodyOptions: Options<Indexed> = {
  fields: ['body'],
  storeFields: [],
  extractField: (doc, field) => (field === 'id' ? doc.id : (doc.body ?? '')),
  tokenize: (text) => tokenize(text),
  processTerm: (term) => indexTerm(term, 'body'),
  searchOptions: RAW_TERMS,
}

/** FNV-1a: a stable, well-spread shard for an id (ULIDs share long time prefixes). */
export function shardOf(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % BODY_SHARDS
}

export type PartKey = 'docs' | 'head' | `body:${number}`

export function bodyPartKey(shard: number): PartKey {
  return `body:${shard}`
}

/** A set of items with a score each, by slot (parallel arrays). */
interface Scored {
  slots: Int32Array
  scores: Float64Array
}

/** One query term looked up: each item's score, and what it expanded to in each index (for highlighting). */
interface TermMatch extends Scored {
  head: Expansion[]
  shards: Array<Expansion[] | null>
}

/**
 * Scores by slot without allocating per item: one array of numbers, a stamp telling which slots the
 * current round touched, and the list of those slots.
 */
class DenseScores implements ScoreSink {
  private acc = new Float64Array(0)
  private stamp = new Uint32Array(0)
  private round = 0
  private touched: number[] = []

  begin(capacity: number): void {
    if (this.acc.length < capacity) {
      const size = Math.max(capacity, this.acc.length * 2, 1024)
      this.acc = new Float64Array(size)
      this.stamp = new Uint32Array(size)
      this.round = 0
    }
    if (++this.round === 0xffffffff) {
      this.stamp.fill(0)
      this.round = 1
    }
    this.touched = []
  }

  add(slot: number, score: number): void {
    if (this.stamp[slot] !== this.round) {
      this.stamp[slot] = this.round
      this.acc[slot] = score
      this.touched.push(slot)
    } else this.acc[slot]! += score
  }

  has(slot: number): boolean {
    return this.stamp[slot] === this.round
  }

  get(slot: number): number {
    return this.acc[slot]!
  }

  finish(): Scored {
    const slots = Int32Array.from(this.touched)
    const scores = new Float64Array(slots.length)
    for (let i = 0; i < slots.length; i++) scores[i] = this.acc[slots[i]!]!
    return { slots, scores }
  }
}

export class SearchEngine {
  private readonly docs: Map<string, DocMeta>
  private head: MiniSearch<Indexed>
  /** Null while a persisted shard has not been loaded yet. */
  private readonly shards: Array<MiniSearch<Indexed> | null>
  private readonly dirty = new Set<PartKey>()
  /** Dense numbering of the items, so scoring works on arrays (slots of removed items are reused). */
  private readonly slotOf = new Map<string, number>()
  private readonly idBySlot: string[] = []
  private readonly metaBySlot: Array<DocMeta | undefined> = []
  private readonly freeSlots: number[] = []
  /** Per index, short id → slot and field lengths (scorer.ts); built at the first query, then kept up to date. */
  private headTable: DocTable | null = null
  private readonly shardTables: Array<DocTable | null> = Array.from({ length: BODY_SHARDS }, () => null)
  private readonly scratch = new DenseScores()
  private readonly members = new DenseScores()
  /**
   * Typing "économie circ…" re-runs "économie" at every keystroke: the last few term lookups are kept
   * until the index changes, so only the word being typed costs anything.
   */
  private readonly lookups = new Map<string, TermMatch>()
  /**
   * Moves on whenever a row's counted fields change, a row comes or a row goes (see countsAlike): the indexer keeps the
   * counts it gave until then, since recounting 50,000 rows after every autosave (which changes none of them) took the
   * worker 16-40 ms each time.
   */
  private countsStamp = 0

  private constructor(docs: Map<string, DocMeta>, head: MiniSearch<Indexed>, shards: Array<MiniSearch<Indexed> | null>) {
    this.docs = docs
    this.head = head
    this.shards = shards
    for (const [id, meta] of docs) this.assignSlot(id, meta)
  }

  static empty(): SearchEngine {
    const shards = Array.from({ length: BODY_SHARDS }, () => new MiniSearch<Indexed>(bodyOptions))
    return new SearchEngine(new Map(), new MiniSearch<Indexed>(headOptions), shards)
  }

  /** From persisted parts; the body shards are loaded afterwards with `loadShard`. Throws on corrupt data. */
  static fromParts(docsJson: string, head: CompactIndex): SearchEngine {
    const rows = JSON.parse(docsJson) as DocRow[]
    const docs = new Map<string, DocMeta>(
      rows.map(([id, kind, title, tags, updatedAt, status, unread, career]) => [id, { kind, title, tags, updatedAt, status, unread: unread === 1, ...(career ? { career } : {}) }]),
    )
    return new SearchEngine(docs, decodeIndex(head, headOptions), Array.from({ length: BODY_SHARDS }, () => null))
  }

  loadShard(shard: number, saved: CompactIndex): void {
    this.shards[shard] = decodeIndex(saved, bodyOptions)
    this.changedShard(shard)
  }

  /** Replaces a shard that could not be loaded with an empty one (its items get re-indexed by the caller). */
  resetShard(shard: number): void {
    this.shards[shard] = new MiniSearch<Indexed>(bodyOptions)
    this.dirty.add(bodyPartKey(shard))
    this.changedShard(shard)
  }

  get bodyComplete(): boolean {
    return this.shards.every((s) => s !== null)
  }

  get size(): number {
    return this.docs.size
  }

  has(id: string): boolean {
    return this.docs.has(id)
  }

  ids(): IterableIterator<string> {
    return this.docs.keys()
  }

  /** See countsStamp: equal values mean the same counts over metas(). Per engine (a new engine starts again). */
  get countsVersion(): number {
    return this.countsStamp
  }

  /** Every indexed item's row (the counts go through all of them: see counts.ts). */
  metas(): IterableIterator<DocMeta> {
    return this.docs.values()
  }

  meta(id: string): DocMeta | undefined {
    return this.docs.get(id)
  }

  /** Adds or replaces an item everywhere. */
  upsert(doc: SearchDoc, row: RowFields = NO_ROW_FIELDS): void {
    this.upsertHead(doc, row)
    this.upsertBody(doc)
  }

  /** Adds or replaces an item's short fields (the first pass of a full build). */
  upsertHead(doc: SearchDoc, row: RowFields = NO_ROW_FIELDS): void {
    const meta: DocMeta = { kind: doc.kind, title: doc.title, tags: doc.tags, updatedAt: doc.updatedAt, status: row.status, unread: row.unread }
    if (row.career) meta.career = row.career
    const before = this.docs.get(doc.id)
    if (!before || !countsAlike(before, meta)) this.countsStamp++
    this.docs.set(doc.id, meta)
    this.assignSlot(doc.id, meta)
    const shortBefore = shortIdOf(this.head, doc.id)
    replaceIn(this.head, doc)
    this.dirty.add('docs').add('head')
    this.changedHead(doc.id, shortBefore)
  }

  /** Adds or replaces an item's body. Its shard must be loaded. */
  upsertBody(doc: SearchDoc): void {
    const shard = shardOf(doc.id)
    const index = this.shards[shard]
    if (!index) throw new Error(`Body shard ${shard} is not loaded`)
    const before = shortIdOf(index, doc.id)
    replaceIn(index, doc)
    this.dirty.add(bodyPartKey(shard))
    this.changedShard(shard, doc.id, before)
  }

  remove(id: string): void {
    if (!this.docs.delete(id)) return
    this.countsStamp++
    const inHead = shortIdOf(this.head, id)
    if (inHead !== undefined) this.head.discard(id)
    const shard = shardOf(id)
    const index = this.shards[shard]
    if (!index) throw new Error(`Body shard ${shard} is not loaded`)
    const inShard = shortIdOf(index, id)
    if (inShard !== undefined) index.discard(id)
    const slot = this.slotOf.get(id)
    if (slot !== undefined) {
      this.slotOf.delete(id)
      this.metaBySlot[slot] = undefined
      this.freeSlots.push(slot)
    }
    this.dirty.add('docs').add('head').add(bodyPartKey(shard))
    this.changedHead(id, inHead)
    this.changedShard(shard, id, inShard)
  }

  private assignSlot(id: string, meta: DocMeta): void {
    let slot = this.slotOf.get(id)
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.idBySlot.length
      this.slotOf.set(id, slot)
      this.idBySlot[slot] = id
    }
    this.metaBySlot[slot] = meta
  }

  /**
   * After a change to the head: one item's (`id`, which had short id `before` there), its table entries are
   * updated in place (patchDocTable); without an id, the table is built again at the next query.
   */
  private changedHead(id?: string, before?: number): void {
    this.headTable = this.headTable && id !== undefined ? patchDocTable(this.headTable, this.head, id, before, this.slotOf.get(id)) : null
    this.lookups.clear()
  }

  /** As changedHead, for a body shard (a shard loaded or reset: built again). */
  private changedShard(shard: number, id?: string, before?: number): void {
    const table = this.shardTables[shard]
    const index = this.shards[shard]
    this.shardTables[shard] = table && index && id !== undefined ? patchDocTable(table, index, id, before, this.slotOf.get(id)) : null
    this.lookups.clear()
  }

  private tableOfHead(): DocTable {
    return (this.headTable ??= docTable(this.head, (id) => this.slotOf.get(id)))
  }

  private tableOfShard(shard: number, index: MiniSearch<Indexed>): DocTable {
    return (this.shardTables[shard] ??= docTable(index, (id) => this.slotOf.get(id)))
  }

  /**
   * Ranked ids matching every term of the query, filtered, best first, at most `limit` of them;
   * `total` counts all matches. Synchronous; the hot path of every keystroke, so it allocates almost
   * nothing per item: scores in typed arrays by slot, only the top `limit` sorted, matched terms found
   * for the first `termsFor` of those (title words only for the others).
   */
  search(query: string, filters: SearchFilters = {}, limit = 100, termsFor = limit): RankedResults {
    const terms = parseQuery(query)
    if (terms.length === 0) return { results: [], total: 0, markTitlesPastTerms: () => {} }
    const tag = filters.tag ? tagKey(filters.tag) : null
    const accept =
      filters.kind || tag
        ? (slot: number): boolean => {
            const meta = this.metaBySlot[slot]
            if (!meta) return false
            if (filters.kind && meta.kind !== filters.kind) return false
            return tag === null || meta.tags.some((t) => tagKey(t) === tag)
          }
        : null
    const filterKey = `${filters.kind ?? ''}\u0000${tag ?? ''}`
    // Complete words: looked up whole (and cached), smallest first so the intersection walks the fewest.
    const used: TermMatch[] = terms.filter((t) => !t.head.prefix).map((term) => this.cachedLookup(term, accept, filterKey))
    used.sort((a, b) => a.slots.length - b.slots.length)
    let matches: Scored | null = used[0] ?? null
    for (const next of used.slice(1)) matches = this.intersect(matches!, next)
    // The word being typed: only among the items the other words matched.
    const typing = terms.find((t) => t.head.prefix)
    if (typing && (matches === null || matches.slots.length > 0)) {
      let allow = accept
      if (matches !== null) {
        const among = matches
        this.members.begin(this.idBySlot.length)
        for (let i = 0; i < among.slots.length; i++) this.members.add(among.slots[i]!, among.scores[i]!)
        allow = (slot) => this.members.has(slot)
      }
      const found = this.lookup(typing, allow)
      used.push(found)
      if (matches !== null) for (let i = 0; i < found.slots.length; i++) found.scores[i]! += this.members.get(found.slots[i]!)
      matches = found
    }
    const all = matches ?? { slots: new Int32Array(0), scores: new Float64Array(0) }
    const top = topK(all, limit, (slot) => this.metaBySlot[slot]?.updatedAt ?? 0, (slot) => this.idBySlot[slot]!)
    // Past `termsFor`, only titles get marked (their snippets come later), and only when asked
    // (markTitlesPastTerms): the words of the title that are among the query's expansions, instead of probing
    // every expansion's postings for each item.
    const results: RankedResult[] = top.map(({ slot, score }, rank) => {
      const id = this.idBySlot[slot]!
      if (rank >= termsFor) return { id, score, terms: [] }
      const matched = new Set<string>()
      const shard = shardOf(id)
      const index = this.shards[shard]
      for (const u of used) {
        matchedTerms(this.head, u.head, id, matched)
        const expansions = u.shards[shard]
        if (index && expansions) matchedTerms(index, expansions, id, matched)
      }
      return { id, score, terms: [...matched] }
    })
    let marked = termsFor >= top.length
    const markTitlesPastTerms = (): void => {
      if (marked) return
      marked = true
      const headTerms = new Set(used.flatMap((u) => u.head.map((e) => e.term)))
      for (let rank = termsFor; rank < top.length; rank++) {
        // By id, not slot: the index may have changed since the search (a slot is reused by another item).
        const inTitle = tokenize(this.docs.get(results[rank]!.id)?.title ?? '').filter((t) => headTerms.has(t))
        results[rank]!.terms = [...new Set(inTitle)]
      }
    }
    return { results, total: all.slots.length, markTitlesPastTerms }
  }

  /**
   * Runs a few throwaway queries (a word of an indexed title, typed as a prefix and whole), so the first
   * query a person types does not pay for the code's first run and for the lookup tables built lazily per
   * index (measured: the first 4-letter query ranked in 34–61 ms, the next ones in 3–10 ms). Returns the
   * ids found, for a caller that warms up what comes after ranking too. Results are not affected.
   */
  warmUp(): RankedResult[] {
    let word = ''
    for (const meta of this.docs.values()) {
      word = tokenize(meta.title).find((t) => t.length >= 5) ?? ''
      if (word) break
    }
    if (!word) return []
    this.search(word.slice(0, 3), {}, 50)
    this.search(`${word} ${word.slice(0, 4)}`, {}, 50)
    const { results, markTitlesPastTerms } = this.search(word.slice(0, 4), {}, 500, 50)
    markTitlesPastTerms()
    // Left out of the lookup cache: a person's first query starts from a clean one, as it would have.
    this.lookups.clear()
    return results
  }

  /** Items in both, scores added. */
  private intersect(a: Scored, b: Scored): Scored {
    this.members.begin(this.idBySlot.length)
    for (let i = 0; i < b.slots.length; i++) this.members.add(b.slots[i]!, b.scores[i]!)
    const slots: number[] = []
    const scores: number[] = []
    for (let i = 0; i < a.slots.length; i++) {
      const slot = a.slots[i]!
      if (!this.members.has(slot)) continue
      slots.push(slot)
      scores.push(a.scores[i]! + this.members.get(slot))
    }
    return { slots: Int32Array.from(slots), scores: Float64Array.from(scores) }
  }

  private cachedLookup(term: QueryTerm, accept: ((slot: number) => boolean) | null, filterKey: string): TermMatch {
    const key = `${JSON.stringify(term)}\u0000${filterKey}`
    let found = this.lookups.get(key)
    if (found) {
      // Most recently used last.
      this.lookups.delete(key)
    } else {
      found = this.lookup(term, accept)
      if (this.lookups.size >= LOOKUP_CACHE_SIZE) this.lookups.delete(this.lookups.keys().next().value!)
    }
    this.lookups.set(key, found)
    return found
  }

  private lookup(term: QueryTerm, allow: ((slot: number) => boolean) | null): TermMatch {
    this.scratch.begin(this.idBySlot.length)
    const head = expand(this.head, term.text, term.head)
    scoreInto(this.head, this.tableOfHead(), head, term.head.namesOnly ? NAME_BOOST : HEAD_BOOST, allow, this.scratch)
    const shards = this.shards.map((index, shard) => {
      if (!index || !term.body) return null
      const expansions = expand(index, term.text, term.body)
      if (expansions.length > 0) scoreInto(index, this.tableOfShard(shard, index), expansions, BODY_BOOST, allow, this.scratch)
      return expansions
    })
    return { ...this.scratch.finish(), head, shards }
  }

  /** Drops the postings that replaced and removed items left behind (MiniSearch's discard is lazy). */
  async vacuum(): Promise<void> {
    for (const index of [this.head, ...this.shards]) {
      if (index && index.dirtCount > 0) await index.vacuum()
    }
  }

  /** Parts changed since the last `takeDirtyParts`, serialized. */
  takeDirtyParts(): Array<[PartKey, () => SavedPart]> {
    const keys = [...this.dirty]
    this.dirty.clear()
    return keys.map((key) => [key, () => this.serialize(key)])
  }

  /** Marks parts as still unsaved (a save that failed). */
  markDirty(keys: Iterable<PartKey>): void {
    for (const k of keys) this.dirty.add(k)
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty.size > 0
  }

  /** The docs as JSON text; the head and each body shard as typed arrays (see compactIndex.ts for why). */
  serialize(key: PartKey): SavedPart {
    if (key === 'docs') {
      return JSON.stringify(
        [...this.docs].map(([id, m]): DocRow =>
          m.career ? [id, m.kind, m.title, m.tags, m.updatedAt, m.status, m.unread ? 1 : 0, m.career] : [id, m.kind, m.title, m.tags, m.updatedAt, m.status, m.unread ? 1 : 0],
        ),
      )
    }
    if (key === 'head') return encodeIndex(this.head)
    const shard = this.shards[Number(key.slice('body:'.length))]
    if (!shard) throw new Error(`Cannot save ${key}: not loaded`)
    return encodeIndex(shard)
  }
}

function replaceIn(index: MiniSearch<Indexed>, doc: SearchDoc): void {
  // discard drops an id without the old document (the index does not keep documents).
  if (index.has(doc.id)) index.discard(doc.id)
  index.add(doc)
}

/**
 * The best `k` items, best first (ties: most recently updated, then id, so the order is stable).
 * A bounded selection rather than sorting every match: at 50,000 items a common word matches most.
 */
export function topK(
  scored: Scored,
  k: number,
  updatedAt: (slot: number) => number,
  idOf: (slot: number) => string,
): Array<{ slot: number; score: number }> {
  if (k <= 0) return []
  type Row = { slot: number; score: number; at: number; id: string }
  const better = (a: Row, b: Row): boolean =>
    a.score > b.score || (a.score === b.score && (a.at > b.at || (a.at === b.at && a.id > b.id)))
  // Min-heap of the best k so far: its root is the worst of them.
  const heap: Row[] = []
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r
      if (worst === i) return
      ;[heap[i], heap[worst]] = [heap[worst]!, heap[i]!]
      i = worst
    }
  }
  for (let i = 0; i < scored.slots.length; i++) {
    const score = scored.scores[i]!
    if (heap.length === k && score < heap[0]!.score) continue
    const slot = scored.slots[i]!
    const row = { slot, score, at: updatedAt(slot), id: idOf(slot) }
    if (heap.length < k) {
      heap.push(row)
      let j = heap.length - 1
      while (j > 0) {
        const parent = (j - 1) >> 1
        if (!better(heap[parent]!, heap[j]!)) break
        ;[heap[j], heap[parent]] = [heap[parent]!, heap[j]!]
        j = parent
      }
    } else if (better(row, heap[0]!)) {
      heap[0] = row
      down(0)
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).map(({ slot, score }) => ({ slot, score }))
}

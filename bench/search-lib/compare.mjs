// Compares full-text search libraries on a Baluchon-shaped corpus, to choose one by measurement.
//
//   node --expose-gc --max-old-space-size=12000 bench/search-lib/compare.mjs [--sizes=10000,50000] [--libs=minisearch,flexsearch,orama]
//
// Each (library, size) runs in its own child process so heaps and JIT state do not leak between runs.
// Measured: index build time, serialized size, load-from-serialized time, heap after build, and query
// latency p50/p95 (top 50 ids) for 1-, 2-, 3-character prefixes, whole words, one-typo words and a
// "word + prefix" two-term query as typed. "found" is the share of queries whose top 20 hits contain a
// document with the intended word (for typos: the word before the typo was introduced).
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { corpus, rng, zipfSampler } from './corpus.mjs'

/** Mirror of src/core/text.ts foldText (this script runs on plain Node, without a TypeScript step). */
function fold(text) {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/ß/g, 'ss').toLowerCase()
}
const SPLIT = /[^\p{L}\p{N}]+/u
const tokenize = (text) => text.split(SPLIT).filter(Boolean)

// The commonest French and English function words: in nearly every document, so useless to rank and
// costly to store. Still indexed in titles and tags, where a person may look for them.
const STOP = new Set(`a à au aux avec ce ces cette dans de des du elle en et est il ils je la le les leur leurs lui ma mais me
mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous
y été être avoir a an and are as at be been but by for from had has have he her his i in is it its of on or that the their
them they this to was we were which will with you`.split(/\s+/))

/** "word1 word2 pre": complete words must all match (typos allowed from 4 letters); the last, being typed, as a prefix. */
function tunedQuery(q) {
  const terms = fold(q).split(SPLIT).filter(Boolean)
  const typing = !/\s$/.test(q)
  const last = typing ? terms.pop() : undefined
  const useful = terms.filter((t) => !STOP.has(t))
  const complete = useful.length || last ? useful : terms
  const queries = complete.map((t) => ({ queries: [t], fuzzy: t.length >= 4 ? 0.2 : false, prefix: false }))
  if (last && last.length >= 3) queries.push({ queries: [last], prefix: true, fuzzy: last.length >= 4 ? 0.2 : false })
  else if (last && queries.length === 0) queries.push({ queries: [last], prefix: true, fields: ['title', 'tags'] })
  return { combineWith: 'AND', queries }
}

const TOP = 50
const BOOST = { title: 3, tags: 2 }

const engines = {
  async minisearch() {
    const { default: MiniSearch } = await import('minisearch')
    const options = {
      fields: ['title', 'tags', 'body', 'extra'],
      storeFields: ['kind'],
      extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : doc[field]),
      tokenize,
      processTerm: (term) => fold(term),
      searchOptions: {
        prefix: true,
        fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
        maxFuzzy: 2,
        boost: BOOST,
        combineWith: 'AND',
      },
    }
    let index
    return {
      build(docs) {
        index = new MiniSearch(options)
        index.addAll(docs)
      },
      serialize() {
        const json = JSON.stringify(index)
        return { bytes: Buffer.byteLength(json), data: json }
      },
      async load(data) {
        index = MiniSearch.loadJSON(data, options)
      },
      search(q) {
        return index.search(q).slice(0, TOP).map((r) => r.id)
      },
    }
  },

  // MiniSearch as Baluchon uses it: text folded once per field (not per term), the most common function
  // words left out of long fields, prefix expansion only on the term being typed, and short (1–2 letter)
  // prefixes matched in titles and tags only (expanding "e" over every body word is the slow case).
  async 'minisearch-tuned'() {
    const { default: MiniSearch } = await import('minisearch')
    const LONG = new Set(['body', 'extra'])
    const options = {
      fields: ['title', 'tags', 'body', 'extra'],
      storeFields: ['kind'],
      extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : doc[field]),
      tokenize: (text) => fold(text).split(SPLIT),
      processTerm: (term, field) => (term === '' || (LONG.has(field) && STOP.has(term)) ? null : term),
      searchOptions: { boost: BOOST, combineWith: 'AND' },
    }
    let index
    return {
      build(docs) {
        index = new MiniSearch(options)
        index.addAll(docs)
      },
      serialize() {
        const json = JSON.stringify(index)
        return { bytes: Buffer.byteLength(json), data: json }
      },
      async load(data) {
        index = MiniSearch.loadJSON(data, options)
      },
      search(q) {
        return index.search(tunedQuery(q)).slice(0, TOP).map((r) => r.id)
      },
    }
  },

  async flexsearch() {
    const { Document, Charset } = await import('flexsearch')
    // LatinBalance: case and accent folding plus a light phonetic normalisation (FlexSearch's typo tolerance).
    const field = (name, extra = {}) => ({ field: name, tokenize: 'forward', encoder: Charset.LatinBalance, ...extra })
    const options = { document: { id: 'id', index: [field('title'), field('tags'), field('body'), field('extra')], tag: [{ field: 'kind' }] } }
    let index
    return {
      build(docs) {
        index = new Document(options)
        for (const d of docs) index.add(d)
      },
      async serialize() {
        const chunks = []
        await index.export((key, data) => {
          chunks.push([key, data])
        })
        const json = JSON.stringify(chunks)
        return { bytes: Buffer.byteLength(json), data: json }
      },
      async load(data) {
        index = new Document(options)
        for (const [key, value] of JSON.parse(data)) index.import(key, value)
      },
      search(q) {
        // suggest: rank partial matches too (FlexSearch's way to survive a typo in one of several terms).
        const merged = index.search(q, { limit: TOP, merge: true, suggest: true, boost: BOOST })
        return merged.map((r) => r.id)
      },
    }
  },

  async orama() {
    const { create, insertMultiple, search, save, load } = await import('@orama/orama')
    const schema = { id: 'string', kind: 'enum', title: 'string', tags: 'string[]', body: 'string', extra: 'string' }
    // Orama folds diacritics itself; stemming off to compare like with like.
    const make = () => create({ schema, components: { tokenizer: { stemming: false } } })
    let db
    return {
      async build(docs) {
        db = make()
        await insertMultiple(db, docs, 2000)
      },
      serialize() {
        const json = JSON.stringify(save(db))
        return { bytes: Buffer.byteLength(json), data: json }
      },
      async load(data) {
        db = make()
        load(db, JSON.parse(data))
      },
      async search(q) {
        const tolerance = q.split(' ').some((t) => t.length >= 4) ? 1 : 0
        const r = await search(db, { term: q, properties: ['title', 'tags', 'body', 'extra'], tolerance, boost: BOOST, limit: TOP, threshold: 0 })
        return r.hits.map((h) => h.id)
      },
    }
  },
}

/** Queries per category, drawn from the corpus vocabulary with the same Zipf skew people type with. */
function queries(words) {
  const next = rng(99)
  // People type rare words more than "le": skip the 150 commonest (stop words) when drawing targets.
  const rank = zipfSampler(words.length - 150, next, 0.9)
  const pick = (min) => {
    for (;;) {
      const w = fold(words[150 + rank()])
      if (w.length >= min && /^[a-z]+$/.test(w)) return w
    }
  }
  const letters = 'abcdefgilmnoprstv'
  const typo = (w) => {
    const i = 1 + Math.floor(next() * (w.length - 2))
    const c = 'aeioulnrst'[Math.floor(next() * 10)]
    return w.slice(0, i) + (c === w[i] ? 'z' : c) + w.slice(i + 1)
  }
  const make = (n, f) => Array.from({ length: n }, f)
  return {
    prefix1: make(80, (_, i) => ({ q: letters[i % letters.length], want: null })),
    prefix2: make(150, () => {
      const w = pick(4)
      return { q: w.slice(0, 2), want: null }
    }),
    prefix3: make(150, () => {
      const w = pick(4)
      return { q: w.slice(0, 3), want: null }
    }),
    word: make(150, () => {
      const w = pick(4)
      return { q: w, want: w }
    }),
    typo: make(150, () => {
      const w = pick(6)
      return { q: typo(w), want: w }
    }),
    wordPrefix: make(150, () => {
      const a = pick(4)
      const b = pick(4)
      return { q: `${a} ${b.slice(0, 3)}`, want: a }
    }),
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
}

async function child(lib, size) {
  const { docs, words } = corpus(size)
  const byId = new Map(docs.map((d) => [d.id, d]))
  const engine = await engines[lib]()
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed

  let t = performance.now()
  await engine.build(docs)
  const buildMs = performance.now() - t
  global.gc?.()
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6

  t = performance.now()
  const { bytes, data } = await engine.serialize()
  const serializeMs = performance.now() - t
  t = performance.now()
  await engine.load(data)
  const loadMs = performance.now() - t

  const result = { lib, size, buildMs, serializeMs, sizeMb: bytes / 1e6, loadMs, heapMb, queries: {} }
  for (const [category, list] of Object.entries(queries(words))) {
    for (const { q } of list.slice(0, 10)) await engine.search(q) // warm the JIT
    const times = []
    let found = 0
    let wanted = 0
    let hits = 0
    for (const { q, want } of list) {
      const start = performance.now()
      const ids = await engine.search(q)
      times.push(performance.now() - start)
      hits += ids.length
      if (want) {
        wanted++
        const re = new RegExp(`(^|[^a-z])${want}([^a-z]|$)`)
        if (ids.slice(0, 20).some((id) => { const d = byId.get(id); return re.test(fold(`${d.title} ${d.tags.join(' ')} ${d.body}`)) })) found++
      }
    }
    times.sort((a, b) => a - b)
    result.queries[category] = { p50: percentile(times, 50), p95: percentile(times, 95), avgHits: hits / list.length, found: wanted ? found / wanted : null }
  }
  return result
}

const args = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')))

if (args.child) {
  const [lib, size] = args.child.split(':')
  const r = await child(lib, Number(size))
  process.send(r)
} else {
  const sizes = (args.sizes ?? '10000,50000').split(',').map(Number)
  const libs = (args.libs ?? 'minisearch,flexsearch,orama').split(',')
  const self = fileURLToPath(import.meta.url)
  const results = []
  for (const size of sizes) {
    for (const lib of libs) {
      const r = await new Promise((resolve, reject) => {
        const p = fork(self, [`--child=${lib}:${size}`], { execArgv: ['--expose-gc', '--max-old-space-size=12000'] })
        p.on('message', resolve)
        p.on('exit', (code) => (code ? reject(new Error(`${lib}@${size} exited ${code}`)) : undefined))
      }).catch((e) => ({ lib, size, error: String(e) }))
      results.push(r)
      print(r)
    }
  }
  if (args.json) console.log(JSON.stringify(results))
}

function print(r) {
  if (r.error) {
    console.log(`\n${r.lib} @ ${r.size}: ${r.error}`)
    return
  }
  const f = (n) => n.toFixed(n < 10 ? 2 : 0)
  console.log(`\n${r.lib} @ ${r.size}: build ${f(r.buildMs)} ms, serialize ${f(r.serializeMs)} ms, size ${r.sizeMb.toFixed(1)} MB, load ${f(r.loadMs)} ms, heap ${f(r.heapMb)} MB`)
  for (const [c, q] of Object.entries(r.queries)) {
    console.log(`  ${c.padEnd(10)} p50 ${f(q.p50).padStart(6)} ms  p95 ${f(q.p95).padStart(6)} ms  hits ${q.avgHits.toFixed(0).padStart(3)}${q.found === null ? '' : `  found ${(q.found * 100).toFixed(0)}%`}`)
  }
}

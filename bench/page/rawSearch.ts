// The search library alone (MiniSearch), on the same documents as the app: the index the app persisted
// (src/features/search: a "head" index of short fields and the bodies in shards, in the searchIndex table),
// loaded and queried with no app code around it. If no index was persisted, it indexes every row itself
// (title, tags, body text).
// The app saves those indexes as typed arrays (compactIndex.ts), a format of its own: the library alone loads
// the same indexes from its own format, MiniSearch JSON, written beforehand (untimed) to a database of the
// bench's own and read back from it in the timed span, as the app once read its JSON.
import Dexie from 'dexie'
import MiniSearch, { type SearchResult } from 'minisearch'
import { decodeIndex, isCompactIndex } from '../../src/features/search/compactIndex'
import { foldText } from '../../src/core/text'

interface Doc {
  id: string
  title: string
  tags: string[]
  bodyText: string
}

const HEAD_FIELDS = ['title', 'tags', 'details', 'url']
const BODY_FIELDS = ['body']
const TOP = 50

let indexes: MiniSearch[] = []

const JSON_DB = 'baluchon-bench-raw-search'

/** The app's saved index parts (head, body:0…) as MiniSearch JSON, in a database of the bench's own; false if none is saved. */
async function stashAsLibraryJson(db: Dexie): Promise<boolean> {
  const rows = (await db.table('searchIndex').toArray()) as Array<{ key: string; value: unknown }>
  const parts = rows.flatMap(({ key, value }) => {
    if (key !== 'head' && !key.startsWith('body:')) return []
    const fields = key === 'head' ? HEAD_FIELDS : BODY_FIELDS
    const json = typeof value === 'string' ? value : isCompactIndex(value) ? JSON.stringify(decodeIndex(value, { fields })) : null
    return json === null ? [] : [{ key, json }]
  })
  if (!parts.some((p) => p.key === 'head')) return false
  const stash = jsonDb()
  await stash.table('parts').clear()
  await stash.table('parts').bulkPut(parts)
  return true
}

let stashDb: Dexie | null = null

function jsonDb(): Dexie {
  if (stashDb) return stashDb
  stashDb = new Dexie(JSON_DB)
  stashDb.version(1).stores({ parts: 'key' })
  return stashDb
}

async function persisted(stash: Dexie, key: string): Promise<string | null> {
  const row = (await stash.table('parts').get(key)) as { json?: unknown } | undefined
  return typeof row?.json === 'string' ? row.json : null
}

/** When the app last saved its search index (ms since epoch), or null if it has not. */
export async function searchIndexSavedAt(db: Dexie): Promise<number | null> {
  await db.open()
  const meta = (await db.table('searchIndex').get('meta')) as { value?: { savedAt?: number } } | undefined
  return meta?.value?.savedAt ?? null
}

export const rawSearch = {
  /** ms until the library can answer (the head index loaded) and until bodies too (every shard loaded). */
  async ready(db: Dexie): Promise<{ ms: number; completeMs: number; source: 'persisted' | 'indexed' }> {
    await db.open()
    const stashed = await stashAsLibraryJson(db)
    const stash = jsonDb()
    await stash.open()
    const t0 = performance.now()
    const head = stashed ? await persisted(stash, 'head') : null
    if (head !== null) {
      indexes = [MiniSearch.loadJSON(head, { fields: HEAD_FIELDS })]
      const ms = performance.now() - t0
      for (let shard = 0; ; shard++) {
        const body = await persisted(stash, `body:${shard}`)
        if (body === null) break
        indexes.push(MiniSearch.loadJSON(body, { fields: BODY_FIELDS }))
      }
      return { ms, completeMs: performance.now() - t0, source: 'persisted' }
    }
    const rows = (await db.table('items').where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity]).toArray()) as Doc[]
    const index = new MiniSearch<Doc>({
      fields: ['title', 'tags', 'bodyText'],
      extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : (doc[field as keyof Doc] as string)),
      processTerm: (term) => foldText(term),
    })
    index.addAll(rows)
    indexes = [index]
    const ms = performance.now() - t0
    return { ms, completeMs: ms, source: 'indexed' }
  },

  /** One word, as typed (prefix, typos allowed), over every index; the best TOP ids. Returns ms. */
  async search(word: string): Promise<number> {
    if (indexes.length === 0) throw new Error('ready first')
    const t0 = performance.now()
    const term = foldText(word)
    const scores = new Map<string, number>()
    for (const index of indexes) {
      for (const r of index.search(term, { prefix: true, fuzzy: 0.2, maxFuzzy: 2 }) as SearchResult[]) {
        scores.set(r.id as string, (scores.get(r.id as string) ?? 0) + r.score)
      }
    }
    ;[...scores].sort((a, b) => b[1] - a[1]).slice(0, TOP)
    return performance.now() - t0
  },
}

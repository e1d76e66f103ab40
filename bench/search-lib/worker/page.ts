// In-page half of the search worker benchmark (bench/search-lib/worker-bench.ts): the app's real search
// worker and client, on the app's schema, in real Chromium, on the shared synthetic knowledge base.
import { BaluchonDb } from '../../../src/db/schema'
import { SearchClient, workerTransport } from '../../../src/features/search/client'
import type { SearchStatus } from '../../../src/features/search/protocol'
import { syntheticItems } from '../../../test/support/syntheticKb'

let client: SearchClient | null = null
let worker: Worker | null = null

const dbName = (count: number): string => `search-bench-${count}`

function until(predicate: (s: SearchStatus) => boolean, timeoutMs = 600_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (predicate(client!.getStatus())) {
        unsubscribe()
        resolve(performance.now())
        return true
      }
      return false
    }
    const unsubscribe = client!.subscribe(() => void check())
    if (check()) return
    setTimeout(() => reject(new Error(`timeout: ${JSON.stringify(client!.getStatus())}`)), timeoutMs)
  })
}

const api = {
  async seed(count: number): Promise<{ ms: number; avgBodyChars: number }> {
    const db = new BaluchonDb(dbName(count))
    await db.delete()
    await db.open()
    const items = syntheticItems({ count })
    const t0 = performance.now()
    for (let i = 0; i < items.length; i += 2000) await db.items.bulkAdd(items.slice(i, i + 2000))
    db.close()
    return { ms: performance.now() - t0, avgBodyChars: items.reduce((s, it) => s + it.bodyText.length, 0) / items.length }
  },

  /** Starts a fresh worker; resolves with the times to "ready" (short fields) and "complete" (bodies). */
  async start(count: number): Promise<{ readyMs: number; completeMs: number; size: number }> {
    worker?.terminate()
    worker = new Worker(new URL('../../../src/features/search/search.worker.ts', import.meta.url), { type: 'module' })
    client = new SearchClient(workerTransport(worker))
    const t0 = performance.now()
    client.start(dbName(count))
    const ready = await until((s) => s.ready || s.error !== null)
    const complete = await until((s) => (s.complete && s.progress === null) || s.error !== null)
    const status = client.getStatus()
    if (status.error) throw new Error(status.error)
    return { readyMs: ready - t0, completeMs: complete - t0, size: status.size }
  },

  /** Waits until the worker has saved its index (it saves a few seconds after the last change). */
  async waitSaved(count: number, after: number): Promise<{ bytes: number }> {
    const db = new BaluchonDb(dbName(count))
    await db.open()
    for (;;) {
      const meta = (await db.searchIndex.get('meta'))?.value as { savedAt: number } | undefined
      if (meta && meta.savedAt >= after) break
      await new Promise((r) => setTimeout(r, 250))
    }
    let bytes = 0
    await db.searchIndex.each((row) => {
      if (typeof row.value === 'string') bytes += row.value.length
    })
    db.close()
    return { bytes }
  },

  /** Round trip per query: keystroke sent to the worker until hits with snippets are back. */
  /** `limit`: the library's list asks for 500 (its first 50 come in full at once, the rest after). */
  async queries(list: string[], limit = 100): Promise<{ total: number[]; rank: number[]; read: number[]; highlight: number[] }> {
    const out = { total: [] as number[], rank: [] as number[], read: [] as number[], highlight: [] as number[] }
    for (const query of list) {
      const t0 = performance.now()
      const response = await client!.search({ query, filters: {}, limit })
      out.total.push(performance.now() - t0)
      out.rank.push(response.timings?.rankMs ?? 0)
      out.read.push(response.timings?.readMs ?? 0)
      out.highlight.push(response.timings?.highlightMs ?? 0)
    }
    return out
  },

  async hitCounts(list: string[]): Promise<number[]> {
    const out: number[] = []
    for (const query of list) out.push((await client!.search({ query, filters: {}, limit: 100 })).total)
    return out
  },

  /**
   * The alternative design (the UI thread reads the items and posts them to the worker): what it would
   * cost the UI thread, measured as reading every live item plus structured-cloning them (what
   * postMessage does on the sending side).
   */
  async mainThreadFeedCost(count: number): Promise<{ readMs: number; cloneMs: number }> {
    const db = new BaluchonDb(dbName(count))
    await db.open()
    const t0 = performance.now()
    const items = await db.items.where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity]).toArray()
    const t1 = performance.now()
    structuredClone(items)
    const t2 = performance.now()
    db.close()
    return { readMs: t1 - t0, cloneMs: t2 - t1 }
  },

  now: (): number => Date.now(),
}

;(window as unknown as { __searchBench: typeof api }).__searchBench = api

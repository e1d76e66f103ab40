// The search worker in real Chromium at 10,000 and 50,000 items: time to ready (first build, and from
// the saved index as at every later start), round-trip latency per keystroke (query sent → hits with
// highlighted snippets back), and what the alternative design would cost the UI thread.
//
//   npx tsx bench/search-lib/worker-bench.ts [--sizes=10000,50000] [--limit=500]
//
// Keystroke times are until the first answer (what the list paints): with the library's limit of 500,
// that is the first 50 hits in full and the rest with titles, their snippets following.
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { serveAppAndBench } from '../lib/server'
import { CHROMIUM } from '../lib/browser'

const here = fileURLToPath(new URL('.', import.meta.url))
const outDir = resolve(here, '../../out/search-bench')
const limit = Number(process.argv.find((a) => a.startsWith('--limit='))?.slice(8) ?? 500)
const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '10000,50000').split(',').map(Number)

// Words of the synthetic vocabulary (test/support/syntheticKb.ts), typed letter by letter.
const WORDS = ['performance', 'architecture', 'conférence', 'database', 'accessibilité', 'migration', 'newsletter', 'stratégie', 'leadership', 'keyboard', 'chapitre', 'publication', 'workshop', 'printemps', 'bookmark', 'croissance', 'synchronisation', 'privacy', 'rédaction', 'podcast']
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
const typo = (w: string): string => w.slice(0, 2) + w[3] + w[2] + w.slice(4)

interface Page {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>
}
type Bench = {
  seed(n: number): Promise<{ ms: number; avgBodyChars: number }>
  start(n: number): Promise<{ readyMs: number; completeMs: number; size: number }>
  waitSaved(n: number, after: number): Promise<{ bytes: number }>
  queries(list: string[], limit: number): Promise<{ total: number[]; rank: number[]; read: number[]; highlight: number[] }>
  hitCounts(list: string[]): Promise<number[]>
  mainThreadFeedCost(n: number): Promise<{ readMs: number; cloneMs: number }>
  now(): number
}
const call = <K extends keyof Bench>(page: Page, name: K, ...args: Parameters<Bench[K]>): ReturnType<Bench[K]> =>
  page.evaluate(([n, a]) => (window as unknown as { __searchBench: Record<string, (...x: unknown[]) => unknown> }).__searchBench[n]!(...a), [name, args] as [string, unknown[]]) as ReturnType<Bench[K]>

function stats(times: number[]): string {
  const s = [...times].sort((a, b) => a - b)
  const p = (q: number) => s[Math.min(s.length - 1, Math.floor((s.length * q) / 100))]!
  return `p50 ${p(50).toFixed(1)} ms  p95 ${p(95).toFixed(1)} ms  max ${s[s.length - 1]!.toFixed(1)} ms  (n=${s.length})`
}

await build({ root: join(here, 'worker'), base: '/', logLevel: 'warn', build: { outDir, emptyOutDir: true }, worker: { format: 'es' } })
const server = await serveAppAndBench(outDir, outDir)
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  for (const size of sizes) {
    const context = await browser.newContext()
    const page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.log(`  [page ${m.type()}] ${m.text()}`)
    })
    await page.goto(`${server.origin}/index.html`)
    await page.waitForFunction(() => '__searchBench' in window)
    const seeded = await call(page, 'seed', size)
    console.log(`\n${size} items (avg body ${seeded.avgBodyChars.toFixed(0)} chars), seeded in ${(seeded.ms / 1000).toFixed(1)} s`)

    const before = await call(page, 'now')
    const first = await call(page, 'start', size)
    console.log(`  first build:      ready ${(first.readyMs / 1000).toFixed(2)} s, complete ${(first.completeMs / 1000).toFixed(2)} s`)
    const saved = await call(page, 'waitSaved', size, before)
    console.log(`  saved index:      ${(saved.bytes / 1e6).toFixed(1)} M chars`)
    const starts = []
    for (let i = 0; i < 3; i++) starts.push(await call(page, 'start', size))
    console.log(`  start from saved: ready ${starts.map((s) => (s.readyMs / 1000).toFixed(2)).join(' / ')} s, complete ${starts.map((s) => (s.completeMs / 1000).toFixed(2)).join(' / ')} s`)

    const byLength = new Map<string, string[]>()
    for (const w of WORDS) {
      const f = w
      for (let n = 1; n <= f.length; n++) {
        const bucket = n >= 5 ? (n === f.length ? 'word' : '5+') : String(n)
        byLength.set(bucket, [...(byLength.get(bucket) ?? []), f.slice(0, n)])
      }
      byLength.set('typo', [...(byLength.get('typo') ?? []), typo(fold(w))])
      byLength.set('two words', [...(byLength.get('two words') ?? []), `${w} ${WORDS[(WORDS.indexOf(w) + 3) % WORDS.length]!.slice(0, 4)}`])
    }
    await call(page, 'queries', WORDS.slice(0, 5), limit) // warm up
    for (const [bucket, list] of byLength) {
      const a = await call(page, 'queries', list, limit)
      const b = await call(page, 'queries', list, limit)
      const counts = await call(page, 'hitCounts', list.slice(0, 5))
      const p95 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * 0.95)]!.toFixed(1)
      console.log(`  keystroke ${bucket.padEnd(9)} ${stats([...a.total, ...b.total])}  in worker p95: rank ${p95([...a.rank, ...b.rank])}, read ${p95([...a.read, ...b.read])}, highlight ${p95([...a.highlight, ...b.highlight])} ms  e.g. ${list.slice(0, 3).map((q, i) => `"${q}"→${counts[i]}`).join(' ')}`)
    }
    const feed = await call(page, 'mainThreadFeedCost', size)
    console.log(`  alternative (UI thread reads + posts all items): read ${feed.readMs.toFixed(0)} ms + clone ${feed.cloneMs.toFixed(0)} ms on the UI thread`)
    await context.close()
  }
} finally {
  await browser.close()
  await server.close()
}

// Where a query's time goes, in Node on the shared synthetic KB: engine.search (ranking) versus
// building the hits (highlighted titles and snippets for the displayed results).
//   npx tsx bench/search-lib/profile.ts [count]
import { searchDocFromItem } from '../../src/core/search'
import { SearchEngine } from '../../src/features/search/engine'
import { buildHit } from '../../src/features/search/hits'
import { syntheticItems } from '../../test/support/syntheticKb'

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1000
}

const count = Number(process.argv[2] ?? 10000)
const items = syntheticItems({ count })
const byId = new Map(items.map((i) => [i.id, i]))
const engine = SearchEngine.empty()
const t = process.cpuUsage()
for (const item of items) engine.upsert(searchDocFromItem(item))
console.log(`indexed ${count} in ${cpuMs(t).toFixed(0)} ms CPU`)

const queries = ['p', 'a', 'c', 'pe', 'co', 'per', 'con', 'perf', 'perfo', 'performance', 'pefrormance', 'performance data', 'architecture acce', 'conférence migr']
for (let round = 0; round < 2; round++) {
  for (const q of queries) {
    // CPU time, not wall time: on a shared machine the wall clock also counts waiting for a core.
    let c = process.cpuUsage()
    const { results, total } = engine.search(q, {}, 100)
    const searchMs = cpuMs(c)
    c = process.cpuUsage()
    for (const r of results) buildHit(r, byId.get(r.id)!)
    const hitsMs = cpuMs(c)
    const terms = results.reduce((s, r) => s + r.terms.length, 0) / Math.max(1, results.length)
    if (round === 1) console.log(`${JSON.stringify(q).padEnd(22)} total ${String(total).padStart(6)}  search ${searchMs.toFixed(1).padStart(7)} ms  hits ${hitsMs.toFixed(1).padStart(7)} ms  terms/hit ${terms.toFixed(1)}`)
  }
}

// Quick measurement of buildArchive / readArchive on a synthetic knowledge base (not a timed test: the
// budgets are enforced by `npm run bench`, which also reads Dexie). Run:
//   npx tsx test/node/archive/measure.script.ts 10000 50000
// Prints wall time and CPU time (user + system of this process: less sensitive to a busy machine).
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { crc32, deflateRaw } from 'node:zlib'
import { buildArchive, readArchive, type EntryCompressor, type MarkdownRenderer } from '../../../src/core/archive'
import { createPooledCompressor, type CompressWorker } from '../../../src/core/archive/compressPool'
import type { Item } from '../../../src/core/items'
import { rng, syntheticItems } from '../../support/syntheticKb'
import { attachment } from './support'

/** Front matter + plain text: a stand-in for the real Markdown renderer, to count zip and hash costs. */
const simpleRenderer: MarkdownRenderer = (item) => ({
  path: `${item.kind}s/${item.id}.md`,
  text: `---\ntitle: ${JSON.stringify(item.title)}\ntags: ${JSON.stringify(item.tags)}\n---\n\n${item.bodyText}\n`,
})

/** What main could pass: Node's zlib, asynchronous, so entries deflate on libuv's thread pool in parallel. */
const zlibCompressor: EntryCompressor = (data, level) =>
  new Promise((resolve, reject) =>
    deflateRaw(data, { level }, (error, out) => (error ? reject(error) : resolve({ crc: crc32(data), data: new Uint8Array(out.buffer, out.byteOffset, out.length) }))),
  )

/** What the app's export worker does with a pool of Web Workers, here with worker threads. */
const nodeWorker = (): CompressWorker => {
  const file = new URL('./compressWorker.node.ts', import.meta.url).href
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}) })`, { eval: true })
  return {
    post: (request) => worker.postMessage(request),
    listen: (onResponse, onFailure) => {
      worker.on('message', onResponse)
      worker.on('error', onFailure)
    },
    terminate: () => void worker.terminate(),
  }
}

function images(items: readonly Item[], count: number): ReturnType<typeof attachment>[] {
  const random = rng(99)
  return Array.from({ length: count }, (_, i) => {
    // 50-350 KB of incompressible bytes, like JPEG/PNG data.
    const data = new Uint8Array(4 * Math.floor(12_500 + random() * 75_000))
    const view = new DataView(data.buffer)
    for (let j = 0; j < data.length; j += 4) view.setUint32(j, (random() * 2 ** 32) >>> 0)
    return attachment(`01JIMG${String(i).padStart(20, '0')}`, items[i % items.length]!.id, data, 'image/jpeg')
  })
}

async function time<T>(run: () => Promise<T>): Promise<[T, string]> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = await run()
  const wall = performance.now() - start
  const used = process.cpuUsage(cpu)
  return [value, `${Math.round(wall)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms cpu`]
}

for (const count of process.argv.slice(2).map(Number)) {
  const items = syntheticItems({ count })
  const attachments = images(items, 200)
  const input = { appVersion: '0.1.0', createdAt: Date.now(), items, revisions: [], attachments, settings: [{ key: 'ui.theme', value: 'dark' }] }
  const imageBytes = attachments.reduce((n, a) => n + a.data.length, 0)
  const [json, stringify] = await time(async () => items.map((i) => JSON.stringify(i)).join(','))
  const [plain, build] = await time(() => buildArchive(input))
  const [withContent, buildWithContent] = await time(() => buildArchive(input, { renderMarkdown: simpleRenderer }))
  const [deflatedContent, buildWithContentDeflated] = await time(() => buildArchive(input, { renderMarkdown: simpleRenderer, contentCompressionLevel: 1 }))
  // As the app reads Dexie: a page of records at a time, so the builder never holds every item. The
  // pages are kept as JSON text here (one string each, nothing for the collector to walk) and parsed on
  // demand, which stands in for IndexedDB's own deserialisation (its cost is included).
  const pageTexts: string[] = []
  for (let i = 0; i < items.length; i += 500) pageTexts.push(JSON.stringify(items.slice(i, i + 500)))
  const paged = { count: items.length, async *pages() { for (const text of pageTexts) yield JSON.parse(text) as Item[] } }
  const pagedInput = { ...input, items: paged }
  const [, buildPagedWithContent] = await time(() => buildArchive(pagedInput, { renderMarkdown: simpleRenderer }))
  const [, buildPagedWithContentZlib] = await time(() => buildArchive(pagedInput, { renderMarkdown: simpleRenderer, compress: zlibCompressor, concurrency: 8 }))
  const pool = createPooledCompressor(nodeWorker, availableParallelism())
  await pool.compress(new Uint8Array(100_000), 1) // start the workers outside the measure
  const [, buildPagedWithContentPool] = await time(() => buildArchive(pagedInput, { renderMarkdown: simpleRenderer, compress: pool.compress, concurrency: pool.concurrency }))
  pool.close()
  const [, read] = await time(() => readArchive(withContent))
  const [, readSkippingContent] = await time(() => readArchive(withContent, { verifyContent: false }))
  console.log(
    JSON.stringify(
      {
        items: count,
        images: attachments.length,
        imageMB: +(imageBytes / 1e6).toFixed(1),
        itemsJsonMB: +(json.length / 1e6).toFixed(1),
        archiveMB: +(plain.length / 1e6).toFixed(1),
        archiveWithContentMB: +(withContent.length / 1e6).toFixed(1),
        archiveWithDeflatedContentMB: +(deflatedContent.length / 1e6).toFixed(1),
        stringifyOnly: stringify,
        build,
        buildWithContent,
        buildWithContentDeflated,
        buildPagedWithContent,
        buildPagedWithContentZlib,
        [`buildPagedWithContentPool${availableParallelism()}`]: buildPagedWithContentPool,
        read,
        readSkippingContent,
      },
      null,
      1,
    ),
  )
}

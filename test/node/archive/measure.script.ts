// Quick measurement of buildArchive / readArchive on a synthetic knowledge base (not a timed test: the
// budgets are enforced by `npm run bench`, which also reads Dexie). Run:
//   npx tsx test/node/archive/measure.script.ts 10000 50000
import { buildArchive, readArchive, type MarkdownRenderer } from '../../../src/core/archive'
import type { Item } from '../../../src/core/items'
import { rng, syntheticItems } from '../../support/syntheticKb'
import { attachment } from './support'

/** Front matter + plain text: a stand-in for the real Markdown renderer, to count zip and hash costs. */
const simpleRenderer: MarkdownRenderer = (item) => ({
  path: `${item.kind}s/${item.id}.md`,
  text: `---\ntitle: ${JSON.stringify(item.title)}\ntags: ${JSON.stringify(item.tags)}\n---\n\n${item.bodyText}\n`,
})

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

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const value = await run()
  return [value, performance.now() - start]
}

for (const count of process.argv.slice(2).map(Number)) {
  const items = syntheticItems({ count })
  const attachments = images(items, 200)
  const input = { appVersion: '0.1.0', createdAt: Date.now(), items, revisions: [], attachments, settings: [{ key: 'ui.theme', value: 'dark' }] }
  const imageBytes = attachments.reduce((n, a) => n + a.data.length, 0)
  const [, stringifyMs] = await time(async () => items.map((i) => JSON.stringify(i)))
  const [plain, plainMs] = await time(() => buildArchive(input))
  const [withContent, contentMs] = await time(() => buildArchive(input, { renderMarkdown: simpleRenderer }))
  const [, readMs] = await time(() => readArchive(withContent))
  const [, readNoContentMs] = await time(() => readArchive(withContent, { verifyContent: false }))
  console.log(
    JSON.stringify({
      items: count,
      images: attachments.length,
      imageMB: +(imageBytes / 1e6).toFixed(1),
      stringifyOnlyMs: Math.round(stringifyMs),
      buildMs: Math.round(plainMs),
      buildWithContentMs: Math.round(contentMs),
      archiveMB: +(plain.length / 1e6).toFixed(1),
      archiveWithContentMB: +(withContent.length / 1e6).toFixed(1),
      readMs: Math.round(readMs),
      readSkippingContentMs: Math.round(readNoContentMs),
    }),
  )
}

import { buildArchive } from '../../../src/core/archive'
import { syntheticItems } from '../../support/syntheticKb'
const items = syntheticItems({ count: 10000 })
const input = { appVersion: '0.1.0', createdAt: Date.now(), items, revisions: [], attachments: [], settings: [] }
const s = performance.now()
await buildArchive(input, { renderMarkdown: (item) => ({ path: `${item.kind}/${item.id}.md`, text: `---\ntitle: ${JSON.stringify(item.title)}\n---\n\n${item.bodyText}\n` }) })
console.log('build', Math.round(performance.now() - s))

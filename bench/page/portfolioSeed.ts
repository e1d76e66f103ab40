// The portfolio-build benchmark's knowledge base (the spec's "a site from 1,000 posts, 100 talks and 5,000
// links"): published posts of about 2 KB, some showing a 40 KB image, given talks with their event details,
// curated links with a short commentary, two affiliations and a filled-in profile. Written through the app's
// own schema (src/db), on the app's origin.
import { docToPlainText } from '../../src/core/doc'
import { newItem } from '../../src/core/itemFactory'
import type { Item, LinkItem, PostItem, TalkItem } from '../../src/core/items'
import { getDb } from '../../src/db'
import { rng, syntheticDoc } from '../../test/support/syntheticKb'
import type { BenchWindow, PortfolioSeedRequest, PortfolioSeedResult } from '../lib/pageApi'

const NOW = Date.UTC(2026, 10, 1)
const DAY = 86_400_000

function id(prefix: string, i: number): string {
  return `${prefix}${String(i).padStart(26 - prefix.length, '0')}`
}

async function seedPortfolio({ posts, talks, links, images }: PortfolioSeedRequest): Promise<PortfolioSeedResult> {
  const db = getDb()
  await db.open()
  const random = rng(7)
  const items: Item[] = []
  const attachments: Record<string, unknown>[] = []
  for (let i = 0; i < posts; i++) {
    const at = NOW - Math.floor(random() * 3 * 365) * DAY
    const body = syntheticDoc(random, 2000, random() < 0.5)
    if (i < images) {
      const data = new Uint8Array(40_000 + (i % 7) * 1000)
      for (let k = 0; k < data.length; k += 65536) crypto.getRandomValues(data.subarray(k, Math.min(data.length, k + 65536)))
      data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      const imageId = id('BENCHPFIMG', i)
      attachments.push({ id: imageId, itemId: id('BENCHPFPOST', i), mime: 'image/png', name: `figure ${i}.png`, size: data.length, sha256: `bench-${i}`, createdAt: at, data: new Blob([data], { type: 'image/png' }) })
      body.content = [...(body.content ?? []), { type: 'image', attrs: { src: `attachment:${imageId}`, alt: `Figure ${i}`, title: null } }]
    }
    const title = docToPlainText({ type: 'doc', content: body.content?.slice(0, 1) }).trim().slice(0, 80) || `Post ${i}`
    items.push({ ...(newItem('post', id('BENCHPFPOST', i), at) as PostItem), title, body, bodyText: docToPlainText(body), status: 'published', excerpt: 'A post of the benchmark.', tags: ['bench', `t${i % 20}`] })
  }
  for (let i = 0; i < talks; i++) {
    const at = NOW - i * 9 * DAY
    const date = new Date(at).toISOString().slice(0, 10)
    items.push({
      ...(newItem('talk', id('BENCHPFTALK', i), at) as TalkItem),
      title: `Talk number ${i}`,
      status: 'given',
      event: `Conference ${i % 12}`,
      date,
      place: i % 2 ? 'Lyon, France' : 'Berlin, Germany',
      abstract: 'Why local-first software changes how teams work, and what it costs.',
      slidesUrl: `https://slides.example/${i}`,
      videoUrl: i % 3 ? '' : `https://video.example/${i}`,
    })
  }
  for (let i = 0; i < links; i++) {
    const at = NOW - i * 3_600_000
    const body = syntheticDoc(random, 300, random() < 0.5)
    items.push({
      ...(newItem('link', id('BENCHPFLINK', i), at) as LinkItem),
      title: `Article worth reading ${i}`,
      body,
      bodyText: docToPlainText(body),
      url: `https://site${i % 50}.example/articles/${i}`,
      siteName: `Site ${i % 50}`,
      description: 'What the page says about itself.',
      savedAt: at,
      read: true,
      fetchState: 'done',
    })
  }
  await db.transaction('rw', db.items, db.attachments, db.affiliations, db.settings, async () => {
    await db.attachments.bulkAdd(attachments as never[])
    for (let start = 0; start < items.length; start += 2000) await db.items.bulkAdd(items.slice(start, start + 2000))
    await db.affiliations.bulkAdd([
      { id: 'BENCHAFF1', organisation: 'Acme', role: 'Engineer', start: '2020-01-01', end: '2024-06-30', logoAttachmentId: null, defaultLabel: 'employer-public', createdAt: NOW, updatedAt: NOW },
      { id: 'BENCHAFF2', organisation: 'Globex', role: 'Staff engineer', start: '2024-07-01', end: '', logoAttachmentId: null, defaultLabel: 'personal', createdAt: NOW, updatedAt: NOW },
    ])
    await db.settings.put({
      key: 'portfolio.profile',
      value: {
        name: 'Bench Person',
        headline: 'Writes and speaks about software',
        bio: 'A profile for the benchmark.',
        links: [{ label: 'Mastodon', url: 'https://mastodon.example/@bench' }],
        photoAttachmentId: null,
        baseUrl: 'https://bench.example/',
        language: 'en',
        siteId: '00000000-0000-4000-8000-000000000001',
      },
    })
  })
  return { items: items.length, images: attachments.length }
}

;(window as BenchWindow).__benchSeedPortfolio = seedPortfolio

// publish-wordpress: a 2,000-word post with 5 images published to a local, real WordPress
// (test/support/wordpress) through the main process's own handlers, first publication each time (new post,
// new uploads, terms looked up). Raw: the same uploads and post creation as bare fetch calls, no lookups, so
// the ratio is what the client adds over WordPress's own work (mostly thumbnails for each image).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublishingHandlers } from '../../electron/main/handlers/publishing'
import { fakeSafeStorage } from '../../test/support/fakeSafeStorage'
import { startWordPress } from '../../test/support/wordpress/wordpress'
import { solidPng } from '../../test/node/publishing/png'
import { samples, type Samples } from './types'

const WORDS = 2000
const IMAGES = 5

export async function publishWordPress(runs: number, log: (message: string) => void): Promise<Samples> {
  const result = samples()
  const wp = await startWordPress()
  const dataDir = mkdtempSync(join(tmpdir(), 'baluchon-bench-publishing-'))
  log(`publish-wordpress: WordPress started in ${Math.round(wp.timings.totalMs)} ms`)
  try {
    const handlers = createPublishingHandlers({ safeStorage: fakeSafeStorage(), dataDir, fetch: (url, init) => fetch(url, init) })
    const account = await handlers.publishingAccountSave({ kind: 'wordpress', siteUrl: wp.url, username: wp.username, applicationPassword: wp.applicationPassword })
    const input = async (run: number) => {
      // New pixels each run: identical bytes would be found in the media library and not uploaded again.
      const { html, images } = await benchPost(run)
      return {
        accountId: account.id,
        post: { title: `Benchmark ${run}`, html, status: 'publish' as const, categories: ['Benchmark'], tags: ['offline', 'writing', 'talks'] },
        images,
      }
    }
    await handlers.wordpressPublish(await input(0)) // warm-up: PHP workers compile WordPress, terms get created
    for (let run = 1; run <= runs; run++) {
      const app = await input(run)
      const started = performance.now()
      const published = await handlers.wordpressPublish(app)
      result.app.push(performance.now() - started)
      if (published.media.some((ref) => !ref.uploaded)) throw new Error('publish-wordpress: an image was not uploaded afresh')

      const raw = await benchPost(runs + run)
      const rawStarted = performance.now()
      await rawPublish(wp.url, wp.username, wp.applicationPassword, raw.html, raw.images)
      result.raw.push(performance.now() - rawStarted)
    }
    result.notes.push(`${WORDS} words, ${IMAGES} PNG images 1600×1067, local WordPress (php -S, 4 workers)`)
  } finally {
    await wp.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return result
}

function benchPost(run: number): Promise<{ html: string; images: { id: string; fileName: string; mimeType: string; data: Uint8Array<ArrayBuffer>; alt: string }[] }> {
  const vocabulary = 'offline drafts travel with their writer from one job to the next and stay readable everywhere'.split(' ')
  const paragraphs: string[] = []
  for (let p = 0; p < 40; p++) {
    const words = Array.from({ length: WORDS / 40 }, (_, i) => vocabulary[(p * 7 + i) % vocabulary.length]!)
    paragraphs.push(`<p>${words.join(' ')}.</p>`)
    if (p % 8 === 4) paragraphs.push(`<figure><img src="attachment:bench-${Math.floor(p / 8)}" alt="Figure ${Math.floor(p / 8)}"></figure>`)
  }
  const images = Array.from({ length: IMAGES }, (_, i) => ({
    id: `bench-${i}`,
    fileName: `figure ${i}.png`,
    mimeType: 'image/png',
    data: solidPng(1600, 1067, [40 * i, run % 256, 200 - 30 * i]),
    alt: `Figure ${i}`,
  }))
  return Promise.resolve({ html: paragraphs.join('\n'), images })
}

async function rawPublish(
  site: string,
  username: string,
  password: string,
  html: string,
  images: { id: string; fileName: string; mimeType: string; data: Uint8Array<ArrayBuffer>; alt: string }[],
): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  const urls = new Map<string, string>()
  const queue = [...images]
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let image = queue.shift(); image; image = queue.shift()) {
        const response = await fetch(`${site}/wp-json/wp/v2/media?alt_text=${encodeURIComponent(image.alt)}`, {
          method: 'POST',
          headers: { authorization, 'content-type': image.mimeType, 'content-disposition': `attachment; filename="${image.id}.png"` },
          body: image.data,
        })
        urls.set(image.id, ((await response.json()) as { source_url: string }).source_url)
      }
    }),
  )
  const content = html.replace(/src="attachment:([^"]+)"/g, (_, id: string) => `src="${urls.get(id)}"`)
  const response = await fetch(`${site}/wp-json/wp/v2/posts`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Raw', content, status: 'publish' }),
  })
  if (response.status !== 201) throw new Error(`raw publish: ${response.status}`)
  await response.body?.cancel()
}

// The public portfolio site end to end, in real Chromium: a knowledge base with a published post (with an image),
// a draft, a talk, a curated link and a confidential post; the profile filled in, the draft chosen, the site
// previewed inside the app, exported to a folder, then opened from disk (file://) and followed link by link
// (home → the post with its image → talks → reading list → timeline) with no request leaving file://, axe-core on
// every page type in light and dark, screenshots at desktop and phone widths; then the PDF portfolio printed
// (Chromium's page.pdf stands in for Electron's printToPDF), its pages converted to PNG and checked non-blank.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR } from './environment'
import { launchApp, type App } from './harness'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let app: App | null = null
let root = ''
afterEach(async () => {
  await app?.close()
  app = null
  if (root) rmSync(root, { recursive: true, force: true })
})

const DAY = 86_400_000

/** Writes the fixture knowledge base straight into the app's IndexedDB (the app reloads after). */
async function seed(page: Page): Promise<void> {
  await page.evaluate(async (DAY) => {
    const canvas = new OffscreenCanvas(320, 180)
    const ctx = canvas.getContext('2d')!
    const gradient = ctx.createLinearGradient(0, 0, 320, 180)
    gradient.addColorStop(0, '#9a3412')
    gradient.addColorStop(1, '#2f6fde')
    ctx.fillStyle = gradient
    ctx.fillRect(0, 0, 320, 180)
    const png = await canvas.convertToBlob({ type: 'image/png' })
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('baluchon')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const t0 = Date.UTC(2025, 2, 10, 12)
    const doc = (text: string, image?: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }, ...(image ? [{ type: 'image', attrs: { src: `attachment:${image}`, alt: 'A sync diagram', title: null } }] : [])],
    })
    const base = (id: string, kind: string, title: string, text: string, at: number) => ({
      id, kind, title, body: doc(text), bodyText: text, tags: [], status: null, createdAt: at, updatedAt: at, trashed: 0, trashedAt: null,
    })
    const post = (id: string, title: string, status: string, at: number, extra: Record<string, unknown> = {}) => ({
      ...base(id, 'post', title, `${title}: what I learned.`, at), status, excerpt: '', slug: '', slugLocked: false, canonicalUrl: '', ...extra,
    })
    const items = [
      post('01JAAAAAAAAAAAAAAAAAAAAA01', 'Sync engines in practice', 'published', t0, {
        body: doc('Local data makes apps fast, even offline.', '01JAAAAAAAAAAAAAAAAAAAAAIM'),
        bodyText: 'Local data makes apps fast, even offline.',
        excerpt: 'What two years of local-first taught me.',
        tags: ['local-first'],
      }),
      post('01JAAAAAAAAAAAAAAAAAAAAA02', 'Draft worth showing', 'draft', t0 + DAY),
      post('01JAAAAAAAAAAAAAAAAAAAAA03', 'Client roadmap 2026', 'published', t0 + 2 * DAY, { label: 'employer-confidential' }),
      {
        ...base('01JAAAAAAAAAAAAAAAAAAAAA04', 'talk', 'Offline by default', 'Notes', t0 + 3 * DAY),
        status: 'given', event: 'Local-First Conf', date: '2025-06-12', place: 'Berlin, Germany', abstract: 'Why apps should work without a network.',
        slidesUrl: 'https://slides.example/offline', videoUrl: 'https://video.example/offline',
      },
      {
        ...base('01JAAAAAAAAAAAAAAAAAAAAA05', 'link', 'Local-first software', 'The essay that named the movement.', t0 + 4 * DAY),
        url: 'https://www.inkandswitch.com/local-first/', siteName: 'Ink & Switch', description: 'You own your data, in spite of the cloud.',
        savedAt: t0 + 4 * DAY, read: true, fetchState: 'done',
      },
    ]
    const affiliations = [
      { id: 'aff-1', organisation: 'Acme Consulting', role: 'Consultant', start: '2020-01-01', end: '2023-12-31', logoAttachmentId: null, defaultLabel: 'employer-confidential', createdAt: t0, updatedAt: t0 },
      { id: 'aff-2', organisation: 'Globex', role: 'Staff engineer', start: '2024-01-01', end: '', logoAttachmentId: null, defaultLabel: 'employer-public', createdAt: t0, updatedAt: t0 },
    ]
    const tx = db.transaction(['items', 'attachments', 'affiliations'], 'readwrite')
    for (const item of items) tx.objectStore('items').put(item)
    for (const a of affiliations) tx.objectStore('affiliations').put(a)
    tx.objectStore('attachments').put({
      id: '01JAAAAAAAAAAAAAAAAAAAAAIM', itemId: '01JAAAAAAAAAAAAAAAAAAAAA01', mime: 'image/png', name: 'sync diagram.png', size: png.size, sha256: 'seeded', createdAt: t0, data: png,
    })
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  }, DAY)
}

/** A 96×96 PNG, as a photo file would be. */
async function photoBytes(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(96, 96)
    const ctx = canvas.getContext('2d')!
    ctx.fillStyle = '#d97706'
    ctx.fillRect(0, 0, 96, 96)
    ctx.fillStyle = '#1c1b1a'
    ctx.beginPath()
    ctx.arc(48, 40, 22, 0, Math.PI * 2)
    ctx.fill()
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
    let binary = ''
    for (const b of bytes) binary += String.fromCharCode(b)
    return btoa(binary)
  })
  return Buffer.from(base64, 'base64')
}

interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: string[] }[]
}

/** axe-core's serious and critical violations on the page as it is (evaluated over CDP: the site's CSP forbids injected scripts). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    // preload off: axe would fetch the stylesheet again to read it (file:// is cross-origin to itself), which the
    // site's CSP refuses; its rules read the computed styles anyway.
    return (await axe.run(document, { resultTypes: ['violations'], preload: false })).violations
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true })
}

/** Share of pixels darker than near-white in a PGM (P5) image. */
function inkRatio(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))
  if (!header) throw new Error('not a PGM file')
  const pixels = pgm.subarray(header[0].length)
  let ink = 0
  for (const value of pixels) if (value < 235) ink++
  return ink / pixels.length
}

describe('public portfolio site', () => {
  it('is built from the profile and the chosen items, previewed, exported, browsed from disk, accessible, and printed to PDF', async () => {
    root = mkdtempSync(join(tmpdir(), 'baluchon-e2e-portfolio-'))
    app = await launchApp({ exportFiles: { folder: () => root }, portfolioPdf: { save: (name) => join(root, name) } })
    const { page } = app
    await seed(page)
    await app.reload()

    // File › Public portfolio… › Profile.
    await app.emit('menuCommand', { command: 'portfolio' })
    const dialog = page.getByRole('dialog', { name: 'Public portfolio' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Camille Durand')
    await dialog.getByRole('textbox', { name: 'Headline' }).fill('Engineer who writes about local-first software')
    await dialog.getByRole('textbox', { name: 'About you' }).fill('I build apps that work offline.\n\nI speak at conferences & meetups.')
    const chooser = page.waitForEvent('filechooser')
    await dialog.getByRole('button', { name: 'Choose a photo…' }).click()
    await (await chooser).setFiles({ name: 'camille.png', mimeType: 'image/png', buffer: await photoBytes(page) })
    await expect.poll(() => dialog.getByRole('img', { name: 'Your photo' }).count()).toBe(1)
    await dialog.getByRole('button', { name: 'Add a link' }).click()
    await dialog.getByRole('textbox', { name: 'Link 1 label' }).fill('Mastodon')
    await dialog.getByRole('textbox', { name: 'Link 1 address' }).fill('https://mastodon.example/@camille')
    await expect.poll(() => dialog.getByText(/no sitemap is written/).count()).toBe(1)
    await app.screenshot('portfolio-profile')

    // Content: the published post is in by default, the draft is chosen, the confidential post cannot be.
    await dialog.getByRole('tab', { name: 'Content' }).click()
    await expect.poll(() => dialog.getByRole('checkbox', { name: 'Sync engines in practice' }).isChecked()).toBe(true)
    const draft = dialog.getByRole('checkbox', { name: 'Draft worth showing' })
    expect(await draft.isChecked()).toBe(false)
    await draft.click()
    await expect.poll(() => draft.isChecked()).toBe(true)
    const secret = dialog.getByRole('checkbox', { name: 'Client roadmap 2026' })
    expect(await secret.isDisabled()).toBe(true)
    expect(await secret.isChecked()).toBe(false)
    await expect.poll(() => dialog.getByText('Confidential — stays with Globex').count()).toBe(1)
    await expect.poll(() => dialog.getByText('2 of 3 shown on the site').count()).toBe(1)
    await app.screenshot('portfolio-content')

    // Preview: the site inside the app, following its own links.
    await dialog.getByRole('tab', { name: 'Preview' }).click()
    const frame = page.frameLocator('iframe[title="Preview of your site"]')
    await expect.poll(() => frame.getByRole('heading', { name: 'Camille Durand', level: 1 }).count(), { timeout: 20_000 }).toBe(1)
    await frame.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Writing' }).click()
    await expect.poll(() => dialog.getByText(/Page shown: posts\/index\.html/).count()).toBe(1)
    await frame.getByRole('link', { name: 'Sync engines in practice' }).click()
    await expect.poll(() => frame.getByRole('img', { name: 'A sync diagram' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
    await app.screenshot('portfolio-preview')
    await dialog.getByRole('radio', { name: 'Dark' }).click()
    await dialog.getByRole('radio', { name: 'Phone' }).click()
    await expect.poll(() => frame.getByRole('heading', { name: 'Sync engines in practice' }).count()).toBe(1)
    await app.screenshot('portfolio-preview-dark-phone')

    // Export to a folder.
    await dialog.getByRole('button', { name: 'Export to a folder…' }).click()
    await expect.poll(() => dialog.getByText(/Site written to/).count(), { timeout: 30_000 }).toBe(1)
    const site = join(root, 'portfolio-camille-durand')
    expect(existsSync(join(site, 'index.html'))).toBe(true)
    const allText = readdirSync(site, { recursive: true })
      .map(String)
      .filter((p) => /\.(html|xml|json)$/.test(p))
      .map((p) => readFileSync(join(site, p), 'utf8'))
      .join('\n')
    expect(allText).toContain('Draft worth showing')
    expect(allText).not.toContain('Client roadmap')

    // The site from disk, in a fresh context: links followed, images loaded, nothing requested outside file://.
    const browser = app.context.browser() as Browser
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const requests: string[] = []
    visitor.on('request', (request) => requests.push(request.url()))
    const errors: string[] = []
    const sitePage = await visitor.newPage()
    sitePage.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    sitePage.on('pageerror', (e) => errors.push(e.message))
    const pageTypes: { name: string; url: string }[] = []
    await sitePage.goto(pathToFileURL(join(site, 'index.html')).href)
    expect(await sitePage.getByRole('img', { name: 'Photo of Camille Durand' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96)
    pageTypes.push({ name: 'home', url: sitePage.url() })
    await sitePage.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Writing' }).click()
    await sitePage.waitForURL(/posts\/index\.html$/)
    pageTypes.push({ name: 'posts', url: sitePage.url() })
    await sitePage.getByRole('link', { name: 'Sync engines in practice' }).click()
    await sitePage.waitForURL(/posts\/sync-engines-in-practice\/index\.html$/)
    await expect.poll(() => sitePage.getByRole('img', { name: 'A sync diagram' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320)
    pageTypes.push({ name: 'post', url: sitePage.url() })
    await sitePage.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Talks' }).click()
    await sitePage.waitForURL(/talks\/index\.html$/)
    expect(await sitePage.getByRole('heading', { name: 'Offline by default' }).count()).toBe(1)
    const events = await sitePage.locator('script[type="application/ld+json"]').evaluateAll((scripts) => scripts.map((s) => JSON.parse(s.textContent ?? '')))
    expect(events).toEqual([expect.objectContaining({ '@type': 'Event', name: 'Offline by default', startDate: '2025-06-12', location: expect.objectContaining({ name: 'Berlin, Germany' }) })])
    pageTypes.push({ name: 'talks', url: sitePage.url() })
    await sitePage.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Reading list' }).click()
    await sitePage.waitForURL(/reading\/index\.html$/)
    expect(await sitePage.getByText('The essay that named the movement.').count()).toBe(1)
    pageTypes.push({ name: 'reading', url: sitePage.url() })
    await sitePage.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Timeline' }).click()
    await sitePage.waitForURL(/timeline\/index\.html$/)
    expect(await sitePage.getByRole('heading', { name: 'Globex' }).count()).toBe(1)
    pageTypes.push({ name: 'timeline', url: sitePage.url() })
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])

    // axe-core on every page type, light and dark; screenshots at desktop and phone widths.
    for (const scheme of ['light', 'dark'] as const) {
      await sitePage.emulateMedia({ colorScheme: scheme })
      for (const { name, url } of pageTypes) {
        await sitePage.goto(url)
        expect(await seriousViolations(sitePage), `${name} (${scheme})`).toEqual([])
        await sitePage.setViewportSize({ width: 1280, height: 800 })
        await shoot(sitePage, `portfolio-site-${name}-${scheme}-desktop`)
        if (name === 'home' || name === 'post') {
          await sitePage.setViewportSize({ width: 390, height: 844 })
          await shoot(sitePage, `portfolio-site-${name}-${scheme}-phone`)
        }
      }
    }
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
    expect(errors).toEqual([])
    await visitor.close()

    // The PDF portfolio: printed by main's handler (Chromium page.pdf here), then each page as a PNG, not blank.
    await dialog.getByRole('button', { name: 'Save as PDF…' }).click()
    await expect.poll(() => dialog.getByText(/PDF saved as/).count(), { timeout: 60_000 }).toBe(1)
    const pdf = join(root, 'portfolio-camille-durand.pdf')
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    const pngDir = join(root, 'pdf-pages')
    execFileSync('mkdir', ['-p', pngDir])
    execFileSync('pdftoppm', ['-gray', '-r', '40', pdf, join(pngDir, 'page')])
    const pages = readdirSync(pngDir).filter((n) => n.endsWith('.pgm')).sort()
    expect(pages.length).toBeGreaterThanOrEqual(3)
    // A blank page has no ink at all; the shortest page here (the end of the reading list) has about 0.2 %.
    for (const p of pages) expect(inkRatio(readFileSync(join(pngDir, p))), p).toBeGreaterThan(0.0005)
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(ARTIFACTS_DIR, 'portfolio-pdf-page')])

    expect(app.errors).toEqual([])
  }, 240_000)
})

// Imports end to end, as a person does them: File > Import…, pick a file in the (test double of the) native
// dialog, read the preview, import, find the items; import again and get nothing new. Real files: WordPress's
// own importer test exports, a Netscape bookmarks file, a Pocket CSV, an Obsidian-style folder. Bad files are
// refused quickly with a message, and the database is left exactly as it was.
import { mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startFakeWeb, type FakeWeb } from './fakeWeb'
import { launchApp, type App } from './harness'

const FIXTURES = join(process.cwd(), 'test/fixtures/import')
const temp = mkdtempSync(join(tmpdir(), 'baluchon-e2e-import-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

let app: App | null = null
let web: FakeWeb | null = null
afterEach(async () => {
  await app?.close()
  await web?.close()
  app = null
  web = null
})

const dialog = (page: Page, name = 'Import') => page.getByRole('dialog', { name })
const list = (page: Page) => page.getByRole('listbox', { name: 'Items' })
const row = (page: Page, title: string) => list(page).getByRole('option', { name: title, exact: true })

interface StoredItem {
  id: string
  kind: string
  title: string
  tags: string[]
  createdAt: number
  updatedAt: number
  importKey?: string
  bodyText: string
  /** The body as stored: JSON text (src/db/bodyAsJson.ts). */
  bodyJson: string
  url?: string
  read?: boolean
  meta?: Record<string, unknown>
}

/** Every item and the attachment count, straight from IndexedDB (what the app really wrote). */
async function stored(page: Page): Promise<{ items: StoredItem[]; attachments: number }> {
  return page.evaluate(
    () =>
      new Promise<{ items: StoredItem[]; attachments: number }>((resolve, reject) => {
        const open = indexedDB.open('baluchon')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['items', 'attachments'], 'readonly')
          const items = tx.objectStore('items').getAll()
          const attachments = tx.objectStore('attachments').count()
          tx.oncomplete = () => {
            db.close()
            resolve({ items: items.result as StoredItem[], attachments: attachments.result })
          }
        }
      }),
  )
}

async function startImport(a: App, button: 'Choose a file…' | 'Choose a folder…' = 'Choose a file…'): Promise<void> {
  await a.emit('menuCommand', { command: 'import' })
  await dialog(a.page).getByRole('button', { name: button }).click()
}

async function waitForPreview(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: /^Import \d+ items?$/ }).waitFor()
}

async function importAll(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: /^Import \d+ items?$/ }).click()
  await dialog(page, 'Import finished').getByRole('status').waitFor()
}

describe('WordPress import', () => {
  it('previews, imports posts with content, tags and dates, and adds nothing the second time', async () => {
    const file = join(FIXTURES, 'wxr/valid-wxr-1.1.xml')
    app = await launchApp({ importFiles: { pick: (kind) => (kind === 'file' ? file : null) } })
    const { page } = app

    await startImport(app)
    await waitForPreview(page)
    const preview = dialog(page)
    expect(await preview.getByText('WordPress export: valid-wxr-1.1.xml').count()).toBe(1)
    expect(await preview.getByText('Site: Export Datasets').count()).toBe(1)
    const counts = preview.getByRole('table', { name: 'What will happen, by kind' })
    expect(await counts.getByRole('row', { name: 'Posts 2 0 0' }).count()).toBe(1)
    expect(await preview.getByText('1 comment will not be imported (Baluchon has no comments).').count()).toBe(1)
    await app.screenshot('import-wxr-preview')

    await importAll(page)
    const report = dialog(page, 'Import finished')
    expect(await report.getByText('Added: 2 posts.').count()).toBe(1)
    await app.screenshot('import-wxr-report')
    await report.getByRole('button', { name: 'Done' }).click()

    await expect.poll(() => list(page).getByRole('option').count()).toBe(2)
    await row(page, 'Hello world!').click()
    const main = page.getByRole('main')
    await expect.poll(() => main.getByRole('textbox', { name: 'Body' }).textContent()).toContain('Welcome to WordPress')
    expect(await main.getByRole('button', { name: 'Remove tag alpha' }).count()).toBe(1)
    expect(await main.getByRole('button', { name: 'Remove tag Clippable' }).count()).toBe(1)
    // 20:53 UTC: the 16th or the 17th depending on the machine's time zone.
    expect(await main.getByText(/Created Oct 1[67], 2010/).count()).toBe(1)
    await app.screenshot('import-wxr-item')

    // Search finds imported text at once, although the posts are dated 2010 (older than anything indexed).
    await page.getByRole('searchbox', { name: 'Search' }).fill('blogging')
    await expect.poll(() => list(page).getByRole('option').count()).toBe(1)
    expect(await list(page).getByRole('option', { name: /Hello world!/ }).count()).toBe(1)
    await page.getByRole('searchbox', { name: 'Search' }).fill('')

    const first = await stored(page)
    const hello = first.items.find((i) => i.title === 'Hello world!')!
    expect(hello.createdAt).toBe(Date.UTC(2010, 9, 16, 20, 53, 18))
    expect(hello.importKey).toMatch(/^wxr:/)
    expect(hello.meta?.author).toBeTruthy()

    // The same file again: the preview says so and nothing can be added.
    await startImport(app)
    await dialog(page).getByRole('button', { name: 'Import 0 items' }).waitFor()
    expect(await dialog(page).getByRole('button', { name: 'Import 0 items' }).isDisabled()).toBe(true)
    expect(await dialog(page).getByText('Everything in this file is already in Baluchon: nothing to add.').count()).toBe(1)
    expect(await dialog(page).getByRole('table').getByRole('row', { name: 'Posts 0 0 2' }).count()).toBe(1)
    await dialog(page).getByRole('button', { name: 'Cancel' }).click()
    expect(await stored(page)).toEqual(first)

    // Still found after a relaunch (the search index catches up with items older than its last save).
    await app.restart()
    await app.page.getByRole('searchbox', { name: 'Search' }).fill('blogging')
    await expect.poll(() => list(app!.page).getByRole('option', { name: /Hello world!/ }).count()).toBe(1)
    expect(app.errors).toEqual([])
  })

  it('downloads the images a post shows when asked, and lists the ones that failed', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6a1c60000000049454e44ae426082', 'hex')
    web = await startFakeWeb({
      'https://blog.example.test/wp-content/uploads/dot.png': { headers: { 'content-type': 'image/png' }, body: png },
      'https://blog.example.test/wp-content/uploads/page.png': { headers: { 'content-type': 'text/html' }, body: '<p>not an image</p>' },
    })
    const file = join(temp, 'with-images.xml')
    writeFileSync(file, wxr([{ id: 7, title: 'With pictures', html: '<p>Look:</p><img src="https://blog.example.test/wp-content/uploads/dot.png" alt="A dot"><img src="https://blog.example.test/wp-content/uploads/page.png" alt="Broken">' }]))
    app = await launchApp({ linkPreview: web.deps, importFiles: { pick: () => file } })
    const { page } = app

    await startImport(app)
    await waitForPreview(page)
    expect(await dialog(page).getByText('2 images are referenced.').first().count()).toBe(1)
    await dialog(page).getByRole('checkbox', { name: 'Download the images and keep them with the posts' }).check()
    await importAll(page)
    const report = dialog(page, 'Import finished')
    expect(await report.getByText('Added: 1 post.').count()).toBe(1)
    expect(await report.getByText('1 image saved.').count()).toBe(1)
    const failed = report.getByRole('list', { name: '1 image could not be kept' })
    expect(await failed.getByText(/page\.png — not an image Baluchon keeps/).count()).toBe(1)
    await app.screenshot('import-wxr-media-report')
    await report.getByRole('button', { name: 'Done' }).click()

    const { items, attachments } = await stored(page)
    expect(attachments).toBe(1)
    const body = items[0]!.bodyJson
    expect(body).toMatch(/"src":"attachment:[0-9A-Z]+"/)
    // The image that could not be kept stays a link to the web, so nothing is lost.
    expect(body).toContain('https://blog.example.test/wp-content/uploads/page.png')
    await row(page, 'With pictures').click()
    await expect.poll(() => page.getByRole('main').getByRole('img', { name: 'A dot' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1)
    expect(web.requests.sort()).toEqual(['https://blog.example.test/wp-content/uploads/dot.png', 'https://blog.example.test/wp-content/uploads/page.png'])
    expect(app.errors).toEqual([])
  })
})

describe('cancel', () => {
  it('stops reading a big export: back to the choice, nothing written', async () => {
    const file = join(temp, 'big-blog.xml')
    const body = `<p>${'Words of a long post, written over many years. '.repeat(80)}</p>`
    writeFileSync(file, wxr(Array.from({ length: 4500 }, (_, i) => ({ id: i + 1, title: `Post ${i + 1}`, html: body }))))
    // The second chunk is held until Cancel is clicked, so the import is certainly still reading then,
    // however fast the machine.
    let release = (): void => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    app = await launchApp({
      importFiles: { pick: () => file },
      beforeCall: async (channel) => {
        if (channel === 'importReadChunk' && ++reads === 2) await held
      },
    })
    const { page } = app
    await startImport(app)
    await dialog(page).getByRole('progressbar', { name: 'Import progress' }).waitFor()
    await expect.poll(() => reads, { timeout: 30_000 }).toBe(2)
    await dialog(page).getByRole('button', { name: 'Cancel' }).click()
    await dialog(page).getByRole('button', { name: 'Choose a file…' }).waitFor()
    release()
    // The parser's worker is gone: no preview arrives later, nothing was written.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)))
    expect(await dialog(page).getByRole('button', { name: /^Import \d+ items$/ }).count()).toBe(0)
    expect((await stored(page)).items).toEqual([])
    expect(app.errors).toEqual([])
  })
})

describe('links', () => {
  it('bookmarks: folders become tags, add dates are kept, unsafe entries are listed with their reason', async () => {
    const file = join(FIXTURES, 'bookmarks/chrome.html')
    app = await launchApp({ importFiles: { pick: () => file } })
    const { page } = app
    // From Settings this time: its Import… button closes Settings and opens the import.
    await app.emit('menuCommand', { command: 'settings' })
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Import…' }).click()
    await dialog(page).getByRole('button', { name: 'Choose a file…' }).click()
    await waitForPreview(page)
    expect(await page.getByRole('dialog', { name: 'Settings' }).count()).toBe(0)
    expect(await dialog(page).getByRole('row', { name: 'Links 6 0 0' }).count()).toBe(1)
    await dialog(page).getByText('4 entries will be skipped').click()
    const skipped = dialog(page).getByRole('list', { name: '4 entries will be skipped' })
    expect(await skipped.getByText('Bookmarklet — address that is not a web page (javascript:, file:…)').count()).toBe(1)
    expect(await skipped.getByText('MDN again — appears twice').count()).toBe(1)
    await app.screenshot('import-bookmarks-preview')
    await importAll(page)
    expect(await dialog(page, 'Import finished').getByText('Added: 6 links.').count()).toBe(1)
    await dialog(page, 'Import finished').getByRole('button', { name: 'Done' }).click()

    const { items } = await stored(page)
    const ecma = items.find((i) => i.url === 'https://tc39.es/ecma262/')!
    expect(ecma.tags).toEqual(['Dev', 'JS/TS'])
    expect(ecma.createdAt).toBe(Date.UTC(2023, 0, 1, 0, 8, 20))
    await row(page, 'ECMAScript® 2025').click()
    await expect.poll(() => page.getByRole('main').getByRole('button', { name: 'Remove tag JS/TS' }).count()).toBe(1)
    expect(app.errors).toEqual([])
  })

  it('Pocket CSV: links with tags and read state; importing it again adds nothing', async () => {
    const file = join(FIXTURES, 'pocket/part_000000.csv')
    app = await launchApp({ importFiles: { pick: () => file }, locale: 'fr-FR' })
    const { page } = app
    await app.emit('menuCommand', { command: 'import' })
    await page.getByRole('dialog', { name: 'Importer' }).getByRole('button', { name: 'Choisir un fichier…' }).click()
    const preview = page.getByRole('dialog', { name: 'Importer' })
    await preview.getByRole('button', { name: 'Importer 5 éléments' }).waitFor()
    expect(await preview.getByText('Export Pocket : part_000000.csv').count()).toBe(1)
    await app.screenshot('import-pocket-preview-fr')
    await preview.getByRole('button', { name: 'Importer 5 éléments' }).click()
    const report = page.getByRole('dialog', { name: 'Import terminé' })
    // The report appears once the transaction is done: wait for it, as importAll does in English.
    await report.getByRole('status').waitFor()
    expect(await report.getByText('Ajouté : 5 liens.').count()).toBe(1)
    await report.getByRole('button', { name: 'Terminé' }).click()
    const { items } = await stored(page)
    expect(items.filter((i) => i.kind === 'link').length).toBe(5)
    expect(items.find((i) => i.title === 'Comment écrire, vraiment')?.tags).toEqual(['écriture', 'méthode', 'relire'])
    expect(items.filter((i) => i.read).length).toBe(2)

    await app.emit('menuCommand', { command: 'import' })
    await page.getByRole('dialog', { name: 'Importer' }).getByRole('button', { name: 'Choisir un fichier…' }).click()
    await page.getByRole('dialog', { name: 'Importer' }).getByRole('button', { name: 'Importer 0 élément' }).waitFor()
    expect(app.errors).toEqual([])
  })
})

describe('Markdown folder', () => {
  it('imports notes with front matter, links notes by their wikilinks (Ctrl+click follows one), and stores the images the notes show', async () => {
    const folder = join(FIXTURES, 'markdown/vault')
    app = await launchApp({ importFiles: { pick: (kind) => (kind === 'folder' ? folder : null) } })
    const { page } = app
    // From the command palette this time.
    await page.keyboard.press('Control+k')
    await page.getByRole('dialog', { name: 'Go to anything' }).getByRole('combobox').fill('Import')
    await page.getByRole('dialog', { name: 'Go to anything' }).getByRole('option', { name: /^Import…/ }).click()
    await dialog(page).getByRole('button', { name: 'Choose a folder…' }).click()
    await waitForPreview(page)
    expect(await dialog(page).getByText('Markdown folder: vault').count()).toBe(1)
    await app.screenshot('import-markdown-preview')
    await importAll(page)
    await dialog(page, 'Import finished').getByRole('button', { name: 'Done' }).click()
    const { items, attachments } = await stored(page)
    expect(items.length).toBeGreaterThan(5)
    expect(attachments).toBeGreaterThan(0)
    expect(items.every((i) => i.importKey?.startsWith('md:'))).toBe(true)
    expect(items.some((i) => i.bodyJson.includes('"src":"attachment:'))).toBe(true)
    // A wikilink to a note of the folder links to that note's item; one to no note stays written.
    const welcome = items.find((i) => i.title === 'Welcome')!
    const talkIdea = items.find((i) => i.title === 'Talk idea')!
    expect(welcome.bodyJson).toContain(`"href":"item:${talkIdea.id}"`)
    expect(welcome.bodyText).toContain('[[Missing note]]')
    await row(page, 'Welcome').click()
    const link = page.getByRole('main').getByRole('link', { name: 'my talk idea' })
    await link.click()
    // A plain click edits text: the item stays.
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Welcome')
    await app.screenshot('import-markdown-item-link')
    await link.click({ modifiers: ['Control'] })
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Talk idea')
    expect(await row(page, 'Talk idea').getAttribute('aria-selected')).toBe('true')
    // The talk lists the notes that link to it, and one click goes back.
    const linkedFrom = page.getByRole('main').getByRole('region', { name: 'Linked from' })
    await linkedFrom.getByRole('button', { name: 'Welcome' }).waitFor()
    expect((await linkedFrom.getByRole('button').allTextContents()).sort()).toEqual(['2024-06-01', 'Welcome'])
    await linkedFrom.scrollIntoViewIfNeeded()
    await app.screenshot('import-markdown-linked-from')
    await linkedFrom.getByRole('button', { name: 'Welcome' }).click()
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Welcome')
    expect(app.errors).toEqual([])
  })
})

describe('bad input', () => {
  /** Imports a bad file over a library holding one note; returns how long the refusal took (ms). */
  async function expectRefused(file: string, message: string | RegExp): Promise<number> {
    app = await launchApp({ importFiles: { pick: () => file } })
    const { page } = app
    // Something already there, which must stay exactly as it is.
    await page.keyboard.press('Control+n')
    const title = page.getByRole('main').getByRole('textbox', { name: 'Title' })
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Already here')
    // The row shows the title once the autosave has run (700 ms after the last key) and the list re-read it:
    // 770-1,430 ms measured under load, past expect.poll's default 1 s.
    await expect.poll(() => row(page, 'Already here').count(), { timeout: 5_000 }).toBe(1)
    const before = await stored(page)

    const started = Date.now()
    await startImport(app)
    const alert = dialog(page).getByRole('alert')
    await alert.waitFor()
    const elapsed = Date.now() - started
    expect(await alert.textContent()).toMatch(message)
    expect(await alert.getByText('Your library was not changed.').count()).toBe(1)
    expect(await stored(page)).toEqual(before)
    expect(app.errors).toEqual([])
    return elapsed
  }

  it('a malformed WordPress export is refused with a message; nothing is written', async () => {
    await expectRefused(join(FIXTURES, 'wxr/malformed.xml'), 'The file is damaged or incomplete, so nothing was imported.')
    await app!.screenshot('import-malformed')
  })

  it('entity declarations (billion laughs, external entities) are refused within 2 s', async () => {
    const laughs = join(temp, 'laughs.xml')
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)]
    writeFileSync(laughs, `<?xml version="1.0"?>\n<!DOCTYPE rss [${lol.join('')}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol9;&xxe;</title></channel></rss>`)
    expect(await expectRefused(laughs, /entity declarations/)).toBeLessThan(2000)
  })

  it('a 100 MB file is refused before it is read, naming the limit', async () => {
    const big = join(temp, 'huge-export.xml')
    const fd = openSync(big, 'w')
    ftruncateSync(fd, 100 * 1024 * 1024)
    closeSync(fd)
    expect(await expectRefused(big, 'The file is too large to import (the limit is 64 MB).')).toBeLessThan(2000)
    expect(app!.ipcCalls.filter((c) => c.channel === 'importReadChunk')).toEqual([])
  })

  it('a file that is none of the known formats says which ones are', async () => {
    const other = join(temp, 'notes.txt')
    writeFileSync(other, 'Just some text, not an export.')
    await expectRefused(other, /“notes\.txt” is not a file Baluchon can import/)
  })
})

function wxr(posts: { id: number; title: string; html: string }[]): string {
  const items = posts
    .map(
      (p) => `<item><title>${p.title}</title><link>https://blog.example.test/?p=${p.id}</link><pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>
<dc:creator><![CDATA[admin]]></dc:creator><guid isPermaLink="false">https://blog.example.test/?p=${p.id}</guid>
<content:encoded><![CDATA[${p.html}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${p.id}</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt>
<wp:post_modified_gmt>2024-01-02 10:00:00</wp:post_modified_gmt><wp:post_name>post-${p.id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Example blog</title><link>https://blog.example.test</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://blog.example.test</wp:base_site_url><wp:base_blog_url>https://blog.example.test</wp:base_blog_url>
${items}
</channel></rss>`
}

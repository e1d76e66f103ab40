// The open-format export in real Chromium, through the UI: a post with a pasted image, a talk and a trashed
// note; the whole library exported as Markdown to a folder (File menu), then checked on disk (front matter,
// body, the image beside its index.md and linked relatively, the Trash left out); the post exported alone as
// HTML (item menu) and opened in Chromium showing its image; and alone as Markdown, a zip with its image.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { body, kind, pastePng, row, saveWords, write } from './ui'

let app: App | null = null
let root = ''
afterEach(async () => {
  await app?.close()
  app = null
  if (root) rmSync(root, { recursive: true, force: true })
})

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return [view.getUint32(16), view.getUint32(20)]
}

describe('Markdown export', () => {
  it('exports the library to a folder, and one item as HTML and as a zip', async () => {
    root = mkdtempSync(join(tmpdir(), 'baluchon-e2e-markdown-'))
    const saves: { name: string; kind: string }[] = []
    // Each save goes to a folder of its own (single-0/, single-1/), under the name the app suggested.
    const saveTo = (name: string) => {
      const folder = join(root, `single-${saves.length}`)
      mkdirSync(folder)
      return join(folder, name)
    }
    app = await launchApp({
      exportFiles: {
        folder: () => root,
        save: (name, kind) => {
          const path = saveTo(name)
          saves.push({ name, kind })
          return path
        },
      },
    })
    const { page } = app

    // A note that goes to the Trash: not exported.
    await page.keyboard.press('Control+n')
    await write(page, 'Old idea', 'Not worth keeping.')
    await row(page, 'Old idea').click()
    await page.keyboard.press('Delete')
    await expect.poll(() => row(page, 'Old idea').count()).toBe(0)

    // A post with a pasted image.
    await kind(page, 'Posts').click()
    await page.getByRole('button', { name: 'New post' }).first().click()
    await write(page, 'Trip to Lyon', 'The train was on time.')
    await pastePng(page, 64, 32)
    await expect.poll(() => body(page).getByRole('img', { name: 'Image' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64)
    await expect.poll(() => saveWords(page, 'Saved').count()).toBe(1)

    // A talk.
    await kind(page, 'Talks').click()
    await app.emit('menuCommand', { command: 'new-talk' })
    await write(page, 'Local-first apps', 'Slides to come.')
    await page.getByRole('main').getByRole('textbox', { name: 'Event' }).fill('JSConf EU')
    await page.getByRole('main').getByRole('textbox', { name: 'Event' }).blur()
    await expect.poll(() => saveWords(page, 'Saved').count()).toBe(1)

    // File › Export as Markdown… › a folder.
    await app.emit('menuCommand', { command: 'export-markdown' })
    const dialog = page.getByRole('dialog', { name: 'Export as Markdown' })
    await expect.poll(() => dialog.getByText('Items in the Trash are not exported.').count()).toBe(1)
    await app.screenshot('markdown-export-choose')
    await dialog.getByRole('button', { name: 'Export to a folder…' }).click()
    const done = page.getByRole('dialog', { name: 'Markdown export done' })
    await expect.poll(() => done.getByText(/^2 items exported to .*baluchon-markdown-[0-9-]+, with 1 image\.$/).count(), { timeout: 20_000 }).toBe(1)
    await app.screenshot('markdown-export-done')
    await done.getByRole('button', { name: 'Close' }).first().click()

    const folders = readdirSync(root)
    // Only the new folder: the temporary one it was written in is gone.
    expect(folders).toHaveLength(1)
    expect(folders[0]).toMatch(/^baluchon-markdown-\d{4}-\d{2}-\d{2}$/)
    const out = join(root, folders[0]!)
    expect(readdirSync(out).sort()).toEqual(['posts', 'talks'])
    expect(readdirSync(join(out, 'posts', 'Trip to Lyon')).sort()).toEqual(['index.md', 'screenshot.png'])
    const post = readFileSync(join(out, 'posts', 'Trip to Lyon', 'index.md'), 'utf8')
    // Front matter (Hugo and Jekyll read `date` and `draft`), the body, the image linked beside index.md.
    expect(post).toMatch(
      /^---\ntitle: Trip to Lyon\nkind: post\nid: "[0-9A-Z]{26}"\ncreated: "[\d-]+T[\d:.]+Z"\nupdated: "[\d-]+T[\d:.]+Z"\ntags: \[\]\nstatus: idea\nslug: trip-to-lyon\ndate: "[\d-]+T[\d:.]+Z"\ndraft: true\nlabel: personal\n---\n\nThe train was on time\.\n\n!\[\]\(screenshot\.png\)\n$/,
    )
    expect(pngSize(readFileSync(join(out, 'posts', 'Trip to Lyon', 'screenshot.png')))).toEqual([64, 32])
    const talk = readFileSync(join(out, 'talks', 'Local-first apps.md'), 'utf8')
    expect(talk).toContain('\nkind: talk\n')
    expect(talk).toContain('\nevent: JSConf EU\n')
    expect(talk).toContain('Slides to come.')
    expect(existsSync(join(out, 'notes'))).toBe(false)

    // The post alone, as a web page, from its "…" menu; opened in Chromium it shows the image.
    await kind(page, 'Posts').click()
    await row(page, 'Trip to Lyon').click()
    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await app.screenshot('markdown-export-item-menu')
    await page.getByRole('menuitem', { name: 'Export as HTML…' }).click()
    await expect.poll(() => page.getByText('Saved as Trip to Lyon.html.').count()).toBe(1)
    expect(saves[0]).toEqual({ name: 'Trip to Lyon.html', kind: 'html' })
    const htmlPath = join(root, 'single-0', 'Trip to Lyon.html')
    const html = readFileSync(htmlPath, 'utf8')
    expect(html).toMatch(/<img src="data:image\/png;base64,/)
    expect(html).not.toContain('attachment:')
    const viewer = await app.context.browser()!.newContext()
    try {
      const view = await viewer.newPage()
      await view.goto(pathToFileURL(htmlPath).toString())
      // The pasted image has no alt text, so the page shows it as decoration (alt=""): found by tag, not role.
      expect(await view.getByRole('heading', { level: 1 }).textContent()).toBe('Trip to Lyon')
      await expect.poll(() => view.locator('article img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64)
      await app.screenshot('markdown-export-html-page', view)
    } finally {
      await viewer.close()
    }

    // The post alone as Markdown: a zip, since it shows an image.
    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await page.getByRole('menuitem', { name: 'Export as Markdown…' }).click()
    await expect.poll(() => page.getByText('Saved as Trip to Lyon.zip.').count()).toBe(1)
    expect(saves[1]).toEqual({ name: 'Trip to Lyon.zip', kind: 'zip' })
    const zip = unzipSync(readFileSync(join(root, 'single-1', 'Trip to Lyon.zip')))
    expect(Object.keys(zip).sort()).toEqual(['Trip to Lyon/index.md', 'Trip to Lyon/screenshot.png'])
    expect(new TextDecoder().decode(zip['Trip to Lyon/index.md'])).toContain('(screenshot.png)')

    expect(app.errors).toEqual([])
  }, 120_000)
})

// Backups in real Chromium, through the UI: a base with every kind, a pasted image, a tag, revisions and a
// trashed item is exported (Settings), restored into a fresh profile (File menu) after a dry run, found again
// exactly; a second restore changes nothing; a damaged file is refused with a clear message.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeWeb, type FakeWeb } from './fakeWeb'
import { launchApp, type App } from './harness'
import { body, kind, list, pastePng, row, saveWords, sidebar, titleField, write } from './ui'

const apps: App[] = []
let web: FakeWeb | null = null
async function launch(...args: Parameters<typeof launchApp>): Promise<App> {
  const app = await launchApp(...args)
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
  await web?.close()
  web = null
})

interface Dump {
  items: Record<string, unknown>[]
  revisions: Record<string, unknown>[]
  attachments: Record<string, unknown>[]
  settings: Record<string, unknown>[]
}

/** Every record of the profile's database, read with the bare IndexedDB API; attachments with their bytes' SHA-256. */
function dumpDb(page: Page): Promise<Dump> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('baluchon')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const all = (store: string): Promise<Record<string, unknown>[]> =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll()
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[])
        request.onerror = () => reject(request.error)
      })
    const hex = (buffer: ArrayBuffer): string => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('')
    const [items, revisions, stored, settings] = await Promise.all([all('items'), all('revisions'), all('attachments'), all('settings')])
    const attachments = await Promise.all(
      stored.map(async ({ data, ...meta }) => ({ ...meta, bytes: hex(await crypto.subtle.digest('SHA-256', await (data as Blob).arrayBuffer())) })),
    )
    db.close()
    return { items, revisions, attachments, settings }
  })
}

/** The dry run's table: outcome counts of one row, e.g. { Added: 1, Updated: 0, … }. */
async function counts(dialog: Locator, rowName: string): Promise<Record<string, number>> {
  const table = dialog.getByRole('table')
  const headers = (await table.getByRole('columnheader').allTextContents()).slice(1)
  const cells = await table.getByRole('row', { name: new RegExp(`^${rowName}\\b`) }).getByRole('cell').allTextContents()
  return Object.fromEntries(headers.map((h, i) => [h, Number(cells[i])]))
}

describe('backup', () => {
  it('exports everything, restores it into a fresh profile after a dry run, and a second restore changes nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'baluchon-e2e-backup-'))
    const file = join(folder, 'chosen.baluchon')
    const suggested: string[] = []
    web = await startFakeWeb({
      'https://blog.example.test/offline': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<title>Offline first, really</title><meta name="description" content="Why local data wins">',
      },
    })
    const source = await launch({ linkPreview: web.deps, backup: { save: (name) => (suggested.push(name), file) } })
    let page = source.page

    // A note that goes to the Trash, and one that stays.
    await page.keyboard.press('Control+n')
    await write(page, 'Old idea', 'Not worth keeping.')
    await page.keyboard.press('Control+n')
    await write(page, 'Shopping list — قائمة 🛒', 'Milk and bread')
    await row(page, 'Old idea').click()
    await page.keyboard.press('Delete')
    await expect.poll(() => row(page, 'Old idea').count()).toBe(0)

    // A post with a tag and a pasted image; a large second edit makes a second revision.
    await kind(page, 'Posts').click()
    await page.getByRole('button', { name: 'New post' }).first().click()
    await write(page, 'Why I write offline', 'A first paragraph.')
    await pastePng(page, 64, 32)
    await expect.poll(() => body(page).getByRole('img', { name: 'Image' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64)
    await page.getByRole('main').getByRole('combobox', { name: 'Tags' }).fill('writing')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('main').getByRole('button', { name: 'Remove tag writing' }).count()).toBe(1)
    await body(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' ' + 'A much longer rewrite of the text. '.repeat(8))
    await expect.poll(() => saveWords(page, 'Saved').count()).toBe(1)

    // A talk and a link.
    await kind(page, 'Talks').click()
    await source.emit('menuCommand', { command: 'new-talk' })
    await write(page, 'Local-first apps', 'Slides to come.')
    await page.getByRole('main').getByRole('textbox', { name: 'Event' }).fill('JSConf EU')
    await page.getByRole('main').getByRole('textbox', { name: 'Event' }).blur()
    await page.keyboard.press('Control+Shift+L')
    await page.getByRole('dialog', { name: 'Add link' }).getByRole('textbox', { name: 'Web address' }).fill('blog.example.test/offline')
    await page.keyboard.press('Enter')
    await expect.poll(() => titleField(page).inputValue()).toBe('Offline first, really')
    await kind(page, 'All').click()
    await expect.poll(() => list(page).getByRole('option').count()).toBe(4)

    const before = await dumpDb(page)
    expect(before.items).toHaveLength(5)
    expect(before.attachments).toHaveLength(1)
    expect(before.revisions.filter((r) => r.itemId === before.items.find((i) => i.kind === 'post')!.id).length).toBeGreaterThanOrEqual(2)

    // Export from Settings.
    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Export backup…' }).click()
    const exported = page.getByRole('dialog', { name: 'Backup exported' })
    await exported.waitFor()
    expect(await exported.textContent()).toContain('Backup saved as chosen.baluchon')
    await source.screenshot('backup-exported')
    expect(suggested).toEqual([expect.stringMatching(/^baluchon-\d{4}-\d{2}-\d{2}\.baluchon$/)])
    expect(statSync(file).size).toBeGreaterThan(1000)
    // A zip, written whole (the temporary file was renamed into place and nothing else is left).
    expect([...readFileSync(file).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
    await exported.getByRole('button', { name: 'Close' }).last().click()
    expect(source.errors).toEqual([])

    // A fresh profile restores that file from the File menu.
    const target = await launch({ backup: { open: () => file } })
    page = target.page
    await target.emit('menuCommand', { command: 'restore-backup' })
    const dryRun = page.getByRole('dialog', { name: 'Restore from a backup' })
    await dryRun.getByRole('button', { name: 'Restore' }).waitFor()
    expect(await counts(dryRun, 'Posts')).toEqual({ Added: 1, Updated: 0, Unchanged: 0, Conflict: 0 })
    expect(await counts(dryRun, 'Notes')).toEqual({ Added: 2, Updated: 0, Unchanged: 0, Conflict: 0 })
    expect(await counts(dryRun, 'Talks')).toEqual({ Added: 1, Updated: 0, Unchanged: 0, Conflict: 0 })
    expect(await counts(dryRun, 'Links')).toEqual({ Added: 1, Updated: 0, Unchanged: 0, Conflict: 0 })
    expect(await counts(dryRun, 'Images')).toEqual({ Added: 1, Updated: 0, Unchanged: 0, Conflict: 0 })
    expect((await counts(dryRun, 'Revisions')).Added).toBe(before.revisions.length)
    // Nothing is written before Restore.
    expect((await dumpDb(page)).items).toEqual([])
    await dryRun.getByText('Posts — Added (1)').click()
    await expect.poll(() => dryRun.getByRole('listitem').filter({ hasText: 'Why I write offline' }).count()).toBe(1)
    await target.screenshot('backup-dry-run')
    await dryRun.getByRole('button', { name: 'Restore' }).click()
    const restored = page.getByRole('dialog', { name: 'Backup restored' })
    await restored.waitFor()
    await target.screenshot('backup-restored')
    await restored.getByRole('button', { name: 'Close' }).last().click()

    // Every record as it was, the image's bytes included.
    const after = await dumpDb(page)
    expect(after).toEqual(before)
    // And in the UI: the items, the tag, the Trash, search, and last the image and the history.
    await expect.poll(() => list(page).getByRole('option').count()).toBe(4)
    await sidebar(page).getByRole('button', { name: /^writing/ }).click()
    await expect.poll(() => list(page).getByRole('option').count()).toBe(1)
    await kind(page, 'Trash').click()
    await expect.poll(() => row(page, 'Old idea').count()).toBe(1)
    await kind(page, 'All').click()
    // Search knows the restored items.
    await page.getByRole('searchbox', { name: 'Search' }).fill('bread')
    await expect.poll(() => list(page).getByRole('option').count()).toBe(1)
    await page.getByRole('searchbox', { name: 'Search' }).fill('')
    await expect.poll(() => list(page).getByRole('option').count()).toBe(4)
    await row(page, 'Why I write offline').click()
    await expect.poll(() => body(page).getByRole('img', { name: 'Image' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64)
    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await page.getByRole('menuitem', { name: 'History…' }).click()
    const history = page.getByRole('dialog', { name: 'History' })
    await expect.poll(() => history.getByRole('listbox', { name: 'Versions' }).getByRole('option').count()).toBeGreaterThanOrEqual(2)
    await page.keyboard.press('Escape')

    // Restoring again: the dry run says everything is already here, and nothing can be applied.
    await target.emit('menuCommand', { command: 'restore-backup' })
    const again = page.getByRole('dialog', { name: 'Restore from a backup' })
    await again.getByText('Everything in this backup is already here').waitFor()
    expect(await counts(again, 'Posts')).toEqual({ Added: 0, Updated: 0, Unchanged: 1, Conflict: 0 })
    expect(await counts(again, 'Notes')).toEqual({ Added: 0, Updated: 0, Unchanged: 2, Conflict: 0 })
    expect(await counts(again, 'Images')).toEqual({ Added: 0, Updated: 0, Unchanged: 1, Conflict: 0 })
    expect(await again.getByRole('button', { name: 'Restore' }).isDisabled()).toBe(true)
    await target.screenshot('backup-restore-again')
    await again.getByRole('button', { name: 'Cancel' }).click()
    expect(await dumpDb(page)).toEqual(before)
    expect(target.errors).toEqual([])
  })

  it('makes an automatic backup in the background, lists it in Settings and restores from it through the dry run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'baluchon-e2e-auto-'))
    const app = await launch({ backup: { autoBackupDir: folder } })
    const { page } = app
    await page.keyboard.press('Control+n')
    await write(page, 'Kept automatically', 'Every day.')
    // The first check runs a few seconds after start, when the page is idle; typing goes on meanwhile.
    await body(page).click()
    await page.keyboard.type(' And more.')
    await expect.poll(() => readdirSync(folder), { timeout: 30_000 }).toEqual([expect.stringMatching(/^baluchon-auto-.+\.baluchon$/)])
    expect(await body(page).textContent()).toBe('Every day. And more.')

    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    const list = settings.getByRole('list', { name: 'Automatic backups' })
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1)
    expect(await settings.getByRole('combobox', { name: 'How often' }).inputValue()).toBe('24')
    expect(await settings.getByRole('spinbutton', { name: 'Backups to keep' }).inputValue()).toBe('7')
    await app.screenshot('backup-settings-auto')
    await list.getByRole('button', { name: /^Restore from the backup of / }).click()
    const dryRun = page.getByRole('dialog', { name: 'Restore from a backup' })
    await dryRun.getByRole('table').waitFor()
    // Whether or not the backup caught the last words, the base already holds everything in it (the same, or newer
    // with the older text in its history): nothing to add, update or resolve.
    const notes = await counts(dryRun, 'Notes')
    expect([notes.Added, notes.Updated, notes.Conflict]).toEqual([0, 0, 0])
    await dryRun.getByRole('button', { name: 'Cancel' }).click()
    expect(app.errors).toEqual([])
  })

  it('refuses a damaged or foreign file with a clear message, in French too, and changes nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'baluchon-e2e-backup-'))
    const good = join(folder, 'good.baluchon')
    const source = await launch({ backup: { save: () => good } })
    await source.page.keyboard.press('Control+n')
    await write(source.page, 'Keep me', 'Precious text.')
    await source.emit('menuCommand', { command: 'export-backup' })
    await source.page.getByRole('dialog', { name: 'Backup exported' }).waitFor()

    const truncated = join(folder, 'truncated.baluchon')
    writeFileSync(truncated, readFileSync(good).subarray(0, 200))
    const notZip = join(folder, 'notes.baluchon')
    writeFileSync(notZip, 'just some text')
    let next = truncated
    const app = await launch({ locale: 'fr-FR', backup: { open: () => next } })
    const { page } = app
    await page.keyboard.press('Control+n')
    await page.getByRole('textbox', { name: 'Titre' }).fill('Ma note')
    // Listed under its title once the autosave has run (700 ms after typing) and the list re-read it: past
    // expect.poll's default 1 s under load.
    await expect
      .poll(() => page.getByRole('listbox', { name: 'Éléments' }).getByRole('option', { name: 'Ma note' }).count(), { timeout: 5_000 })
      .toBe(1)
    const before = await dumpDb(page)
    expect(before.items).toHaveLength(1)

    await app.emit('menuCommand', { command: 'restore-backup' })
    const failed = page.getByRole('dialog', { name: 'La sauvegarde n’a pas pu être restaurée' })
    await expect.poll(() => failed.getByRole('alert').textContent()).toMatch(/incomplète|endommagée|pas une sauvegarde/)
    expect(await failed.textContent()).toContain('Rien n’a été modifié dans votre bibliothèque.')
    await app.screenshot('backup-refused-fr')
    await failed.getByRole('button', { name: 'Fermer' }).last().click()

    next = notZip
    await app.emit('menuCommand', { command: 'restore-backup' })
    await expect.poll(() => failed.getByRole('alert').textContent()).toBe('Ce fichier n’est pas une sauvegarde Baluchon (ce n’est pas une archive zip).')
    await failed.getByRole('button', { name: 'Fermer' }).last().click()
    expect(await dumpDb(page)).toEqual(before)
    expect(app.errors).toEqual([])
    expect(source.errors).toEqual([])
  })
})

// The "changing employer" wizard as a person meets it: two affiliations (Acme, confidential by default, being left;
// Globex, public), items labelled by their dates and by hand, the wizard opened from the palette, a flagged passage
// seen with its match highlighted, one flagged item kept confidential and one confirmed, the personal archive saved
// through the save dialog with its record beside it, then on to the public portfolio, exported and opened from disk
// (links followed, the confidential talk nowhere), and the archive restored into a fresh profile: only what may leave.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { body, list, row, sidebar, titleField } from './ui'

const apps: App[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})

const settings = (page: Page) => page.getByRole('dialog', { name: 'Settings' })
const wizard = (page: Page) => page.getByRole('dialog', { name: 'Changing employer' })

async function addAffiliation(page: Page, values: { organisation: string; role: string; start: string; end: string; label: string }): Promise<void> {
  await settings(page).getByRole('button', { name: 'Add affiliation' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add an affiliation' })
  await dialog.getByRole('textbox', { name: 'Organisation' }).fill(values.organisation)
  await dialog.getByRole('textbox', { name: 'Role' }).fill(values.role)
  await dialog.getByLabel('Start').fill(values.start)
  if (values.end) await dialog.getByLabel('End', { exact: true }).fill(values.end)
  await dialog.getByRole('combobox', { name: 'Default label of its items' }).selectOption({ label: values.label })
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => dialog.count()).toBe(0)
  await expect.poll(() => settings(page).getByRole('button', { name: `Edit ${values.organisation}` }).count()).toBe(1)
}

async function newNote(page: Page, title: string, text: string): Promise<void> {
  await page.keyboard.press('Control+n')
  await expect.poll(() => titleField(page).inputValue()).toBe('')
  await titleField(page).fill(title)
  await body(page).click()
  await page.keyboard.type(text)
  await expect.poll(() => row(page, title).count()).toBe(1)
}

describe('changing employer', () => {
  it('reviews what leaves, flags passages, saves the personal archive and its record, and restores only what may leave', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'baluchon-e2e-leaving-'))
    const suggested: string[] = []
    const siteRoot = mkdtempSync(join(tmpdir(), 'baluchon-e2e-leaving-site-'))
    const source = await launchApp({ backup: { save: (name) => (suggested.push(name), join(folder, name)) }, exportFiles: { folder: () => siteRoot } })
    apps.push(source)
    const { page } = source

    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    await settings(page).getByRole('heading', { name: 'Career' }).scrollIntoViewIfNeeded()
    await addAffiliation(page, { organisation: 'Acme', role: 'Engineer', start: '2018-01-01', end: '2022-12-31', label: 'Confidential' })
    await addAffiliation(page, { organisation: 'Globex', role: 'Lead developer', start: '2023-01-01', end: '', label: 'Employer, public' })
    await page.keyboard.press('Escape')
    await expect.poll(() => settings(page).count()).toBe(0)

    // A talk given at Acme: confidential only through Acme's default label.
    await page.getByRole('button', { name: 'New talk' }).first().click()
    await expect.poll(() => titleField(page).inputValue()).toBe('')
    await titleField(page).fill('Internal platform review')
    await body(page).click()
    await page.keyboard.type('Roadmap of the internal platform, codename Bluebird.')
    await page.getByRole('main').getByLabel('Date', { exact: true }).fill('2020-05-05')
    await page.getByRole('main').getByLabel('Date', { exact: true }).blur()
    await expect.poll(() => row(page, 'Internal platform review').count()).toBe(1)
    // Notes of today (Globex, public): one mentions Acme, one a client on the watch list, one nothing.
    await newNote(page, 'Open source roadmap', 'What we learnt at l’ACME about publishing in the open.')
    await newNote(page, 'Client notes', 'Kick-off with Project Zeus and its team.')
    await newNote(page, 'My reading list', 'Books I like.')
    // A post published at Globex: public, so it goes with the person and into the portfolio.
    await source.emit('menuCommand', { command: 'new-post' })
    await expect.poll(() => titleField(page).inputValue()).toBe('')
    await titleField(page).fill('Why we open-sourced our tools')
    await body(page).click()
    await page.keyboard.type('Sharing what we built helps everyone.')
    await page.getByRole('main').getByRole('combobox', { name: 'Status' }).selectOption('published')
    await expect.poll(() => row(page, 'Why we open-sourced our tools').count()).toBe(1)

    // The wizard, from the palette (from the list: the editor keeps Ctrl+K for links).
    await row(page, 'My reading list').click()
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Go to anything' })
    await palette.getByRole('combobox').fill('changing employer')
    await palette.getByRole('option', { name: /^Changing employer…/ }).click()
    await wizard(page).waitFor()
    await wizard(page).getByRole('radio', { name: /Acme/ }).check()
    await source.screenshot('leaving-pick')
    await wizard(page).getByRole('button', { name: 'Review what leaves' }).click()

    // The watch list, edited in the wizard, is looked for too.
    await wizard(page).getByRole('textbox', { name: 'Add a word or name' }).fill('project zeus')
    await wizard(page).getByRole('button', { name: 'Add', exact: true }).click()
    const flaggedList = wizard(page).getByRole('list').filter({ has: page.getByRole('heading', { name: 'Client notes' }) })
    await expect.poll(() => flaggedList.count()).toBe(1)
    await expect.poll(() => wizard(page).getByRole('heading', { name: '4 items go with you' }).count()).toBe(1)
    expect(await wizard(page).getByRole('heading', { name: '1 item stays behind' }).count()).toBe(1)

    // The flagged passage, its match highlighted.
    const openSource = wizard(page).getByRole('listitem', { name: 'Open source roadmap' })
    await expect.poll(() => openSource.locator('mark').allTextContents()).toEqual(['ACME'])
    expect(await openSource.getByRole('group', { name: 'Passages of “Open source roadmap”' }).textContent()).toContain('What we learnt at l’ACME about publishing')
    const client = wizard(page).getByRole('listitem', { name: 'Client notes' })
    expect(await client.locator('mark').allTextContents()).toEqual(['Project Zeus'])
    expect(await wizard(page).getByRole('listitem', { name: 'My reading list' }).count()).toBe(0)
    await openSource.scrollIntoViewIfNeeded()
    await source.screenshot('leaving-review')

    // Decisions: the Acme note is fine to take; the client note stays (relabelled confidential at once).
    await openSource.getByRole('button', { name: 'Fine to take' }).click()
    await expect.poll(() => openSource.getByText('Checked: goes with you').count()).toBe(1)
    await client.getByRole('button', { name: 'Keep confidential' }).click()
    await expect.poll(() => client.getByText('Kept confidential: stays behind').count()).toBe(1)
    await expect.poll(() => wizard(page).getByRole('heading', { name: '2 items stay behind' }).count()).toBe(1)
    await source.screenshot('leaving-decided')

    // Open an item from the review: the wizard steps aside, and comes back where it was.
    await openSource.getByRole('button', { name: 'Open “Open source roadmap”' }).click()
    await expect.poll(() => wizard(page).count()).toBe(0)
    await expect.poll(() => titleField(page).inputValue()).toBe('Open source roadmap')
    await source.emit('menuCommand', { command: 'changing-employer' })
    await expect.poll(() => wizard(page).getByRole('listitem', { name: 'Client notes' }).getByText('Kept confidential: stays behind').count()).toBe(1)
    // The client note is labelled confidential in the library too.
    await wizard(page).getByRole('button', { name: 'Continue' }).click()
    await wizard(page).getByRole('checkbox', { name: /Also build my public portfolio/ }).check()
    await wizard(page).getByRole('button', { name: 'Save personal archive…' }).click()
    await expect.poll(() => wizard(page).getByText(/^Personal archive: /).count(), { timeout: 30_000 }).toBe(1)
    await source.screenshot('leaving-done')

    expect(suggested).toEqual([expect.stringMatching(/^baluchon-leaving-acme-\d{4}-\d{2}-\d{2}\.baluchon$/)])
    const archiveName = suggested[0]!
    const recordName = archiveName.replace(/\.baluchon$/, '.record.md')
    expect(readdirSync(folder).sort()).toEqual([archiveName, recordName].sort())
    const archive = readFileSync(join(folder, archiveName))
    const record = readFileSync(join(folder, recordName), 'utf8')
    const sha = createHash('sha256').update(archive).digest('hex')
    expect(await wizard(page).getByText(`SHA-256 of the archive: ${sha}`).count()).toBe(1)
    expect(record).toContain(sha)
    expect(record).toContain('# Leaving Acme: what I took and what I left')
    expect(record).toContain('“Open source roadmap” (Note,')
    expect(record).toContain('checked: mine to take')
    expect(record).toContain('kept confidential: left behind')
    // What stayed is named by kind, date and id, never by title or text.
    for (const secret of ['Internal platform review', 'Client notes', 'Bluebird', 'Zeus', 'zeus']) {
      expect(record).not.toContain(secret)
      expect(archive.includes(Buffer.from(secret))).toBe(false)
    }
    expect(record).toContain('Talk · May 5, 2020 · `')
    expect(record).toContain('confidential by Acme’s default')
    // Then on to the public portfolio, in its own dialog.
    await wizard(page).getByRole('button', { name: 'Build my public portfolio…' }).click()
    await expect.poll(() => wizard(page).count()).toBe(0)
    const portfolio = page.getByRole('dialog', { name: 'Public portfolio' })
    await portfolio.waitFor()
    await portfolio.getByRole('textbox', { name: 'Name' }).fill('Camille Durand')
    await portfolio.getByRole('tab', { name: 'Content' }).click()
    await expect.poll(() => portfolio.getByRole('checkbox', { name: 'Why we open-sourced our tools' }).isChecked()).toBe(true)
    // The talk given at Acme is confidential through Acme's default: never chosen.
    expect(await portfolio.getByRole('checkbox', { name: 'Internal platform review', checked: true }).count()).toBe(0)
    await portfolio.getByRole('button', { name: 'Export to a folder…' }).click()
    await expect.poll(() => portfolio.getByText(/Site written to/).count(), { timeout: 30_000 }).toBe(1)
    const site = join(siteRoot, 'portfolio-camille-durand')
    expect(existsSync(join(site, 'index.html'))).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => portfolio.count()).toBe(0)
    expect(source.errors).toEqual([])

    // The generated site, opened from disk in Chromium: its links followed, the confidential work nowhere in it.
    const visitor = await (source.context.browser() as Browser).newContext()
    const sitePage = await visitor.newPage()
    await sitePage.goto(pathToFileURL(join(site, 'index.html')).href)
    await sitePage.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Writing' }).click()
    await sitePage.waitForURL(/posts\/index\.html$/)
    await sitePage.getByRole('link', { name: 'Why we open-sourced our tools' }).click()
    await expect.poll(() => sitePage.getByText('Sharing what we built helps everyone.').count()).toBe(1)
    await sitePage.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Timeline' }).click()
    await sitePage.waitForURL(/timeline\/index\.html$/)
    expect(await sitePage.getByRole('heading', { name: 'Globex' }).count()).toBe(1)
    await source.screenshot('leaving-site-timeline', sitePage)
    await visitor.close()
    const siteText = readdirSync(site, { recursive: true })
      .map(String)
      .filter((p) => /\.(html|xml|json)$/.test(p))
      .map((p) => readFileSync(join(site, p), 'utf8'))
      .join('\n')
    for (const secret of ['Internal platform review', 'Bluebird', 'Client notes', 'Zeus']) expect(siteText).not.toContain(secret)

    // A fresh profile restores the personal archive with the normal restore: only what may leave, and the timeline.
    const target = await launchApp({ backup: { open: () => join(folder, archiveName) } })
    apps.push(target)
    await target.emit('menuCommand', { command: 'restore-backup' })
    const dryRun = target.page.getByRole('dialog', { name: 'Restore from a backup' })
    await dryRun.getByRole('button', { name: 'Restore' }).click()
    await target.page.getByRole('dialog', { name: 'Backup restored' }).waitFor()
    await target.page.getByRole('dialog', { name: 'Backup restored' }).getByRole('button', { name: 'Close' }).last().click()
    await expect.poll(() => list(target.page).getByRole('option').count()).toBe(3)
    expect(await row(target.page, 'Why we open-sourced our tools').count()).toBe(1)
    expect(await row(target.page, 'Open source roadmap').count()).toBe(1)
    expect(await row(target.page, 'My reading list').count()).toBe(1)
    await sidebar(target.page).getByRole('button', { name: 'Settings' }).click()
    await settings(target.page).getByRole('heading', { name: 'Career' }).scrollIntoViewIfNeeded()
    await expect.poll(() => settings(target.page).getByRole('button', { name: 'Edit Acme' }).count()).toBe(1)
    expect(await settings(target.page).getByRole('button', { name: 'Edit Globex' }).count()).toBe(1)
    // The watch list did not travel.
    await settings(target.page).getByRole('heading', { name: 'Watch list' }).scrollIntoViewIfNeeded()
    expect(await settings(target.page).getByText('No word yet.').count()).toBe(1)
    await target.screenshot('leaving-restored')
    expect(target.errors).toEqual([])
  })

  it('speaks French in the dark, and Cancel while saving leaves no file behind', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'baluchon-e2e-leaving-fr-'))
    let release: (() => void) | null = null
    let holding = false
    const app = await launchApp({
      locale: 'fr-FR',
      colorScheme: 'dark',
      backup: { save: (name) => join(folder, name) },
      // Holds the archive's bytes on their way to main, so Cancel is pressed while the export is surely running.
      beforeCall: async (channel) => {
        if (channel === 'backupWriteChunk' && holding) await new Promise<void>((resolve) => (release = resolve))
      },
    })
    apps.push(app)
    const { page } = app
    // A base written straight into IndexedDB, then the app reloaded onto it.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('baluchon')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const put = (store: string, records: object[]) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite')
          for (const r of records) tx.objectStore(store).put(r)
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        })
      const affiliation = (id: string, organisation: string, start: string, end: string, defaultLabel: string) => ({
        id, organisation, role: 'Ingénieure', start, end, logoAttachmentId: null, defaultLabel, createdAt: 1, updatedAt: 1,
      })
      const note = (id: string, title: string, text: string, iso: string) => {
        const at = new Date(`${iso}T12:00:00`).getTime()
        return { id, kind: 'note', title, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, bodyText: text, tags: [], status: null, createdAt: at, updatedAt: at, trashed: 0, trashedAt: null }
      }
      await put('affiliations', [
        affiliation('01AFFACME', 'Acmé', '2018-01-01', '2022-12-31', 'employer-confidential'),
        affiliation('01AFFGLOBEX', 'Globex', '2023-01-01', '', 'employer-public'),
      ])
      await put('items', [
        note('01NOTEBILAN', 'Bilan de mes années', 'Ce que j’ai appris chez l’ACME, et ailleurs.', '2024-03-03'),
        note('01NOTEBUDGET', 'Budget 2021', 'Chiffres internes.', '2021-03-01'),
        note('01NOTELECTURES', 'Lectures', 'Des livres.', '2024-04-04'),
      ])
      db.close()
    })
    await app.reload()
    await expect.poll(() => page.getByRole('listbox', { name: 'Éléments' }).getByRole('option').count()).toBe(3)

    await app.emit('menuCommand', { command: 'changing-employer' })
    const dialog = page.getByRole('dialog', { name: 'Changer d’employeur' })
    await dialog.getByRole('radio', { name: /Acmé/ }).check()
    await dialog.getByRole('button', { name: 'Vérifier ce qui part' }).click()
    await expect.poll(() => dialog.getByRole('heading', { name: '2 éléments partent avec vous' }).count()).toBe(1)
    expect(await dialog.getByRole('heading', { name: '1 élément reste' }).count()).toBe(1)
    const bilan = dialog.getByRole('listitem', { name: 'Bilan de mes années' })
    expect(await bilan.locator('mark').allTextContents()).toEqual(['ACME'])
    await app.screenshot('leaving-review-fr-dark')

    await dialog.getByRole('button', { name: 'Continuer' }).click()
    expect(await dialog.getByText('1 élément signalé n’est pas encore vérifié : il partira.').count()).toBe(1)
    holding = true
    await dialog.getByRole('button', { name: 'Enregistrer l’archive personnelle…' }).click()
    await expect.poll(() => release !== null).toBe(true)
    await dialog.getByRole('progressbar', { name: 'Enregistrement de l’archive' }).waitFor()
    await app.screenshot('leaving-saving-fr-dark')
    await dialog.getByRole('button', { name: 'Annuler' }).click()
    holding = false
    ;(release as (() => void) | null)?.()
    await dialog.getByRole('button', { name: 'Enregistrer l’archive personnelle…' }).waitFor()
    // Nothing half-written stays: the temporary file is gone, no archive, no record.
    await expect.poll(() => readdirSync(folder)).toEqual([])
    expect(await dialog.getByRole('alert').count()).toBe(0)

    await dialog.getByRole('button', { name: 'Enregistrer l’archive personnelle…' }).click()
    await expect.poll(() => dialog.getByText(/^Archive personnelle : /).count(), { timeout: 30_000 }).toBe(1)
    const names = readdirSync(folder).sort()
    expect(names).toEqual([expect.stringMatching(/^baluchon-depart-acme-\d{4}-\d{2}-\d{2}\.baluchon$/), expect.stringMatching(/^baluchon-depart-acme-.*\.releve\.md$/)])
    const record = readFileSync(join(folder, names[1]!), 'utf8')
    expect(record).toContain('# Départ de chez Acmé : ce que j’ai emporté et ce que j’ai laissé')
    expect(record).toContain('Note · 1 mars 2021 · `01NOTEBUDGET` · confidentiel par défaut chez Acmé')
    expect(record).toContain('“Bilan de mes années” (Note, 3 mars 2024) — non vérifié : emporté')
    expect(record).not.toContain('Budget 2021')
    await app.screenshot('leaving-done-fr-dark')
    expect(app.errors).toEqual([])
  })
})

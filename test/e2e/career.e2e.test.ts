// Career capital as a person meets it: two affiliations added in Settings (one whose work is confidential by
// default), items dated in each, the confidential mark on the list row, in the item header and on a search result,
// and a label changed by hand making the mark go.
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { body, list, row, sidebar, titleField } from './ui'

let app: App | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

const settings = (page: Page) => page.getByRole('dialog', { name: 'Settings' })
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' })
// The item header (kind, dates, mark) heads the main pane; the pane holds no list row.
const header = (page: Page) => page.getByRole('main')
const acmeMark = (scope: ReturnType<Page['getByRole']>) => scope.getByRole('img', { name: 'Confidential — Acme' })

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

describe('career: affiliations and labels', () => {
  it('marks confidential work in the list, the item header and search results, until its label is changed', async () => {
    app = await launchApp()
    const { page } = app

    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    await settings(page).getByRole('heading', { name: 'Career' }).scrollIntoViewIfNeeded()
    // A refused save keeps what was typed and says why, next to the field.
    await settings(page).getByRole('button', { name: 'Add affiliation' }).click()
    const draft = page.getByRole('dialog', { name: 'Add an affiliation' })
    await draft.getByRole('textbox', { name: 'Role' }).fill('Engineer')
    await draft.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => draft.getByText('Give the organisation’s name.').count()).toBe(1)
    expect(await draft.getByRole('textbox', { name: 'Role' }).inputValue()).toBe('Engineer')
    await draft.getByRole('button', { name: 'Cancel' }).click()

    await addAffiliation(page, { organisation: 'Acme', role: 'Engineer', start: '2018-01-01', end: '2022-12-31', label: 'Confidential' })
    await addAffiliation(page, { organisation: 'Globex', role: 'Lead developer', start: '2023-01-01', end: '', label: 'Employer, public' })
    // Newest first, with the chart of both periods.
    const names = await settings(page).getByRole('list', { name: 'Affiliations' }).getByRole('listitem').allTextContents()
    expect(names).toHaveLength(2)
    expect(names[0]).toContain('Globex')
    expect(names[1]).toContain('Acme')
    expect(names[1]).toContain('Engineer')
    expect(await settings(page).getByRole('img', { name: /^Timeline of affiliations/ }).count()).toBe(1)
    await app.screenshot('career-settings')
    await page.keyboard.press('Escape')
    await expect.poll(() => settings(page).count()).toBe(0)

    // A talk given at Acme (dated by its own date) and a note written today, at Globex.
    await page.getByRole('button', { name: 'New talk' }).first().click()
    await expect.poll(() => titleField(page).inputValue()).toBe('')
    await titleField(page).fill('Internal platform review')
    await body(page).click()
    await page.keyboard.type('Roadmap of the internal platform.')
    await page.getByRole('main').getByLabel('Date', { exact: true }).fill('2020-05-05')
    await page.getByRole('main').getByLabel('Date', { exact: true }).blur()
    await expect.poll(() => row(page, 'Internal platform review').count()).toBe(1)
    await page.keyboard.press('Control+n')
    await expect.poll(() => titleField(page).inputValue()).toBe('')
    await titleField(page).fill('Open source roadmap')
    await body(page).click()
    await page.keyboard.type('Roadmap of what we publish.')
    await expect.poll(() => row(page, 'Open source roadmap').count()).toBe(1)

    // The list row of the Acme talk carries the mark (icon and word), the Globex note does not.
    await expect.poll(() => acmeMark(row(page, 'Internal platform review')).count()).toBe(1)
    expect(await acmeMark(row(page, 'Internal platform review')).textContent()).toBe('Confidential')
    expect(await row(page, 'Open source roadmap').getByRole('img', { name: /Confidential/ }).count()).toBe(0)

    // The item header too, and the fields say why.
    await row(page, 'Internal platform review').click()
    await expect.poll(() => acmeMark(header(page)).count()).toBe(1)
    const affiliation = page.getByRole('main').getByRole('combobox', { name: 'Affiliation' })
    const label = page.getByRole('main').getByRole('combobox', { name: 'Label' })
    await expect.poll(() => affiliation.locator('option:checked').textContent()).toBe('Automatic: Acme')
    await expect.poll(() => label.locator('option:checked').textContent()).toBe('Default of Acme: Confidential')
    await label.scrollIntoViewIfNeeded()
    await app.screenshot('career-item-confidential')

    // A search result carries it as well.
    await searchBox(page).fill('roadmap')
    await expect.poll(() => list(page).getByRole('option').count()).toBe(2)
    await expect.poll(() => acmeMark(row(page, 'Internal platform review')).count()).toBe(1)
    expect(await row(page, 'Open source roadmap').getByRole('img', { name: /Confidential/ }).count()).toBe(0)
    await app.screenshot('career-search-results')

    // Chosen by hand as personal: the mark goes, from the header, the result and the list.
    await label.selectOption({ label: 'Personal' })
    await expect.poll(() => header(page).getByRole('img', { name: /Confidential/ }).count()).toBe(0)
    await expect.poll(() => row(page, 'Internal platform review').getByRole('img', { name: /Confidential/ }).count()).toBe(0)
    await searchBox(page).fill('')
    await expect.poll(() => list(page).getByRole('option').count()).toBe(2)
    expect(await row(page, 'Internal platform review').getByRole('img', { name: /Confidential/ }).count()).toBe(0)
    await app.screenshot('career-label-changed')
    expect(app.errors).toEqual([])
  })

  it('speaks French, in the dark theme: the mark is named "Confidentiel — Acme" and the timeline shows a logo', async () => {
    app = await launchApp({ locale: 'fr-FR', colorScheme: 'dark' })
    const { page } = app
    await page.getByRole('navigation', { name: 'Bibliothèque' }).getByRole('button', { name: 'Réglages' }).click()
    const reglages = page.getByRole('dialog', { name: 'Réglages' })
    await reglages.getByRole('button', { name: 'Ajouter une affiliation' }).click()
    const dialog = page.getByRole('dialog', { name: 'Ajouter une affiliation' })
    await dialog.getByRole('textbox', { name: 'Organisation' }).fill('Acme')
    await dialog.getByRole('textbox', { name: 'Rôle' }).fill('Ingénieure')
    await dialog.getByLabel('Début').fill('2015-09-01')
    await dialog.getByRole('combobox', { name: 'Confidentialité par défaut de ses éléments' }).selectOption({ label: 'Confidentiel' })
    // A logo pasted into its field (as from the clipboard).
    await dialog.getByRole('group', { name: 'Logo' }).evaluate(async (el) => {
      const canvas = new OffscreenCanvas(64, 64)
      const ctx = canvas.getContext('2d')!
      ctx.fillStyle = '#e0a020'
      ctx.fillRect(0, 0, 64, 64)
      ctx.fillStyle = '#203040'
      ctx.fillRect(16, 16, 32, 32)
      const transfer = new DataTransfer()
      transfer.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], 'acme.png', { type: 'image/png' }))
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    })
    await expect.poll(() => dialog.getByRole('img', { name: 'Logo de Acme' }).count()).toBe(1)
    await dialog.getByRole('button', { name: 'Enregistrer' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => reglages.getByRole('list', { name: 'Affiliations' }).getByRole('img', { name: 'Logo de Acme' }).count()).toBe(1)
    await expect.poll(() => reglages.getByRole('list', { name: 'Affiliations' }).textContent()).toContain('1 sept. 2015 – aujourd’hui')
    await reglages.getByRole('list', { name: 'Affiliations' }).scrollIntoViewIfNeeded()
    await app.screenshot('career-settings-fr-dark')
    await page.keyboard.press('Escape')

    await page.keyboard.press('Control+n')
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'Titre' }).inputValue()).toBe('')
    await page.getByRole('main').getByRole('textbox', { name: 'Titre' }).fill('Notes de réunion')
    const item = page.getByRole('listbox', { name: 'Éléments' }).getByRole('option', { name: 'Notes de réunion', exact: true })
    await expect.poll(() => item.getByRole('img', { name: 'Confidentiel — Acme' }).count()).toBe(1)
    expect(await item.getByRole('img', { name: 'Confidentiel — Acme' }).textContent()).toBe('Confidentiel')
    await expect.poll(() => page.getByRole('main').getByRole('img', { name: 'Confidentiel — Acme' }).count()).toBe(1)
    // "Confidentialité" (the label), never confused with "Étiquettes" (the tags) in French.
    await expect.poll(() => page.getByRole('main').getByRole('combobox', { name: 'Confidentialité' }).locator('option:checked').textContent()).toBe(
      'Par défaut de Acme : Confidentiel',
    )
    await app.screenshot('career-item-fr-dark')
    expect(app.errors).toEqual([])
  })
})

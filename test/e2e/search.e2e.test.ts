// Search as a person uses it: words typed without their accents find the accented text, in titles and
// in bodies, with the matched words marked as the author wrote them; a typo is forgiven.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, type App } from './harness'

let app: App | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

const list = (page: Page) => page.getByRole('listbox', { name: 'Items' })
const options = (page: Page) => list(page).getByRole('option')
const titleField = (page: Page) => page.getByRole('main').getByRole('textbox', { name: 'Title' })
const body = (page: Page) => page.getByRole('main').getByRole('textbox', { name: 'Body' })
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' })
const marks = (page: Page) => list(page).locator('mark').allTextContents()

/** A new note with a title and a first paragraph, saved (the list shows it). */
async function note(page: Page, title: string, text: string): Promise<void> {
  await page.keyboard.press('Control+n')
  await expect.poll(() => titleField(page).evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.type(title)
  await body(page).click()
  await page.keyboard.type(text)
  await expect.poll(() => list(page).getByRole('option', { name: new RegExp(title) }).count()).toBe(1)
}

describe('search', () => {
  it('finds an accented word typed without accent, in titles and in bodies', async () => {
    app = await launchApp()
    const { page } = app
    await note(page, 'Économie circulaire', 'La réparation passe avant le recyclage.')
    await note(page, 'Shopping list', 'Milk and bread.')

    await searchBox(page).fill('economie')
    await expect.poll(() => options(page).count()).toBe(1)
    await expect.poll(() => options(page).first().textContent()).toContain('Économie circulaire')
    await expect.poll(() => marks(page)).toContain('Économie')

    await searchBox(page).fill('reparation')
    await expect.poll(() => options(page).count()).toBe(1)
    // Polled: the previous query also had one hit, so the count alone does not say the new answer is shown.
    await expect.poll(() => options(page).first().textContent()).toContain('Économie circulaire')
    await expect.poll(() => marks(page)).toContain('réparation')
    await app.screenshot('search-accents')

    // A typo in a complete word still finds it.
    await searchBox(page).fill('circulaier ')
    await expect.poll(() => options(page).count()).toBe(1)
    await expect.poll(() => marks(page)).toContain('circulaire')

    // Clearing the query brings the whole list back.
    await searchBox(page).fill('')
    await expect.poll(() => options(page).count()).toBe(2)
    expect(app.errors).toEqual([])
  })
})

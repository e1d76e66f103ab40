// The library end to end, as a person uses it: one item of each kind written and still there after a
// reload, Trash and restore, an older version restored from History, French and back, light and dark.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startFakeWeb, type FakeWeb } from './fakeWeb'
import { launchApp, type App } from './harness'
import { body, kind, list, row, saveWords, sidebar, titleField } from './ui'

let app: App | null = null
let web: FakeWeb | null = null
afterEach(async () => {
  await app?.close()
  await web?.close()
  app = null
  web = null
})


/** Writes a title and a first paragraph into the item just created (its title has focus). */
async function write(page: Page, title: string, text: string): Promise<void> {
  await expect.poll(() => titleField(page).evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.type(title)
  await body(page).click()
  await page.keyboard.type(text)
  // Saved once the list shows it (the list reads the database).
  await expect.poll(() => row(page, title).count()).toBe(1)
}

describe('library', () => {
  it('keeps one item of each kind across a reload, with their fields', async () => {
    web = await startFakeWeb({
      'https://blog.example.test/offline': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<title>Offline first, really</title><meta name="description" content="Why local data wins"><meta property="og:site_name" content="Example Blog">',
      },
    })
    app = await launchApp({ linkPreview: web.deps })
    const { page } = app

    // A note from All (Ctrl+N makes a note there).
    await page.keyboard.press('Control+n')
    await write(page, 'Shopping list', 'Milk and bread')

    // A post from Posts, with a status and a tag.
    await kind(page, 'Posts').click()
    await page.getByRole('button', { name: 'New post' }).first().click()
    await write(page, 'Why I write offline', 'A first paragraph.')
    await page.getByRole('main').getByRole('combobox', { name: 'Status' }).selectOption('draft')
    await page.getByRole('main').getByRole('combobox', { name: 'Tags' }).fill('writing')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('main').getByRole('button', { name: 'Remove tag writing' }).count()).toBe(1)

    // A talk from the menu command, with its event.
    await kind(page, 'Talks').click()
    await app.emit('menuCommand', { command: 'new-talk' })
    await write(page, 'Local-first apps', 'Slides to come.')
    await page.getByRole('main').getByRole('textbox', { name: 'Event' }).fill('JSConf EU')
    await page.getByRole('main').getByRole('textbox', { name: 'Event' }).blur()

    // A link: saved at once, then completed with the page's title and description.
    await page.keyboard.press('Control+Shift+L')
    await page.getByRole('dialog', { name: 'Add link' }).getByRole('textbox', { name: 'Web address' }).fill('blog.example.test/offline')
    await page.keyboard.press('Enter')
    await expect.poll(() => titleField(page).inputValue()).toBe('Offline first, really')
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'Description' }).inputValue()).toBe('Why local data wins')

    await kind(page, 'All').click()
    await expect.poll(() => list(page).getByRole('option').count()).toBe(4)
    await expect.poll(() => kind(page, 'Posts').textContent()).toMatch(/1$/)
    await app.reload()

    await expect.poll(() => list(page).getByRole('option').count()).toBe(4)
    for (const title of ['Shopping list', 'Why I write offline', 'Local-first apps', 'Offline first, really']) {
      expect(await row(page, title).count()).toBe(1)
    }
    await row(page, 'Local-first apps').click()
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'Event' }).inputValue()).toBe('JSConf EU')
    await expect.poll(() => body(page).textContent()).toBe('Slides to come.')
    await sidebar(page).getByRole('button', { name: /^writing/ }).click()
    await expect.poll(() => list(page).getByRole('option').count()).toBe(1)
    expect(await row(page, 'Why I write offline').count()).toBe(1)
    expect(app.errors).toEqual([])
  })

  it('moves an item to the Trash and back, and restores an older version from History', async () => {
    app = await launchApp()
    const { page } = app
    await page.keyboard.press('Control+n')
    await write(page, 'Draft notes', 'First version of the text.')
    await page.keyboard.press('Control+n')
    await write(page, 'Other note', 'Something else.')

    // Delete in the list trashes, with Undo; the Trash view gives it back.
    await row(page, 'Draft notes').click()
    await page.keyboard.press('Delete')
    await expect.poll(() => row(page, 'Draft notes').count()).toBe(0)
    await kind(page, 'Trash').click()
    await row(page, 'Draft notes').click()
    await page.getByRole('main').getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => list(page).getByRole('option').count()).toBe(0)
    await kind(page, 'All').click()
    await expect.poll(() => row(page, 'Draft notes').count()).toBe(1)

    // A large change makes a second version; History puts the first one back.
    await row(page, 'Draft notes').click()
    await body(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' ' + 'A much longer rewrite of the text. '.repeat(8))
    await expect.poll(() => saveWords(page, 'Saved').count()).toBe(1)
    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await page.getByRole('menuitem', { name: 'History…' }).click()
    const history = page.getByRole('dialog', { name: 'History' })
    const versions = history.getByRole('listbox', { name: 'Versions' }).getByRole('option')
    await expect.poll(() => versions.count()).toBeGreaterThanOrEqual(2)
    // The version holding the first text (autosave may also have kept the title alone, before the text).
    const texts: string[] = []
    for (let i = 0; i < (await versions.count()); i++) {
      await versions.nth(i).click()
      const text = (await history.getByRole('article', { name: 'Text of this version' }).textContent()) ?? ''
      texts.push(text)
      if (text === 'First version of the text.') break
    }
    expect(texts.at(-1)).toBe('First version of the text.')
    await history.getByRole('button', { name: 'Restore this version' }).click()
    await expect.poll(() => body(page).textContent()).toBe('First version of the text.')
    // The text it replaced is kept as a version too.
    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await page.getByRole('menuitem', { name: 'History…' }).click()
    await expect.poll(() => page.getByRole('dialog', { name: 'History' }).getByText('Before a restore').count()).toBe(1)
    await page.keyboard.press('Escape')
    expect(app.errors).toEqual([])
  })

  it('switches to French and back, and looks right in light and dark', async () => {
    app = await launchApp()
    const { page } = app
    for (const [title, text] of [
      ['Notes from the meetup', 'Talk ideas and people to follow up with.'],
      ['Reading list', 'Books and long articles for the holidays.'],
    ] as const) {
      await page.keyboard.press('Control+n')
      await write(page, title, text)
    }
    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' }).selectOption('fr')
    const reglages = page.getByRole('dialog', { name: 'Réglages' })
    await reglages.waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('navigation', { name: 'Bibliothèque' }).waitFor()
    expect(await page.getByRole('searchbox', { name: 'Rechercher' }).count()).toBe(1)
    expect(await page.getByRole('navigation', { name: 'Bibliothèque' }).getByRole('button', { name: /^Corbeille/ }).count()).toBe(1)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr')
    await app.screenshot('library-main-fr')

    // The choice persists across a reload.
    await app.reload()
    await page.getByRole('navigation', { name: 'Bibliothèque' }).waitFor()
    await page.getByRole('navigation', { name: 'Bibliothèque' }).getByRole('button', { name: 'Réglages' }).click()
    await page.getByRole('dialog', { name: 'Réglages' }).getByRole('combobox', { name: 'Langue' }).selectOption('system')
    await page.getByRole('dialog', { name: 'Settings' }).waitFor()
    expect(app.menuLanguages).toContain('fr')
    expect(app.menuLanguages.at(-1)).toBe('en')

    // Light, then dark, on the main screen with an item open.
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Theme' }).selectOption('light')
    await page.keyboard.press('Escape')
    await row(page, 'Notes from the meetup').click()
    await expect.poll(() => body(page).textContent()).toBe('Talk ideas and people to follow up with.')
    await app.screenshot('library-main-light')
    await page.keyboard.press('Control+,')
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Theme' }).selectOption('dark')
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await app.screenshot('library-main-dark')
    expect(app.errors).toEqual([])
  })
})

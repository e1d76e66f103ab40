// Closing the window right after typing into a detail field (no blur, no pause) loses nothing:
// the close waits for the field's draft as well as the editor's pending save.
import { afterEach, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'

let app: App | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

describe('closing the window', () => {
  it('writes a detail field typed just before closing, then tells main it may close', async () => {
    app = await launchApp()
    const { page } = app
    const main = page.getByRole('main')
    await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /^Posts(\s|$)/ }).click()
    await page.getByRole('button', { name: 'New post' }).first().click()
    await expect.poll(() => main.getByRole('textbox', { name: 'Title' }).evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Closing in a hurry')
    const excerpt = main.getByRole('textbox', { name: 'Excerpt' })
    await excerpt.click()
    await page.keyboard.type('Typed a heartbeat before closing')
    const closesBefore = app.readyToCloseCalls

    await app.restart()

    expect(app.readyToCloseCalls).toBeGreaterThan(closesBefore)
    const page2 = app.page
    await page2.getByRole('listbox', { name: 'Items' }).getByRole('option', { name: 'Closing in a hurry', exact: true }).click()
    await expect.poll(() => page2.getByRole('main').getByRole('textbox', { name: 'Excerpt' }).inputValue()).toBe('Typed a heartbeat before closing')
  })
})

// The app's landmarks as a person finds them (by role and accessible name), and the gestures several end-to-end
// files repeat: writing an item, pasting a picture. English UI (the harness's default locale).
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

export const sidebar = (page: Page): Locator => page.getByRole('navigation', { name: 'Library' })
/** A sidebar entry by its label (its count follows the label in the accessible name). */
export const kind = (page: Page, label: string): Locator => sidebar(page).getByRole('button', { name: new RegExp(`^${label}(\\s|$)`) })
export const list = (page: Page): Locator => page.getByRole('listbox', { name: 'Items' })
export const row = (page: Page, title: string): Locator => list(page).getByRole('option', { name: title, exact: true })
export const titleField = (page: Page): Locator => page.getByRole('main').getByRole('textbox', { name: 'Title' })
export const body = (page: Page): Locator => page.getByRole('main').getByRole('textbox', { name: 'Body' })
/**
 * The editor's save state when it shows these words ("Saved", "Saving…"): both words are laid out, and the one not
 * shown is aria-hidden (painted transparent, out of the accessibility tree), so a mere text match finds both.
 */
export const saveWords = (page: Page, words: string): Locator =>
  page.getByText(words, { exact: true }).and(page.locator('.be-status-save :not([aria-hidden="true"])'))

/** Fills a new, empty item's title and body; done once the list (which reads the database) shows it. */
export async function write(page: Page, title: string, text: string): Promise<void> {
  await expect.poll(() => titleField(page).inputValue()).toBe('')
  await titleField(page).fill(title)
  await body(page).click()
  await page.keyboard.type(text)
  await expect.poll(() => row(page, title).count()).toBe(1)
}

/** Pastes a PNG of the given size (a blue rectangle, "screenshot.png") into the body, as a clipboard paste. */
export async function pastePng(page: Page, width: number, height: number): Promise<void> {
  await body(page).evaluate(
    async (el, size) => {
      const canvas = new OffscreenCanvas(size.width, size.height)
      const ctx = canvas.getContext('2d')!
      ctx.fillStyle = '#2f6fde'
      ctx.fillRect(0, 0, size.width, size.height)
      const transfer = new DataTransfer()
      transfer.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], 'screenshot.png', { type: 'image/png' }))
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    },
    { width, height },
  )
}

// Mastodon in real Chromium, through the UI, against the local Mastodon double (test/support/mastodon; no real
// Mastodon server can run here). The harness routes main's requests for https://social.example to the double, so
// the app is used as with a real https server. A wrong token is refused in words, the account is added; the
// Mastodon counter uses the server's own limit; a 3-part thread is posted with two images and their alt text and
// arrives chained by in_reply_to_id; a single status is scheduled and the server receives scheduled_at in UTC for
// the time picked in the person's zone.
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { wallTimeToInstant } from '../../src/core/publish/schedule'
import { startMastodonDouble, type MastodonDouble } from '../support/mastodon/mastodonDouble'
import { launchApp, type App } from './harness'
import { body, sidebar, write } from './ui'

const ORIGIN = 'https://social.example'
let double: MastodonDouble
beforeAll(async () => {
  // A small limit, so the counter visibly follows the server and a thread needs three posts.
  double = await startMastodonDouble({ maxCharacters: 200 })
})
afterAll(async () => double?.close())

let app: App | null = null
afterEach(async () => {
  await app?.close()
  app = null
  expect(double.violations).toEqual([])
})

async function pasteNamedPng(page: Page, name: string, color: string): Promise<void> {
  await body(page).evaluate(
    async (el, image) => {
      const canvas = new OffscreenCanvas(48, 32)
      const ctx = canvas.getContext('2d')!
      ctx.fillStyle = image.color
      ctx.fillRect(0, 0, 48, 32)
      const transfer = new DataTransfer()
      transfer.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], image.name, { type: 'image/png' }))
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    },
    { name, color },
  )
}

describe('Mastodon', () => {
  it('adds an account after a wrong token, posts a thread with images and alt text, and schedules a status in UTC', async () => {
    app = await launchApp({ mastodon: { origin: ORIGIN, url: double.url } })
    const { page } = app
    // The person lives in Paris (summer time in June: UTC+2); the server keeps UTC.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Paris' })

    // Settings › Publishing › Mastodon: a wrong token first, then the right one.
    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await settings.getByRole('button', { name: 'Add a Mastodon account' }).click()
    await settings.getByRole('textbox', { name: 'Server address' }).fill('social.example')
    const token = settings.getByLabel('Access token')
    await token.fill('not-the-right-token')
    await settings.getByRole('button', { name: 'Check and add' }).click()
    const alert = settings.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toBe('The server refused this access token. Check it, or create a new one (Preferences › Development).')
    await expect.poll(() => token.getAttribute('aria-invalid')).toBe('true')
    await app.screenshot('mastodon-account-error')
    await token.fill(double.token)
    await settings.getByRole('button', { name: 'Check and add' }).click()
    const accounts = settings.getByRole('list', { name: 'Mastodon accounts' })
    await accounts.waitFor()
    expect(await accounts.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Alice Martin (@alice@social.example)200 characters per post, 4 images')])
    await app.screenshot('mastodon-account-added')
    await page.keyboard.press('Escape')

    // A post with two pictures.
    await page.getByRole('button', { name: 'New post' }).first().click()
    await write(page, 'Offline first', 'Notes on writing offline. ')
    await pasteNamedPng(page, 'chart-a.png', '#2f6fde')
    await expect.poll(() => page.getByRole('main').locator('img').count()).toBe(1)
    await body(page).press('End')
    await pasteNamedPng(page, 'chart-b.png', '#de6f2f')
    await expect.poll(() => page.getByRole('main').locator('img').count()).toBe(2)

    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await page.getByRole('menuitem', { name: 'Social posts…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Social posts for “Offline first”' })
    const text = dialog.getByRole('textbox', { name: 'Text for Mastodon' })
    await text.waitFor()
    const paragraphs = [
      'Writing offline keeps your drafts yours: no spinner, no lost paragraph when the train enters a tunnel, and every idea saved the moment you type it.',
      'Publishing is the tedious part: the blog, the announcements, the right time. Baluchon does that part and keeps a record of where everything went.',
      'This thread was posted by the app itself, each reply chained to the previous one, with the pictures and their descriptions for screen readers.',
    ]
    await text.fill(paragraphs.join('\n\n'))
    // The counter follows the server's limit (200), not Mastodon's usual 500.
    const posts = dialog.getByRole('list', { name: 'Mastodon: 3 posts' })
    await posts.waitFor()
    await expect.poll(() => posts.getByText(/^Post \d of 3: \d+ \/ 200$/).count()).toBe(3)

    const panel = dialog.getByRole('group', { name: 'Post on Mastodon' })
    await panel.getByRole('combobox', { name: 'Visibility' }).selectOption({ label: 'Quiet public' })
    await panel.getByRole('checkbox', { name: 'Attach chart-a.png' }).check()
    await panel.getByRole('textbox', { name: 'Alt text for chart-a.png' }).fill('A blue chart of drafts written offline')
    await panel.getByRole('checkbox', { name: 'Attach chart-b.png' }).check()
    await panel.getByRole('textbox', { name: 'Alt text for chart-b.png' }).fill('An orange chart of posts published')
    await panel.getByRole('combobox', { name: 'Post of the thread for chart-b.png' }).selectOption({ label: '3' })
    await app.screenshot('mastodon-thread-ready')
    await panel.getByRole('button', { name: 'Post the thread now (3 posts)' }).click()
    await panel.getByText('Thread posted on Mastodon (3 posts).').waitFor({ timeout: 30_000 })
    await app.screenshot('mastodon-thread-posted')

    const thread = double.statuses.slice(-3)
    expect(thread.map((s) => s.text)).toEqual(paragraphs)
    expect(thread[0]!.inReplyToId).toBeNull()
    expect(thread[1]!.inReplyToId).toBe(thread[0]!.id)
    expect(thread[2]!.inReplyToId).toBe(thread[1]!.id)
    expect(thread.map((s) => s.visibility)).toEqual(['unlisted', 'unlisted', 'unlisted'])
    expect(thread[0]!.mediaIds.map((id) => double.media.get(id)!.description)).toEqual(['A blue chart of drafts written offline'])
    expect(thread[1]!.mediaIds).toEqual([])
    expect(thread[2]!.mediaIds.map((id) => double.media.get(id)!.description)).toEqual(['An orange chart of posts published'])
    expect(thread[2]!.mediaIds.map((id) => double.media.get(id)!.fileName)).toEqual(['chart-b.png'])
    expect(new Set(thread.map((s) => s.idempotencyKey)).size).toBe(3)

    // A single status, scheduled for 1 June 2030 at 09:30 on the person's clock: the server gets it in UTC.
    await text.fill('Offline first: the full post is on the blog tomorrow morning.')
    await dialog.getByRole('list', { name: 'Mastodon: 1 post' }).waitFor()
    await panel.getByRole('checkbox', { name: 'Attach chart-a.png' }).uncheck()
    await panel.getByRole('checkbox', { name: 'Attach chart-b.png' }).uncheck()
    await panel.getByRole('button', { name: 'Schedule…' }).click()
    await panel.getByLabel('Date').fill('2030-06-01')
    await panel.getByLabel('Time').fill('09:30')
    await panel.getByText(/^Time zone: Europe\/Paris\. The server will post it at that time/).waitFor()
    await panel.getByRole('button', { name: 'Schedule', exact: true }).click()
    await panel.getByText(/^Scheduled on the server for /).waitFor()
    await app.screenshot('mastodon-scheduled')
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Europe/Paris')
    const expected = new Date(wallTimeToInstant({ date: '2030-06-01', time: '09:30' }, 'Europe/Paris')!).toISOString()
    expect(expected).toBe('2030-06-01T07:30:00.000Z')
    const held = [...double.scheduled.values()].at(-1)!
    expect(held.params.text).toBe('Offline first: the full post is on the blog tomorrow morning.')
    expect(held.history).toEqual([expected])

    // The item's ledger lists both.
    await page.keyboard.press('Escape')
    const ledger = page.getByRole('main').getByRole('region', { name: 'Where it went' })
    await expect.poll(() => ledger.getByRole('listitem').count()).toBe(2)
    await ledger.scrollIntoViewIfNeeded()
    await app.screenshot('mastodon-ledger')
    // The status the server holds can be cancelled there, from the item.
    await ledger.getByRole('button', { name: 'Cancel the scheduled status (Mastodon · @alice@social.example)' }).click()
    await ledger.getByRole('button', { name: 'Cancel it' }).click()
    await expect.poll(() => double.scheduled.has(held.id)).toBe(false)
    expect(app.errors).toEqual([])
  }, 120_000)

  it('shows the French message for a server that is not Mastodon', async () => {
    app = await launchApp({ locale: 'fr-FR', mastodon: { origin: ORIGIN, url: double.url } })
    const { page } = app
    await page.getByRole('navigation', { name: 'Bibliothèque' }).getByRole('button', { name: 'Réglages' }).click()
    const settings = page.getByRole('dialog', { name: 'Réglages' })
    await settings.getByRole('button', { name: 'Ajouter un compte Mastodon' }).click()
    await settings.getByRole('textbox', { name: 'Adresse du serveur' }).fill('social.example')
    await settings.getByLabel('Jeton d’accès').fill(double.token)
    double.answerNext('GET /api/v1/accounts/verify_credentials', { status: 404, body: { error: 'Not Found' } })
    await settings.getByRole('button', { name: 'Vérifier et ajouter' }).click()
    const alert = settings.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toBe('Aucun serveur Mastodon ne répond à cette adresse.')
    await app.screenshot('mastodon-not-mastodon-fr')
    expect(app.errors).toEqual([])
  }, 60_000)
})

// Publishing in real Chromium, through the UI, to a real WordPress (test/support/wordpress, started and stopped
// here): a wrong password is refused in words, the account is added in Settings, a post with a pasted image is
// published (checked on the blog through REST: content, image in the media library, featured image, tags),
// edited and published again (the same remote post, updated), and the item's "Where it went" shows the ledger row.
// Then the social posts: an X thread with its counters, numbered, copied.
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startWordPress, type WordPressSite } from '../support/wordpress/wordpress'
import { launchApp, type App } from './harness'
import { body, sidebar, write } from './ui'

let wp: WordPressSite
beforeAll(async () => {
  wp = await startWordPress()
}, 180_000)
afterAll(async () => wp?.stop())

let app: App | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

async function pastePng(page: Page): Promise<void> {
  await body(page).evaluate(async (el) => {
    const canvas = new OffscreenCanvas(64, 48)
    const ctx = canvas.getContext('2d')!
    ctx.fillStyle = '#2f6fde'
    ctx.fillRect(0, 0, 64, 48)
    ctx.fillStyle = '#ffcc00'
    ctx.fillRect(8, 8, 20, 20)
    const transfer = new DataTransfer()
    transfer.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], 'chart.png', { type: 'image/png' }))
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  })
}

async function openItemMenuEntry(page: Page, name: string): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
  await page.getByRole('menuitem', { name }).click()
}

/** Settings › Publishing › add the test blog's administrator. */
async function addAccount(page: Page): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add a WordPress account' }).click()
  await settings.getByRole('textbox', { name: 'Site address' }).fill(wp.url)
  await settings.getByRole('textbox', { name: 'Username' }).fill(wp.username)
  await settings.getByLabel('Application password').fill(wp.applicationPassword)
  await settings.getByRole('button', { name: 'Verify and save' }).click()
  await settings.getByRole('list', { name: 'WordPress accounts' }).waitFor()
  await page.keyboard.press('Escape')
}

interface RemotePost {
  id: number
  status: string
  link: string
  title: { raw: string }
  content: { raw: string }
  featured_media: number
  tags: number[]
}

describe('publishing', () => {
  it('adds a WordPress account in Settings, publishes a post with an image, and re-publishing updates the same post', async () => {
    app = await launchApp()
    const { page } = app

    // Settings › Publishing: a wrong password first, then the right one.
    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await settings.getByRole('button', { name: 'Add a WordPress account' }).click()
    await settings.getByRole('textbox', { name: 'Site address' }).fill(wp.url)
    await settings.getByRole('textbox', { name: 'Username' }).fill(wp.username)
    const password = settings.getByLabel('Application password')
    await password.fill('wron gpas swor dxxx xxxx xxxx')
    await settings.getByRole('button', { name: 'Verify and save' }).click()
    const alert = settings.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('WordPress refused the username or the application password')
    await expect.poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true)
    await app.screenshot('publishing-account-error')

    await password.fill(wp.applicationPassword)
    await settings.getByRole('button', { name: 'Verify and save' }).click()
    const accounts = settings.getByRole('list', { name: 'WordPress accounts' })
    await accounts.waitFor()
    expect(await accounts.getByRole('listitem').count()).toBe(1)
    expect(await accounts.textContent()).toContain(wp.url.replace('http://', ''))
    await app.screenshot('publishing-account-added')
    await page.keyboard.press('Escape')

    // A post with a tag and a pasted image.
    await page.getByRole('button', { name: 'New post' }).first().click()
    await write(page, 'Offline first', 'Why local data wins.')
    await pastePng(page)
    await expect.poll(() => page.getByRole('main').locator('img').count()).toBe(1)
    await page.getByRole('main').getByRole('combobox', { name: 'Tags' }).fill('local-first')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('main').getByRole('button', { name: 'Remove tag local-first' }).count()).toBe(1)

    await openItemMenuEntry(page, 'Publish to WordPress…')
    const dialog = page.getByRole('dialog', { name: 'Publish “Offline first”' })
    await dialog.waitFor()
    expect(await dialog.getByRole('textbox', { name: 'Tags' }).inputValue()).toBe('local-first')
    await dialog.getByRole('textbox', { name: 'Categories' }).fill('Essays')
    const featured = dialog.getByRole('combobox', { name: 'Featured image' })
    const imageOption = (await featured.locator('option').allTextContents())[1]!
    await featured.selectOption({ label: imageOption })
    await app.screenshot('publishing-dialog')
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click()
    await dialog.getByText('Published.').waitFor({ timeout: 30_000 })
    await app.screenshot('publishing-published')

    // What the blog holds.
    const posts = await wp.rest<RemotePost[]>('wp/v2/posts?context=edit&search=Offline')
    expect(posts.body).toHaveLength(1)
    const remote = posts.body[0]!
    expect(remote.status).toBe('publish')
    expect(remote.title.raw).toBe('Offline first')
    expect(remote.content.raw).toContain('<p>Why local data wins.</p>')
    const src = /<img src="([^"]+)"/.exec(remote.content.raw)?.[1]
    expect(src).toMatch(new RegExp(`^${wp.url}/wp-content/uploads/`))
    expect(remote.featured_media).toBeGreaterThan(0)
    const media = await wp.rest<{ source_url: string; mime_type: string }>(`wp/v2/media/${remote.featured_media}`)
    expect(media.body.mime_type).toBe('image/png')
    const image = await fetch(src!)
    expect(image.status).toBe(200)
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(50)
    const tags = await wp.rest<{ name: string }[]>(`wp/v2/tags?include=${remote.tags.join(',')}`)
    expect(tags.body.map((t) => t.name)).toEqual(['local-first'])

    await dialog.getByRole('button', { name: 'Open the post', exact: true }).click()
    expect(app.openedUrls).toEqual([remote.link])

    // Edit, then publish again: the same remote post is updated.
    await page.keyboard.press('Escape')
    await body(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Second thoughts.')
    await expect.poll(() => body(page).textContent()).toContain('Second thoughts.')
    // "Where it went" on the item.
    const ledger = page.getByRole('main').getByRole('region', { name: 'Where it went' })
    await ledger.waitFor()
    expect(await ledger.textContent()).toContain('Published on')

    await openItemMenuEntry(page, 'Publish to WordPress…')
    await dialog.getByRole('button', { name: 'Update the post' }).click()
    await dialog.getByText('Published.').waitFor({ timeout: 30_000 })
    const after = await wp.rest<RemotePost[]>('wp/v2/posts?context=edit&search=Offline&status=any')
    expect(after.body.map((p) => p.id)).toEqual([remote.id])
    expect(after.body[0]!.content.raw).toContain('Second thoughts.')
    const mediaCount = await wp.rest<unknown[]>('wp/v2/media?per_page=100')
    expect(mediaCount.body).toHaveLength(1)
    await page.keyboard.press('Escape')

    // Refresh pulls the blog's state back: trashed on the blog.
    await wp.php(`wp_trash_post(${remote.id});`)
    await ledger.getByRole('button', { name: /^Refresh the state from WordPress/ }).click()
    await expect.poll(() => ledger.textContent()).toContain('In the blog’s trash')
    await app.screenshot('publishing-ledger')

    const publishCalls = app.ipcCalls.filter((c) => c.channel === 'wordpressPublish')
    expect(publishCalls.map((c) => (c.result as { ok: boolean }).ok)).toEqual([true, true])
    expect(app.errors).toEqual([])
  }, 180_000)

  it('schedules a post at a time in the person’s time zone, explaining a time the clocks skip', async () => {
    app = await launchApp()
    const { page } = app
    // The person lives in New York; the blog is set to Paris; WordPress keeps UTC in date_gmt.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' })
    await addAccount(page)
    await page.getByRole('button', { name: 'New post' }).first().click()
    await write(page, 'Later, in New York', 'Goes out on a June morning.')

    await openItemMenuEntry(page, 'Publish to WordPress…')
    const dialog = page.getByRole('dialog', { name: 'Publish “Later, in New York”' })
    await dialog.getByRole('radio', { name: 'Schedule' }).check()
    const when = dialog.getByRole('group', { name: 'Date and time (America/New_York)' })
    await when.getByLabel('Date').fill('2030-03-10')
    await when.getByLabel('Time').fill('02:30')
    await when.getByText('02:30 does not exist that day: clocks go forward by 60 minutes.', { exact: false }).waitFor()
    await app.screenshot('publishing-schedule-gap')

    await when.getByLabel('Date').fill('2030-06-01')
    await when.getByLabel('Time').fill('09:30')
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click()
    await dialog.getByText(/^Scheduled: it goes out on /).waitFor({ timeout: 30_000 })

    const posts = await wp.rest<(RemotePost & { date_gmt: string; date: string })[]>('wp/v2/posts?context=edit&status=future&search=York')
    expect(posts.body).toHaveLength(1)
    // 09:30 EDT (UTC-4) is 13:30 UTC, 15:30 in Paris (CEST).
    expect(posts.body[0]).toMatchObject({ status: 'future', date_gmt: '2030-06-01T13:30:00', date: '2030-06-01T15:30:00' })
    await page.keyboard.press('Escape')
    const ledger = page.getByRole('main').getByRole('region', { name: 'Where it went' })
    await expect.poll(() => ledger.textContent()).toMatch(/Scheduled for Jun 1, 2030, 9:30\sAM/)
    expect(app.errors).toEqual([])
  }, 120_000)

  it('splits an X thread with live counters, numbers it, and copies it', async () => {
    app = await launchApp({ locale: 'fr-FR' })
    const { page } = app
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.getByRole('button', { name: 'Nouvelle note' }).first().click()
    const titre = page.getByRole('main').getByRole('textbox', { name: 'Titre' })
    await expect.poll(() => titre.inputValue()).toBe('')
    await titre.fill('Fil')
    await page.getByRole('main').getByRole('textbox', { name: 'Texte' }).click()
    await page.keyboard.type('Une note.')

    await page.getByRole('main').getByRole('button', { name: 'Actions sur l’élément' }).click()
    // The menu is open (its other entries show) and has no WordPress entry for a note.
    await page.getByRole('menuitem', { name: 'Messages pour les réseaux…' }).waitFor()
    expect(await page.getByRole('menuitem', { name: 'Publier sur WordPress…' }).count()).toBe(0)
    await page.getByRole('menuitem', { name: 'Messages pour les réseaux…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Messages pour les réseaux : « Fil »' })
    const x = dialog.getByRole('textbox', { name: 'Texte pour X' })
    await x.waitFor()
    const long = Array.from({ length: 12 }, (_, i) => `Phrase ${i + 1} : écrire hors ligne, c’est garder la main sur ses brouillons.`).join(' ')
    await x.fill(long)
    // Long enough for several posts of 280 (how many depends on where the sentences end).
    const posts = dialog.getByRole('list', { name: /^X : \d+ messages$/ })
    await posts.waitFor()
    const n = Number(/(\d+)/.exec((await posts.getAttribute('aria-label'))!)![1])
    expect(n).toBeGreaterThanOrEqual(3)
    await dialog.getByRole('checkbox', { name: 'Numéroter les messages (1/n)' }).first().check()
    await expect.poll(() => posts.getByText(new RegExp(` 1/${n}$`)).count()).toBe(1)
    const counters = await posts.getByText(new RegExp(`^Message \\d+ sur ${n} : \\d+ / 280$`)).allTextContents()
    expect(counters).toHaveLength(n)
    for (const counter of counters) expect(Number(/: (\d+) \//.exec(counter)![1])).toBeLessThanOrEqual(280)

    // Too long for one LinkedIn post: the counter says so.
    await dialog.getByRole('textbox', { name: 'Texte pour LinkedIn' }).fill('a'.repeat(3010))
    const linkedinCounter = dialog.getByText(/^Le message : 3\s010 \/ 3\s000, 10 de trop$/)
    await linkedinCounter.waitFor()
    expect(await linkedinCounter.getAttribute('class')).toContain('pub-counter-over')

    await dialog.getByRole('button', { name: 'Copier tout le fil X' }).click()
    await dialog.getByText('Copié : le fil.').waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied.split('\n\n')).toHaveLength(n)
    expect(copied.endsWith(` ${n}/${n}`)).toBe(true)
    await app.screenshot('publishing-variants-fr')

    // Saved as typed: reopening shows the same text.
    await page.keyboard.press('Escape')
    await page.getByRole('main').getByRole('button', { name: 'Actions sur l’élément' }).click()
    await page.getByRole('menuitem', { name: 'Messages pour les réseaux…' }).click()
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Texte pour X' }).inputValue()).toBe(long)

    // Posted by hand on X: the item's ledger says so.
    await dialog.getByRole('button', { name: 'Je l’ai publié sur X' }).click()
    await dialog.getByText('Noté dans « Où il est allé » : publié sur X.').waitFor()
    await page.keyboard.press('Escape')
    const ledger = page.getByRole('main').getByRole('region', { name: 'Où il est allé' })
    await expect.poll(() => ledger.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^XPublié le /)])
    await app.screenshot('publishing-ledger-fr')
    expect(app.errors).toEqual([])
  }, 120_000)
})

// The local publication queue in the built app, with the browser's clock under the test's control (Playwright's
// page.clock): an X thread is given a reminder two minutes ahead; nothing happens before its time; at its time
// the queue asks main for a desktop notification (main's real handler, with a recording Notification); clicking
// it brings the window forward and opens the item's social posts with the X thread ready to copy; "I posted it"
// completes the reminder, and the ledger (Where it went, the Publications view) says published.
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startMastodonDouble, type MastodonDouble } from '../support/mastodon/mastodonDouble'
import { launchApp, type App } from './harness'
import { body, sidebar, titleField } from './ui'

const MASTODON = 'https://social.example'
let double: MastodonDouble
beforeAll(async () => {
  double = await startMastodonDouble({ maxCharacters: 200 })
})
afterAll(async () => double?.close())

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
  expect(double.violations).toEqual([])
})

const START = new Date('2026-11-28T09:00:00Z')

async function newNote(app: App, title: string, text: string, french = false): Promise<void> {
  const { page } = app
  // File › New note (the native menu), whatever the list shows.
  await app.emit('menuCommand', { command: 'new-note' })
  const titleBox = french ? page.getByRole('main').getByRole('textbox', { name: 'Titre' }) : titleField(page)
  await expect.poll(() => titleBox.inputValue()).toBe('')
  await titleBox.fill(title)
  await (french ? page.getByRole('main').getByRole('textbox', { name: 'Texte' }) : body(page)).click()
  await page.keyboard.type(text)
}

async function openSocialPosts(page: Page): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
  await page.getByRole('menuitem', { name: 'Social posts…' }).click()
}

describe('publication queue', () => {
  it('a notification clicked while no window is open (macOS) opens the X thread in the window it opens', async () => {
    app = await launchApp({ locale: 'en-US' })
    const { page } = app
    await app.context.clock.install({ time: START })
    await app.reload()
    await newNote(app, 'Closed window', 'A reminder that goes off with the window closed.')
    await openSocialPosts(page)
    const dialog = page.getByRole('dialog', { name: 'Social posts for “Closed window”' })
    await dialog.getByRole('textbox', { name: 'Text for X' }).fill('One post, to be posted by hand.')
    await dialog.getByRole('button', { name: 'Remind me to post on X at a date and time' }).click()
    const form = dialog.getByRole('group', { name: 'Reminder for X, UTC time' })
    await form.getByRole('textbox', { name: 'Date' }).fill('2026-11-28')
    await form.getByLabel('Time').fill('09:02')
    await dialog.getByRole('button', { name: 'Set the reminder' }).click()
    await dialog.getByText(/^Reminder set: X, Nov 28, 2026, 9:02\sAM\./).waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    // Another item is open when it goes off.
    await newNote(app, 'Unrelated', 'Something else.')
    await page.clock.fastForward('02:01')
    await expect.poll(() => app!.notifications.length, { timeout: 15_000 }).toBe(1)

    // The last window was closed; the click opens a new one, which starts and opens what the click pointed at.
    const takes = () => app!.ipcCalls.filter((c) => c.channel === 'notificationTakePending').length
    const started = takes()
    app.closeAllWindows()
    await app.notifications[0]!.click()
    expect(app.focusCount).toBe(1)
    await app.reload()
    await dialog.waitFor()
    await dialog.getByText(/^Time to post on X: the reminder went off on Nov 28, 2026, 9:02\sAM\./).waitFor()
    await app.screenshot('queue-reminder-opened-new-window')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    // The item itself was opened behind the dialog (not the one open when the reminder went off).
    await expect.poll(() => titleField(page).inputValue()).toBe('Closed window')
    // Taken once: another start opens nothing by itself.
    await app.reload()
    await expect.poll(takes).toBe(started + 2)
    expect(await dialog.count()).toBe(0)
    expect(app.notifications).toHaveLength(1)
    expect(app.errors).toEqual([])
  })

  it('reminds at the chosen time with a notification that opens the X thread ready to copy, then records it as published', async () => {
    app = await launchApp({ locale: 'en-US' })
    const { page } = app
    // The clock is the test's from the start of the page (the queue's timers are the fake ones).
    await app.context.clock.install({ time: START })
    await app.reload()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])

    await newNote(app, 'Offline first', 'Why drafts should live on your own disk.')
    await openSocialPosts(page)
    const dialog = page.getByRole('dialog', { name: 'Social posts for “Offline first”' })
    const x = dialog.getByRole('textbox', { name: 'Text for X' })
    await x.waitFor()
    const thread = Array.from({ length: 10 }, (_, i) => `Point ${i + 1}: a draft you own outlives any platform, and it syncs when you want.`).join(' ')
    await x.fill(thread)
    const posts = dialog.getByRole('list', { name: /^X: \d+ posts$/ })
    await posts.waitFor()
    const n = Number(/(\d+)/.exec((await posts.getAttribute('aria-label'))!)![1])
    expect(n).toBeGreaterThanOrEqual(3)

    // Remind me at 09:02 (UTC here): the form says when, in words.
    await dialog.getByRole('button', { name: 'Remind me to post on X at a date and time' }).click()
    const form = dialog.getByRole('group', { name: 'Reminder for X, UTC time' })
    await form.getByRole('textbox', { name: 'Date' }).fill('2026-11-28')
    await form.getByLabel('Time').fill('09:02')
    await form.getByText('The reminder goes off on Nov 28, 2026, 9:02 AM.').waitFor()
    await dialog.getByRole('button', { name: 'Set the reminder' }).click()
    await dialog.getByText(/^Reminder set: X, Nov 28, 2026, 9:02\sAM\./).waitFor()
    await dialog.getByText(/^Reminder for Nov 28, 2026, 9:02\sAM\./).waitFor()
    await app.screenshot('queue-reminder-set')
    await page.keyboard.press('Escape')

    // Where it went: queued for 09:02, with what can be done about it.
    const ledger = page.getByRole('main').getByRole('region', { name: 'Where it went' })
    await expect.poll(() => ledger.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^XScheduled for Nov 28, 2026, 9:02\sAM/)])
    await ledger.getByRole('button', { name: 'Choose another time for X' }).waitFor()
    await ledger.getByRole('button', { name: 'Cancel X' }).waitFor()

    // Another item is open when the time comes.
    await newNote(app, 'Unrelated', 'Something else.')
    await page.clock.fastForward('01:30')
    // Not yet: give the queue a moment to (wrongly) act, through calls that cross the bridge.
    await page.evaluate(() => window.api.appInfo())
    expect(app.notifications).toEqual([])

    await page.clock.fastForward('00:31')
    await expect.poll(() => app!.notifications.length, { timeout: 15_000 }).toBe(1)
    expect(app.notifications.map(({ title, body: text }) => ({ title, text }))).toEqual([{ title: 'Time to post on X', text: '“Offline first”: the text is ready to copy.' }])
    const call = app.ipcCalls.find((c) => c.channel === 'notificationShow')!
    expect(call.input).toMatchObject({ target: { kind: 'publication' } })

    // The click: the window comes forward, the item opens with the X thread ready to copy (its button focused).
    await app.notifications[0]!.click()
    expect(app.focusCount).toBe(1)
    await dialog.waitFor()
    await dialog.getByText(/^Time to post on X: the reminder went off on Nov 28, 2026, 9:02\sAM\./).waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Copy the whole X thread')
    await app.screenshot('queue-reminder-opened')
    await page.keyboard.press('Enter')
    await dialog.getByText('Copied: the thread.').waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied.split('\n\n')).toHaveLength(n)

    // Posted by hand: the reminder's row becomes published (no second row).
    await dialog.getByRole('button', { name: 'I posted it on X' }).click()
    await dialog.getByText('Noted in “Where it went”: posted on X.').waitFor()
    await page.keyboard.press('Escape')
    // The item itself was opened behind the dialog.
    await expect.poll(() => titleField(page).inputValue()).toBe('Offline first')
    await expect.poll(() => ledger.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^XPublished on Nov 28, 2026, 9:02\sAM/)])
    const rows = await page.evaluate(async () => {
      const request = indexedDB.open('baluchon')
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const all = db.transaction('publications').objectStore('publications').getAll()
      return new Promise<{ channel: string; status: string; parts: string[]; remindedAt: number }[]>((resolve) => (all.onsuccess = () => resolve(all.result)))
    })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'x', status: 'published' })
    // Went off at its time, not before (the page's clock also runs on its own between the jumps).
    expect(rows[0]!.remindedAt).toBeGreaterThanOrEqual(START.getTime() + 120_000)
    expect(rows[0]!.remindedAt).toBeLessThan(START.getTime() + 180_000)
    expect(rows[0]!.parts).toHaveLength(n)

    // The Publications view lists it under Published.
    await sidebar(page).getByRole('button', { name: /^Publications/ }).click()
    const view = page.getByRole('dialog', { name: 'Publications' })
    await view.getByRole('radio', { name: /^Published/ }).click()
    await expect.poll(() => view.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Offline firstXPublished on Nov 28, 2026, 9:02\sAM/)])
    await app.screenshot('queue-publications-view')
    expect(app.notifications).toHaveLength(1)
    expect(app.errors).toEqual([])
  }, 120_000)

  it('posts a Mastodon thread scheduled from the Mastodon panel by itself at its time, chained', async () => {
    app = await launchApp({ mastodon: { origin: MASTODON, url: double.url } })
    const { page } = app
    await app.context.clock.install({ time: START })
    await app.reload()
    await sidebar(page).getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await settings.getByRole('button', { name: 'Add a Mastodon account' }).click()
    await settings.getByRole('textbox', { name: 'Server address' }).fill('social.example')
    await settings.getByLabel('Access token').fill(double.token)
    await settings.getByRole('button', { name: 'Check and add' }).click()
    await settings.getByRole('list', { name: 'Mastodon accounts' }).waitFor()
    await page.keyboard.press('Escape')

    await newNote(app, 'Queue thread', 'A thread for later.')
    await openSocialPosts(page)
    const dialog = page.getByRole('dialog', { name: 'Social posts for “Queue thread”' })
    const paragraphs = [
      'First, the queue waits for the time you chose, even if the window sits in the background all morning long.',
      'Then it posts each part of the thread, every reply chained to the one before, and notes each id in the ledger.',
      'If the network drops in between, it resumes after the last part posted: no part ever goes out twice.',
    ]
    await dialog.getByRole('textbox', { name: 'Text for Mastodon' }).fill(paragraphs.join('\n\n'))
    await dialog.getByRole('list', { name: 'Mastodon: 3 posts' }).waitFor()
    // Mastodon posts it from this account: no reminder to post it by hand is offered.
    expect(await dialog.getByRole('button', { name: 'Remind me to post on Mastodon at a date and time' }).count()).toBe(0)
    const panel = dialog.getByRole('group', { name: 'Post on Mastodon' })
    await panel.getByRole('button', { name: 'Schedule…' }).click()
    await panel.getByLabel('Date').fill('2026-11-28')
    await panel.getByLabel('Time').fill('09:02')
    await panel.getByRole('button', { name: 'Schedule', exact: true }).click()
    await page.keyboard.press('Escape')
    const ledger = page.getByRole('main').getByRole('region', { name: 'Where it went' })
    await expect.poll(() => ledger.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Mastodon · @alice@social\.exampleScheduled for Nov 28, 2026, 9:02\sAM/)])

    const ours = () => double.statuses.filter((status) => paragraphs.includes(status.text))
    await page.clock.fastForward('01:30')
    await page.evaluate(() => window.api.appInfo())
    expect(ours()).toEqual([])
    await page.clock.fastForward('00:31')
    await expect.poll(() => ours().length, { timeout: 20_000 }).toBe(3)
    const thread = ours()
    expect(thread.map((status) => status.text)).toEqual(paragraphs)
    expect(thread[1]!.inReplyToId).toBe(thread[0]!.id)
    expect(thread[2]!.inReplyToId).toBe(thread[1]!.id)
    await expect.poll(() => ledger.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Mastodon · @alice@social\.examplePublished on Nov 28, 2026, 9:02\sAM/)])
    await app.screenshot('queue-mastodon-thread-posted')
    // Only the thread's posts, once each.
    expect(app.ipcCalls.filter((call) => call.channel === 'mastodonPostStatus')).toHaveLength(3)
    expect(app.notifications).toEqual([])
    expect(app.errors).toEqual([])
  }, 120_000)

  it('a reminder due while the app was closed goes off at the next start, once, in French', async () => {
    app = await launchApp({ locale: 'fr-FR' })
    const { page } = app
    await app.context.clock.install({ time: START })
    await app.reload()
    await newNote(app, 'Brouillons', 'Garder la main sur ses textes.', true)
    await app.page.getByRole('main').getByRole('button', { name: 'Actions sur l’élément' }).click()
    await app.page.getByRole('menuitem', { name: 'Messages pour les réseaux…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Messages pour les réseaux : « Brouillons »' })
    await dialog.getByRole('button', { name: 'Me rappeler de publier sur Bluesky à une date et une heure' }).click()
    const form = dialog.getByRole('group', { name: 'Rappel pour Bluesky, heure de UTC' })
    await form.getByRole('textbox', { name: 'Date' }).fill('2026-11-28')
    await form.getByLabel('Heure').fill('09:05')
    await dialog.getByRole('button', { name: 'Programmer le rappel' }).click()
    await dialog.getByText(/^Rappel programmé : Bluesky, /).waitFor()
    await page.keyboard.press('Escape')

    // Quit (the window flushes and closes); the time passes while Baluchon is closed; start again.
    const before = app.readyToCloseCalls
    await app.emit('flushRequest', {})
    await expect.poll(() => app!.readyToCloseCalls).toBeGreaterThan(before)
    await app.page.close()
    await app.context.clock.setSystemTime(new Date('2026-11-28T11:00:00Z'))
    app.page = await app.openWindow()
    await expect.poll(() => app!.notifications.length, { timeout: 15_000 }).toBe(1)
    expect(app.notifications.map(({ title, body: text }) => ({ title, text }))).toEqual([
      { title: 'C’est le moment de publier sur Bluesky', text: '« Brouillons » : le texte est prêt à copier.' },
    ])

    // Only once: another start does not remind again.
    await app.reload()
    await app.page.evaluate(() => window.api.appInfo())
    await app.page.clock.fastForward('05:00')
    await app.page.evaluate(() => window.api.appInfo())
    expect(app.notifications).toHaveLength(1)
    // The sidebar counts it as waiting to be posted by hand.
    await expect.poll(() => app!.page.getByRole('navigation').getByRole('button', { name: /^Publications/ }).textContent()).toMatch(/Publications\s*1$/)
    await app.screenshot('queue-missed-fr')
    expect(app.errors).toEqual([])
  }, 120_000)
})

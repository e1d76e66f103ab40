// The content calendar in real Chromium, on a fresh profile, with the person in Paris: a post scheduled on a real
// WordPress through the publish dialog, plus ledger rows in every state written to the app's database; the month
// shows them (state in words, "+N more" on a full day), a queued reminder dragged to another day gets its new time
// in the ledger (and Undo puts it back), the WordPress post dragged to another day is moved on the blog itself
// (date_gmt checked over REST), an idea dragged onto a day is planned and prefills the publish dialog, the week view
// shows the same, both themes are photographed, and the .ics export is read back. Then the French calendar.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { wallTimeToInstant, wordpressDateGmt } from '../../src/core/publish/schedule'
import { startWordPress, type WordPressSite } from '../support/wordpress/wordpress'
import { launchApp, type App } from './harness'
import { kind, sidebar, write } from './ui'

const ZONE = 'Europe/Paris'

let wp: WordPressSite
let folder: string
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'baluchon-e2e-calendar-'))
  wp = await startWordPress()
}, 180_000)
afterAll(async () => {
  await wp?.stop()
  rmSync(folder, { recursive: true, force: true })
})

let app: App | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

/** A calendar day two months from now (always ahead, whatever day the test runs), as `YYYY-MM-DD`. */
function dayInTargetMonth(day: number): string {
  const now = new Date()
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, day))
  return target.toISOString().slice(0, 10)
}

const at = (day: string, time: string): number => wallTimeToInstant({ date: day, time }, ZONE)!

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

interface Row {
  id: string
  itemId: string
  channel: string
  status: string
  scheduledAt: number | null
  publishedAt: number | null
  remoteId: string | null
}

/** Reads a store of the app's database as the app wrote it. */
function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const request = indexedDB.open('baluchon')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const all = db.transaction(name).objectStore(name).getAll()
          all.onsuccess = () => {
            resolve(all.result as T[])
            db.close()
          }
          all.onerror = () => reject(all.error)
        }
      }),
    store,
  )
}

/** Writes records into a store of the app's database (the app reads them after a reload). */
function putRecords(page: Page, store: string, records: unknown[]): Promise<void> {
  return page.evaluate(
    ([name, rows]) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('baluchon')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const tx = db.transaction(name, 'readwrite')
          for (const row of rows as unknown[]) tx.objectStore(name).put(row)
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    [store, records] as const,
  )
}

function ledgerRow(id: string, itemId: string, fields: Partial<Row> & { handling: string }): Record<string, unknown> {
  return {
    id,
    itemId,
    channel: 'linkedin',
    accountId: null,
    status: 'queued',
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: ['Text'],
    scheduledAt: null,
    publishedAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    ...fields,
  }
}

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

async function newPost(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New post' }).first().click()
  await write(page, title, `${title}: the body.`)
}

/** Drags with the mouse, in small steps, as a person does (FullCalendar waits for a few pixels of movement). */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + Math.min(30, a.width / 2), a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(a.x + 40, a.y + a.height / 2 + 6, { steps: 4 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
  await page.mouse.move(b.x + b.width / 2 + 2, b.y + b.height / 2 + 2, { steps: 2 })
  await page.mouse.up()
}

const calendar = (page: Page): Locator => page.getByRole('region', { name: 'Content calendar' })
const dayCell = (page: Page, day: string): Locator => calendar(page).locator(`.fc-daygrid-day[data-date="${day}"]`)
const event = (page: Page, label: RegExp): Locator => calendar(page).getByLabel(label)

async function goToMonth(page: Page, day: string, locale = 'en-US', next = 'Next month'): Promise<void> {
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day}T12:00:00Z`))
  for (let i = 0; i < 4 && (await calendar(page).getByRole('heading', { level: 1 }).textContent())?.toLowerCase() !== title.toLowerCase(); i++) {
    await calendar(page).getByRole('button', { name: next }).click()
  }
  await expect.poll(() => calendar(page).getByRole('heading', { level: 1 }).textContent().then((t) => t?.toLowerCase())).toBe(title.toLowerCase())
  await expect.poll(() => calendar(page).getAttribute('aria-busy')).toBe('false')
}

function parseIcs(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n')
  const events: Record<string, string>[] = []
  let current: Record<string, string> | null = null
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {}
    else if (line === 'END:VEVENT') {
      events.push(current!)
      current = null
    } else if (current) {
      const colon = line.indexOf(':')
      current[line.slice(0, colon)] = line.slice(colon + 1).replace(/\\([,;\\])/g, '$1').replace(/\\n/g, '\n')
    }
  }
  return events
}

describe('content calendar', () => {
  it('shows the ledger in month and week views, moves a queued reminder and a WordPress schedule by dragging, plans an idea, exports .ics', async () => {
    const icsPath = join(folder, 'calendar.ics')
    app = await launchApp({ exportFiles: { save: (_name, kind) => (kind === 'ics' ? icsPath : null) } })
    const { page } = app
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: ZONE })

    const d1 = dayInTargetMonth(9)
    const d2 = dayInTargetMonth(12)
    const d3 = dayInTargetMonth(15)
    const full = dayInTargetMonth(20)

    // A post scheduled on the blog through the publish dialog.
    await addAccount(page)
    await kind(page, 'Posts').click()
    await newPost(page, 'Launch notes')
    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await page.getByRole('menuitem', { name: 'Publish to WordPress…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Publish “Launch notes”' })
    await dialog.getByRole('radio', { name: 'Schedule' }).check()
    const when = dialog.getByRole('group', { name: `Date and time (${ZONE})` })
    await when.getByLabel('Date').fill(d1)
    await when.getByLabel('Time').fill('09:00')
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click()
    await dialog.getByText(/^Scheduled: it goes out on /).waitFor({ timeout: 30_000 })
    await page.keyboard.press('Escape')

    // More items, and ledger rows in every state written to the database.
    for (const title of ['Reading list', 'Spring recap', 'Hiring thread', 'Office hours', 'Conference ideas']) await newPost(page, title)
    const items = await readStore<{ id: string; title: string }>(page, 'items')
    const idOf = (title: string) => items.find((i) => i.title === title)!.id
    const rows = [
      ledgerRow('01CAL00000000000000000000A', idOf('Reading list'), { channel: 'linkedin', handling: 'local-reminder', status: 'queued', scheduledAt: at(d2, '14:00') }),
      ledgerRow('01CAL00000000000000000000B', idOf('Spring recap'), { channel: 'mastodon', handling: 'server', status: 'published', scheduledAt: at(d3, '18:00'), publishedAt: at(d3, '18:00'), remoteId: '1100' }),
      ledgerRow('01CAL00000000000000000000C', idOf('Hiring thread'), { channel: 'x', handling: 'local-reminder', status: 'failed', scheduledAt: at(d3, '10:30') }),
      ledgerRow('01CAL00000000000000000000D', idOf('Office hours'), { channel: 'bluesky', handling: 'local-reminder', status: 'awaiting-manual', scheduledAt: at(d2, '08:15') }),
      ...Array.from({ length: 7 }, (_, i) =>
        ledgerRow(`01CAL0000000000000000000F${i}`, idOf('Spring recap'), { channel: 'linkedin', handling: 'local-reminder', status: 'queued', scheduledAt: at(full, `1${i}:00`) }),
      ),
    ]
    await putRecords(page, 'publications', rows)
    await app.reload()

    // The calendar from the sidebar, on the month of the schedule.
    await sidebar(page).getByRole('button', { name: 'Calendar' }).click()
    await calendar(page).waitFor()
    await goToMonth(page, d1)
    const launch = event(page, /^Scheduled on the server: Launch notes on WordPress/)
    await launch.waitFor()
    await event(page, /^Queued here: Reading list on LinkedIn/).waitFor()
    await event(page, /^Published: Spring recap on Mastodon/).waitFor()
    await event(page, /^Failed: Hiring thread on X/).waitFor()
    await event(page, /^Waiting for you to post it: Office hours on Bluesky/).waitFor()
    // Published things stay put, and say so.
    expect(await event(page, /^Published: Spring recap on Mastodon/).getAttribute('aria-label')).toContain('Already published: it cannot be moved.')
    // A full day shows what fits and "+N more".
    await expect.poll(() => dayCell(page, full).getByText(/^\+\d+ more$/).count()).toBe(1)
    // The ideas: posts without a schedule.
    const ideas = page.getByRole('list', { name: 'Unscheduled ideas' })
    await ideas.getByRole('button', { name: /^Conference ideas/ }).first().waitFor()
    expect(await ideas.getByRole('button', { name: /^Launch notes/ }).count()).toBe(0)
    await app.screenshot('calendar-month-light')

    // Drag the queued reminder a week later: the ledger gets the new day at the same time of day.
    await drag(page, event(page, /^Queued here: Reading list on LinkedIn/), dayCell(page, addDays(d2, 7)))
    const toast = page.getByRole('status', { name: 'Notifications' })
    await toast.getByText(/^“Reading list” moved to /).waitFor()
    const reading = async () => (await readStore<Row>(page, 'publications')).find((r) => r.id === '01CAL00000000000000000000A')!
    await expect.poll(async () => (await reading()).scheduledAt).toBe(at(addDays(d2, 7), '14:00'))
    expect((await reading()).status).toBe('queued')
    // Undo puts it back.
    await toast.getByRole('button', { name: 'Undo' }).first().click()
    await expect.poll(async () => (await reading()).scheduledAt).toBe(at(d2, '14:00'))

    // Drag the WordPress post to the next day: the blog itself gets the new date.
    await drag(page, launch, dayCell(page, addDays(d1, 1)))
    await toast.getByText(/^“Launch notes” moved to /).waitFor({ timeout: 30_000 })
    const movedTo = at(addDays(d1, 1), '09:00')
    const posts = await wp.rest<{ id: number; status: string; date_gmt: string }[]>('wp/v2/posts?context=edit&status=future&search=Launch')
    expect(posts.body).toHaveLength(1)
    expect(posts.body[0]).toMatchObject({ status: 'future', date_gmt: wordpressDateGmt(movedTo) })
    await expect.poll(async () => (await readStore<Row>(page, 'publications')).find((r) => r.channel === 'wordpress')?.scheduledAt).toBe(movedTo)

    // A published row cannot be dragged away.
    const recap = event(page, /^Published: Spring recap on Mastodon/)
    await drag(page, recap, dayCell(page, addDays(d3, 1)))
    expect((await readStore<Row>(page, 'publications')).find((r) => r.id === '01CAL00000000000000000000B')!.publishedAt).toBe(at(d3, '18:00'))

    // Drag an idea onto a day: it is planned there (09:00), leaves the ideas, and the publish dialog starts from it.
    await drag(page, ideas.getByRole('button', { name: /^Conference ideas/ }).first(), dayCell(page, d3))
    await toast.getByText(/^“Conference ideas” planned for /).waitFor()
    await event(page, /^Planned: Conference ideas/).waitFor()
    await expect.poll(() => ideas.getByRole('button', { name: /^Conference ideas/ }).count()).toBe(0)
    expect((await readStore<{ itemId: string; at: number }>(page, 'plans')).map((p) => p.at)).toEqual([at(d3, '09:00')])
    await app.screenshot('calendar-month-moved-light')

    // Week view: the week of the (moved) WordPress post.
    await calendar(page).getByRole('button', { name: 'Week', exact: true }).click()
    for (let i = 0; i < 6 && (await launch.count()) === 0; i++) {
      await calendar(page).getByRole('button', { name: 'Next week' }).click()
      await expect.poll(() => calendar(page).getAttribute('aria-busy')).toBe('false')
    }
    await launch.waitFor()
    await app.screenshot('calendar-week-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.screenshot('calendar-week-dark')
    await calendar(page).getByRole('button', { name: 'Month', exact: true }).click()
    await launch.waitFor()
    await app.screenshot('calendar-month-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // Export .ics, read it back.
    await calendar(page).getByRole('button', { name: 'Export the calendar as an iCalendar file' }).click()
    await toast.getByText(/^Calendar saved as /).waitFor()
    const exported = parseIcs(readFileSync(icsPath, 'utf8'))
    const wordpress = exported.find((e) => e['SUMMARY'] === 'Launch notes (WordPress)')!
    expect(wordpress['DTSTART']).toBe(new Date(movedTo).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z'))
    expect(wordpress['DESCRIPTION']).toBe('Scheduled on the server')
    expect(exported.find((e) => e['SUMMARY'] === 'Conference ideas')!['DESCRIPTION']).toBe('Planned')
    expect(exported).toHaveLength(rows.length + 2)

    // "+N more" counts every event of the day and opens that day's week, where all of them are laid out.
    const more = dayCell(page, full).getByText(/^\+\d+ more$/)
    const hidden = Number((await more.textContent())!.match(/\d+/)![0])
    const visible = await dayCell(page, full).getByLabel(/^Queued here: Spring recap on LinkedIn/).evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el.parentElement!).visibility !== 'hidden').length)
    expect(visible + hidden).toBe(7)
    await more.click()
    await expect.poll(() => calendar(page).getByRole('button', { name: 'Week', exact: true }).getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => event(page, /^Queued here: Spring recap on LinkedIn/).count()).toBe(7)
    await app.screenshot('calendar-week-full-day-light')
    await calendar(page).getByRole('button', { name: 'Month', exact: true }).click()
    await goToMonth(page, d1)

    // Clicking an event opens the item; its publish dialog is prefilled with the plan.
    await calendar(page).getByRole('button', { name: 'Next month' }).click()
    await calendar(page).getByRole('button', { name: 'Previous month' }).click()
    await event(page, /^Planned: Conference ideas/).click()
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Conference ideas')
    await page.getByRole('main').getByRole('button', { name: 'Item actions' }).click()
    await page.getByRole('menuitem', { name: 'Publish to WordPress…' }).click()
    const planned = page.getByRole('dialog', { name: 'Publish “Conference ideas”' })
    await expect.poll(() => planned.getByRole('radio', { name: 'Schedule' }).isChecked()).toBe(true)
    expect(await planned.getByLabel('Date').inputValue()).toBe(d3)
    expect(await planned.getByLabel('Time').inputValue()).toBe('09:00')
    expect(app.errors).toEqual([])
  }, 240_000)

  it('speaks French with weeks starting on Monday, opened with the keyboard shortcut', async () => {
    app = await launchApp({ locale: 'fr-FR', colorScheme: 'dark' })
    const { page } = app
    await page.getByRole('button', { name: 'Nouvel article' }).first().click()
    await page.getByRole('main').getByRole('textbox', { name: 'Titre' }).fill('Idée de billet')
    await page.keyboard.press('Control+Shift+C')
    const region = page.getByRole('region', { name: 'Calendrier éditorial' })
    await region.waitFor()
    await expect.poll(() => region.getAttribute('aria-busy')).toBe('false')
    const headers = await region.locator('.fc-col-header-cell').allTextContents()
    expect(headers[0]).toMatch(/^lun/)
    expect(headers[6]).toMatch(/^dim/)
    await region.getByRole('list', { name: 'Idées non planifiées' }).getByRole('button', { name: /^Idée de billet/ }).waitFor()
    await region.getByRole('button', { name: 'Semaine', exact: true }).click()
    await expect.poll(() => region.locator('.fc-timegrid').count()).toBe(1)
    await app.screenshot('calendar-week-fr-dark')
    expect(app.errors).toEqual([])
  }, 60_000)
})

// Contribution insights in Chromium: a year of bookmarks imported (folders become tags, add dates kept), then the
// dashboard counts them per month, per day and per tag, in English and French, light and dark themes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { sidebar } from './ui'

const temp = mkdtempSync(join(tmpdir(), 'baluchon-e2e-insights-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

let app: App | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

const year = new Date().getFullYear() - 1

/**
 * A Netscape bookmarks file (what browsers export): `perMonth[m]` links saved in month m of last year, on the
 * 3rd, 10th, 17th… in three folders, so the figures to expect follow from the file alone.
 */
function bookmarks(perMonth: number[]): { path: string; total: number; tagCounts: Record<string, number> } {
  const folders = ['Research', 'Design', 'Talks']
  const tagCounts: Record<string, number> = { Research: 0, Design: 0, Talks: 0 }
  const byFolder: string[][] = [[], [], []]
  let n = 0
  perMonth.forEach((count, month) => {
    for (let i = 0; i < count; i++) {
      const day = 3 + ((i * 7) % 25)
      const seconds = Math.floor(Date.UTC(year, month, day, 12) / 1000)
      const folder = n % 3
      tagCounts[folders[folder]!]!++
      byFolder[folder]!.push(`<DT><A HREF="https://example.org/read/${n}" ADD_DATE="${seconds}">Reading ${n}</A>`)
      n++
    }
  })
  const html = [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    '<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1><DL><p>',
    ...folders.flatMap((f, i) => [`<DT><H3>${f}</H3>`, '<DL><p>', ...byFolder[i]!, '</DL><p>']),
    '</DL><p>',
  ].join('\n')
  const path = join(temp, 'bookmarks.html')
  writeFileSync(path, html)
  return { path, total: n, tagCounts }
}

async function importBookmarks(a: App): Promise<void> {
  const dialog = a.page.getByRole('dialog', { name: 'Import' })
  await a.emit('menuCommand', { command: 'import' })
  await dialog.getByRole('button', { name: 'Choose a file…' }).click()
  await dialog.getByRole('button', { name: /^Import \d+ items?$/ }).click()
  const done = a.page.getByRole('dialog', { name: 'Import finished' })
  await done.getByRole('status').waitFor()
  await done.getByRole('button', { name: 'Done' }).click()
}

const figure = (page: Page, name: string) => page.getByRole('figure', { name })

/** The dashboard scrolled back to its top, for a screenshot of its first charts. */
async function toTop(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded()
  await page.locator('.insights').evaluate((el) => el.scrollTo(0, 0))
}

/** Opens a chart's table ("Show the figures"), as a person who reads rather than looks would. */
async function showFigures(page: Page, figureName: string, label = 'Show the figures'): Promise<void> {
  const details = figure(page, figureName).locator('details')
  if ((await details.getAttribute('open')) === null) await figure(page, figureName).getByText(label).click()
}

async function cells(page: Page, figureName: string, rowName: RegExp): Promise<string[]> {
  return figure(page, figureName).getByRole('row', { name: rowName }).getByRole('cell').allTextContents()
}

describe('contribution insights', () => {
  it('counts a year of imported links per month, per day and per tag, in both languages and themes', async () => {
    const perMonth = [3, 5, 8, 2, 0, 6, 4, 9, 12, 7, 5, 10]
    const file = bookmarks(perMonth)
    app = await launchApp({ importFiles: { pick: () => file.path } })
    const { page } = app
    await importBookmarks(app)

    await sidebar(page).getByRole('button', { name: 'Insights' }).click()
    await page.getByRole('heading', { name: 'Contribution insights' }).waitFor()
    await page.getByRole('combobox', { name: 'Year' }).selectOption(String(year))
    const months = `Contributions per month, ${year}`
    await figure(page, months).waitFor()
    await showFigures(page, months)
    // Every month's links, from the chart's own table.
    for (const [month, name] of [[0, 'January'], [8, 'September'], [11, 'December']] as const) {
      await expect.poll(() => cells(page, months, new RegExp(`^${name} ${year}`))).toEqual(['0', '0', String(perMonth[month]), '0', String(perMonth[month])])
    }
    // The chart's spoken summary (the figure's picture, as a screen reader announces it).
    const summary = `${file.total} contributions in ${year}; the busiest month was September ${year} with 12.`
    expect(await figure(page, months).getByRole('img', { name: summary, exact: true }).count()).toBe(1)
    // The heatmap draws every day of the year; the busiest days carry the darkest level.
    const heatmap = figure(page, `Your year, day by day: ${year}`)
    const days = await heatmap.locator('svg rect[data-date]').count()
    expect(days).toBe(new Date(Date.UTC(year, 1, 29)).getUTCDate() === 29 ? 366 : 365)
    expect(await heatmap.locator(`svg rect[data-date="${year}-09-03"] title`).textContent()).toMatch(/: 1 contribution$/)
    // Folders became tags: each is a bar and a row.
    await showFigures(page, 'Most used tags')
    for (const [tag, count] of Object.entries(file.tagCounts)) {
      // The table is drawn when it is opened (tables are built on demand).
      await expect.poll(() => cells(page, 'Most used tags', new RegExp(`^${tag}`))).toEqual([String(count)])
    }
    expect(await figure(page, 'Most used tags').locator('.insights-bar').count()).toBe(3)
    await figure(page, 'Most used tags').scrollIntoViewIfNeeded()
    await app.screenshot('insights-en-light-lower')
    await toTop(page)
    await app.screenshot('insights-en-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await toTop(page)
    await app.screenshot('insights-en-dark')

    // The same figures in French, through the palette's language command.
    await app.emit('menuCommand', { command: 'open-palette' })
    await page.getByRole('combobox').fill('Interface in French')
    // Enter runs the highlighted command: wait until the filtered list highlights this one.
    const french = page.getByRole('option', { name: 'Interface in French (Français)' })
    await expect.poll(() => french.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0)
    await page.getByRole('heading', { name: 'Bilan des contributions' }).waitFor()
    await showFigures(page, `Contributions par mois, ${year}`, 'Afficher les chiffres')
    await expect
      .poll(() => cells(page, `Contributions par mois, ${year}`, new RegExp(`^septembre ${year}`)))
      .toEqual(['0', '0', '12', '0', '12'])
    await toTop(page)
    await app.screenshot('insights-fr-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await toTop(page)
    await app.screenshot('insights-fr-light')
    expect(app.errors).toEqual([])
  })
})

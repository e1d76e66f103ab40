// calendar-render: 1,000 scheduled ledger rows in the current month; a click on the sidebar's Calendar (from the
// library) until that month is painted with them (data read, FullCalendar laid out, each day's events drawn with
// "+N more"). raw: bare IndexedDB reading the month's two index ranges (scheduledAt, publishedAt) of the ledger and
// the titles of their items, i.e. the data the view needs, without drawing anything.
import type { Page } from 'playwright-core'
import { firstSeen, settle, timeInteraction } from '../lib/inPage'
import { profileSample } from '../lib/profile'
import { kindButton, sidebar } from '../lib/ui'
import type { AppSession } from './session'
import { samples, type Samples } from './types'

export const CALENDAR_ROWS = 1000

interface Seeded {
  /** The day (in the page's zone) whose first event the probe waits for, and that event's title. */
  day: string
  title: string
  from: number
  to: number
}

/**
 * tsx (esbuild, keepNames) wraps the named inner functions of the page functions below in `__name(...)`, a helper
 * that exists in Node only: the page gets a stand-in before they run.
 */
async function allowNamedFunctions(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn')
}

/**
 * Writes `count` ledger rows scheduled on a blog (WordPress `future` posts: the platform holds them, so the local
 * queue leaves them alone, whereas queued reminders already due would set the queue off during the measure) spread
 * over the current month in the page's time zone, into the app's own database (read when the calendar opens).
 */
function seedLedger(page: Page, count: number): Promise<Seeded> {
  return page.evaluate(
    (n) =>
      new Promise<Seeded>((resolve, reject) => {
        const request = indexedDB.open('baluchon')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const read = db.transaction('items').objectStore('items').getAll(null, n)
          read.onerror = () => reject(read.error)
          read.onsuccess = () => {
            const items = (read.result as { id: string; title: string }[]).slice(0, n)
            const now = new Date()
            const year = now.getFullYear()
            const month = now.getMonth()
            const days = new Date(year, month + 1, 0).getDate()
            const tx = db.transaction('publications', 'readwrite')
            const store = tx.objectStore('publications')
            const pad = (v: number) => String(v).padStart(2, '0')
            let last: { day: string; title: string; at: number } | null = null
            for (let i = 0; i < n; i++) {
              const item = items[i % items.length]!
              const day = 1 + (i % days)
              const at = new Date(year, month, day, 8 + (Math.floor(i / days) % 12), (i * 7) % 60).getTime()
              store.put({
                id: `BENCHCAL${String(i).padStart(18, '0')}`,
                itemId: item.id,
                channel: 'wordpress',
                accountId: 'bench-account',
                handling: 'server',
                status: 'scheduled',
                remoteId: String(1000 + i),
                remotePartIds: [String(1000 + i)],
                remoteUrl: null,
                parts: [item.title],
                scheduledAt: at,
                publishedAt: null,
                error: null,
                attempts: 0,
                nextAttemptAt: null,
                remindedAt: null,
                createdAt: Date.now(),
                updatedAt: Date.now(),
              })
              const key = `${year}-${pad(month + 1)}-${pad(day)}`
              // The earliest event of the month's last day: drawn first in its cell once the month is painted.
              if (day === days && (!last || at < last.at)) last = { day: key, title: item.title, at }
            }
            tx.oncomplete = () => {
              db.close()
              resolve({ day: last!.day, title: last!.title, from: new Date(year, month, 1).getTime(), to: new Date(year, month + 1, 1).getTime() })
            }
            tx.onerror = () => reject(tx.error)
          }
        }
      }),
    count,
  )
}

/** Bare IndexedDB: the month's rows through both indexes, then their items' titles. */
function rawMonth(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    ([start, end]) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now()
        const request = indexedDB.open('baluchon')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const tx = db.transaction(['publications', 'items'])
          const publications = tx.objectStore('publications')
          const range = IDBKeyRange.bound(start, end, false, true)
          const a = publications.index('scheduledAt').getAll(range)
          const b = publications.index('publishedAt').getAll(range)
          let pending = 2
          const done = () => {
            if (--pending > 0) return
            const ids = new Set([...(a.result as { itemId: string }[]), ...(b.result as { itemId: string }[])].map((p) => p.itemId))
            const items = tx.objectStore('items')
            let left = ids.size
            if (left === 0) return finish()
            for (const id of ids) {
              const get = items.get(id)
              get.onsuccess = () => {
                if (--left === 0) finish()
              }
            }
          }
          const finish = () => {
            const ms = performance.now() - t0
            db.close()
            resolve(ms)
          }
          a.onsuccess = done
          b.onsuccess = done
          tx.onerror = () => reject(tx.error)
        }
      }),
    [from, to] as const,
  )
}

const calendarButton = (page: Page) => sidebar(page).getByRole('button', { name: /^Calendar(\s|$)/ })

export async function calendarRender(session: AppSession, runs: number, log: (message: string) => void): Promise<Samples> {
  const { page, cdp } = session
  const out = samples()
  await allowNamedFunctions(page)
  const seeded = await seedLedger(page, CALENDAR_ROWS)
  log(`calendar-render: ${CALENDAR_ROWS} scheduled rows seeded over the current month; the probe waits for "${seeded.title}" on ${seeded.day}`)
  // Started again on the seeded base, as a person's session starts: the app reads the calendar's first month ahead
  // once it is idle (calendar/readAhead.ts), and the first sample is the session's first showing of the calendar.
  await page.reload()
  if ((await firstSeen(page)) === null) throw new Error('calendar-render: the app showed no rows after the reload')
  await allowNamedFunctions(page)
  const readAhead = await page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        const started = performance.now()
        const check = () => {
          const mark = performance.getEntriesByName('baluchon:calendar-read-ahead')[0]
          if (mark) resolve(mark.startTime)
          else if (performance.now() - started > 30_000) resolve(null)
          else setTimeout(check, 50)
        }
        check()
      }),
  )
  log(readAhead === null ? 'calendar-render: no read-ahead within 30 s of the start' : `calendar-render: month read ahead ${Math.round(readAhead)} ms after the page started`)
  await settle(page, 200)
  // The month painted with its rows: the first event of the last day shows its title.
  const painted = { type: 'contains' as const, selector: `.fc-daygrid-day[data-date="${seeded.day}"] .cal-ev-title`, text: seeded.title }
  for (let i = 0; i < runs; i++) {
    // The first sample starts from the library, where the session started.
    if (i > 0) {
      await kindButton(page, 'All').click({ timeout: 10_000 })
      await settle(page)
    }
    const ms = await profileSample(cdp, `calendar-render-${i}`, () => timeInteraction(page, 'click', painted, () => calendarButton(page).click({ timeout: 10_000 })))
    if (ms === null) out.notes.push('the month was not painted within 10 s')
    else out.app.push(ms)
    await settle(page)
  }
  await allowNamedFunctions(page)
  for (let i = 0; i < runs; i++) out.raw.push(await rawMonth(page, seeded.from, seeded.to))
  await kindButton(page, 'All').click()
  await settle(page)
  return out
}

// @vitest-environment jsdom
// The calendar screen in jsdom: ledger rows and plans read for the visible month and shown with their state in
// words and their channel, the ideas beside it, moving an event from the keyboard (Alt+arrows) with Undo, a
// published event that stays put and says why, a refusal from the blog told in the person's language, and the
// French calendar (weeks from Monday). Dragging with a mouse is covered in Chromium (test/e2e/calendar.e2e.test.ts).
process.env.TZ = 'Europe/Paris'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ToastProvider } from '../../../src/app/ui/Toasts'
import type { Publication } from '../../../src/core/publish'
import type { BaluchonDb } from '../../../src/db/schema'
import { CalendarScreen } from '../../../src/features/calendar/CalendarScreen'
import { CALENDAR_STATES } from '../../../src/features/calendar/model'
import { setPlan } from '../../../src/features/calendar/plans'
import { recallRange } from '../../../src/features/calendar/rangeCache'
import { createItem } from '../../../src/features/items/repository'
import { LibraryStore, LibraryStoreProvider } from '../../../src/features/library/libraryStore'
import { i18next } from '../../../src/i18n'
import { fail, setUp } from '../publishing/support'

afterEach(cleanup)

// jsdom lays nothing out: the ideas list's scroll box gets a height so its virtualiser has rows to draw.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!
Object.defineProperty(Element.prototype, 'clientHeight', {
  configurable: true,
  get(this: Element) {
    return this.classList.contains('cal-ideas-scroll') ? 600 : (clientHeight.get!.call(this) as number)
  },
})

const DAY = 86_400_000

/** The calendar date of an instant on the Paris clock (the test's zone), as FullCalendar writes it. */
const dayOf = (at: number) => {
  const d = new Date(at)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
const startOf = (day: string) => new Date(`${day}T00:00:00`).getTime()

/** A day of the current month, at a time on the Paris clock (the test's zone). */
function thisMonth(day: number, hour: number): number {
  const now = new Date()
  return new Date(now.getFullYear(), now.getMonth(), day, hour, 0).getTime()
}

function row(id: string, itemId: string, over: Partial<Publication>): Publication {
  return {
    id,
    itemId,
    channel: 'linkedin',
    accountId: null,
    handling: 'local-reminder',
    status: 'queued',
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: ['x'],
    scheduledAt: null,
    publishedAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  }
}

async function mount(language: 'en' | 'fr' = 'en'): Promise<{ db: BaluchonDb; api: Awaited<ReturnType<typeof setUp>>['api']; store: LibraryStore }> {
  const { db, api } = await setUp(language)
  await i18next.loadNamespaces(['calendar'])
  api.wordpressReschedule = (await import('vitest')).vi.fn()
  const store = new LibraryStore()
  store.showCalendar()
  return { db, api, store }
}

function show(store: LibraryStore) {
  render(
    <LibraryStoreProvider store={store}>
      <ToastProvider>
        <CalendarScreen />
      </ToastProvider>
    </LibraryStoreProvider>,
  )
}

// Mid-month days so the month view of "now" always holds them; far enough ahead of now not to be in the past.
const future = (offsetDays: number, hour: number) => {
  const at = Date.now() + offsetDays * DAY
  const d = new Date(at)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), hour, 0).getTime()
}

describe('calendar screen', () => {
  it('shows the month’s rows with their state and channel, and the ideas', async () => {
    const { db, store } = await mount()
    const post = await createItem(db, 'post', { title: 'Reading list' })
    const done = await createItem(db, 'post', { title: 'Spring recap' })
    await createItem(db, 'post', { title: 'An idea' })
    const planned = await createItem(db, 'note', { title: 'Planned note' })
    await db.publications.bulkPut([
      row('q', post.id, { scheduledAt: thisMonth(14, 14) }),
      row('p', done.id, { channel: 'mastodon', handling: 'server', status: 'published', publishedAt: thisMonth(10, 18), scheduledAt: thisMonth(10, 18) }),
    ])
    await setPlan(db, planned.id, thisMonth(20, 9))
    show(store)

    const region = await screen.findByRole('region', { name: 'Content calendar' })
    const queued = await within(region).findByLabelText(/^Queued here: Reading list on LinkedIn, /)
    expect(queued.textContent).toContain('Reading list')
    expect(queued.textContent).toContain('Queued here')
    expect(queued.textContent).toContain('in')
    // Each state has its icon (drawn by calendar.css as a mask from the images set on the calendar), and the lock.
    for (const name of [...CALENDAR_STATES, 'lock']) expect(region.style.getPropertyValue(`--cal-icon-${name}`)).toMatch(/^url\("data:image\/svg\+xml,%3Csvg/)
    const published = within(region).getByLabelText(/^Published: Spring recap on Mastodon, /)
    expect(published.getAttribute('aria-label')).toContain('Already published: it cannot be moved.')
    within(region).getByLabelText(/^Planned: Planned note, /)
    const ideas = within(region).getByRole('list', { name: 'Unscheduled ideas' })
    await waitFor(() => expect(region.querySelector('.cal-ideas-count')?.textContent).toBe('1 idea'))
    await within(ideas).findByRole('button', { name: /^An idea/ })
    // Scheduled, published or planned items are not ideas any more.
    expect(within(ideas).queryByRole('button', { name: /^Reading list/ })).toBeNull()
    expect(within(ideas).queryByRole('button', { name: /^Planned note/ })).toBeNull()
    expect(within(region).getByRole('button', { name: 'Month' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('shows a month again at once from what it showed, then follows the database', async () => {
    const { db, store } = await mount()
    const post = await createItem(db, 'post', { title: 'Reading list' })
    await db.publications.put(row('q', post.id, { scheduledAt: thisMonth(14, 14) }))
    show(store)
    await screen.findByLabelText(/^Queued here: Reading list on LinkedIn, /)
    cleanup()

    // Shown again: the month is drawn with its events on the first render, before any read of the database.
    show(store)
    const event = screen.getByLabelText(/^Queued here: Reading list on LinkedIn, /)
    expect(event.closest('[data-date]')!.getAttribute('data-date')).toBe(dayOf(thisMonth(14, 14)))
    // The live queries read it again (what they read is remembered anew) without drawing the same events again.
    const days = [...document.querySelectorAll('.fc-daygrid-day[data-date]')].map((cell) => cell.getAttribute('data-date')!)
    const range = { from: startOf(days[0]!), to: startOf(days[days.length - 1]!) + DAY }
    const first = recallRange(db, range)
    expect(first).toBeDefined()
    const drawn: Element[] = []
    const keep = (records: MutationRecord[]) => records.forEach((r) => r.addedNodes.forEach((n) => n instanceof Element && (n.matches('.fc-event, .cal-ev') || n.querySelector('.fc-event, .cal-ev')) && drawn.push(n)))
    const observer = new MutationObserver(keep)
    observer.observe(document.querySelector('.cal-grid')!, { childList: true, subtree: true })
    await waitFor(() => expect(recallRange(db, range)).not.toBe(first))
    keep(observer.takeRecords())
    observer.disconnect()
    expect(drawn).toEqual([])
    expect(event.isConnected).toBe(true)
    cleanup()

    // A write while the calendar is not shown: the next showing never draws the row where it was.
    await db.publications.update('q', { scheduledAt: thisMonth(15, 14) })
    show(store)
    expect(screen.queryByLabelText(/^Queued here: Reading list on LinkedIn, /)).toBeNull()
    const moved = await screen.findByLabelText(/^Queued here: Reading list on LinkedIn, /)
    expect(moved.closest('[data-date]')!.getAttribute('data-date')).toBe(dayOf(thisMonth(15, 14)))
  })

  it('moves a queued row a day later with Alt+→, and Undo puts it back', async () => {
    const { db, store } = await mount()
    const post = await createItem(db, 'post', { title: 'Weekly digest' })
    const at = future(2, 10)
    await db.publications.put(row('q', post.id, { scheduledAt: at }))
    show(store)
    const event = await screen.findByLabelText(/^Queued here: Weekly digest on LinkedIn, /)
    event.focus()
    fireEvent.keyDown(event, { key: 'ArrowRight', altKey: true })
    await waitFor(async () => expect((await db.publications.get('q'))!.scheduledAt).toBe(at + DAY))
    const toasts = screen.getByRole('status', { name: 'Notifications' })
    await within(toasts).findByText(/^“Weekly digest” moved to /)
    fireEvent.click(within(toasts).getByRole('button', { name: 'Undo' }))
    await waitFor(async () => expect((await db.publications.get('q'))!.scheduledAt).toBe(at))
    await within(toasts).findByText('Move undone.')
  })

  it('leaves a published row where it is', async () => {
    const { db, store } = await mount()
    const post = await createItem(db, 'post', { title: 'Shipped' })
    const at = future(1, 12)
    await db.publications.put(row('p', post.id, { status: 'published', publishedAt: at, scheduledAt: at }))
    show(store)
    const event = await screen.findByLabelText(/^Published: Shipped on LinkedIn, /)
    fireEvent.keyDown(event, { key: 'ArrowRight', altKey: true })
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect((await db.publications.get('p'))!.publishedAt).toBe(at)
  })

  it('tells why the blog refused a move, in French, and leaves the row as it was', async () => {
    const { db, api, store } = await mount('fr')
    const post = await createItem(db, 'post', { title: 'Billet' })
    const at = future(3, 9)
    await db.publications.put(row('w', post.id, { channel: 'wordpress', handling: 'server', status: 'scheduled', accountId: 'acc-1', remoteId: '12', scheduledAt: at }))
    api.wordpressReschedule!.mockResolvedValue(fail('network', 'fetch failed'))
    show(store)
    const region = await screen.findByRole('region', { name: 'Calendrier éditorial' })
    const event = await within(region).findByLabelText(/^Programmé sur le serveur : Billet sur WordPress, /)
    // Weeks start on Monday in French.
    const headers = [...region.querySelectorAll('.fc-col-header-cell')].map((cell) => cell.textContent)
    expect(headers[0]).toMatch(/^lun/)
    fireEvent.keyDown(event, { key: 'ArrowDown', altKey: true })
    const toasts = screen.getByRole('status', { name: /Notifications/ })
    await within(toasts).findByText(/^« Billet » n’a pas été déplacé : Le site est injoignable/)
    expect(api.wordpressReschedule).toHaveBeenCalledWith({ accountId: 'acc-1', remoteId: 12, dateGmt: new Date(at + 7 * DAY).toISOString() })
    expect((await db.publications.get('w'))!.scheduledAt).toBe(at)
  })
})

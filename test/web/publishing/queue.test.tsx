// @vitest-environment jsdom
// The local queue's UI: a reminder's time in a zone with clock changes (skipped and repeated times said, a past
// time refused), "Remind me at…" under a channel writing a queued ledger row with the posts and cancelling it,
// no hand-posting reminder for Mastodon when an account posts it, and the Publications view (virtualised at 2,000
// rows, filters with counts, Retry on a failed row).
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { MASTODON_DEFAULT_LIMITS } from '../../../src/core/ipc/mastodonTypes'
import type { PostItem } from '../../../src/core/items'
import type { Publication } from '../../../src/core/publish/ledger'
import { createItem } from '../../../src/features/items/repository'
import { LibraryStore, LibraryStoreProvider } from '../../../src/features/library/libraryStore'
import { formatWhen } from '../../../src/features/publishing/describe'
import { PublicationsView } from '../../../src/features/publishing/queue/PublicationsView'
import { scheduleLocalPublication } from '../../../src/features/publishing/queue/repository'
import { ScheduleFields, useResolvedSchedule, type WallTimeValue } from '../../../src/features/publishing/queue/ScheduleFields'
import { closePublicationsView, openPublicationsView } from '../../../src/features/publishing/queue/viewStore'
import { VariantsDialog } from '../../../src/features/publishing/VariantsDialog'
import { WhereItWent } from '../../../src/features/publishing/WhereItWent'
import { i18next } from '../../../src/i18n'
import { ok, setUp } from './support'

afterEach(() => {
  act(() => closePublicationsView())
  cleanup()
})

async function setUpQueue() {
  const set = await setUp()
  await i18next.loadNamespaces(['publicationQueue'])
  return set
}

function Paris({ initial, now }: { initial: WallTimeValue; now: number }) {
  const [value, setValue] = useState(initial)
  const { schedule, resolution } = useResolvedSchedule(value, 'Europe/Paris', now)
  return <ScheduleFields value={value} onChange={setValue} zone="Europe/Paris" legend="When" schedule={schedule} resolution={resolution} />
}

describe('a reminder time in the person’s zone', () => {
  const now = Date.UTC(2027, 0, 1)

  it('says when a time is skipped by the clocks going forward, and when it would really go off', async () => {
    await setUpQueue()
    render(<Paris initial={{ date: '2027-03-28', time: '02:30', overlap: 'earlier' }} now={now} />)
    // 03:30 in Paris that day, shown in this computer's zone.
    const at = formatWhen(Date.UTC(2027, 2, 28, 1, 30), 'en')
    expect(screen.getByText(`02:30 does not exist that day: clocks go forward by 60 minutes. The reminder would go off on ${at}.`)).toBeTruthy()
  })

  it('asks which one when a time happens twice, and refuses a time already past', async () => {
    await setUpQueue()
    const user = userEvent.setup()
    render(<Paris initial={{ date: '2027-10-31', time: '02:30', overlap: 'earlier' }} now={now} />)
    expect(screen.getByText('02:30 happens twice that day, as clocks go back. Choose which one:')).toBeTruthy()
    const choice = screen.getByRole('radiogroup', { name: 'Which 02:30' })
    expect(within(choice).getAllByRole('radio')).toHaveLength(2)
    await user.clear(screen.getByLabelText('Date'))
    await user.type(screen.getByLabelText('Date'), '2026-01-01')
    expect((await screen.findByRole('alert')).textContent).toBe('This time has already passed: choose a later one.')
  })
})

describe('Remind me at… under a channel', () => {
  it('queues the channel’s posts for the chosen time, shows it, and cancels it', async () => {
    const { db } = await setUpQueue()
    const item = (await createItem(db, 'post', { title: 'Hello world' })) as PostItem
    const user = userEvent.setup()
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog', { name: 'Social posts for “Hello world”' })
    await user.click(await within(dialog).findByRole('button', { name: 'Remind me to post on LinkedIn at a date and time' }))
    const when = Date.now() + 3 * 86_400_000
    const day = new Date(when)
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
    const form = within(dialog).getByRole('group', { name: /^Reminder for LinkedIn/ })
    await user.clear(within(form).getByLabelText('Date'))
    await user.type(within(form).getByLabelText('Date'), date)
    await user.clear(within(form).getByLabelText('Time'))
    await user.type(within(form).getByLabelText('Time'), '10:15')
    await user.click(within(dialog).getByRole('button', { name: 'Set the reminder' }))
    await within(dialog).findByText(/^Reminder set: LinkedIn, /)
    // Focus goes to what replaced the form, not back to the page.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Change the reminder time for LinkedIn'))

    const rows = await db.publications.toArray()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ itemId: item.id, channel: 'linkedin', handling: 'local-reminder', status: 'queued', accountId: null, remindedAt: null })
    expect(rows[0]!.parts).toEqual([(within(dialog).getByLabelText('Text for LinkedIn') as HTMLTextAreaElement).value])
    expect(new Date(rows[0]!.scheduledAt!).getHours()).toBe(10)
    expect(new Date(rows[0]!.scheduledAt!).getMinutes()).toBe(15)

    await user.click(await within(dialog).findByRole('button', { name: 'Cancel the reminder for LinkedIn' }))
    await within(dialog).findByText('Reminder for LinkedIn cancelled.')
    expect(await db.publications.count()).toBe(0)
  })

  it('offers no hand-posting reminder for Mastodon when an account posts it from here', async () => {
    const { db, api } = await setUpQueue()
    api.mastodonAccountList!.mockResolvedValue(
      ok([
        {
          id: 'm1',
          kind: 'mastodon',
          instanceUrl: 'https://social.example',
          instanceTitle: 'Social',
          username: 'ada',
          displayName: 'Ada',
          profileUrl: 'https://social.example/@ada',
          limits: MASTODON_DEFAULT_LIMITS,
          instanceApi: 'v2',
          secretProtection: 'os',
          verifiedAt: '2026-11-28T10:00:00.000Z',
        },
      ]),
    )
    const item = (await createItem(db, 'post', { title: 'Hello world' })) as PostItem
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog', { name: 'Social posts for “Hello world”' })
    await within(dialog).findByRole('button', { name: 'Remind me to post on X at a date and time' })
    await waitFor(() => expect(api.mastodonAccountList).toHaveBeenCalled())
    await waitFor(() => expect(within(dialog).queryByRole('button', { name: 'Remind me to post on Mastodon at a date and time' })).toBeNull())
  })
})

describe('Where it went, for a queued reminder', () => {
  it('reschedules it to another time and cancels it', async () => {
    const { db } = await setUpQueue()
    const item = (await createItem(db, 'post', { title: 'Hello world' })) as PostItem
    const first = Date.now() + 86_400_000
    const row = await scheduleLocalPublication(db, { itemId: item.id, channel: 'x', parts: ['One', 'Two'], scheduledAt: first, accountId: null })
    const user = userEvent.setup()
    render(<WhereItWent itemId={item.id} />)
    const ledger = await screen.findByRole('region', { name: 'Where it went' })
    await user.click(await within(ledger).findByRole('button', { name: 'Choose another time for X' }))
    const group = await within(ledger).findByRole('group', { name: 'New time for X' })
    const later = new Date(first + 2 * 86_400_000)
    const date = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}`
    // The form's code loads on first use.
    await user.clear(await within(group).findByLabelText('Date'))
    await user.type(within(group).getByLabelText('Date'), date)
    await user.clear(within(group).getByLabelText('Time'))
    await user.type(within(group).getByLabelText('Time'), '18:45')
    await user.click(within(group).getByRole('button', { name: 'Change the time' }))
    await waitFor(async () => {
      const moved = new Date((await db.publications.get(row.id))!.scheduledAt!)
      expect([moved.getDate(), moved.getHours(), moved.getMinutes()]).toEqual([later.getDate(), 18, 45])
    })
    await waitFor(() => expect(within(ledger).queryByRole('group', { name: 'New time for X' })).toBeNull())

    await user.click(within(ledger).getByRole('button', { name: 'Cancel X' }))
    await waitFor(async () => expect(await db.publications.count()).toBe(0))
  })
})

describe('the Publications view', () => {
  const base = (i: number, over: Partial<Publication>): Publication => ({
    id: `01JDX${String(i).padStart(21, '0')}`,
    itemId: 'item-1',
    channel: 'x',
    accountId: null,
    handling: 'local-reminder',
    status: 'published',
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: ['text'],
    scheduledAt: null,
    publishedAt: Date.UTC(2026, 10, 1) + i * 60_000,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: Date.UTC(2026, 10, 1),
    updatedAt: Date.UTC(2026, 10, 1) + i * 60_000,
    ...over,
  })

  it('draws only the rows on screen of 2,000, counts each list, and retries a failed row', async () => {
    const { db } = await setUpQueue()
    // The virtualised list sizes itself from the scroll box; jsdom has no layout: a 560 px box.
    const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!
    Object.defineProperty(Element.prototype, 'clientHeight', {
      configurable: true,
      get(this: Element) {
        return this.classList.contains('pubq-scroll') ? 560 : (clientHeight.get!.call(this) as number)
      },
    })
    onTestFinished(() => void Object.defineProperty(Element.prototype, 'clientHeight', clientHeight))
    await createItem(db, 'note', { id: 'item-1', title: 'Launch notes' } as never)
    const rows: Publication[] = []
    for (let i = 0; i < 2000; i++) rows.push(base(i, {}))
    rows.push(base(2000, { channel: 'bluesky', status: 'awaiting-manual', scheduledAt: Date.UTC(2026, 10, 28, 9), remindedAt: Date.UTC(2026, 10, 28, 9), publishedAt: null }))
    rows.push(
      base(2001, {
        channel: 'mastodon',
        accountId: 'm1',
        handling: 'local-post',
        status: 'failed',
        scheduledAt: Date.UTC(2026, 10, 28, 8),
        publishedAt: null,
        parts: ['a', 'b'],
        error: { code: 'unauthorized', message: 'The access token is invalid', at: 0, retryable: false },
      }),
    )
    await db.publications.bulkPut(rows)
    const user = userEvent.setup()
    render(
      <LibraryStoreProvider store={new LibraryStore()}>
        <PublicationsView />
      </LibraryStoreProvider>,
    )
    act(() => openPublicationsView('all'))
    const view = await screen.findByRole('dialog', { name: 'Publications' })
    await within(view).findByText('2,002 publications')
    expect(within(view).getByRole('radio', { name: 'Published 2,000' })).toBeTruthy()
    expect(within(view).getByRole('radio', { name: 'To post by hand 1' })).toBeTruthy()
    const list = within(view).getByRole('list', { name: 'All' })
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(40)

    await user.click(within(view).getByRole('radio', { name: 'Failed 1' }))
    const failed = await within(view).findByRole('list', { name: 'Failed' })
    await within(failed).findByText('Launch notes')
    expect(within(failed).getByText('the account was refused (sign in again in Settings) (The access token is invalid)')).toBeTruthy()
    await user.click(within(failed).getByRole('button', { name: 'Try Mastodon · Launch notes again' }))
    await waitFor(async () => expect((await db.publications.get(rows[2001]!.id))!.status).toBe('queued'))
    await within(view).findByText('No publication in this list.')
  })
})

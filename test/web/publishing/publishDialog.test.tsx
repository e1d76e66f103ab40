// @vitest-environment jsdom
// Publish to WordPress: the dialog sends the post's clean HTML with the bytes of every image it shows, records
// the outcome in the ledger, links to the post; publishing again updates the same remote post; a schedule in the
// person's zone goes out as date_gmt and a time skipped by the clocks is explained; errors are in words.
process.env.TZ = 'Europe/Paris'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WordPressPublished } from '../../../src/core/ipc/publishing'
import type { PostItem } from '../../../src/core/items'
import type { BaluchonDb } from '../../../src/db/schema'
import { createItem } from '../../../src/features/items/repository'
import { PublishDialog } from '../../../src/features/publishing/PublishDialog'
import { account, fail, ok, setUp } from './support'

afterEach(cleanup)

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

async function postWithImage(db: BaluchonDb): Promise<PostItem> {
  await db.attachments.add({ id: 'img1', itemId: 'x', mime: 'image/png', name: 'chart.png', size: PNG.length, sha256: 'abc', createdAt: 1, data: new Blob([PNG], { type: 'image/png' }) })
  const item = (await createItem(db, 'post', { title: 'Hello world', tags: ['writing', 'tools'] })) as PostItem
  const body = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'First paragraph.' }] },
      { type: 'image', attrs: { src: 'attachment:img1', alt: 'A chart' } },
    ],
  }
  await (db.items as unknown as { update(id: string, changes: object): Promise<number> }).update(item.id, { body, bodyText: 'First paragraph.' })
  return (await db.items.get(item.id)) as PostItem
}

const result = (over: Partial<WordPressPublished> = {}): WordPressPublished => ({
  remoteId: 12,
  status: 'publish',
  link: 'https://blog.example.org/hello-world/',
  dateGmt: '2026-11-28T10:00:00',
  modifiedGmt: null,
  created: true,
  media: [{ imageId: 'img1', mediaId: 5, url: 'https://blog.example.org/wp-content/uploads/chart.png', uploaded: true }],
  featuredMediaId: 5,
  categories: [],
  tags: [],
  ...over,
})

describe('Publish to WordPress', () => {
  it('publishes with the images, records it, links to it, and updates the same post the next time', async () => {
    const { api, db } = await setUp()
    api.publishingAccountList!.mockResolvedValue(ok([account()]))
    api.wordpressPublish!.mockResolvedValueOnce(ok(result())).mockResolvedValueOnce(ok(result({ created: false })))
    const item = await postWithImage(db)
    const user = userEvent.setup()
    render(<PublishDialog itemId={item.id} onClose={() => {}} />)

    const dialog = await screen.findByRole('dialog', { name: 'Publish “Hello world”' })
    expect(((await within(dialog).findByLabelText('Tags')) as HTMLInputElement).value).toBe('writing, tools')
    await user.type(within(dialog).getByLabelText('Categories'), 'Notes, notes , Essays')
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'A chart' })).toBeTruthy())
    await user.selectOptions(within(dialog).getByLabelText('Featured image'), 'A chart')
    await user.click(within(dialog).getByRole('button', { name: 'Publish' }))
    await within(dialog).findByText('Published.')

    const sent = api.wordpressPublish!.mock.calls[0]![0]
    expect(sent).toMatchObject({
      accountId: 'acc-1',
      post: { title: 'Hello world', status: 'publish', categories: ['Notes', 'Essays'], tags: ['writing', 'tools'] },
      featuredImageId: 'img1',
    })
    expect(sent.remoteId).toBeUndefined()
    expect(sent.post.html).toBe('<p>First paragraph.</p>\n<figure><img src="attachment:img1" alt="A chart"></figure>\n')
    expect(sent.images).toHaveLength(1)
    expect(sent.images[0]).toMatchObject({ id: 'img1', fileName: 'chart.png', mimeType: 'image/png', alt: 'A chart' })
    expect([...(sent.images[0].data as Uint8Array)]).toEqual([...PNG])

    const rows = await db.publications.toArray()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'wordpress', accountId: 'acc-1', status: 'published', remoteId: '12', remoteUrl: 'https://blog.example.org/hello-world/' })
    // "Where it went" in the dialog shows the row.
    const ledger = await within(dialog).findByRole('region', { name: 'Where it went' })
    expect(ledger.textContent).toContain('Published on')

    // Live on the blog: "Published" in the library too.
    await waitFor(async () => expect((await db.items.get(item.id))?.status).toBe('published'))

    await user.click(within(dialog).getByRole('button', { name: 'Open the post' }))
    expect(api.openExternal).toHaveBeenCalledWith({ url: 'https://blog.example.org/hello-world/' })

    await user.click(await within(dialog).findByRole('button', { name: 'Update the post' }))
    await waitFor(() => expect(api.wordpressPublish).toHaveBeenCalledTimes(2))
    expect(api.wordpressPublish!.mock.calls[1]![0].remoteId).toBe(12)
    await waitFor(async () => expect((await db.publications.toArray())[0]).toMatchObject({ attempts: 2, status: 'published' }))
    expect(await db.publications.count()).toBe(1)
  })

  it('schedules at a time in the person’s zone, explains a skipped time, and refuses a past one', async () => {
    const { api, db } = await setUp()
    api.publishingAccountList!.mockResolvedValue(ok([account()]))
    api.wordpressPublish!.mockResolvedValue(ok(result({ status: 'future', dateGmt: '2030-06-01T07:30:00' })))
    const item = await postWithImage(db)
    const user = userEvent.setup()
    render(<PublishDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog')
    await user.click(await within(dialog).findByRole('radio', { name: 'Schedule' }))
    expect(within(dialog).getByRole('group', { name: 'Date and time (Europe/Paris)' })).toBeTruthy()

    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '2030-03-31' } })
    fireEvent.change(within(dialog).getByLabelText('Time'), { target: { value: '02:30' } })
    expect(within(dialog).getByText(/02:30 does not exist that day: clocks go forward by 60 minutes/)).toBeTruthy()

    // 02:30 on the night clocks go back happens twice: the person picks which.
    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '2030-10-27' } })
    expect(within(dialog).getByText('02:30 happens twice that day, as clocks go back. Choose which one:')).toBeTruthy()
    const which = within(dialog).getByRole('radiogroup', { name: 'Which 02:30' })
    expect(within(which).getAllByRole('radio')).toHaveLength(2)
    await user.click(within(which).getByRole('radio', { name: /^The second one/ }))
    await user.click(within(dialog).getByRole('button', { name: 'Schedule' }))
    await within(dialog).findByText(/Scheduled: it goes out on/)
    // 02:30 CET (UTC+1), the second one; the first would be 00:30 UTC.
    expect(api.wordpressPublish!.mock.calls[0]![0].post).toMatchObject({ status: 'future', dateGmt: '2030-10-27T01:30:00Z' })
    api.wordpressPublish!.mockClear()

    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '2020-01-01' } })
    expect(within(dialog).getByRole('alert').textContent).toBe('This time has already passed: choose a later one.')
    expect((within(dialog).getByRole('button', { name: 'Update the schedule' }) as HTMLButtonElement).disabled).toBe(true)

    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '2030-06-01' } })
    fireEvent.change(within(dialog).getByLabelText('Time'), { target: { value: '09:30' } })
    await user.click(within(dialog).getByRole('button', { name: 'Update the schedule' }))
    await waitFor(() => expect(api.wordpressPublish).toHaveBeenCalledTimes(1))
    expect(api.wordpressPublish!.mock.calls[0]![0]).toMatchObject({ remoteId: 12, post: { status: 'future', dateGmt: '2030-06-01T07:30:00Z' } })
    await waitFor(async () => expect((await db.publications.toArray())[0]).toMatchObject({ attempts: 2 }))
    expect((await db.publications.toArray())[0]).toMatchObject({ status: 'scheduled', scheduledAt: Date.UTC(2030, 5, 1, 7, 30) })
    // A schedule does not make the post "Published" in the library.
    expect((await db.items.get(item.id))?.status).toBe('idea')
  })

  it('says what went wrong and keeps it in the ledger', async () => {
    const { api, db } = await setUp('fr')
    api.publishingAccountList!.mockResolvedValue(ok([account()]))
    api.wordpressPublish!.mockResolvedValue(fail('auth', 'refused', { status: 401 }))
    const item = await postWithImage(db)
    const user = userEvent.setup()
    render(<PublishDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog')
    await user.click(await within(dialog).findByRole('button', { name: 'Publier' }))
    expect((await within(dialog).findByRole('alert')).textContent).toContain('WordPress a refusé l’identifiant')
    await waitFor(async () => expect((await db.publications.toArray())[0]).toMatchObject({ status: 'failed', error: { code: 'auth', retryable: false } }))
  })

  it('without an account, sends the person to Settings', async () => {
    const { db } = await setUp()
    const item = await postWithImage(db)
    const { ActionsContext } = await import('../../../src/features/library/actions')
    const { openPublishDialog, usePublishingDialog } = await import('../../../src/features/publishing/dialogStore')
    const openSettings = vi.fn()
    const actions = { newItem: async () => {}, trashItem: async () => {}, restoreItem: async () => {}, deleteForever() {}, emptyTrash() {}, openAddLink() {}, openHistory() {}, openPalette() {}, openSettings }
    function Host() {
      const open = usePublishingDialog()
      return open ? <PublishDialog itemId={open.itemId} onClose={() => {}} /> : null
    }
    openPublishDialog(item.id)
    const user = userEvent.setup()
    render(
      <ActionsContext.Provider value={actions}>
        <Host />
      </ActionsContext.Provider>,
    )
    const dialog = await screen.findByRole('dialog')
    expect((await within(dialog).findByText(/No WordPress account yet/)).textContent).toContain('Settings › Publishing')
    await user.click(within(dialog).getByRole('button', { name: 'Open Settings' }))
    expect(openSettings).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })
})

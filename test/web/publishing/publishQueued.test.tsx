// @vitest-environment jsdom
// Publishing while offline, or while the blog answers 5xx: the dialog says plainly that the post waits in the
// queue (not an error to fix), in English and in French, and the ledger row is queued with the options chosen.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { PostItem } from '../../../src/core/items'
import { createItem } from '../../../src/features/items/repository'
import { PublishDialog } from '../../../src/features/publishing/PublishDialog'
import { account, fail, ok, setUp } from './support'

afterEach(cleanup)

describe('Publish to WordPress when the blog cannot be reached', () => {
  it('offline: says it is saved in the queue, and the ledger row keeps the options to publish it later', async () => {
    const { api, db } = await setUp()
    api.publishingAccountList!.mockResolvedValue(ok([account()]))
    api.wordpressPublish!.mockResolvedValue(fail('network', 'getaddrinfo ENOTFOUND blog.example.org'))
    const item = (await createItem(db, 'post', { title: 'On a train' })) as PostItem
    const user = userEvent.setup()
    render(<PublishDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog', { name: 'Publish “On a train”' })
    await user.type(await within(dialog).findByLabelText('Categories'), 'Travel')
    await user.click(within(dialog).getByRole('button', { name: 'Publish' }))

    await within(dialog).findByText('Saved in the queue: Baluchon will publish it when the blog can be reached.')
    expect(await within(dialog).findByText('Waiting in the queue until the blog can be reached')).toBeTruthy()
    // Not shown as an error.
    expect(within(dialog).queryByRole('alert')).toBeNull()
    await waitFor(async () =>
      expect(await db.publications.toArray()).toEqual([
        expect.objectContaining({
          status: 'queued',
          handling: 'local-post',
          error: expect.objectContaining({ code: 'network', retryable: true }),
          wordpress: { mode: 'publish', scheduledAt: null, categories: ['Travel'], tags: [], featuredImageId: null },
        }),
      ]),
    )
  })

  it('a 503, in French: the same plain sentence, with the reason under it', async () => {
    const { api, db } = await setUp('fr')
    api.publishingAccountList!.mockResolvedValue(ok([account()]))
    api.wordpressPublish!.mockResolvedValue(fail('remote-error', 'WordPress answered 503', { status: 503 }))
    const item = (await createItem(db, 'post', { title: 'Panne' })) as PostItem
    const user = userEvent.setup()
    render(<PublishDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog')
    await user.click(await within(dialog).findByRole('button', { name: 'Publier' }))
    await within(dialog).findByText('Enregistré dans la file d’attente : Baluchon le publiera dès que le blog sera joignable.')
    expect(within(dialog).getAllByText(/WordPress answered 503/).length).toBeGreaterThan(0)
    // "Where it went" says it waits for the blog (not "scheduled" at the time it was queued).
    expect(within(within(dialog).getByRole('region', { name: 'Où il est allé' })).getByText('En attente dans la file jusqu’à ce que le blog soit joignable')).toBeTruthy()
    expect(within(dialog).queryByRole('alert')).toBeNull()
    await waitFor(async () => expect((await db.publications.toArray())[0]).toMatchObject({ status: 'queued', error: { code: 'remote-error', retryable: true } }))
  })

  it('a 403 is not queued: it fails at once, with the message', async () => {
    const { api, db } = await setUp()
    api.publishingAccountList!.mockResolvedValue(ok([account()]))
    api.wordpressPublish!.mockResolvedValue(fail('permission-denied', 'This WordPress account may not do this', { status: 403 }))
    const item = (await createItem(db, 'post', { title: 'Not allowed' })) as PostItem
    const user = userEvent.setup()
    render(<PublishDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog')
    await user.click(await within(dialog).findByRole('button', { name: 'Publish' }))
    await within(dialog).findByRole('alert')
    expect(within(dialog).queryByText(/Saved in the queue/)).toBeNull()
    await waitFor(async () => expect((await db.publications.toArray())[0]).toMatchObject({ status: 'failed', error: { code: 'permission-denied', retryable: false } }))
  })
})

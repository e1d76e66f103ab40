// @vitest-environment jsdom
// Social posts: one text per channel prefilled from the item, split into a thread with a counter per post (red
// when over, with how many too many), optional 1/n numbering, copy per post and for the thread, autosaved.
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PostItem } from '../../../src/core/items'
import { createItem } from '../../../src/features/items/repository'
import { recordManualPublication, saveVariant } from '../../../src/features/publishing/repository'
import { VariantsDialog } from '../../../src/features/publishing/VariantsDialog'
import { WhereItWent } from '../../../src/features/publishing/WhereItWent'
import { setUp } from './support'

afterEach(cleanup)

const LONG = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} says something worth reading about drafts.`).join(' ')

describe('Social posts', () => {
  it('prefills each channel, counts, numbers and copies an X thread, and autosaves the text', async () => {
    const { db } = await setUp()
    const item = (await createItem(db, 'post', { title: 'Hello world' })) as PostItem
    await (db.items as unknown as { update(id: string, changes: object): Promise<number> }).update(item.id, { excerpt: 'A short summary.', canonicalUrl: 'https://blog.example.org/hello/' })
    const user = userEvent.setup()
    // After userEvent.setup(), which installs a clipboard stub of its own.
    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } })
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)

    const dialog = await screen.findByRole('dialog', { name: 'Social posts for “Hello world”' })
    const x = (await within(dialog).findByLabelText('Text for X')) as HTMLTextAreaElement
    expect(x.value).toBe('Hello world\n\nA short summary.\n\nhttps://blog.example.org/hello/')
    for (const channel of ['LinkedIn', 'Mastodon', 'Bluesky']) expect(within(dialog).getByLabelText(`Text for ${channel}`)).toBeTruthy()
    // 11 + 2 + 16 + 2 + 23 (every URL counts 23 on X)
    expect(within(dialog).getByText('The post: 54 / 280')).toBeTruthy()

    await user.clear(x)
    await user.click(x)
    await user.paste(LONG)
    const posts = await within(dialog).findByRole('list', { name: 'X: 3 posts' })
    expect(within(posts).getAllByRole('listitem')).toHaveLength(3)
    expect(within(posts).getByText(/^Post 1 of 3: \d+ \/ 280$/)).toBeTruthy()

    await user.click(within(dialog).getAllByRole('checkbox', { name: 'Number the posts (1/n)' })[0]!)
    await waitFor(() => expect(within(posts).getAllByText(/ 1\/3$/)).toHaveLength(1))

    await user.click(within(dialog).getByRole('button', { name: 'Copy Post 2 of 3 for X' }))
    expect(writeText).toHaveBeenLastCalledWith(expect.stringMatching(/ 2\/3$/))
    await user.click(within(dialog).getByRole('button', { name: 'Copy the whole X thread' }))
    const thread = writeText.mock.lastCall![0] as string
    expect(thread.split('\n\n')).toHaveLength(3)
    expect(within(dialog).getByText('Copied: the thread.')).toBeTruthy()

    // Posted by hand: the ledger keeps exactly what went out.
    await user.click(within(dialog).getByRole('button', { name: 'I posted it on X' }))
    await within(dialog).findByText('Noted in “Where it went”: posted on X.')
    const [posted] = await db.publications.toArray()
    expect(posted).toMatchObject({ itemId: item.id, channel: 'x', accountId: null, handling: 'local-reminder', status: 'published' })
    expect(posted!.parts).toEqual(thread.split('\n\n'))

    await waitFor(async () => expect(await db.variants.get(`${item.id}:x`)).toMatchObject({ channel: 'x', text: LONG, numbering: true }), { timeout: 4000 })
    const saved = await db.variants.get(`${item.id}:x`)
    expect(saved!.parts).toHaveLength(3)
    expect(saved!.parts[2]).toMatch(/ 3\/3$/)
  })

  it('announces the post at its address on the blog once it is published there', async () => {
    const { db } = await setUp()
    const item = (await createItem(db, 'post', { title: 'Hello world' })) as PostItem
    const { completeWordPressPublication, startWordPressPublication } = await import('../../../src/features/publishing/repository')
    const row = await startWordPressPublication(db, { itemId: item.id, accountId: 'acc', html: '<p></p>', scheduledAt: null })
    await completeWordPressPublication(db, row.id, {
      remoteId: 3,
      status: 'publish',
      link: 'https://blog.example.org/hello-world/',
      dateGmt: null,
      modifiedGmt: null,
      created: true,
      media: [],
      featuredMediaId: null,
      categories: [],
      tags: [],
    })
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog')
    expect(((await within(dialog).findByLabelText('Text for Mastodon')) as HTMLTextAreaElement).value).toBe('Hello world\n\nhttps://blog.example.org/hello-world/')
  })

  it('turns the counter red with how many are too many, and shows the saved text next time', async () => {
    const { db } = await setUp('fr')
    const item = await createItem(db, 'note', { title: 'Note' })
    await saveVariant(db, item.id, 'linkedin', { text: 'é'.repeat(3005), numbering: false, parts: [] })
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog')
    const linkedin = (await within(dialog).findByLabelText('Texte pour LinkedIn')) as HTMLTextAreaElement
    expect(linkedin.value).toHaveLength(3005)
    expect(linkedin.getAttribute('aria-invalid')).toBe('true')
    const counter = within(dialog).getByText(/^Le message : 3\s005 \/ 3\s000, 5 de trop$/)
    expect(counter.className).toContain('pub-counter-over')
    await act(async () => {})
  })

  it('lists a hand-posted publication under the item, and removes it when noted by mistake', async () => {
    const { db } = await setUp()
    const item = await createItem(db, 'note', { title: 'Note' })
    await recordManualPublication(db, { itemId: item.id, channel: 'bluesky', parts: ['sky'] }, Date.UTC(2026, 10, 28, 9, 5))
    const user = userEvent.setup()
    render(<WhereItWent itemId={item.id} />)
    const ledger = await screen.findByRole('region', { name: 'Where it went' })
    expect(within(ledger).getByRole('listitem').textContent).toMatch(/^BlueskyPublished on Nov 28, 2026/)
    // Nothing on a platform to refresh or open.
    expect(within(ledger).queryByRole('button', { name: /^Refresh/ })).toBeNull()
    await user.click(within(ledger).getByRole('button', { name: 'Remove the note about Bluesky from the list' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Where it went' })).toBeNull())
    expect(await db.publications.count()).toBe(0)
  })
})

// @vitest-environment jsdom
// Mastodon in the renderer, with main's answers programmed: Settings › Publishing › Mastodon (each error in words on
// its field, in English and French; the keychain question; the account listed with its server's limits), and the
// Mastodon panel of Social posts (the counter at the account's limit, a thread posted part by part with replies
// chained and one Idempotency-Key per part, the outcome recorded in the ledger).
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { MastodonAccount } from '../../../src/core/ipc/mastodonTypes'
import type { PostItem } from '../../../src/core/items'
import { createItem } from '../../../src/features/items/repository'
import { MastodonSettings } from '../../../src/features/publishing/mastodon/MastodonSettings'
import type { MastodonPublication } from '../../../src/features/publishing/mastodon'
import { VariantsDialog } from '../../../src/features/publishing/VariantsDialog'
import { fail, ok, setUp } from './support'

afterEach(cleanup)

function mastodonAccount(over: Partial<MastodonAccount> = {}): MastodonAccount {
  return {
    id: 'm-1',
    kind: 'mastodon',
    instanceUrl: 'https://social.example',
    instanceTitle: 'Social',
    username: 'ada',
    displayName: 'Ada',
    profileUrl: 'https://social.example/@ada',
    limits: { maxCharacters: 100, charactersReservedPerUrl: 23, maxMediaAttachments: 4, supportedMimeTypes: [], imageSizeLimit: 0, imageMatrixLimit: 0, descriptionLimit: 1500 },
    instanceApi: 'v2',
    secretProtection: 'os',
    verifiedAt: '2026-11-28T08:00:00.000Z',
    ...over,
  }
}

describe('Settings › Publishing › Mastodon', () => {
  it.each([
    ['auth', undefined, 'Access token', 'The server refused this access token.'],
    ['not-mastodon', undefined, 'Server address', 'No Mastodon server answers at this address.'],
    ['insecure-url', { host: 'social.example' }, 'Server address', 'social.example uses plain http'],
    ['network', { reason: 'connection-failed' }, 'Server address', 'The server cannot be reached.'],
  ] as const)('shows %s in words, on its field', async (code, detail, field, words) => {
    const { api } = await setUp()
    api.mastodonAccountSave!.mockResolvedValue(fail(code, 'developer text', detail))
    const user = userEvent.setup()
    render(<MastodonSettings />)
    await user.click(await screen.findByRole('button', { name: 'Add a Mastodon account' }))
    await user.type(screen.getByLabelText('Server address'), 'social.example')
    await user.type(screen.getByLabelText('Access token'), 'tok')
    await user.click(screen.getByRole('button', { name: 'Check and add' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(words)
    const input = screen.getByLabelText(field)
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')).toContain(alert.id)
    await waitFor(() => expect(document.activeElement).toBe(input))
  })

  it('asks before storing the token without a keychain, then lists the account with its server’s limits', async () => {
    const { api } = await setUp()
    api.mastodonAccountSave!.mockResolvedValueOnce(fail('insecure-storage', 'no keychain', { protection: 'weak', backend: 'basic_text' })).mockResolvedValue(ok(mastodonAccount({ secretProtection: 'weak' })))
    api.mastodonAccountList!.mockResolvedValueOnce(ok([])).mockResolvedValue(ok([mastodonAccount({ secretProtection: 'weak' })]))
    const user = userEvent.setup()
    render(<MastodonSettings />)
    await user.click(await screen.findByRole('button', { name: 'Add a Mastodon account' }))
    await user.type(screen.getByLabelText('Server address'), 'social.example')
    await user.type(screen.getByLabelText('Access token'), 'secret-token')
    await user.click(screen.getByRole('button', { name: 'Check and add' }))
    await user.click(await screen.findByRole('button', { name: 'Store it anyway' }))
    expect(api.mastodonAccountSave).toHaveBeenLastCalledWith({ instanceUrl: 'social.example', accessToken: 'secret-token', allowInsecureStorage: true })
    const list = await screen.findByRole('list', { name: 'Mastodon accounts' })
    expect(list.textContent).toContain('Ada (@ada@social.example)')
    expect(list.textContent).toContain('100 characters per post, 4 images')
    expect(list.textContent).toContain('token not protected by a keychain')
    await screen.findByText('Added @ada@social.example.')
  })

  it('speaks French', async () => {
    const { api } = await setUp('fr')
    api.mastodonAccountSave!.mockResolvedValue(fail('auth', 'developer text'))
    const user = userEvent.setup()
    render(<MastodonSettings />)
    await user.click(await screen.findByRole('button', { name: 'Ajouter un compte Mastodon' }))
    await user.type(screen.getByLabelText('Adresse du serveur'), 'social.example')
    await user.type(screen.getByLabelText('Jeton d’accès'), 'tok')
    await user.click(screen.getByRole('button', { name: 'Vérifier et ajouter' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Le serveur a refusé ce jeton d’accès.')
  })
})

describe('Mastodon panel in Social posts', () => {
  it('counts at the account’s limit and posts a thread part by part, replies chained, one key per part', async () => {
    const { api, db } = await setUp()
    api.mastodonAccountList!.mockResolvedValue(ok([mastodonAccount()]))
    let next = 100
    api.mastodonPostStatus!.mockImplementation(async () => {
      next++
      return ok({ kind: 'status', id: String(next), url: `https://social.example/@ada/${next}`, createdAt: '2026-11-28T08:00:00.000Z', mediaIds: [] })
    })
    const item = (await createItem(db, 'post', { title: 'Hello' })) as PostItem
    const user = userEvent.setup()
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog', { name: 'Social posts for “Hello”' })
    const text = (await within(dialog).findByLabelText('Text for Mastodon')) as HTMLTextAreaElement
    const parts = ['First paragraph of a thread that is long enough to need its own post here.', 'Second paragraph of the same thread, which also fills most of a post.']
    await user.clear(text)
    await user.click(text)
    await user.paste(parts.join('\n\n'))
    // The server allows 100 characters: two posts, counted against 100.
    const posts = await within(dialog).findByRole('list', { name: 'Mastodon: 2 posts' })
    expect(within(posts).getAllByText(/^Post \d of 2: \d+ \/ 100$/)).toHaveLength(2)
    expect(within(dialog).getByText('100 characters per post')).toBeTruthy()

    const panel = within(dialog).getByRole('group', { name: 'Post on Mastodon' })
    await user.selectOptions(within(panel).getByLabelText('Visibility'), 'private')
    // A content warning goes with every post, and counts towards each one's limit.
    const before = within(posts).getAllByText(/^Post \d of 2: \d+ \/ 100$/).map((el) => Number(/: (\d+) \//.exec(el.textContent!)![1]))
    await user.type(within(panel).getByLabelText('Content warning (optional)'), 'Drafts')
    await waitFor(() =>
      expect(within(posts).getAllByText(/^Post \d of 2: \d+ \/ 100$/).map((el) => Number(/: (\d+) \//.exec(el.textContent!)![1]))).toEqual(before.map((n) => n + 6)),
    )
    await user.click(within(panel).getByRole('button', { name: 'Post the thread now (2 posts)' }))
    await within(panel).findByText('Thread posted on Mastodon (2 posts).')

    const calls = api.mastodonPostStatus!.mock.calls.map(([input]) => input as { status: string; inReplyToId?: string; idempotencyKey: string; visibility: string })
    expect(calls.map((c) => c.status)).toEqual(parts)
    expect(calls[0]!.inReplyToId).toBeUndefined()
    expect(calls[1]!.inReplyToId).toBe('101')
    expect(calls.map((c) => c.visibility)).toEqual(['private', 'private'])
    expect(calls.map((c) => (c as { spoilerText?: string }).spoilerText)).toEqual(['Drafts', 'Drafts'])
    const rows = (await db.publications.where('itemId').equals(item.id).toArray()) as MastodonPublication[]
    expect(rows).toHaveLength(1)
    expect(calls.map((c) => c.idempotencyKey)).toEqual([`baluchon-${rows[0]!.id}-0`, `baluchon-${rows[0]!.id}-1`])
    expect(rows[0]).toMatchObject({ channel: 'mastodon', accountId: 'm-1', status: 'published', parts, remotePartIds: ['101', '102'], remoteUrl: 'https://social.example/@ada/101' })
  })

  it('lists the item’s images with their own alt text, and refuses one the server does not take', async () => {
    const { api, db } = await setUp()
    api.mastodonAccountList!.mockResolvedValue(ok([mastodonAccount({ limits: { ...mastodonAccount().limits, supportedMimeTypes: ['image/png', 'image/jpeg'] } })]))
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Pictures.' }] },
        { type: 'image', attrs: { src: 'attachment:img-png', alt: 'A bar chart' } },
        { type: 'image', attrs: { src: 'attachment:img-svg', alt: 'A diagram' } },
      ],
    }
    const item = (await createItem(db, 'post', { title: 'Pictures', body: doc } as never)) as PostItem
    for (const [id, name, mime] of [['img-png', 'chart.png', 'image/png'], ['img-svg', 'diagram.svg', 'image/svg+xml']] as const) {
      await db.attachments.put({ id, itemId: item.id, name, mime, size: 3, sha256: '0'.repeat(64), data: new Blob(['abc'], { type: mime }), createdAt: 0 })
    }
    const user = userEvent.setup()
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog', { name: 'Social posts for “Pictures”' })
    // The panel shows once the accounts and the item's images are read: found when it comes, not at once.
    const panel = await within(dialog).findByRole('group', { name: 'Post on Mastodon' })
    await user.click(await within(panel).findByRole('checkbox', { name: 'Attach chart.png' }))
    expect((within(panel).getByLabelText('Alt text for chart.png') as HTMLTextAreaElement).value).toBe('A bar chart')
    expect((within(panel).getByRole('button', { name: 'Post now' }) as HTMLButtonElement).disabled).toBe(false)
    await user.click(within(panel).getByRole('checkbox', { name: 'Attach diagram.svg' }))
    expect(within(panel).getByText('This server does not take the kind of image diagram.svg is.')).toBeTruthy()
    expect((within(panel).getByRole('button', { name: 'Post now' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('says what failed, keeps the posted part, and posts the rest without posting it again', async () => {
    const { api, db } = await setUp()
    api.mastodonAccountList!.mockResolvedValue(ok([mastodonAccount()]))
    api.mastodonPostStatus!
      .mockResolvedValueOnce(ok({ kind: 'status', id: '201', url: 'https://social.example/@ada/201', createdAt: '2026-11-28T08:00:00.000Z', mediaIds: [] }))
      .mockResolvedValueOnce(fail('rate-limited', 'slow down', { status: 429, retryAfterMs: 120_000 }))
      .mockResolvedValue(ok({ kind: 'status', id: '202', url: 'https://social.example/@ada/202', createdAt: '2026-11-28T08:00:00.000Z', mediaIds: [] }))
    const item = (await createItem(db, 'note', { title: 'Note' })) as unknown as PostItem
    const user = userEvent.setup()
    render(<VariantsDialog itemId={item.id} onClose={() => {}} />)
    const dialog = await screen.findByRole('dialog', { name: 'Social posts for “Note”' })
    const text = (await within(dialog).findByLabelText('Text for Mastodon')) as HTMLTextAreaElement
    await user.clear(text)
    await user.click(text)
    await user.paste('One paragraph that is long enough to need a post of its own on this server.\n\nAnother paragraph that also needs a post of its own on this server.')
    const panel = await within(dialog).findByRole('group', { name: 'Post on Mastodon' })
    await user.click(await within(panel).findByRole('button', { name: 'Post the thread now (2 posts)' }))
    const alert = await within(panel).findByRole('alert')
    await waitFor(() => expect(alert.textContent).toContain('Mastodon asks to slow down; try again in 2 min.'))
    expect(alert.textContent).toContain('1 of 2 posts are online')
    await user.click(within(panel).getByRole('button', { name: 'Post the rest' }))
    await within(panel).findByText('Thread posted on Mastodon (2 posts).')
    const calls = api.mastodonPostStatus!.mock.calls.map(([input]) => input as { status: string; inReplyToId?: string; idempotencyKey: string })
    expect(calls).toHaveLength(3)
    // The retry sent part 2 again (same key), replying to part 1; part 1 was never sent twice.
    expect(calls[2]!.idempotencyKey).toBe(calls[1]!.idempotencyKey)
    expect(calls[2]!.inReplyToId).toBe('201')
    expect(calls.filter((c) => c.idempotencyKey.endsWith('-0'))).toHaveLength(1)
  })
})

// @vitest-environment jsdom
// Settings › Publishing: accounts listed, added after main verified them (each typed error in the person's
// language, linked to its field and focused), the no-keychain question asked before storing, removal confirmed.
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { PublishingSettings } from '../../../src/features/publishing'
import { account, fail, ok, setUp } from './support'

afterEach(cleanup)

async function fillForm(user: ReturnType<typeof userEvent.setup>, names = { site: 'Site address', username: 'Username', password: 'Application password' }) {
  await user.type(screen.getByLabelText(names.site), 'http://blog.example.org')
  await user.type(screen.getByLabelText(names.username), 'ada')
  await user.type(screen.getByLabelText(names.password), 'abcd efgh ijkl')
}

describe('Settings › Publishing', () => {
  it('lists the accounts, adds one after verification, and announces it', async () => {
    const { api } = await setUp()
    const added = account({ id: 'acc-2', siteUrl: 'https://other.example.org', siteName: 'Other' })
    api.publishingAccountList!.mockResolvedValueOnce(ok([account()])).mockResolvedValue(ok([account(), added]))
    api.publishingAccountSave!.mockResolvedValue(ok(added))
    const user = userEvent.setup()
    render(<PublishingSettings />)
    const list = await screen.findByRole('list', { name: 'WordPress accounts' })
    expect(list.textContent).toContain('My blog (blog.example.org)')
    expect(list.textContent).toContain('as Ada')

    await user.click(screen.getByRole('button', { name: 'Add a WordPress account' }))
    expect(screen.getByLabelText('Site address')).toBe(document.activeElement)
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Verify and save' }))
    await screen.findByText('Other (other.example.org) is ready to publish to.')
    expect(api.publishingAccountSave).toHaveBeenCalledWith({ kind: 'wordpress', siteUrl: 'http://blog.example.org', username: 'ada', applicationPassword: 'abcd efgh ijkl' })
    expect(screen.getAllByRole('listitem')).toHaveLength(2)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add a WordPress account' })))
  })

  it.each([
    ['auth', { reason: 'wrong-credentials' }, 'Application password', 'WordPress refused the username or the application password'],
    ['no-rest-api', undefined, 'Site address', 'No WordPress REST API answers at this address'],
    ['insecure-url', { host: 'blog.example.org' }, 'Site address', 'blog.example.org uses plain http'],
    ['auth-header-stripped', undefined, null, 'removes the "Authorization" header'],
  ] as const)('shows %s in words, linked to its field', async (code, detail, field, words) => {
    const { api } = await setUp()
    api.publishingAccountSave!.mockResolvedValue(fail(code, 'developer text', detail))
    const user = userEvent.setup()
    render(<PublishingSettings />)
    await user.click(await screen.findByRole('button', { name: 'Add a WordPress account' }))
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Verify and save' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(words)
    expect(alert.textContent).not.toContain('developer text')
    if (field) {
      const input = screen.getByLabelText(field)
      expect(input.getAttribute('aria-invalid')).toBe('true')
      expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id)
      await waitFor(() => expect(document.activeElement).toBe(input))
    }
    // Nothing typed is lost.
    expect((screen.getByLabelText('Application password') as HTMLInputElement).value).toBe('abcd efgh ijkl')
  })

  it('asks before storing the password without a keychain, and stores it only when the person agrees', async () => {
    const { api } = await setUp()
    api.publishingAccountSave!.mockResolvedValueOnce(fail('insecure-storage', 'no keychain', { protection: 'weak', backend: 'basic_text' })).mockResolvedValue(ok(account({ secretProtection: 'weak' })))
    api.publishingAccountList!.mockResolvedValueOnce(ok([])).mockResolvedValue(ok([account({ secretProtection: 'weak' })]))
    const user = userEvent.setup()
    render(<PublishingSettings />)
    await user.click(await screen.findByRole('button', { name: 'Add a WordPress account' }))
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Verify and save' }))
    expect((await screen.findByRole('alert')).textContent).toContain('no system keychain')
    expect(api.publishingAccountSave).toHaveBeenCalledTimes(1)
    await user.click(screen.getByRole('button', { name: 'Store it anyway' }))
    await screen.findByText('My blog (blog.example.org) is ready to publish to.')
    expect(api.publishingAccountSave).toHaveBeenLastCalledWith(expect.objectContaining({ allowInsecureStorage: true }))
    expect(screen.getByRole('listitem').textContent).toContain('password stored without the system keychain')
  })

  it('checks for empty fields before asking main', async () => {
    const { api } = await setUp()
    const user = userEvent.setup()
    render(<PublishingSettings />)
    await user.click(await screen.findByRole('button', { name: 'Add a WordPress account' }))
    await user.click(screen.getByRole('button', { name: 'Verify and save' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the address of the site.')
    expect(api.publishingAccountSave).not.toHaveBeenCalled()
  })

  it('removes an account after confirmation', async () => {
    const { api } = await setUp()
    api.publishingAccountList!.mockResolvedValueOnce(ok([account()])).mockResolvedValue(ok([]))
    const user = userEvent.setup()
    render(<PublishingSettings />)
    await user.click(await screen.findByRole('button', { name: 'Remove the account My blog (blog.example.org)' }))
    expect(api.publishingAccountRemove).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Remove' }))
    await screen.findByText('My blog (blog.example.org) was removed.')
    expect(api.publishingAccountRemove).toHaveBeenCalledWith({ id: 'acc-1' })
    expect(screen.queryByRole('list')).toBeNull()
  })

  it('speaks French', async () => {
    const { api } = await setUp('fr')
    api.publishingAccountSave!.mockResolvedValue(fail('auth', 'x', { reason: 'wrong-credentials' }))
    const user = userEvent.setup()
    render(<PublishingSettings />)
    await user.click(await screen.findByRole('button', { name: 'Ajouter un compte WordPress' }))
    await fillForm(user, { site: 'Adresse du site', username: 'Identifiant', password: 'Mot de passe d’application' })
    await user.click(screen.getByRole('button', { name: 'Vérifier et enregistrer' }))
    expect((await screen.findByRole('alert')).textContent).toContain('WordPress a refusé l’identifiant')
  })
})

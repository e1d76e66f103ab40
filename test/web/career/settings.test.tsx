// @vitest-environment jsdom
// Settings › Career: add an affiliation (refusals said next to the field, nothing typed lost), with a logo checked by
// its bytes; edit it; delete it, the confirmation counting the items that chose it by hand; the default label.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { createAffiliation, getDefaultLabel, setItemAffiliation } from '../../../src/features/career'
import { createItem } from '../../../src/features/items/repository'
import { findOpenDialog, renderApp } from '../library/harness'

afterEach(() => cleanup())

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82])

async function openSettings(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Settings' }))
  return findOpenDialog('Settings')
}

describe('Settings › Career', () => {
  it('adds, edits and deletes an affiliation, with its logo, and sets the default label', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp()
    const settings = await openSettings(user)
    expect(await within(settings).findByText('No affiliation yet. Add your current job, past employers or clients.')).toBeTruthy()

    await user.selectOptions(within(settings).getByRole('combobox', { name: 'Default label for items with no affiliation' }), 'employer-public')
    await waitFor(async () => expect(await getDefaultLabel(db)).toBe('employer-public'))

    await user.click(within(settings).getByRole('button', { name: 'Add affiliation' }))
    const dialog = await screen.findByRole('dialog', { name: 'Add an affiliation' })
    // A new affiliation starts from the default label.
    expect((within(dialog).getByRole('combobox', { name: 'Default label of its items' }) as HTMLSelectElement).value).toBe('employer-public')
    await user.type(within(dialog).getByRole('textbox', { name: 'Role' }), 'Consultant')
    fireEvent.change(within(dialog).getByLabelText('Start'), { target: { value: '2021-03-01' } })
    fireEvent.change(within(dialog).getByLabelText('End', { exact: true }), { target: { value: '2020-01-01' } })
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    const organisation = within(dialog).getByRole('textbox', { name: 'Organisation' })
    await waitFor(() => expect(organisation.getAttribute('aria-invalid')).toBe('true'))
    expect(within(dialog).getByText('Give the organisation’s name.')).toBeTruthy()
    expect(within(dialog).getByText('The end is before the start.')).toBeTruthy()
    expect(document.activeElement).toBe(organisation)
    expect((within(dialog).getByRole('textbox', { name: 'Role' }) as HTMLInputElement).value).toBe('Consultant')
    expect(await db.affiliations.count()).toBe(0)

    await user.type(organisation, 'Initech')
    fireEvent.change(within(dialog).getByLabelText('End', { exact: true }), { target: { value: '2022-06-30' } })
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Default label of its items' }), 'employer-confidential')
    // A file that is not a picture is refused by its bytes, whatever its name says; a real PNG is taken.
    const picker = within(dialog).getByLabelText('Choose a picture…', { selector: 'input' })
    await user.upload(picker, new File(['<svg/>'], 'logo.png', { type: 'image/png' }))
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', 'This file is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture.')
    await user.upload(picker, new File([PNG], 'logo.png', { type: 'image/png' }))
    expect(within(dialog).queryByRole('alert')).toBeNull()
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add an affiliation' })).toBeNull())

    const [stored] = await db.affiliations.toArray()
    expect(stored).toMatchObject({ organisation: 'Initech', role: 'Consultant', start: '2021-03-01', end: '2022-06-30', defaultLabel: 'employer-confidential' })
    expect((await db.attachments.get(stored!.logoAttachmentId!))?.mime).toBe('image/png')
    const list = await within(settings).findByRole('list', { name: 'Affiliations' })
    const entry = within(list).getByRole('listitem')
    expect(entry.textContent).toContain('Initech')
    expect(entry.textContent).toContain('Consultant · Mar 1, 2021 – Jun 30, 2022')
    expect(entry.textContent).toContain('Items default to: Confidential')
    expect(within(settings).getByRole('img', { name: /^Timeline of affiliations\. Initech: Mar 2021 – Jun 2022/ })).toBeTruthy()
  }, 60_000)

  it('edits an affiliation from what is stored, and deletes it saying how many items chose it by hand', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(async (db) => {
      await createAffiliation(db, { organisation: 'Initech', role: 'Consultant', start: '2021-03-01', end: '2022-06-30', defaultLabel: 'employer-confidential' }, {
        blob: new Blob([PNG]),
        name: 'logo.png',
      })
    })
    const [stored] = await db.affiliations.toArray()
    const settings = await openSettings(user)
    const list = await within(settings).findByRole('list', { name: 'Affiliations' })
    const entry = within(list).getByRole('listitem')
    expect(within(entry).getByRole('img', { name: 'Logo of Initech' })).toBeTruthy()

    // Edit: the form starts from what is stored.
    await user.click(within(entry).getByRole('button', { name: 'Edit Initech' }))
    const edit = await screen.findByRole('dialog', { name: 'Edit Initech' })
    const name = within(edit).getByRole('textbox', { name: 'Organisation' }) as HTMLInputElement
    expect(name.value).toBe('Initech')
    await user.clear(name)
    await user.type(name, 'Initrode')
    fireEvent.change(within(edit).getByLabelText('End', { exact: true }), { target: { value: '' } })
    await user.click(within(edit).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(within(list).getByRole('listitem').textContent).toContain('Initrode'))
    // The logo stays (kept unless changed).
    expect((await db.affiliations.get(stored!.id))?.logoAttachmentId).toBe(stored!.logoAttachmentId)
    expect(within(list).getByRole('listitem').textContent).toContain('Mar 1, 2021 – present')

    // Delete: the confirmation counts the items that chose it by hand.
    const chose = await createItem(db, 'note', { title: 'chose it' })
    await setItemAffiliation(db, chose.id, stored!.id)
    await user.click(within(list).getByRole('button', { name: 'Delete Initrode' }))
    const confirm = await screen.findByRole('dialog', { name: 'Delete Initrode?' })
    await waitFor(() => expect(confirm.textContent).toContain('1 item chose it by hand: it will have no affiliation.'))
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }))
    await waitFor(async () => expect(await db.affiliations.count()).toBe(0))
    expect(await db.attachments.count()).toBe(0)
    expect(await within(settings).findByText('No affiliation yet. Add your current job, past employers or clients.')).toBeTruthy()
  }, 60_000)
})

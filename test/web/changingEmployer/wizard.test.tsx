// @vitest-environment jsdom
// The wizard in the App (component test; the end-to-end test drives it in Chromium with the real save dialog):
// opened from the File menu, an affiliation picked, the review run (on this thread: jsdom has no workers), a
// flagged passage shown with its match marked, "Keep confidential" relabelling the item at once and moving it to
// what stays, Undo putting the label back.
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { act } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createAffiliation } from '../../../src/features/career'
import { resetChangingEmployer } from '../../../src/features/changingEmployer/store'
import { createItem } from '../../../src/features/items/repository'
import { findOpenDialog, renderApp } from '../library/harness'

afterEach(() => {
  cleanup()
  resetChangingEmployer()
})

const at = (iso: string) => new Date(`${iso}T12:00:00`).getTime()

async function sample(db: BaluchonDb): Promise<void> {
  await createAffiliation(db, { organisation: 'Acme Labs', role: 'Engineer', start: '2019-01-01', end: '2022-12-31', defaultLabel: 'employer-confidential' }, undefined, 1)
  await createAffiliation(db, { organisation: 'Globex', role: 'Lead', start: '2023-01-01', end: '', defaultLabel: 'employer-public' }, undefined, 2)
  await createItem(db, 'note', { title: 'Acme roadmap', bodyText: 'quarterly roadmap' }, at('2020-05-05'))
  await createItem(db, 'note', { title: 'Conference recap', bodyText: 'I presented what we built at ACME LABS last year.' }, at('2024-05-05'))
  await createItem(db, 'note', { title: 'Reading', bodyText: 'Books.' }, at('2024-06-05'))
}

const wizard = () => screen.getByRole('dialog', { name: 'Changing employer' })

describe('changing employer wizard', () => {
  it('reviews what leaves and relabels a flagged item confidential from the review, undoably', async () => {
    const user = userEvent.setup()
    const { api, db } = await renderApp(sample)
    await waitFor(() => expect(screen.getByRole('listbox', { name: 'Items' })).toBeTruthy())
    act(() => api.emit('menuCommand', { command: 'changing-employer' }))
    await findOpenDialog('Changing employer')
    await waitFor(() => expect(within(wizard()).getByRole('radio', { name: /Acme Labs/ })).toBeTruthy())
    // The timeline, newest first, each with its default label.
    const radios = within(wizard()).getAllByRole('radio')
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual([expect.stringContaining('Globex'), expect.stringContaining('Acme Labs')])
    expect((within(wizard()).getByRole('button', { name: 'Review what leaves' }) as HTMLButtonElement).disabled).toBe(true)
    await user.click(within(wizard()).getByRole('radio', { name: /Acme Labs/ }))
    await user.click(within(wizard()).getByRole('button', { name: 'Review what leaves' }))

    await waitFor(() => expect(within(wizard()).getByRole('heading', { name: '2 items go with you' })).toBeTruthy())
    expect(within(wizard()).getByRole('heading', { name: '1 item stays behind' })).toBeTruthy()
    const card = within(wizard()).getByRole('listitem', { name: 'Conference recap' })
    expect([...card.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['ACME LABS'])
    expect(within(wizard()).queryByRole('listitem', { name: 'Reading' })).toBeNull()

    await user.click(within(card).getByRole('button', { name: 'Keep confidential' }))
    await waitFor(() => expect(within(wizard()).getByRole('heading', { name: '2 items stay behind' })).toBeTruthy())
    const recap = (await db.items.toArray()).find((i) => i.title === 'Conference recap')!
    expect(recap.label).toBe('employer-confidential')
    expect(within(card).getByText('Kept confidential: stays behind')).toBeTruthy()

    // A word added to the watch list checks again: the new match is flagged, the decided card stays.
    await user.type(within(wizard()).getByRole('textbox', { name: 'Add a word or name' }), 'books{Enter}')
    await waitFor(() => expect(within(wizard()).getByRole('listitem', { name: 'Reading' })).toBeTruthy())
    expect(within(within(wizard()).getByRole('listitem', { name: 'Conference recap' })).getByText('Kept confidential: stays behind')).toBeTruthy()

    await user.click(within(within(wizard()).getByRole('listitem', { name: 'Conference recap' })).getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(within(wizard()).getByRole('heading', { name: '2 items go with you' })).toBeTruthy())
    expect((await db.items.get(recap.id))!.label).toBeUndefined()
  })

  it('tells a person with no affiliation where to add one', async () => {
    const { api } = await renderApp(async (db) => {
      await createItem(db, 'note', { title: 'Alone' }, at('2024-01-01'))
    })
    act(() => api.emit('menuCommand', { command: 'changing-employer' }))
    await waitFor(() => expect(within(wizard()).getByText(/You have no affiliation yet/)).toBeTruthy())
    expect(within(wizard()).getByRole('button', { name: 'Open Settings' })).toBeTruthy()
  })
})

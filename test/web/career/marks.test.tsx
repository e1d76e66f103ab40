// @vitest-environment jsdom
// Confidential work is marked (an icon and a word, named "Confidential — Acme") in list rows, search results, the
// item header and the palette; the detail pane's selects say what "automatic" gives and change the item.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createAffiliation } from '../../../src/features/career'
import { createItem, getItem } from '../../../src/features/items/repository'
import { renderApp } from '../library/harness'

afterEach(() => cleanup())

const at = (iso: string) => new Date(`${iso}T12:00:00`).getTime()

async function sample(db: BaluchonDb): Promise<void> {
  await createAffiliation(db, { organisation: 'Acme', role: 'Engineer', start: '2019-01-01', end: '2022-12-31', defaultLabel: 'employer-confidential' }, undefined, 1)
  await createAffiliation(db, { organisation: 'Globex', role: 'Lead', start: '2023-01-01', end: '', defaultLabel: 'employer-public' }, undefined, 2)
  await createItem(db, 'note', { title: 'Acme roadmap', bodyText: 'quarterly roadmap' }, at('2020-05-05'))
  await createItem(db, 'note', { title: 'Globex launch', bodyText: 'launch roadmap' }, at('2024-05-05'))
}

const list = () => screen.getByRole('listbox', { name: 'Items' })
const main = () => screen.getByRole('main')
const row = (name: string) => within(list()).getByRole('option', { name })

describe('confidential marks', () => {
  it('marks a confidential row (icon and text, described by it), not the others', async () => {
    await renderApp(sample)
    await waitFor(() => expect(within(row('Acme roadmap')).getByRole('img', { name: 'Confidential — Acme' })).toBeTruthy())
    const mark = within(row('Acme roadmap')).getByRole('img', { name: 'Confidential — Acme' })
    expect(mark.textContent).toBe('Confidential')
    expect(mark.querySelector('svg')).toBeTruthy()
    expect(row('Acme roadmap').getAttribute('aria-describedby')).toBe(mark.id)
    expect(within(row('Globex launch')).queryByRole('img', { name: /Confidential/ })).toBeNull()
    expect(row('Globex launch').getAttribute('aria-describedby')).toBeNull()
  })

  it('marks search results from the hit, without reading the items', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await waitFor(() => expect(within(list()).getAllByRole('option')).toHaveLength(2))
    const reads = vi.spyOn(db.items, 'bulkGet')
    const gets = vi.spyOn(db.items, 'get')
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'roadmap')
    await waitFor(() => expect(within(row('Acme roadmap')).getByRole('img', { name: 'Confidential — Acme' })).toBeTruthy())
    expect(within(row('Acme roadmap')).getByText('quarterly', { exact: false })).toBeTruthy()
    expect(within(row('Globex launch')).queryByRole('img', { name: /Confidential/ })).toBeNull()
    expect(reads).not.toHaveBeenCalled()
    expect(gets).not.toHaveBeenCalled()
  })

  it('marks the item header; the Label select removes the mark, the Affiliation select says why and changes it', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await user.click(await within(list()).findByRole('option', { name: 'Acme roadmap' }))
    const header = () => within(main()).getByRole('banner')
    await waitFor(() => expect(within(header()).getByRole('img', { name: 'Confidential — Acme' }).textContent).toBe('Confidential — Acme'))

    const affiliation = within(main()).getByRole('combobox', { name: 'Affiliation' }) as HTMLSelectElement
    expect(affiliation.value).toBe('auto')
    expect(affiliation.selectedOptions[0]?.textContent).toBe('Automatic: Acme')
    expect(document.getElementById(affiliation.getAttribute('aria-describedby')!)?.textContent).toBe('Active on May 5, 2020, the item’s date.')

    const label = within(main()).getByRole('combobox', { name: 'Label' }) as HTMLSelectElement
    expect(label.value).toBe('auto')
    expect(label.selectedOptions[0]?.textContent).toBe('Default of Acme: Confidential')

    const id = row('Acme roadmap').getAttribute('data-item-id')!
    await user.selectOptions(label, 'personal')
    await waitFor(async () => expect((await getItem(db, id))?.label).toBe('personal'))
    await waitFor(() => expect(within(header()).queryByRole('img', { name: /Confidential/ })).toBeNull())
    await waitFor(() => expect(within(row('Acme roadmap')).queryByRole('img', { name: /Confidential/ })).toBeNull())

    // Back to the default, then place it at Globex by hand: public, no mark; "None" is a choice too.
    await user.selectOptions(label, 'auto')
    await waitFor(async () => expect((await getItem(db, id))?.label).toBeUndefined())
    await waitFor(() => expect(within(header()).getByRole('img', { name: 'Confidential — Acme' })).toBeTruthy())
    const globex = Array.from(affiliation.options).find((o) => o.textContent?.startsWith('Globex'))!
    fireEvent.change(affiliation, { target: { value: globex.value } })
    await waitFor(async () => expect((await getItem(db, id))?.affiliationId).toBe(globex.value))
    await waitFor(() => expect(within(header()).queryByRole('img', { name: /Confidential/ })).toBeNull())
    await waitFor(() => expect(label.selectedOptions[0]?.textContent).toBe('Default of Globex: Employer, public'))
    await user.selectOptions(affiliation, 'none')
    await waitFor(async () => expect((await getItem(db, id))?.affiliationId).toBeNull())
    await waitFor(() => expect(label.selectedOptions[0]?.textContent).toBe('Default: Personal'))
  })

  it('marks confidential results in the command palette', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await waitFor(() => expect(within(list()).getAllByRole('option')).toHaveLength(2))
    await user.keyboard('{Control>}k{/Control}')
    const palette = await screen.findByRole('dialog')
    await user.keyboard('roadmap')
    const option = await within(palette).findByRole('option', { name: 'Acme roadmap' })
    await waitFor(() => expect(within(option).getByRole('img', { name: 'Confidential — Acme' })).toBeTruthy())
    expect(option.getAttribute('aria-describedby')).toBe(within(option).getByRole('img').id)
    const other = within(palette).getByRole('option', { name: 'Globex launch' })
    expect(within(other).queryByRole('img', { name: /Confidential/ })).toBeNull()
  })
})

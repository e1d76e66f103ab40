// @vitest-environment jsdom
// While a search is typed, the list renders several times per key (the typed text, the answer, the rows drawn
// ahead, the rest of the answer). What does not change with the query is not done again at each of those renders:
// the header above the list (its menu, its translated title and buttons) and the list's fixed labels are memoised
// (the status line, memoised too, renders when the query or the answer changes). Profiled at 10,000 items they were a
// tenth of the UI thread's script time of a keystroke. They still follow the language.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createItem } from '../../../src/features/items/repository'
import { i18next } from '../../../src/i18n'
import { renderApp } from './harness'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

async function sample(db: BaluchonDb): Promise<void> {
  await createItem(db, 'note', { title: 'Grocery ideas', bodyText: 'apples' }, 1000)
  await createItem(db, 'post', { title: 'Offline first', status: 'draft', tags: ['web'] }, 2000)
  await createItem(db, 'link', { title: 'Offline docs', url: 'https://dexie.org/' }, 3000)
}

const list = () => screen.getByRole('listbox', { name: 'Items' })
const optionNames = () => within(list()).queryAllByRole('option').map((o) => o.getAttribute('aria-label'))

/** The keys translated while `during` runs (react-i18next's t calls the instance's t with the key and its namespace). */
async function keysTranslated(during: () => Promise<void>): Promise<string[]> {
  const keys: string[] = []
  const real = i18next.t.bind(i18next)
  const spy = vi.spyOn(i18next, 't').mockImplementation(((key: string, options?: { ns?: string | string[] }) => {
    const ns = Array.isArray(options?.ns) ? options.ns[0] : options?.ns
    keys.push(`${ns ?? ''}:${String(key)}`)
    return real(key as never, options as never)
  }) as never)
  try {
    await during()
  } finally {
    spy.mockRestore()
  }
  return keys
}

describe('the list while a search is typed', () => {
  it('does not render its header or translate its fixed labels again for each key and answer', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await waitFor(() => expect(optionNames()).toHaveLength(3))
    const box = screen.getByRole('searchbox', { name: 'Search' })
    await user.type(box, 'o')
    await waitFor(() => expect(screen.getByText(/result/)).toBeTruthy())

    const keys = await keysTranslated(async () => {
      await user.type(box, 'ffline')
      await waitFor(() => expect(optionNames()).toEqual(['Offline docs', 'Offline first']))
      await waitFor(() => expect(screen.getByText('2 results')).toBeTruthy())
    })
    // The status line says how many results: translated again for the new answers.
    expect(keys).toContain('search:results')
    // The header (view title, New menu) and the list's own labels: not at all.
    expect(keys.filter((k) => k.startsWith('library:new.') || k === 'library:sidebar.all')).toEqual([])
    expect(keys.filter((k) => ['library:search.label', 'library:search.placeholder', 'library:search.clear', 'library:list.name'].includes(k))).toEqual([])
  })

  it('still shows the header and labels in the language chosen', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await waitFor(() => expect(optionNames()).toHaveLength(3))
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'offline')
    await waitFor(() => expect(optionNames()).toHaveLength(2))
    await act(() => i18next.changeLanguage('fr'))
    try {
      expect(await screen.findByRole('searchbox', { name: 'Rechercher' })).toBeTruthy()
      expect(screen.getByRole('listbox', { name: 'Éléments' })).toBeTruthy()
      expect(screen.getByRole('heading', { name: 'Tout' })).toBeTruthy()
    } finally {
      await act(() => i18next.changeLanguage('en'))
    }
  })
})

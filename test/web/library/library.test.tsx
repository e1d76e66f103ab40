// @vitest-environment jsdom
// The library shell as a person uses it: sidebar filters, the list and its keyboard, new items,
// Trash and restore, settings language, the command palette.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createItem, trashItem, updateFields } from '../../../src/features/items/repository'
import type { BaluchonDb } from '../../../src/db'
import { render } from '@testing-library/react'
import { App } from '../../../src/app/App'
import { setDb } from '../../../src/db'
import { filterKey } from '../../../src/features/items/queries'
import { LibraryStore } from '../../../src/features/library/libraryStore'
import { cacheKey, FIRST_WINDOW_SIZE, prefetchKindWindows, rememberWindow } from '../../../src/features/library/prefetch'
import { findOpenDialog, renderApp } from './harness'

afterEach(() => cleanup())

/** Four items, newest last: a note, a tagged draft post, a talk, and an unread link. */
async function sample(db: BaluchonDb): Promise<void> {
  await createItem(db, 'note', { title: 'Grocery ideas', bodyText: 'apples' }, 1000)
  await createItem(db, 'post', { title: 'Offline first', status: 'draft', tags: ['web'] }, 2000)
  await createItem(db, 'talk', { title: 'JSConf talk', tags: ['web', 'conf'] }, 3000)
  await createItem(db, 'link', { title: 'Dexie docs', url: 'https://dexie.org/' }, 4000)
}

const list = () => screen.getByRole('listbox', { name: 'Items' })
const optionNames = () => within(list()).queryAllByRole('option').map((o) => o.getAttribute('aria-label'))
const sidebar = () => screen.getByRole('navigation', { name: 'Library' })

describe('library shell', () => {
  it('has the three landmarks and lists items newest first', async () => {
    await renderApp(sample)
    expect(sidebar()).toBeTruthy()
    expect(screen.getByRole('main')).toBeTruthy()
    await waitFor(() => expect(optionNames()).toEqual(['Dexie docs', 'JSConf talk', 'Offline first', 'Grocery ideas']))
  })

  it('filters by kind, status and tag from the sidebar, with counts', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    const nav = sidebar()
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy())
    await user.click(within(nav).getByRole('button', { name: /^Talks/ }))
    await waitFor(() => expect(optionNames()).toEqual(['JSConf talk']))
    await user.click(within(nav).getByRole('button', { name: /^Draft\s*1$/ }))
    await waitFor(() => expect(optionNames()).toEqual(['Offline first']))
    await user.click(within(nav).getByRole('button', { name: /^All/ }))
    await user.click(within(nav).getByRole('button', { name: /^web\s*2$/ }))
    await waitFor(() => expect(optionNames()).toEqual(['JSConf talk', 'Offline first']))
    // Kind and tag combine.
    await user.click(within(nav).getByRole('button', { name: /^Posts/ }))
    await waitFor(() => expect(optionNames()).toEqual(['Offline first']))
    expect(within(nav).getByRole('button', { name: /^Unread\s*1$/ })).toBeTruthy()
  })

  it('a sidebar entry clicked after another acts on the view as it is now (entries keep earlier handlers)', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    const nav = sidebar()
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^conf\s*1$/ })).toBeTruthy())
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Posts\s*1$/ })).toBeTruthy())
    await waitFor(() => expect(within(nav).getByRole('button', { name: /^Unread\s*1$/ })).toBeTruthy())
    await user.click(within(nav).getByRole('button', { name: /^conf/ }))
    await waitFor(() => expect(optionNames()).toEqual(['JSConf talk']))
    // Posts re-renders for nothing when the tag is chosen; its click still keeps the tag: no post has it.
    await user.click(within(nav).getByRole('button', { name: /^Posts/ }))
    await waitFor(() => expect(within(list()).queryAllByRole('option')).toHaveLength(0))
    await user.click(within(nav).getByRole('button', { name: /^Talks/ }))
    await waitFor(() => expect(optionNames()).toEqual(['JSConf talk']))
    // The tag toggles off with the kind kept.
    await user.click(within(nav).getByRole('button', { name: /^conf/ }))
    await user.click(within(nav).getByRole('button', { name: /^Unread/ }))
    await waitFor(() => expect(optionNames()).toEqual(['Dexie docs']))
    await user.click(within(nav).getByRole('button', { name: /^web/ }))
    await waitFor(() => expect(within(list()).queryAllByRole('option')).toHaveLength(0))
  })

  it('moves the selection with the arrow keys and opens the selected item', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await waitFor(() => expect(optionNames()).toHaveLength(4))
    list().focus()
    await user.keyboard('{ArrowDown}')
    await waitFor(() => expect(within(list()).getByRole('option', { name: 'Dexie docs' }).getAttribute('aria-selected')).toBe('true'))
    await user.keyboard('{ArrowDown}{ArrowDown}')
    await waitFor(() => expect(within(list()).getByRole('option', { name: 'Offline first' }).getAttribute('aria-selected')).toBe('true'))
    expect(list().getAttribute('aria-activedescendant')).toBe(within(list()).getByRole('option', { name: 'Offline first' }).id)
    await user.keyboard('{ArrowUp}')
    await waitFor(() => expect(within(list()).getByRole('option', { name: 'JSConf talk' }).getAttribute('aria-selected')).toBe('true'))
    // The detail pane shows it, with its kind's fields.
    await waitFor(() => expect(within(screen.getByRole('main')).getByLabelText('Event')).toBeTruthy())
  })

  it('creates an item of the kind shown with Ctrl+N and focuses its title', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await user.click(within(sidebar()).getByRole('button', { name: /^Talks/ }))
    await user.keyboard('{Control>}n{/Control}')
    await waitFor(async () => expect(await db.items.where('kind').equals('talk').count()).toBe(2))
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Title'))
    await waitFor(() => expect(optionNames()[0]).toBe('Untitled'))
    // With "All" shown, a note.
    await user.click(within(sidebar()).getByRole('button', { name: /^All/ }))
    await user.keyboard('{Control>}n{/Control}')
    await waitFor(async () => expect(await db.items.where('kind').equals('note').count()).toBe(2))
  })

  it('a menu command and its keyboard shortcut arriving together create one item', async () => {
    const { db, api } = await renderApp(sample)
    // The renderer sees the key, then main's menu accelerator sends its command: same moment.
    act(() => {
      fireEvent.keyDown(document.body, { key: 'n', ctrlKey: true })
      api.emit('menuCommand', { command: 'new-item' })
    })
    await waitFor(async () => expect(await db.items.where('kind').equals('note').count()).toBe(2))
    await new Promise((r) => setTimeout(r, 50))
    expect(await db.items.where('kind').equals('note').count()).toBe(2)
  })

  it('trashes with Delete, undoes, then trashes and restores from the Trash view', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await waitFor(() => expect(optionNames()).toHaveLength(4))
    list().focus()
    await user.keyboard('{ArrowDown}{Delete}')
    await waitFor(() => expect(optionNames()).toEqual(['JSConf talk', 'Offline first', 'Grocery ideas']))
    const toasts = screen.getByRole('status', { name: 'Notifications' })
    await user.click(await within(toasts).findByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(optionNames()).toHaveLength(4))

    const link = await db.items.where('url').equals('https://dexie.org/').first()
    await act(() => trashItem(db, link!.id))
    await user.click(await within(sidebar()).findByRole('button', { name: /^Trash\s*1$/ }))
    const trash = await screen.findByRole('listbox', { name: 'Items' })
    await waitFor(() => expect(within(trash).getAllByRole('option').map((o) => o.getAttribute('aria-label'))).toEqual(['Dexie docs']))
    await user.click(within(trash).getByRole('option', { name: 'Dexie docs' }))
    await user.click(await screen.findByRole('button', { name: 'Restore' }))
    await waitFor(async () => expect((await db.items.get(link!.id))?.trashed).toBe(0))
    await waitFor(() => expect(within(trash).queryAllByRole('option')).toHaveLength(0))
  })

  it('deletes forever and empties the Trash only after confirmation', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(async (d) => {
      await sample(d)
      const all = await d.items.toArray()
      for (const item of all.slice(0, 2)) await trashItem(d, item.id)
    })
    await user.click(await within(sidebar()).findByRole('button', { name: /^Trash\s*2$/ }))
    await user.click(screen.getByRole('button', { name: 'Empty Trash' }))
    const dialog = await screen.findByRole('dialog', { name: 'Empty the Trash?' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(await db.items.count()).toBe(4)
    await user.click(screen.getByRole('button', { name: 'Empty Trash' }))
    await user.click(within(await screen.findByRole('dialog', { name: 'Empty the Trash?' })).getByRole('button', { name: 'Empty Trash' }))
    await waitFor(async () => expect(await db.items.count()).toBe(2))
  })

  it('switching the language in Settings changes the visible text and the menu', async () => {
    const user = userEvent.setup()
    const { db, api } = await renderApp(sample)
    await user.click(within(sidebar()).getByRole('button', { name: 'Settings' }))
    const dialog = await findOpenDialog('Settings')
    await user.selectOptions(within(dialog).getByLabelText('Language'), 'fr')
    await screen.findByRole('dialog', { name: 'Réglages' })
    // Behind the modal dialog, the window is hidden from assistive technologies: look anyway.
    expect(screen.getByRole('navigation', { name: 'Bibliothèque', hidden: true })).toBeTruthy()
    expect(screen.getByRole('searchbox', { name: 'Rechercher', hidden: true })).toBeTruthy()
    // The rows' words too (translated once for the whole list): a draft's status and an unread link.
    const rows = within(screen.getByRole('listbox', { hidden: true }))
    expect(rows.getByText('Brouillon')).toBeTruthy()
    expect(rows.getByText('Non lu')).toBeTruthy()
    expect(api.setMenuLanguage).toHaveBeenCalledWith({ language: 'fr' })
    await waitFor(async () => expect((await db.settings.get('ui.language'))?.value).toBe('fr'))
    expect(document.documentElement.lang).toBe('fr')
    await user.selectOptions(within(screen.getByRole('dialog', { name: 'Réglages' })).getByLabelText('Langue'), 'system')
    await screen.findByRole('dialog', { name: 'Settings' })
  })

  it('switching the theme sets html[data-theme] and persists it', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp()
    await user.keyboard('{Control>},{/Control}')
    const dialog = await findOpenDialog('Settings')
    await user.selectOptions(within(dialog).getByLabelText('Theme'), 'dark')
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark')
    await waitFor(async () => expect((await db.settings.get('ui.theme'))?.value).toBe('dark'))
    await user.selectOptions(within(dialog).getByLabelText('Theme'), 'system')
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false)
  })

  it('the palette opens with Ctrl+K, finds items and commands, and Escape closes it', async () => {
    const user = userEvent.setup()
    const { store } = await renderApp(sample)
    await waitFor(() => expect(optionNames()).toHaveLength(4))
    list().focus()
    await user.keyboard('{Control>}k{/Control}')
    const dialog = await screen.findByRole('dialog', { name: 'Go to anything' })
    const input = within(dialog).getByRole('combobox', { name: 'Find an item or a command' })
    expect(document.activeElement).toBe(input)
    await user.type(input, 'offline')
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Offline first' })).toBeTruthy())
    await user.keyboard('{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    const offline = store.get().selectedId
    expect(offline).not.toBeNull()
    await waitFor(() => expect(within(list()).getByRole('option', { name: 'Offline first' }).getAttribute('aria-selected')).toBe('true'))

    // Commands: arrows to "Go to Trash", Enter.
    list().focus()
    await user.keyboard('{Control>}k{/Control}')
    const again = await screen.findByRole('dialog', { name: 'Go to anything' })
    await user.type(within(again).getByRole('combobox'), 'trash')
    const option = await within(again).findByRole('option', { name: 'Go to Trash' })
    expect(option.getAttribute('aria-selected')).toBe('true')
    await user.keyboard('{Enter}')
    await waitFor(() => expect(store.get().view.type).toBe('trash'))

    // Escape closes and gives focus back.
    list().focus()
    await user.keyboard('{Control>}k{/Control}')
    await screen.findByRole('dialog', { name: 'Go to anything' })
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(list()))
  })

  it('Ctrl+F focuses the search box and the list shows matches', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await user.keyboard('{Control>}f{/Control}')
    const search = screen.getByRole('searchbox', { name: 'Search' })
    await waitFor(() => expect(document.activeElement).toBe(search))
    await user.keyboard('dexie')
    await waitFor(() => expect(optionNames()).toEqual(['Dexie docs']))
    expect(within(list()).getByRole('option', { name: 'Dexie docs' }).querySelector('mark')?.textContent).toBe('Dexie')
    expect(await screen.findByText('1 result')).toBeTruthy()
    fireEvent.keyDown(search, { key: 'Escape' })
    await waitFor(() => expect(optionNames()).toHaveLength(4))
  })

  it('paints search results from the hits, without reading the items on this thread, and follows edits', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await waitFor(() => expect(optionNames()).toHaveLength(4))
    const reads = vi.spyOn(db.items, 'bulkGet')
    const gets = vi.spyOn(db.items, 'get')
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'offline')
    await waitFor(() => expect(optionNames()).toEqual(['Offline first']))
    const row = within(list()).getByRole('option', { name: 'Offline first' })
    // Status and tags come with the hit.
    expect(within(row).getByText('Draft')).toBeTruthy()
    expect(within(row).getByText('#web')).toBeTruthy()
    expect(reads).not.toHaveBeenCalled()
    expect(gets).not.toHaveBeenCalled()
    reads.mockRestore()
    gets.mockRestore()

    // An edit elsewhere shows in the open results.
    const id = row.getAttribute('data-item-id')!
    await updateFields(db, id, { status: 'ready', title: 'Offline first, ready' })
    await waitFor(() => expect(optionNames()).toEqual(['Offline first, ready']))
    expect(within(within(list()).getByRole('option', { name: 'Offline first, ready' })).getByText('Ready')).toBeTruthy()
  })

  it('a link whose page could not be fetched says why, and Retry fetches it again', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp(async (db) => {
      await createItem(db, 'link', { title: 'example.org/gone', url: 'https://example.org/gone', fetchState: 'failed', fetchError: { code: 'http-status', status: 404 } } as never, 1000)
    })
    api.linkPreview.mockResolvedValue({ ok: true, value: { url: 'https://example.org/gone', title: 'Back again', description: '', siteName: '' } })
    await user.click(await within(list()).findByRole('option', { name: 'example.org/gone' }))
    const main = screen.getByRole('main')
    expect(await within(main).findByText('The page details could not be fetched: The server answered with an error (404).')).toBeTruthy()
    await user.click(within(main).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(api.linkPreview).toHaveBeenCalledWith({ url: 'https://example.org/gone' }))
    await waitFor(() => expect(within(list()).getByRole('option', { name: 'Back again' })).toBeTruthy())
  })

  it('Add link rejects what is not a web address and saves one that is, once', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await user.keyboard('{Control>}{Shift>}l{/Shift}{/Control}')
    const dialog = await screen.findByRole('dialog', { name: 'Add link' })
    const input = within(dialog).getByLabelText('Web address')
    await user.type(input, 'javascript:alert(1){Enter}')
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/not a web address/)
    await user.clear(input)
    await user.type(input, 'dexie.org{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // Already saved (https://dexie.org/): the existing one is opened, nothing is added.
    expect(await db.items.where('kind').equals('link').count()).toBe(1)
    expect(await screen.findByText('This link is already saved: here it is.')).toBeTruthy()
  })
})

describe('scroll position', () => {
  it('a view change scrolls the list back to the top only when it was scrolled away from it', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    const nav = sidebar()
    await waitFor(() => expect(optionNames()).toHaveLength(4))
    const scrollTo = vi.spyOn(list(), 'scrollTo')
    // At the top: no scrollTo (it would force a layout in the middle of painting the new view).
    await user.click(within(nav).getByRole('button', { name: /^Talks/ }))
    await waitFor(() => expect(optionNames()).toEqual(['JSConf talk']))
    expect(scrollTo).not.toHaveBeenCalled()
    // Scrolled down, then another view: back to the top.
    list().scrollTop = 300
    fireEvent.scroll(list())
    await user.click(within(nav).getByRole('button', { name: /^All/ }))
    await waitFor(() => expect(optionNames()).toHaveLength(4))
    expect(scrollTo).toHaveBeenCalledWith({ top: 0 })
  })
})

describe('first paint', () => {
  it('paints the rows read ahead at start-up on the first render, before the list is counted', async () => {
    const { view } = await renderApp(async (db) => {
      for (let i = 0; i < 60; i++) await createItem(db, 'note', { title: `Note ${i}` }, 1000 + i)
    }, { readAhead: true })
    // Synchronously after the first render: no live query has answered yet.
    expect(optionNames()[0]).toBe('Note 59')
    expect(within(list()).queryAllByRole('option').length).toBeGreaterThan(5)
    // The count is unknown (the window holds the first 50 of more): nothing shown rather than a wrong number.
    expect(view.container.querySelector('.list-status')!.textContent).toBe('')
    await waitFor(() => expect(view.container.querySelector('.list-status')!.textContent).toBe('60 items'))
  })

  it('a new view draws its visible rows first, and the rows ahead of the scroll once those are painted', async () => {
    const { db, store } = await renderApp(async (fill) => {
      for (let i = 0; i < 60; i++) await createItem(fill, 'note', { title: `Note ${i}` }, 1000 + i)
      for (let i = 0; i < 60; i++) await createItem(fill, 'post', { title: `Post ${i}` }, 2000 + i)
    }, { readAhead: true })
    const rows = () => within(list()).queryAllByRole('option').length
    // The list is 900 px high (harness), rows 96 px: rows 0-9 are visible, 4 more are drawn ahead once painted.
    expect(optionNames()[0]).toBe('Post 59')
    expect(rows()).toBe(10)
    await waitFor(() => expect(rows()).toBe(14))
    await prefetchKindWindows(db)
    // The notes' first window is read ahead: the view change paints it in the click's own render.
    act(() => store.showView({ type: 'items', filter: { kind: 'note' } }))
    expect(optionNames()[0]).toBe('Note 59')
    expect(rows()).toBe(10)
    await waitFor(() => expect(rows()).toBe(14))
    expect(optionNames().slice(10)).toEqual(['Note 49', 'Note 48', 'Note 47', 'Note 46'])
  })

  it('a read-ahead window shorter than a page is the whole list: its count shows at once', async () => {
    const { view } = await renderApp(sample, { readAhead: true })
    expect(optionNames()).toEqual(['Dexie docs', 'JSConf talk', 'Offline first', 'Grocery ideas'])
    expect(view.container.querySelector('.list-status')!.textContent).toBe('4 items')
  })

  it("a window read from a database no longer in use never paints in the next one's list", async () => {
    // What a previous list's late read does (a restore swaps the database; tests make a fresh one each).
    const old = await renderApp(sample)
    await waitFor(() => expect(optionNames()[0]).toBe('Dexie docs'))
    cleanup()
    const { db } = await renderApp(async (fresh) => {
      await createItem(fresh, 'note', { title: 'Only here' }, 1000)
    }, { readAhead: true })
    rememberWindow(old.db, cacheKey('items:' + filterKey({}), 0, FIRST_WINDOW_SIZE), { count: 1, offset: 0, items: [(await old.db.items.toArray())[0]!] })
    cleanup()
    setDb(db)
    render(<App store={new LibraryStore()} />)
    expect(optionNames()).toEqual(['Only here'])
  })
})

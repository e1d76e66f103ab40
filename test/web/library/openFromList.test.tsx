// @vitest-environment jsdom
// Opening an item paints the list's copy of its row while the item's own read is under way (a read that can
// wait behind others at start), but only a copy read after the last write to items.
import { act, cleanup, renderHook, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db'
import { Autosaver } from '../../../src/features/editor/autosave'
import { createItem, updateFields } from '../../../src/features/items/repository'
import { hasPendingDrafts, useDraft } from '../../../src/features/library/fields/useDraft'
import { cacheKey, clearPrefetched, freshListRow, itemWritesSeen, rememberWindow } from '../../../src/features/library/prefetch'
import { renderApp } from './harness'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

async function sample(db: BaluchonDb): Promise<void> {
  await createItem(db, 'post', { title: 'Offline first', body: docFromText('service workers'), bodyText: 'service workers' }, 2000)
  await createItem(db, 'note', { title: 'Grocery ideas', body: docFromText('apples and pears'), bodyText: 'apples and pears' }, 1000)
}

const list = () => screen.getByRole('listbox', { name: 'Items' })
/** Dexie tells its listeners of a write a moment after it commits. */
const written = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('opening an item from the list', () => {
  it("shows the item while its own read is still waiting, from the list's copy of the row", async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await within(list()).findByRole('option', { name: /Grocery ideas/ })
    // The item's read answers only when released.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const get = db.items.get.bind(db.items)
    const reads = vi.spyOn(db.items, 'get').mockImplementation((async (key: string) => {
      await held
      return get(key)
    }) as typeof db.items.get)
    await user.click(within(list()).getByRole('option', { name: /Grocery ideas/ }))
    const main = screen.getByRole('main')
    await waitFor(() => expect(within(main).getByRole('textbox', { name: 'Body' }).textContent).toBe('apples and pears'))
    expect((within(main).getByRole('textbox', { name: 'Title' }) as HTMLTextAreaElement).value).toBe('Grocery ideas')
    expect(reads).toHaveBeenCalled()
    release()
    await written()
    expect(within(main).getByRole('textbox', { name: 'Body' }).textContent).toBe('apples and pears')
  })

  it('waits for the read while editor content is waiting to be written (the list may not have heard of it yet)', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await within(list()).findByRole('option', { name: /Grocery ideas/ })
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const get = db.items.get.bind(db.items)
    vi.spyOn(db.items, 'get').mockImplementation((async (key: string) => {
      await held
      return get(key)
    }) as typeof db.items.get)
    // Typed text of some editor, not yet written.
    const saver = new Autosaver<string>({ read: () => 'typed', write: () => Promise.resolve(), delayMs: 60_000 })
    saver.change()
    await user.click(within(list()).getByRole('option', { name: /Grocery ideas/ }))
    await written()
    // Still the welcome: no pane for the item (its header is drawn at once when a copy is used).
    expect(screen.getByRole('main').querySelector('.detail-bar')).toBeNull()
    release()
    await waitFor(() => expect(within(screen.getByRole('main')).getByRole('textbox', { name: 'Body' }).textContent).toBe('apples and pears'))
    await saver.flush()
  })
})

describe('freshListRow', () => {
  it('gives a row of a window read after the last item write, and none once an item is written', async () => {
    clearPrefetched()
    const db = new BaluchonDb(`fresh-row-${Date.now()}`)
    await db.open()
    const item = await createItem(db, 'note', { title: 'A' }, 1000)
    const other = await createItem(db, 'note', { title: 'B' }, 2000)
    await written()
    const window = { count: 2, offset: 0, items: (await db.items.toArray()) as Item[] }
    rememberWindow(db, cacheKey('items:all', 0, 50), window, itemWritesSeen(db))
    expect(freshListRow(db, item.id)?.title).toBe('A')
    expect(freshListRow(db, 'no-such-id')).toBeUndefined()
    // A write to another table changes no row.
    await db.settings.put({ key: 'x', value: 1 } as never)
    await written()
    expect(freshListRow(db, item.id)?.title).toBe('A')
    // Any item written since the read: the window may hold an older copy, so it is not used.
    await updateFields(db, other.id, { title: 'B2' })
    await written()
    expect(freshListRow(db, item.id)).toBeUndefined()
    // A window remembered without knowing when it was read is never used either.
    rememberWindow(db, cacheKey('items:kind=note', 0, 50), { count: 2, offset: 0, items: window.items })
    expect(freshListRow(db, item.id)).toBeUndefined()
    db.close()
  })
})

describe('hasPendingDrafts', () => {
  it('is true while a field holds typed text not yet saved, false once it is saved', async () => {
    const saved: string[] = []
    const { result, unmount } = renderHook(() => useDraft('a', (value) => void saved.push(value), 10_000))
    expect(hasPendingDrafts()).toBe(false)
    act(() => result.current.onChange('ab'))
    expect(hasPendingDrafts()).toBe(true)
    await act(async () => {
      await result.current.flush()
    })
    expect(saved).toEqual(['ab'])
    expect(hasPendingDrafts()).toBe(false)
    unmount()
  })
})

// @vitest-environment jsdom
// Linking one item to another from the editor, as a person does it in the app: Mod-K, type part of a title,
// pick the item (search finds it), then Ctrl+click the link or the form's "Open item" to go there.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { BaluchonDb } from '../../../src/db'
import { createItem } from '../../../src/features/items/repository'
import { editorOf, pressKey } from '../editor/harness'
import { renderApp } from './harness'

afterEach(() => cleanup())

let talkId = ''
let groceryId = ''
async function sample(db: BaluchonDb): Promise<void> {
  talkId = (await createItem(db, 'talk', { title: 'Lyon conférence notes', body: docFromText('slides'), bodyText: 'slides' }, 2000)).id
  groceryId = (await createItem(db, 'note', { title: 'Grocery ideas', body: docFromText('see the talk'), bodyText: 'see the talk' }, 1000)).id
}

const list = () => screen.getByRole('listbox', { name: 'Items' })
const main = () => screen.getByRole('main')
const title = () => (within(main()).getByRole('textbox', { name: 'Title' }) as HTMLTextAreaElement).value

describe('links between items, made in the editor', () => {
  it('Mod-K finds an item by a few letters of its title, links it, and Ctrl+click or "Open item" goes there', async () => {
    const user = userEvent.setup()
    const { db, store, view } = await renderApp(sample)
    await user.click(await within(list()).findByRole('option', { name: /Grocery ideas/ }))
    await waitFor(() => expect(title()).toBe('Grocery ideas'))
    const editor = editorOf(view.container)
    act(() => {
      editor.commands.setTextSelection({ from: 9, to: 13 })
    })
    expect(editor.state.doc.textBetween(9, 13)).toBe('talk')
    expect(pressKey(editor, 'k', { ctrl: true })).toBe(true)
    const form = screen.getByRole('group', { name: 'Edit link' })
    const field = within(form).getByRole('combobox', { name: 'Link address or item' })
    // Without its accent, as search forgives; the item being edited is never offered.
    fireEvent.change(field, { target: { value: 'conference' } })
    const choice = await within(form).findByRole('option', { name: /Lyon conférence notes/ })
    const choices = within(form).getByRole('listbox', { name: 'Items to link to' })
    expect(within(choices).queryByRole('option', { name: /Grocery ideas/ })).toBeNull()
    expect(field.getAttribute('aria-expanded')).toBe('true')
    fireEvent.keyDown(field, { key: 'ArrowDown' })
    expect(field.getAttribute('aria-activedescendant')).toBe(choice.id)
    expect(choice.getAttribute('aria-selected')).toBe('true')
    fireEvent.submit(form)
    expect(screen.queryByRole('group', { name: 'Edit link' })).toBeNull()
    const linked = editor.getJSON().content?.[0]?.content?.find((n) => (n as { text?: string }).text === 'talk')
    expect(linked?.marks).toEqual([expect.objectContaining({ type: 'link', attrs: expect.objectContaining({ href: `item:${talkId}` }) })])
    await waitFor(async () => expect(JSON.stringify((await db.items.get(groceryId))?.body)).toContain(`item:${talkId}`))

    // Ctrl+click follows it.
    const link = view.container.querySelector(`.ProseMirror a[href="item:${talkId}"]`) as HTMLAnchorElement
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true })
    Object.defineProperty(event, 'target', { value: link })
    act(() => {
      editor.view.someProp('handleClick', (f) => f(editor.view, 10, event))
    })
    await waitFor(() => expect(store.get().selectedId).toBe(talkId))
    await waitFor(() => expect(title()).toBe('Lyon conférence notes'))
    // The talk lists the note that links to it, and goes back there.
    const linkedFrom = await within(main()).findByRole('region', { name: 'Linked from' })
    await user.click(within(linkedFrom).getByRole('button', { name: 'Grocery ideas' }))
    await waitFor(() => expect(title()).toBe('Grocery ideas'))
    expect(within(main()).queryByRole('region', { name: 'Linked from' })).toBeNull()
    await user.click(within(list()).getByRole('option', { name: /Lyon conférence notes/ }))
    await waitFor(() => expect(title()).toBe('Lyon conférence notes'))

    // Back on the note, the link form says where the link goes and opens it.
    await user.click(within(list()).getByRole('option', { name: /Grocery ideas/ }))
    await waitFor(() => expect(title()).toBe('Grocery ideas'))
    act(() => {
      editor.commands.setTextSelection(10)
    })
    expect(pressKey(editor, 'k', { ctrl: true })).toBe(true)
    const again = screen.getByRole('group', { name: 'Edit link' })
    expect(await within(again).findByText('Links to “Lyon conférence notes”.')).toBeTruthy()
    // Applied as it is, it stays the same link.
    fireEvent.submit(again)
    expect(editor.getJSON().content?.[0]?.content?.find((n) => (n as { text?: string }).text === 'talk')?.marks?.[0]?.attrs?.href).toBe(`item:${talkId}`)
    expect(pressKey(editor, 'k', { ctrl: true })).toBe(true)
    await user.click(await within(screen.getByRole('group', { name: 'Edit link' })).findByRole('button', { name: 'Open item' }))
    await waitFor(() => expect(store.get().selectedId).toBe(talkId))
  })
})

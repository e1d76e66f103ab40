// @vitest-environment jsdom
// The detail pane as items are opened one after another: one editor for all of them (each item's own
// title, text, fields and tags on screen), and tag suggestions read only while the tags input is used.
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { BaluchonDb } from '../../../src/db'
import { createItem, getItem } from '../../../src/features/items/repository'
import { renderApp } from './harness'

afterEach(() => cleanup())

async function sample(db: BaluchonDb): Promise<void> {
  await createItem(db, 'note', { title: 'Grocery ideas', body: docFromText('apples and pears'), bodyText: 'apples and pears' }, 1000)
  await createItem(db, 'post', { title: 'Offline first', status: 'draft', tags: ['web'], body: docFromText('service workers'), bodyText: 'service workers' }, 2000)
  await createItem(db, 'talk', { title: 'JSConf talk', tags: ['web', 'conf'], body: docFromText('slides outline'), bodyText: 'slides outline' }, 3000)
}

const list = () => screen.getByRole('listbox', { name: 'Items' })
const main = () => screen.getByRole('main')
const titleBox = () => within(main()).getByRole('textbox', { name: 'Title' }) as HTMLTextAreaElement
const body = () => within(main()).getByRole('textbox', { name: 'Body' })
const chips = () =>
  within(within(main()).getByRole('list', { name: 'Tags of this item' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

async function open(user: ReturnType<typeof userEvent.setup>, name: string): Promise<void> {
  await user.click(await within(list()).findByRole('option', { name }))
  await waitFor(() => expect(titleBox().value).toBe(name))
}

describe('detail pane', () => {
  it('opens item after item in the same editor, each with its own text, fields and tags', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await open(user, 'Offline first')
    const editorElement = body()
    expect(editorElement.textContent).toBe('service workers')
    expect(chips()).toEqual(['#web'])
    expect(within(main()).getByLabelText('Slug')).toBeTruthy()

    await open(user, 'JSConf talk')
    // The same editor element, now showing the talk.
    expect(body()).toBe(editorElement)
    expect(editorElement.textContent).toBe('slides outline')
    expect(chips()).toEqual(['#web', '#conf'])
    expect(within(main()).getByLabelText('Event')).toBeTruthy()
    expect(within(main()).queryByLabelText('Slug')).toBeNull()

    await open(user, 'Grocery ideas')
    expect(body()).toBe(editorElement)
    expect(editorElement.textContent).toBe('apples and pears')
    expect(chips()).toEqual([])
  })

  it('suggests existing tags while typing, and a tag left in the input goes to its own item when another opens', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await open(user, 'Grocery ideas')
    const note = (await db.items.filter((item) => item.title === 'Grocery ideas').first())!
    const input = within(main()).getByRole('combobox', { name: 'Tags' })
    await user.click(input)
    await user.keyboard('co')
    const suggestions = await within(main()).findByRole('listbox', { name: 'Existing tags' })
    await waitFor(() => expect(within(suggestions).getAllByRole('option').map((o) => o.textContent)).toEqual(['#conf']))

    await user.keyboard('{Backspace}{Backspace}shopping')
    await open(user, 'Offline first')
    // Typed text belonged to the note: saved there, and the post's input starts empty.
    await waitFor(async () => expect((await getItem(db, note.id))?.tags).toEqual(['shopping']))
    expect((within(main()).getByRole('combobox', { name: 'Tags' }) as HTMLInputElement).value).toBe('')
    expect(chips()).toEqual(['#web'])
  })
})

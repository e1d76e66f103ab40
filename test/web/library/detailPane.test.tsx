// @vitest-environment jsdom
// The detail pane as items are opened one after another: one editor for all of them (each item's own
// title, text, fields and tags on screen), and tag suggestions read only while the tags input is used.
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { BaluchonDb } from '../../../src/db'
import { createItem, getItem } from '../../../src/features/items/repository'
import { enableStandby } from '../../../src/features/library/DetailPane'
import { renderApp } from './harness'

afterEach(() => {
  cleanup()
  enableStandby(false)
})

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

  it('while no item is open, keeps the pane drawn hidden, and opening an item switches it (same editor), saving what was typed on leaving', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(async (d) => {
      await sample(d)
      // Newest, but too long to keep drawn for nothing: the standby takes the next one.
      await createItem(d, 'note', { title: 'Long draft', body: docFromText('x'.repeat(30_000)), bodyText: 'x'.repeat(30_000) }, 4000)
    })
    enableStandby()
    const hidden = await waitFor(() => {
      const slot = document.querySelector<HTMLElement>('.detail-slot')
      expect(slot?.querySelector<HTMLTextAreaElement>('textarea.be-title')?.value).toBe('JSConf talk')
      return slot!
    })
    expect(hidden.style.display).toBe('none')
    expect(hidden.getAttribute('aria-hidden')).toBe('true')
    expect(hidden.hasAttribute('inert')).toBe(true)
    // Out of reach: the welcome is what shows, and no title box can be found.
    expect(within(main()).queryByRole('textbox', { name: 'Title' })).toBeNull()
    expect(within(main()).getByText('Nothing selected')).toBeTruthy()
    const editorElement = hidden.querySelector('[contenteditable]')

    await open(user, 'Offline first')
    expect(body()).toBe(editorElement)
    expect(body().textContent).toBe('service workers')
    expect(within(main()).queryByText('Nothing selected')).toBeNull()
    await user.type(titleBox(), '!')

    // Nothing open again (the Trash view): the pane hides, with what was typed saved.
    await user.click(within(screen.getByRole('navigation', { name: 'Library' })).getByRole('button', { name: /^Trash/ }))
    await waitFor(() => expect(document.querySelector<HTMLElement>('.detail-slot')?.style.display).toBe('none'))
    const post = (await db.items.where('kind').equals('post').first())!
    await waitFor(async () => expect((await getItem(db, post.id))?.title).toBe('Offline first!'))
  })
})

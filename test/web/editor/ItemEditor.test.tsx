// @vitest-environment jsdom
// The editor as the library embeds it: structure and accessibility, Markdown input rules, toolbar,
// links, word count, autosave paths (debounce, blur, switch, unmount, window close, failure and
// retry, rescue copy) and outside changes.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Dexie from 'dexie'
import { StrictMode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { docFromText, type RichDoc } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import type { BaluchonDb } from '../../../src/db'
import { ItemEditor, flushAllPendingSaves, prebuildEditor } from '../../../src/features/editor'
import { resetAutosaversForTests } from '../../../src/features/editor/autosave'
import { TYPING_WARMED_MARK, WARM_UP_DOC } from '../../../src/features/editor/sharedEditor'
import { holdsTail } from '../../../src/features/editor/showDocument'
import { deleteForever, getItem, saveContent, updateFields } from '../../../src/features/items/repository'
import { echoedUpdate } from '../../../src/features/library/echoedUpdates'
import { editorOf, newNote, pressKey, setupEditorTest, shownSaveWords, typeText, type FakeApi } from './harness'

let db: BaluchonDb
let api: FakeApi

beforeEach(async () => {
  ;({ db, api } = await setupEditorTest('en'))
  resetAutosaversForTests()
  localStorage.clear()
})
afterEach(async () => {
  cleanup()
  await flushAllPendingSaves()
  vi.restoreAllMocks()
})

/** A long autosave delay: anything saved in these tests was saved by a flush path, not the debounce. */
const NO_DEBOUNCE = 60_000

function renderItem(item: Item, props: { autosaveDelayMs?: number; onOpenItem?: (id: string) => Promise<boolean> } = { autosaveDelayMs: NO_DEBOUNCE }) {
  const result = render(<ItemEditor item={item} {...props} />)
  return {
    ...result,
    editor: () => editorOf(result.container),
    rerenderItem: (next: Item) => result.rerender(<ItemEditor item={next} {...props} />),
  }
}

async function stored(id: string): Promise<Item> {
  const item = await getItem(db, id)
  if (!item) throw new Error(`item ${id} missing`)
  return item
}

const textDoc = (text: string): RichDoc => docFromText(text)

describe('structure and accessibility', () => {
  it('has a Title textbox, a formatting toolbar, a multiline Body textbox and a status bar', async () => {
    const item = await newNote(db, { title: 'Hello', body: textDoc('Three words here'), bodyText: 'Three words here' })
    renderItem(item)
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'Hello')
    const body = screen.getByRole('textbox', { name: 'Body' })
    expect(body.getAttribute('aria-multiline')).toBe('true')
    expect(body.getAttribute('contenteditable')).toBe('true')
    expect(body.textContent).toBe('Three words here')
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' })
    const bold = within(toolbar).getByRole('button', { name: 'Bold' })
    expect(bold.getAttribute('aria-pressed')).toBe('false')
    expect(bold.getAttribute('title')).toBe('Bold (Ctrl+B)')
    expect(screen.getByText('3 words')).toBeTruthy()
    expect(screen.getByText('1 min read')).toBeTruthy()
    // The words sit in a box of their own inside the live region (StatusBar.tsx).
    expect(screen.getByText('Saved').closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite')
    expect(shownSaveWords()).toBe('Saved')
  })

  it('speaks French when the interface does', async () => {
    ;({ db, api } = await setupEditorTest('fr'))
    const item = await newNote(db, { body: textDoc('Un deux'), bodyText: 'Un deux' })
    renderItem(item)
    expect(screen.getByRole('textbox', { name: 'Titre' })).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Texte' })).toBeTruthy()
    expect(screen.getByRole('toolbar', { name: 'Mise en forme' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Gras' })).toBeTruthy()
    expect(screen.getByText('2 mots')).toBeTruthy()
    ;({ db, api } = await setupEditorTest('en'))
  })

  it('toolbar is one tab stop with arrow-key navigation', async () => {
    const item = await newNote(db)
    renderItem(item)
    const buttons = within(screen.getByRole('toolbar')).getAllByRole('button')
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1)
    buttons[0]!.focus()
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(buttons[1])
    fireEvent.keyDown(buttons[1]!, { key: 'End' })
    expect(document.activeElement).toBe(buttons[buttons.length - 1])
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(buttons[0])
  })
})

describe('formatting', () => {
  it('turns Markdown typed at the start of a line into blocks', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    const e = editor()
    const lines: [string, string][] = [
      ['# ', 'heading'],
      ['- ', 'bulletList'],
      ['1. ', 'orderedList'],
      ['> ', 'blockquote'],
      ['``` ', 'codeBlock'],
      ['[ ] ', 'taskList'],
    ]
    for (const [syntax, type] of lines) {
      act(() => {
        e.commands.setContent({ type: 'doc', content: [{ type: 'paragraph' }] })
        e.commands.focus('start')
      })
      typeText(e, `${syntax}text`)
      expect(e.getJSON().content?.[0]?.type, syntax).toBe(type)
      expect(e.getText()).toContain('text')
    }
  })

  it('applies marks from the toolbar and the keyboard, and shows them as pressed', async () => {
    const item = await newNote(db, { body: textDoc('word'), bodyText: 'word' })
    const { editor } = renderItem(item)
    const e = editor()
    act(() => {
      e.commands.selectAll()
    })
    fireEvent.click(screen.getByRole('button', { name: 'Bold' }))
    expect(e.isActive('bold')).toBe(true)
    expect(screen.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true')
    expect(pressKey(e, 'X', { ctrl: true, shift: true })).toBe(true)
    expect(e.isActive('strike')).toBe(true)
    expect(pressKey(e, 'e', { ctrl: true })).toBe(true)
    expect(e.isActive('code')).toBe(true)
    act(() => {
      e.commands.setTextSelection(2)
    })
    fireEvent.click(screen.getByRole('button', { name: 'Heading 2' }))
    expect(e.isActive('heading', { level: 2 })).toBe(true)
    expect(screen.getByRole('button', { name: 'Heading 2' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('inserts a table from the toolbar and offers table actions inside it', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    expect(screen.queryByRole('button', { name: 'Add row below' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Insert table' }))
    const e = editor()
    expect(e.getJSON().content?.some((n) => n.type === 'table')).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Add row below' }))
    const table = e.getJSON().content?.find((n) => n.type === 'table')
    expect(table?.content).toHaveLength(4)
    fireEvent.click(screen.getByRole('button', { name: 'Delete table' }))
    expect(e.getJSON().content?.some((n) => n.type === 'table')).toBe(false)
  })
})

describe('links', () => {
  it('Mod-K opens the link form; an address without scheme becomes https, javascript: is refused', async () => {
    const item = await newNote(db, { body: textDoc('see docs'), bodyText: 'see docs' })
    const { editor } = renderItem(item)
    const e = editor()
    act(() => {
      e.commands.setTextSelection({ from: 5, to: 9 })
    })
    expect(pressKey(e, 'k', { ctrl: true })).toBe(true)
    const form = screen.getByRole('group', { name: 'Edit link' })
    const input = within(form).getByRole('combobox', { name: 'Link address or item' })
    fireEvent.change(input, { target: { value: 'javascript:alert(1)' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
    expect(screen.getByRole('alert').textContent).toMatch(/Only web/)
    expect(JSON.stringify(e.getJSON())).not.toContain('javascript')
    fireEvent.change(input, { target: { value: 'example.org/guide' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
    expect(screen.queryByRole('group', { name: 'Edit link' })).toBeNull()
    const marks = e.getJSON().content?.[0]?.content?.find((n) => (n as { text?: string }).text === 'docs')?.marks
    expect(marks).toEqual([expect.objectContaining({ type: 'link', attrs: expect.objectContaining({ href: 'https://example.org/guide' }) })])
  })

  it('never stores a javascript: link or a malformed link to an item set by command', async () => {
    const item = await newNote(db, { body: textDoc('x'), bodyText: 'x' })
    const { editor } = renderItem(item)
    const e = editor()
    act(() => {
      e.commands.selectAll()
    })
    expect(e.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false)
    expect(e.commands.setLink({ href: 'data:text/html,<script>1</script>' })).toBe(false)
    expect(e.commands.setLink({ href: 'mailto:me@example.org' })).toBe(true)
    expect(e.commands.setLink({ href: 'item:../../etc' })).toBe(false)
    expect(e.commands.setLink({ href: 'item:' })).toBe(false)
    expect(e.commands.setLink({ href: 'item:01JTALK' })).toBe(true)
  })

  it('Ctrl+click opens a link in the OS browser; a plain click does not', async () => {
    const body: RichDoc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }] }] }],
    }
    const item = await newNote(db, { body, bodyText: 'site' })
    const { container } = renderItem(item)
    const link = container.querySelector('.ProseMirror a') as HTMLAnchorElement
    expect(link.getAttribute('href')).toBe('https://example.org/')
    expect(link.getAttribute('target')).toBeNull()
    const editorView = editorOf(container).view
    const click = (mods: MouseEventInit) => {
      const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...mods })
      Object.defineProperty(event, 'target', { value: link })
      return editorView.someProp('handleClick', (f) => f(editorView, 2, event))
    }
    expect(click({})).toBeFalsy()
    expect(api.openExternal).not.toHaveBeenCalled()
    expect(click({ ctrlKey: true })).toBe(true)
    expect(api.openExternal).toHaveBeenCalledWith({ url: 'https://example.org/' })
    // The DOM click itself never navigates the app window.
    const domClick = new MouseEvent('click', { bubbles: true, cancelable: true })
    link.dispatchEvent(domClick)
    expect(domClick.defaultPrevented).toBe(true)
  })

  it('Ctrl+click on a link to another item opens that item in the app, never the browser; a gone item is said so', async () => {
    const body: RichDoc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'my talk', marks: [{ type: 'link', attrs: { href: 'item:01JTALK' } }] },
            { type: 'text', text: ' and ' },
            { type: 'text', text: 'a gone note', marks: [{ type: 'link', attrs: { href: 'item:01JGONE' } }] },
          ],
        },
      ],
    }
    const item = await newNote(db, { body, bodyText: 'my talk and a gone note' })
    const onOpenItem = vi.fn(async (id: string) => id === '01JTALK')
    const { container } = renderItem(item, { autosaveDelayMs: NO_DEBOUNCE, onOpenItem })
    const [talk, gone] = Array.from(container.querySelectorAll('.ProseMirror a')) as HTMLAnchorElement[]
    // Stored and drawn as it is: the editor's link rules keep links between items.
    expect(talk!.getAttribute('href')).toBe('item:01JTALK')
    const editorView = editorOf(container).view
    const click = (link: HTMLAnchorElement, mods: MouseEventInit) => {
      const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...mods })
      Object.defineProperty(event, 'target', { value: link })
      return editorView.someProp('handleClick', (f) => f(editorView, 2, event))
    }
    expect(click(talk!, {})).toBeFalsy()
    expect(onOpenItem).not.toHaveBeenCalled()
    expect(click(talk!, { ctrlKey: true })).toBe(true)
    expect(onOpenItem).toHaveBeenCalledWith('01JTALK')
    expect(api.openExternal).not.toHaveBeenCalled()
    expect(screen.queryByText(/no longer exists/)).toBeNull()
    expect(click(gone!, { metaKey: true })).toBe(true)
    expect(onOpenItem).toHaveBeenLastCalledWith('01JGONE')
    expect(await screen.findByText(/The linked item no longer exists/)).toBeTruthy()
    expect(api.openExternal).not.toHaveBeenCalled()
  })
})

describe('word count', () => {
  it('updates after typing pauses', async () => {
    const item = await newNote(db, { body: textDoc('one'), bodyText: 'one' })
    const { editor } = renderItem(item)
    expect(screen.getByText('1 word')).toBeTruthy()
    act(() => {
      editor().commands.focus('end')
    })
    typeText(editor(), ' two three')
    expect(screen.getByText('1 word')).toBeTruthy()
    await waitFor(() => expect(screen.getByText('3 words')).toBeTruthy())
  })
})

describe('autosave', () => {
  it('saves title and body after the pause, with plain text for search', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item, { autosaveDelayMs: 50 })
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'My\ntitle' } })
    act(() => {
      editor().commands.focus('start')
    })
    typeText(editor(), 'Hello world')
    expect(shownSaveWords()).toBe('Saving…')
    await waitFor(async () => expect((await stored(item.id)).bodyText).toBe('Hello world'))
    const saved = await stored(item.id)
    expect(saved.title).toBe('My title')
    expect(saved.body.content?.[0]?.content?.[0]?.text).toBe('Hello world')
    await waitFor(() => expect(shownSaveWords()).toBe('Saved'))
  })

  it('does not save before the pause when nothing forces it', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    typeText(editor(), 'draft')
    await new Promise((r) => setTimeout(r, 50))
    expect((await stored(item.id)).bodyText).toBe('')
    expect(shownSaveWords()).toBe('Saving…')
  })

  it("tells the detail header the save's time as soon as it is written, without waiting for its echo", async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    typeText(editor(), 'written now')
    expect(echoedUpdate(item.id)).toBeUndefined()
    // No detail pane here, so no live query reads the row back: only the save itself can say when it was written.
    expect(await flushAllPendingSaves()).toBe(true)
    const written = await stored(item.id)
    expect(written.bodyText).toBe('written now')
    expect(echoedUpdate(item.id)).toBe(written.updatedAt)
  })

  it('flushes on blur', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    typeText(editor(), 'typed then left')
    act(() => {
      editor().view.dom.dispatchEvent(new FocusEvent('blur'))
      editor().emit('blur', { editor: editor(), event: new FocusEvent('blur'), transaction: editor().state.tr })
    })
    await waitFor(async () => expect((await stored(item.id)).bodyText).toBe('typed then left'))
  })

  it('switching items quickly loses no keystroke', async () => {
    const a = await newNote(db, { title: 'A' })
    const b = await newNote(db, { title: 'B' })
    const c = await newNote(db, { title: 'C' })
    const view = renderItem(a)
    typeText(view.editor(), 'text for A')
    view.rerenderItem(b)
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'B')
    typeText(view.editor(), 'text for B')
    view.rerenderItem(c)
    // No flushAllPendingSaves and a 60 s debounce: only the switch itself can have saved these.
    await waitFor(async () => {
      expect((await stored(a.id)).bodyText).toBe('text for A')
      expect((await stored(b.id)).bodyText).toBe('text for B')
    })
    expect((await stored(c.id)).bodyText).toBe('')
  })

  it('saves when the editor is unmounted', async () => {
    const item = await newNote(db)
    const view = renderItem(item)
    typeText(view.editor(), 'closing the pane')
    view.unmount()
    await waitFor(async () => expect((await stored(item.id)).bodyText).toBe('closing the pane'))
  })

  it('answers main’s flushRequest: saves everything, then says it is ready to close', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    typeText(editor(), 'last second edit')
    let savedWhenReady = ''
    api.readyToClose.mockImplementation(async () => {
      savedWhenReady = (await stored(item.id)).bodyText
      return { ok: true, value: undefined }
    })
    act(() => api.emit('flushRequest', {}))
    await waitFor(() => expect(api.readyToClose).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(savedWhenReady).toBe('last second edit'))
  })

  it('on a full disk: shows why, keeps the text and a rescue copy, and saves on retry', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    const put = vi.spyOn(db.items, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    typeText(editor(), 'do not lose me')
    await act(async () => {
      expect(await flushAllPendingSaves()).toBe(false)
    })
    expect(put).toHaveBeenCalled()
    expect(screen.getByText(/Not saved: storage is full/)).toBeTruthy()
    expect(editor().getText()).toBe('do not lose me')
    expect((await stored(item.id)).bodyText).toBe('')
    const rescue = JSON.parse(localStorage.getItem(`baluchon:unsaved:${item.id}`) ?? 'null') as { bodyText: string } | null
    expect(rescue?.bodyText).toBe('do not lose me')
    // While it fails, main is not told the window may close.
    put.mockRejectedValueOnce(new DOMException('still full', 'QuotaExceededError'))
    act(() => api.emit('flushRequest', {}))
    await waitFor(() => expect(put).toHaveBeenCalledTimes(2))
    await new Promise((r) => setTimeout(r, 20))
    expect(api.readyToClose).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Try again now' }))
    await waitFor(async () => expect((await stored(item.id)).bodyText).toBe('do not lose me'))
    await waitFor(() => expect(shownSaveWords()).toBe('Saved'))
    expect(screen.queryByRole('button', { name: 'Try again now' })).toBeNull()
    expect(localStorage.getItem(`baluchon:unsaved:${item.id}`)).toBeNull()
  })

  it('a generic failure says so and retries on the next change', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item, { autosaveDelayMs: 30 })
    vi.spyOn(db.items, 'put').mockRejectedValueOnce(new Error('disk I/O error'))
    typeText(editor(), 'first')
    await waitFor(() => expect(screen.getByText(/Not saved\. Your text is still here/)).toBeTruthy())
    typeText(editor(), ' second')
    await waitFor(async () => expect((await stored(item.id)).bodyText).toBe('first second'))
    await waitFor(() => expect(shownSaveWords()).toBe('Saved'))
  })

  it('drops pending text of an item deleted meanwhile instead of retrying forever', async () => {
    const item = await newNote(db)
    const { editor } = renderItem(item)
    typeText(editor(), 'typed into a doomed item')
    await deleteForever(db, [item.id])
    let ok = false
    await act(async () => {
      ok = await flushAllPendingSaves()
    })
    expect(ok).toBe(true)
    expect(await getItem(db, item.id)).toBeUndefined()
    expect(shownSaveWords()).toBe('Saved')
  })

  it('brings back a rescue copy left by a failed save and saves it', async () => {
    const item = await newNote(db, { title: 'Old', body: textDoc('old'), bodyText: 'old' })
    localStorage.setItem(
      `baluchon:unsaved:${item.id}`,
      JSON.stringify({ title: 'Rescued', body: textDoc('rescued text'), bodyText: 'rescued text', at: item.updatedAt + 1000 }),
    )
    const { editor } = renderItem(item)
    expect(editor().getText()).toBe('rescued text')
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'Rescued')
    expect(screen.getByRole('alert').textContent).toMatch(/Unsaved changes from last time were restored/)
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect(await stored(item.id)).toMatchObject({ title: 'Rescued', bodyText: 'rescued text' })
  })

  it('ignores a rescue copy older than the stored item', async () => {
    const item = await newNote(db, { body: textDoc('current'), bodyText: 'current' })
    localStorage.setItem(`baluchon:unsaved:${item.id}`, JSON.stringify({ title: '', body: textDoc('stale'), bodyText: 'stale', at: item.updatedAt - 1 }))
    const { editor } = renderItem(item)
    expect(editor().getText()).toBe('current')
    expect(localStorage.getItem(`baluchon:unsaved:${item.id}`)).toBeNull()
  })
})

describe('switching items in the one editor', () => {
  it('keeps the same editor and shows each item’s own title, text and word count', async () => {
    const a = await newNote(db, { title: 'A', body: textDoc('alpha words here'), bodyText: 'alpha words here' })
    const b = await newNote(db, { title: 'B', body: textDoc('beta'), bodyText: 'beta' })
    const view = renderItem(a)
    const first = view.editor()
    expect(first.getText()).toBe('alpha words here')
    expect(screen.getByText('3 words')).toBeTruthy()
    view.rerenderItem(b)
    // Not a new editor: the same instance now shows B.
    expect(view.editor()).toBe(first)
    expect(first.getText()).toBe('beta')
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'B')
    expect(screen.getByText('1 word')).toBeTruthy()
    view.rerenderItem(a)
    expect(first.getText()).toBe('alpha words here')
    expect(screen.getByText('3 words')).toBeTruthy()
  })

  it('undo never reaches into the item shown before', async () => {
    const a = await newNote(db, { title: 'A', body: textDoc('a'), bodyText: 'a' })
    const b = await newNote(db, { title: 'B', body: textDoc('b'), bodyText: 'b' })
    const view = renderItem(a)
    act(() => {
      view.editor().commands.focus('end')
    })
    typeText(view.editor(), ' typed in A')
    expect(view.editor().can().undo()).toBe(true)
    view.rerenderItem(b)
    const e = view.editor()
    expect(e.can().undo()).toBe(false)
    act(() => {
      e.commands.undo()
    })
    expect(e.getText()).toBe('b')
    // The toolbar follows: nothing to undo in B.
    expect(screen.getByRole('button', { name: 'Undo' }).getAttribute('aria-disabled')).toBe('true')
    act(() => {
      e.commands.focus('end')
    })
    typeText(e, '!')
    act(() => {
      e.commands.undo()
    })
    expect(e.getText()).toBe('b')
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect((await stored(a.id)).bodyText).toBe('a typed in A')
    expect((await stored(b.id)).bodyText).toBe('b')
  })

  it('a save still running when the item changes writes the old item only, and later typing goes to the new one', async () => {
    const a = await newNote(db, { title: 'A' })
    const b = await newNote(db, { title: 'B' })
    const view = renderItem(a)
    // Hold A's first write until B is shown and typed into.
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const put = db.items.put.bind(db.items)
    // Dexie.waitFor keeps the write's transaction open while it waits.
    vi.spyOn(db.items, 'put').mockImplementationOnce((...args: Parameters<typeof db.items.put>) => Dexie.waitFor(gate).then(() => put(...args)) as ReturnType<typeof put>)
    typeText(view.editor(), 'first for A')
    let firstSave: Promise<boolean> = Promise.resolve(true)
    act(() => {
      firstSave = flushAllPendingSaves()
    })
    typeText(view.editor(), ', more for A')
    view.rerenderItem(b)
    typeText(view.editor(), 'for B')
    release()
    await act(async () => {
      await firstSave
      await flushAllPendingSaves()
    })
    expect((await stored(a.id)).bodyText).toBe('first for A, more for A')
    expect((await stored(b.id)).bodyText).toBe('for B')
    expect(view.editor().getText()).toBe('for B')
  })

  it('an item whose own save comes back after switching away and back is not reloaded', async () => {
    const a = await newNote(db, { title: 'A', body: textDoc('one'), bodyText: 'one' })
    const b = await newNote(db, { title: 'B' })
    const view = renderItem(a)
    act(() => {
      view.editor().commands.focus('end')
    })
    typeText(view.editor(), ' two')
    view.rerenderItem(b)
    await act(async () => {
      await flushAllPendingSaves()
    })
    // Back to A: the stored row (with the switch's save in it) is what the editor shows.
    view.rerenderItem(await stored(a.id))
    expect(view.editor().getText()).toBe('one two')
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'A')
    expect(shownSaveWords()).toBe('Saved')
  })

  it('works the same under StrictMode (effects run twice): each switch saves the item left, into that item', async () => {
    const a = await newNote(db, { title: 'A', body: textDoc('a'), bodyText: 'a' })
    const b = await newNote(db, { title: 'B', body: textDoc('b'), bodyText: 'b' })
    const props = { autosaveDelayMs: NO_DEBOUNCE }
    const view = render(
      <StrictMode>
        <ItemEditor item={a} {...props} />
      </StrictMode>,
    )
    const editor = () => editorOf(view.container)
    expect(editor().getText()).toBe('a')
    act(() => {
      editor().commands.focus('end')
    })
    typeText(editor(), '1')
    view.rerender(
      <StrictMode>
        <ItemEditor item={b} {...props} />
      </StrictMode>,
    )
    expect(editor().getText()).toBe('b')
    act(() => {
      editor().commands.focus('end')
    })
    typeText(editor(), '2')
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect((await stored(a.id)).bodyText).toBe('a1')
    expect((await stored(b.id)).bodyText).toBe('b2')
  })

  it('the invalid-document fallback applies to each item shown, not only the first', async () => {
    const good = await newNote(db, { body: textDoc('fine'), bodyText: 'fine' })
    const broken = { type: 'doc', content: [{ type: 'noSuchNode' }] } as unknown as RichDoc
    const bad = await newNote(db, { body: broken, bodyText: 'plain words' })
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const view = renderItem(good)
    view.rerenderItem(bad)
    expect(view.editor().getText()).toBe('plain words')
    view.rerenderItem(good)
    expect(view.editor().getText()).toBe('fine')
  })
})

describe('document start and end keys', () => {
  it('Ctrl+End and Ctrl+Home go to the very end and start of the document (Shift extends the selection)', async () => {
    const view = renderItem(await newNote(db, { body: textDoc('first block\n\nmiddle block\n\nlast block'), bodyText: 'first block middle block last block' }))
    const editor = view.editor()
    act(() => void editor.commands.setTextSelection(3))
    expect(pressKey(editor, 'End', { ctrl: true })).toBe(true)
    expect(editor.state.selection.empty).toBe(true)
    expect(editor.state.selection.from).toBe(editor.state.doc.content.size - 1)
    expect(pressKey(editor, 'Home', { ctrl: true, shift: true })).toBe(true)
    expect(editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to, '|')).toBe('first block|middle block|last block')
    expect(pressKey(editor, 'Home', { ctrl: true })).toBe(true)
    expect(editor.state.selection.from).toBe(1)
  })
})

describe('a long item, shown in two steps (showDocument.ts)', () => {
  /** About 80 KB in 400 numbered paragraphs: long enough to be shown head first. */
  const longText = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: ${'lorem ipsum dolor '.repeat(11).trim()}`).join('\n\n')
  const longNote = () => newNote(db, { title: 'Long', body: textDoc(longText), bodyText: longText })
  const afterTail = async (): Promise<void> => {
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 300)))
  }

  it('shows the whole document a moment after opening, with nothing to save', async () => {
    const view = renderItem(await longNote())
    expect(holdsTail(view.editor())).toBe(true)
    await afterTail()
    expect(holdsTail(view.editor())).toBe(false)
    expect(view.editor().getText({ blockSeparator: '\n\n' })).toBe(longText)
    expect(shownSaveWords()).toBe('Saved')
  })

  it('a key pressed just after opening acts on the whole document', async () => {
    const view = renderItem(await longNote())
    const editor = view.editor()
    expect(holdsTail(editor)).toBe(true)
    fireEvent.keyDown(editor.view.dom, { key: 'End', ctrlKey: true })
    expect(holdsTail(editor)).toBe(false)
    expect(editor.getText({ blockSeparator: '\n\n' })).toBe(longText)
  })

  it('a save just after opening (an edit, then a switch) writes the whole document, never its head alone', async () => {
    const item = await longNote()
    const other = await newNote(db, { title: 'Other' })
    const view = renderItem(item)
    const editor = view.editor()
    expect(holdsTail(editor)).toBe(true)
    // A toolbar command or a dropped image can change the head before the rest is there.
    act(() => {
      editor.commands.setTextSelection(1)
      editor.commands.insertContent('Edited. ')
    })
    view.rerenderItem(other)
    // (Stored plain text has one line break between blocks.)
    await waitFor(async () => expect((await stored(item.id)).bodyText).toBe(`Edited. ${longText}`.replaceAll('\n\n', '\n')))
  })

  it('a change made elsewhere just after opening replaces the document; the held rest never follows it', async () => {
    const item = await longNote()
    const view = renderItem(item)
    expect(holdsTail(view.editor())).toBe(true)
    await saveContent(db, item.id, { title: 'Long', body: textDoc('restored version'), bodyText: 'restored version' }, item.updatedAt + 5000)
    view.rerenderItem(await stored(item.id))
    await afterTail()
    expect(view.editor().getText()).toBe('restored version')
  })
})

describe('the editor kept between detail panes', () => {
  it('adopts the editor built ahead of time, and keeps it for the next pane', async () => {
    const a = await newNote(db, { title: 'A', body: textDoc('alpha'), bodyText: 'alpha' })
    const b = await newNote(db, { title: 'B', body: textDoc('beta'), bodyText: 'beta' })
    prebuildEditor(db)
    const first = renderItem(a)
    const built = first.editor()
    expect(built.getText()).toBe('alpha')
    act(() => {
      built.commands.focus('end')
    })
    typeText(built, '!')
    first.unmount()
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect((await stored(a.id)).bodyText).toBe('alpha!')
    // Emptied when the pane went: nothing of item A is left in it.
    expect(built.getText()).toBe('')

    const second = renderItem(b)
    expect(second.editor()).toBe(built)
    expect(built.getText()).toBe('beta')
    // A fresh history: undo does not bring item A back.
    expect(built.can().undo()).toBe(false)
    typeText(built, '?')
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect((await stored(b.id)).bodyText).toBe('?beta')
    expect((await stored(a.id)).bodyText).toBe('alpha!')
    // Its callbacks reach the pane showing it now: Mod-K opens this pane's link form.
    expect(pressKey(built, 'k', { ctrl: true })).toBe(true)
    expect(await screen.findByRole('combobox', { name: 'Link address or item' })).toBeTruthy()
  })

  it('warms up with a document of every block the schema has (an invalid one would fall back to text)', async () => {
    const item = await newNote(db, { body: WARM_UP_DOC, bodyText: 'x' })
    const view = renderItem(item)
    const editor = view.editor()
    expect(() => editor.schema.nodeFromJSON(WARM_UP_DOC).check()).not.toThrow()
    const used = new Set<string>()
    editor.state.doc.descendants((node) => void used.add(node.type.name))
    for (const name of ['heading', 'bulletList', 'orderedList', 'taskList', 'blockquote', 'codeBlock', 'horizontalRule', 'table']) expect(used).toContain(name)
  })

  it('types into its warm-up document the way keys do (key handlers, DOM observer), then empties it and saves nothing', async () => {
    const item = await newNote(db, { title: 'A', body: textDoc('alpha'), bodyText: 'alpha' })
    performance.clearMarks(TYPING_WARMED_MARK)
    prebuildEditor(db)
    // The warm-up runs in the task after the build.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
    expect(performance.getEntriesByName(TYPING_WARMED_MARK)).toHaveLength(1)
    const view = renderItem(item)
    const editor = view.editor()
    // The spare editor, holding nothing of the warm-up: its text, and no history to undo into it.
    expect(editor.getText()).toBe('alpha')
    expect(editor.can().undo()).toBe(false)
    view.unmount()
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect(await db.items.count()).toBe(1)
    expect((await stored(item.id)).bodyText).toBe('alpha')
  })

  it('two panes at once get an editor each, and each saves into its own item', async () => {
    const a = await newNote(db, { title: 'A', body: textDoc('alpha'), bodyText: 'alpha' })
    const b = await newNote(db, { title: 'B', body: textDoc('beta'), bodyText: 'beta' })
    prebuildEditor(db)
    const view = render(
      <>
        <div data-testid="a">
          <ItemEditor item={a} autosaveDelayMs={NO_DEBOUNCE} />
        </div>
        <div data-testid="b">
          <ItemEditor item={b} autosaveDelayMs={NO_DEBOUNCE} />
        </div>
      </>,
    )
    const editorA = editorOf(screen.getByTestId('a'))
    const editorB = editorOf(screen.getByTestId('b'))
    expect(editorA).not.toBe(editorB)
    expect(editorA.getText()).toBe('alpha')
    expect(editorB.getText()).toBe('beta')
    typeText(editorA, '1')
    typeText(editorB, '2')
    view.unmount()
    await act(async () => {
      await flushAllPendingSaves()
    })
    expect((await stored(a.id)).bodyText).toBe('1alpha')
    expect((await stored(b.id)).bodyText).toBe('2beta')
  })
})

describe('outside changes', () => {
  it('takes in content changed elsewhere when there are no local edits', async () => {
    const item = await newNote(db, { title: 'T', body: textDoc('original'), bodyText: 'original' })
    const view = renderItem(item)
    await saveContent(db, item.id, { title: 'T2', body: textDoc('restored version'), bodyText: 'restored version' }, item.updatedAt + 5000)
    view.rerenderItem(await stored(item.id))
    expect(view.editor().getText()).toBe('restored version')
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'T2')
    // Taking it in is not an edit: nothing to save.
    expect(shownSaveWords()).toBe('Saved')
  })

  it('keeps local edits that are not saved yet', async () => {
    const item = await newNote(db, { body: textDoc('original'), bodyText: 'original' })
    const view = renderItem(item)
    act(() => {
      view.editor().commands.focus('end')
    })
    typeText(view.editor(), ' plus mine')
    await saveContent(db, item.id, { title: '', body: textDoc('from elsewhere'), bodyText: 'from elsewhere' }, item.updatedAt + 5000)
    view.rerenderItem(await stored(item.id))
    expect(view.editor().getText()).toBe('original plus mine')
  })

  it('its own saves coming back do not touch the document or move the cursor', async () => {
    const item = await newNote(db, { body: textDoc('abc def'), bodyText: 'abc def' })
    const view = renderItem(item)
    const e = view.editor()
    act(() => {
      e.commands.setTextSelection(4)
    })
    typeText(e, 'X')
    await act(async () => {
      await flushAllPendingSaves()
    })
    const docBefore = e.state.doc
    const selectionBefore = e.state.selection.toJSON()
    view.rerenderItem(await stored(item.id))
    expect(e.state.doc).toBe(docBefore)
    expect(e.state.selection.toJSON()).toEqual(selectionBefore)
    expect(e.getText()).toBe('abcX def')
  })

  it('a row read before its own save landed (a live query answering late) does not put older text back', async () => {
    const item = await newNote(db, { body: textDoc('first'), bodyText: 'first' })
    const view = renderItem(item)
    act(() => {
      view.editor().commands.focus('end')
    })
    typeText(view.editor(), ' second')
    await act(async () => {
      await flushAllPendingSaves()
    })
    // The row as it was before that save, answered by a read that began earlier (a new object, as reads give).
    view.rerenderItem({ ...item })
    expect(view.editor().getText()).toBe('first second')
    expect((await stored(item.id)).bodyText).toBe('first second')
  })

  it('a field update elsewhere (tags) does not reset the document', async () => {
    const item = await newNote(db, { body: textDoc('keep'), bodyText: 'keep' })
    const view = renderItem(item)
    const docBefore = view.editor().state.doc
    await updateFields(db, item.id, { tags: ['x'] }, item.updatedAt + 10)
    view.rerenderItem(await stored(item.id))
    expect(view.editor().state.doc).toBe(docBefore)
  })
})

describe('robustness', () => {
  it('shows the stored plain text when the stored document is invalid, instead of an empty page', async () => {
    const broken = { type: 'doc', content: [{ type: 'noSuchNode', content: [{ type: 'text', text: 'x' }] }] } as unknown as RichDoc
    const item = await newNote(db, { body: broken, bodyText: 'the words survive' })
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { editor } = renderItem(item)
    expect(editor().getText()).toBe('the words survive')
    await act(async () => {
      await flushAllPendingSaves()
    })
    // Not rewritten until the person edits it.
    expect((await stored(item.id)).body).toEqual(broken)
  })
})

// @vitest-environment jsdom
// Undo's and Redo's state in the toolbar follows the editor's history without React rendering anything: the
// first key typed in a document (which makes Undo possible) must not re-render the toolbar inside that key.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { Profiler } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import type { BaluchonDb } from '../../../src/db'
import { ItemEditor, flushAllPendingSaves } from '../../../src/features/editor'
import { resetAutosaversForTests } from '../../../src/features/editor/autosave'
import { editorOf, newNote, pressKey, setupEditorTest, typeText } from './harness'

let db: BaluchonDb

beforeEach(async () => {
  ;({ db } = await setupEditorTest('en'))
  resetAutosaversForTests()
  localStorage.clear()
})
afterEach(async () => {
  cleanup()
  await flushAllPendingSaves()
  vi.restoreAllMocks()
})

const undoButton = () => screen.getByRole('button', { name: 'Undo' })
const redoButton = () => screen.getByRole('button', { name: 'Redo' })
const disabled = (button: HTMLElement) => button.getAttribute('aria-disabled') === 'true'

function renderCounted(item: Item, onCommit: () => void) {
  const tree = (shown: Item) => (
    <Profiler id="editor" onRender={onCommit}>
      <ItemEditor item={shown} autosaveDelayMs={60_000} />
    </Profiler>
  )
  const result = render(tree(item))
  return { ...result, editor: () => editorOf(result.container), rerenderItem: (next: Item) => result.rerender(tree(next)) }
}

describe('toolbar history buttons', () => {
  it('enable Undo on the first key and follow undo and redo, with no React render', async () => {
    const item = await newNote(db, { title: 'A', body: docFromText('alpha'), bodyText: 'alpha' })
    const commits = vi.fn()
    const view = renderCounted(item, commits)
    const editor = view.editor()
    act(() => {
      editor.commands.focus('end')
    })
    expect(disabled(undoButton())).toBe(true)
    expect(disabled(redoButton())).toBe(true)
    commits.mockClear()

    typeText(editor, 'b')
    expect(editor.getText()).toBe('alphab')
    expect(disabled(undoButton())).toBe(false)
    expect(disabled(redoButton())).toBe(true)
    // The first key rendered nothing in React (the toolbar's other states did not change).
    expect(commits).not.toHaveBeenCalled()

    pressKey(editor, 'z', { ctrl: true })
    expect(editor.getText()).toBe('alpha')
    expect(disabled(undoButton())).toBe(true)
    expect(disabled(redoButton())).toBe(false)
    expect(commits).not.toHaveBeenCalled()

    // Clicking follows the live state: Redo redoes, then a disabled Redo does nothing.
    fireEvent.click(redoButton())
    expect(editor.getText()).toBe('alphab')
    expect(disabled(redoButton())).toBe(true)
    fireEvent.click(redoButton())
    expect(editor.getText()).toBe('alphab')
  })

  it('another item shown starts with Undo disabled again', async () => {
    const a = await newNote(db, { title: 'A', body: docFromText('a'), bodyText: 'a' })
    const b = await newNote(db, { title: 'B', body: docFromText('b'), bodyText: 'b' })
    const view = renderCounted(a, () => undefined)
    act(() => {
      view.editor().commands.focus('end')
    })
    typeText(view.editor(), '!')
    expect(disabled(undoButton())).toBe(false)
    view.rerenderItem(b)
    expect(view.editor().getText()).toBe('b')
    expect(disabled(undoButton())).toBe(true)
    // A toolbar re-render (a mark's state changing) leaves the written state as it is.
    act(() => {
      view.editor().commands.focus('end')
    })
    typeText(view.editor(), '?')
    act(() => {
      view.editor().commands.toggleBold()
    })
    expect(screen.getByRole('button', { name: /^Bold/ }).getAttribute('aria-pressed')).toBe('true')
    expect(disabled(undoButton())).toBe(false)
  })
})

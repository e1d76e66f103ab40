// @vitest-environment jsdom
// The block being typed into is marked (caretBlock.ts) in the same transaction that makes or reaches it,
// so the editor's CSS never leaves it to content-visibility: auto (Chromium typed into a skipped block
// with the caret before the new character). The Chromium side is tested end to end (editor.e2e).
import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { CARET_BLOCK_CLASS } from '../../../src/features/editor/caretBlock'
import { editorExtensions } from '../../../src/features/editor/extensions'
import { installDomPolyfills } from './harness'

installDomPolyfills()

let editor: Editor | null = null
afterEach(() => {
  editor?.destroy()
  editor = null
})

function makeEditor(html: string): Editor {
  editor = new Editor({ element: document.createElement('div'), extensions: editorExtensions({ urls: null, onEditLink: () => undefined }), content: html })
  return editor
}

/** Each top-level block as its tag and text, starred when it carries the caret class. */
function blocks(ed: Editor): string[] {
  return Array.from(ed.view.dom.children, (block) => `${block.classList.contains(CARET_BLOCK_CLASS) ? '*' : ''}${block.tagName} ${block.textContent}`)
}

describe('the block being typed into', () => {
  it('is marked, and a block made by Enter is marked as it is made', () => {
    const ed = makeEditor('<p>one</p><p>two</p>')
    ed.commands.setTextSelection(4)
    expect(blocks(ed)).toEqual(['*P one', 'P two'])
    // Enter: the new block appears already marked (no later update could come before the next key).
    ed.view.someProp('handleKeyDown', (handle) => handle(ed.view, new KeyboardEvent('keydown', { key: 'Enter' })))
    expect(blocks(ed)).toEqual(['P one', '*P ', 'P two'])
    // Typed into, and made a heading: still the one marked.
    ed.commands.insertContent('Title')
    ed.commands.setHeading({ level: 1 })
    expect(blocks(ed)).toEqual(['P one', '*H1 Title', 'P two'])
    // The caret moves on: the mark follows it.
    ed.commands.setTextSelection(ed.state.doc.content.size - 1)
    expect(blocks(ed)).toEqual(['P one', 'H1 Title', '*P two'])
  })

  it('marks every block a selection spans, and only those', () => {
    const ed = makeEditor('<p>one</p><ul><li><p>two</p></li></ul><p>three</p><p>four</p>')
    // From inside "one" to inside "three" (through the list item's paragraph).
    ed.commands.setTextSelection({ from: 2, to: ed.state.doc.content.size - 8 })
    expect(blocks(ed)).toEqual(['*P one', '*UL two', '*P three', 'P four'])
    ed.commands.selectAll()
    expect(blocks(ed).every((block) => block.startsWith('*'))).toBe(true)
  })
})

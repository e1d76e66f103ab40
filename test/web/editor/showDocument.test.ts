// @vitest-environment jsdom
// Showing another item's document in the one editor (showDocument.ts): a fresh state (its document, no
// undo history into the item before, plugin states anew) that keeps the editor's plugin views and its
// element's scroll untouched. Rebuilt plugin views and a scrollTop reset (a forced layout of the page in
// Chromium) were part of every open-item.
import { Editor, Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import type { RichDoc } from '../../../src/core/doc'
import { CARET_BLOCK_CLASS } from '../../../src/features/editor/caretBlock'
import { editorExtensions } from '../../../src/features/editor/extensions'
import { clearDocument, completeDocument, holdsTail, showDocument } from '../../../src/features/editor/showDocument'
import { installDomPolyfills } from './harness'

installDomPolyfills()

const doc = (...paragraphs: string[]): RichDoc => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })),
})

/** Counts the views ProseMirror builds and destroys for a plugin, and the states it initialises. */
function pluginProbe() {
  const counts = { viewsBuilt: 0, viewsDestroyed: 0, statesInitialised: 0 }
  const extension = Extension.create({
    name: 'pluginProbe',
    addProseMirrorPlugins: () => [
      new Plugin({
        key: new PluginKey('pluginProbe'),
        state: {
          init: () => ++counts.statesInitialised,
          apply: (_tr, value) => value,
        },
        view: () => {
          counts.viewsBuilt++
          return { destroy: () => void counts.viewsDestroyed++ }
        },
      }),
    ],
  })
  return { counts, extension }
}

let editor: Editor | null = null
afterEach(() => {
  editor?.destroy()
  editor = null
})

function makeEditor() {
  const probe = pluginProbe()
  editor = new Editor({
    element: document.createElement('div'),
    extensions: [...editorExtensions({ urls: null, onEditLink: () => undefined }), probe.extension],
    content: '<p>first item</p>',
  })
  return { editor, counts: probe.counts }
}

describe('showDocument', () => {
  it('shows the document with a history of its own and plugin states anew', () => {
    const { editor: ed, counts } = makeEditor()
    ed.commands.insertContent('typed ')
    expect(ed.can().undo()).toBe(true)
    const initialised = counts.statesInitialised
    showDocument(ed, doc('second item', 'more'), '')
    expect(ed.getText({ blockSeparator: '|' })).toBe('second item|more')
    expect(ed.view.dom.textContent).toBe('second itemmore')
    // Undo never reaches into the item shown before.
    expect(ed.can().undo()).toBe(false)
    expect(counts.statesInitialised).toBe(initialised + 1)
    // The plugins' decorations follow the new document (the caret block is its first one).
    expect(ed.view.dom.firstElementChild?.classList.contains(CARET_BLOCK_CLASS)).toBe(true)
    // And it is a working editor: typing and undo act on this document.
    ed.commands.setTextSelection(1)
    ed.commands.insertContent('x')
    expect(ed.getText({ blockSeparator: '|' })).toBe('xsecond item|more')
    ed.commands.undo()
    expect(ed.getText({ blockSeparator: '|' })).toBe('second item|more')
  })

  it('keeps the plugin views and leaves the editor element’s scroll alone', () => {
    const { editor: ed, counts } = makeEditor()
    const built = counts.viewsBuilt
    expect(built).toBeGreaterThan(0)
    // Setting scrollTop makes Chromium lay out the page on the spot, in the middle of the open.
    const scrollWrites: number[] = []
    Object.defineProperty(ed.view.dom, 'scrollTop', { configurable: true, get: () => 0, set: (value: number) => void scrollWrites.push(value) })
    const plugins = ed.state.plugins
    showDocument(ed, doc('second item'), '')
    clearDocument(ed)
    showDocument(ed, doc('third item'), '')
    expect(ed.getText()).toBe('third item')
    expect(counts.viewsBuilt).toBe(built)
    expect(counts.viewsDestroyed).toBe(0)
    expect(scrollWrites).toEqual([])
    expect(ed.state.plugins).toBe(plugins)
  })

  it('clearDocument leaves an empty document with no history', () => {
    const { editor: ed } = makeEditor()
    ed.commands.insertContent('typed ')
    clearDocument(ed)
    expect(ed.getText()).toBe('')
    expect(ed.state.doc.childCount).toBe(1)
    expect(ed.can().undo()).toBe(false)
  })
})

/** A document of `blocks` paragraphs of about 200 characters each, numbered so their order shows. */
const longDoc = (blocks: number): RichDoc => doc(...Array.from({ length: blocks }, (_, i) => `Paragraph ${i}: ${'lorem ipsum dolor '.repeat(11)}`))
const textOf = (body: RichDoc): string => (body.content ?? []).map((block) => block.content?.[0]?.text ?? '').join('|')
const afterTail = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300))

describe('a long document is shown in two steps (its head painted first)', () => {
  it('shows the first blocks at once and appends the rest in a later task, as part of the open', async () => {
    const { editor: ed } = makeEditor()
    const updates: unknown[] = []
    ed.on('update', (u) => updates.push(u))
    const body = longDoc(400)
    showDocument(ed, body, '')
    expect(holdsTail(ed)).toBe(true)
    const headBlocks = ed.state.doc.childCount
    expect(headBlocks).toBeGreaterThan(0)
    expect(headBlocks).toBeLessThan(100)
    expect(ed.view.dom.childElementCount).toBe(headBlocks)
    await afterTail()
    expect(holdsTail(ed)).toBe(false)
    expect(ed.getText({ blockSeparator: '|' })).toBe(textOf(body))
    expect(ed.view.dom.childElementCount).toBe(400)
    // Not an edit: no undo step into a half-shown document, nothing for autosave.
    expect(ed.can().undo()).toBe(false)
    expect(updates).toHaveLength(0)
  })

  it('appends the rest when asked (before a save reads the document), after edits made to the head', () => {
    const { editor: ed } = makeEditor()
    const body = longDoc(400)
    showDocument(ed, body, '')
    ed.commands.setTextSelection(1)
    ed.commands.insertContent('typed ')
    completeDocument(ed)
    expect(ed.getText({ blockSeparator: '|' })).toBe(`typed ${textOf(body)}`)
  })

  it('never appends a held tail to another document shown meanwhile, nor to an emptied editor', async () => {
    const { editor: ed } = makeEditor()
    showDocument(ed, longDoc(400), '')
    showDocument(ed, doc('another item'), '')
    expect(holdsTail(ed)).toBe(false)
    showDocument(ed, longDoc(400), '')
    clearDocument(ed)
    await afterTail()
    expect(ed.getText()).toBe('')
    showDocument(ed, doc('another item'), '')
    await afterTail()
    expect(ed.getText()).toBe('another item')
  })

  it('appends the rest as stored: no plugin rewrites it (a web address in it is not made a link)', () => {
    const { editor: ed } = makeEditor()
    const body = longDoc(400)
    // Every block ends with a bare address: the autolinker links the last word of the first block it is shown as
    // new. Shown in one step, a stored document is never run through it; in two, the rest is no different.
    for (const block of body.content ?? []) block.content![0]!.text += ' see example.org'
    showDocument(ed, body, '')
    completeDocument(ed)
    expect(ed.state.doc.childCount).toBe(400)
    let links = 0
    ed.state.doc.descendants((node) => {
      if (node.marks.some((mark) => mark.type.name === 'link')) links++
    })
    expect(links).toBe(0)
    expect(ed.getJSON()).toEqual(body)
  })

  it('shows a short document, or one long block, in one step', () => {
    const { editor: ed } = makeEditor()
    showDocument(ed, longDoc(20), '')
    expect(holdsTail(ed)).toBe(false)
    expect(ed.state.doc.childCount).toBe(20)
    showDocument(ed, doc('x'.repeat(100_000)), '')
    expect(holdsTail(ed)).toBe(false)
  })
})

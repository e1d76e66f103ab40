// Puts another item's document into the one editor instance: a fresh ProseMirror state (same schema
// and plugins, so plugin views and node views are kept) instead of a new editor. A fresh state also
// means a fresh undo history: Undo never reaches into the item shown before.
import type { Editor } from '@tiptap/core'
import { EditorState } from '@tiptap/pm/state'
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { docFromText, type RichDoc } from '../../core/doc'

/**
 * The stored JSON as a document of the editor's schema. Invalid JSON (an unknown node from an import,
 * a damaged row) must not silently become an empty page that autosave then writes back: the stored
 * plain text is shown instead, and the stored JSON is left as it is until the person edits.
 */
export function parseStoredDoc(editor: Editor, body: RichDoc, fallbackText: string): ProseMirrorNode {
  try {
    const doc = editor.schema.nodeFromJSON(body)
    doc.check()
    return doc
  } catch (error) {
    console.warn('Stored document does not fit the editor schema; showing its plain text', error)
    return editor.schema.nodeFromJSON(docFromText(fallbackText))
  }
}

/** EditorState's configuration (schema, plugins, fields): internal to prosemirror-state, not in its types. */
interface Configured {
  config: unknown
}

/**
 * A fresh state (this document, an empty undo history, every plugin's state initialised anew) that keeps
 * the current state's configuration object, so `state.plugins` stays the same array. EditorState.create
 * builds a new configuration, a new plugins array, and ProseMirror's view takes a different array for
 * different plugins: it destroys and rebuilds every plugin view (Tiptap's paste rules add and remove
 * window listeners), re-registers its DOM listeners and "resets" the scroll by setting the editor
 * element's scrollTop, which forces a layout of the whole page in the middle of the open (10 ms of a
 * profiled 50 ms open-item). The plugins being the same objects, the configuration built for them is
 * equivalent: the fields are the same, keyed by the same names.
 */
export function freshState(current: EditorState, doc: ProseMirrorNode): EditorState {
  const state = EditorState.create({ doc, plugins: current.plugins })
  ;(state as unknown as Configured).config = (current as unknown as Configured).config
  return state
}

export function showDocument(editor: Editor, body: RichDoc, fallbackText: string): void {
  dropHeldTail(editor)
  const doc = parseStoredDoc(editor, body, fallbackText)
  const split = splitForFirstPaint(doc)
  editor.view.updateState(freshState(editor.state, split ? split.head : doc))
  // updateState bypasses dispatch: tell what follows the editor's transactions (toolbar state, counts)
  // that the state changed, as a transaction would.
  editor.emit('transaction', { editor, transaction: editor.state.tr, appendedTransactions: [] })
  if (split) holdTail(editor, split.tail)
}

/*
 * A long document is shown in two steps: its first blocks in the open's own task, the rest appended once that
 * first frame is painted. ProseMirror creates the DOM of every block of the document it is given (the editor's
 * content-visibility spares the layout of blocks off screen, not their creation, styling and first layout pass):
 * opening the bench's 200 KB draft took 47-80 ms (a bare Tiptap editor 68-85), with the text on screen only at
 * the end of it. The head is what the window shows first; the tail is appended by a transaction (no undo step, no
 * 'update', so nothing to save) when the window is next idle after painting the head, and at once before the
 * first key, click, paste or drop reaches the editor and before the document is read to be saved: nothing ever
 * acts on, or writes, the head alone.
 */

/** Blocks and size (ProseMirror positions, about characters) of the head shown first. */
const HEAD_MAX_BLOCKS = 60
const HEAD_MAX_SIZE = 12_000
/** Shown in one step below this size: the second step would save too little to be worth a second task. */
const SPLIT_MIN_SIZE = 40_000
/** Appended after this even without a frame (a hidden window paints none). */
const TAIL_LATEST_MS = 250

/** The first blocks (at least one) and the rest, for a document long enough to be worth two steps; else null. */
function splitForFirstPaint(doc: ProseMirrorNode): { head: ProseMirrorNode; tail: Fragment } | null {
  if (doc.content.size < SPLIT_MIN_SIZE) return null
  const first: ProseMirrorNode[] = []
  let size = 0
  for (let i = 0; i < doc.childCount && first.length < HEAD_MAX_BLOCKS && size < HEAD_MAX_SIZE; i++) {
    const block = doc.child(i)
    first.push(block)
    size += block.nodeSize
  }
  if (first.length === doc.childCount) return null
  const rest: ProseMirrorNode[] = []
  for (let i = first.length; i < doc.childCount; i++) rest.push(doc.child(i))
  return { head: doc.copy(Fragment.fromArray(first)), tail: Fragment.fromArray(rest) }
}

interface HeldTail {
  tail: Fragment
  cancel(): void
}

/** The rest of the document each editor shows, while it is held back. */
const heldTails = new WeakMap<Editor, HeldTail>()

function holdTail(editor: Editor, tail: Fragment): void {
  const complete = (): void => completeDocument(editor)
  let idle: number | undefined
  // Once the head is painted, when the window is next idle: the rest is not urgent (any input appends it first),
  // and what the open set off (the row's other panes, the list's refresh) goes before it.
  const frame =
    typeof requestAnimationFrame === 'function' && typeof requestIdleCallback === 'function'
      ? requestAnimationFrame(() => (idle = requestIdleCallback(complete, { timeout: TAIL_LATEST_MS })))
      : undefined
  // And at the latest after this, frames or not (a hidden window paints none; jsdom has no idle callbacks).
  const latest = setTimeout(complete, TAIL_LATEST_MS)
  heldTails.set(editor, {
    tail,
    cancel: () => {
      if (frame !== undefined) cancelAnimationFrame(frame)
      if (idle !== undefined) cancelIdleCallback(idle)
      clearTimeout(latest)
    },
  })
}

/** True while the editor shows only the head of its document. */
export function holdsTail(editor: Editor): boolean {
  return heldTails.has(editor)
}

/**
 * Appends the rest of the document now if it is still held back. Called before anything reads the document to
 * save it and before the person's input reaches the editor (editorProps.ts), so the whole document is there.
 */
export function completeDocument(editor: Editor): void {
  const held = heldTails.get(editor)
  if (!held) return
  heldTails.delete(editor)
  held.cancel()
  if (editor.isDestroyed) return
  const tr = editor.state.tr.insert(editor.state.doc.content.size, held.tail)
  // Part of opening the item: not an undo step, not an edit to save ('update' is not emitted). And stored content,
  // not typed: shown in one step, a document never goes through the plugins that react to new text, so the rest
  // does not either. The autolinker made the last web address of its first block a link (a change to the stored
  // text, saved with the next edit), walking all of it to find that block: 6 ms of the first key after opening
  // the 200 KB draft (profiled in the bench).
  tr.setMeta('addToHistory', false).setMeta('preventUpdate', true).setMeta('preventAutolink', true)
  editor.view.dispatch(tr)
}

/** Forgets the held tail: the editor is about to show another document, or the same one afresh from its row. */
export function dropHeldTail(editor: Editor): void {
  heldTails.get(editor)?.cancel()
  heldTails.delete(editor)
}

/** An empty document in the view, without a transaction (nothing to save, nothing for listeners). */
export function clearDocument(editor: Editor): void {
  dropHeldTail(editor)
  const empty = editor.schema.topNodeType.createAndFill()
  editor.view.updateState(empty ? freshState(editor.state, empty) : EditorState.create({ schema: editor.schema, plugins: editor.state.plugins }))
}

// Puts another item's document into the one editor instance: a fresh ProseMirror state (same schema
// and plugins, so plugin views and node views are kept) instead of a new editor. A fresh state also
// means a fresh undo history: Undo never reaches into the item shown before.
import type { Editor } from '@tiptap/core'
import { EditorState } from '@tiptap/pm/state'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
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
  const doc = parseStoredDoc(editor, body, fallbackText)
  editor.view.updateState(freshState(editor.state, doc))
  // updateState bypasses dispatch: tell what follows the editor's transactions (toolbar state, counts)
  // that the state changed, as a transaction would.
  editor.emit('transaction', { editor, transaction: editor.state.tr, appendedTransactions: [] })
}

/** An empty document in the view, without a transaction (nothing to save, nothing for listeners). */
export function clearDocument(editor: Editor): void {
  const empty = editor.schema.topNodeType.createAndFill()
  editor.view.updateState(empty ? freshState(editor.state, empty) : EditorState.create({ schema: editor.schema, plugins: editor.state.plugins }))
}

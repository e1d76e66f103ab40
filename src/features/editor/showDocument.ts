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

export function showDocument(editor: Editor, body: RichDoc, fallbackText: string): void {
  const doc = parseStoredDoc(editor, body, fallbackText)
  editor.view.updateState(EditorState.create({ doc, plugins: editor.state.plugins }))
  // updateState bypasses dispatch: tell what follows the editor's transactions (toolbar state, counts)
  // that the state changed, as a transaction would.
  editor.emit('transaction', { editor, transaction: editor.state.tr, appendedTransactions: [] })
}

/** An empty document in the view, without a transaction (nothing to save, nothing for listeners). */
export function clearDocument(editor: Editor): void {
  editor.view.updateState(EditorState.create({ schema: editor.schema, plugins: editor.state.plugins }))
}

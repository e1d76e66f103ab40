// The item editor's parts (toolbar, content, status bar) drawn once with the spare editor, for the detail
// pane's warm-up (library/DetailWarmUp): their code runs once before the first real open of a session. It
// holds no session and no lease: nothing is saved, and the spare editor stays the spare.
import type { Editor } from '@tiptap/core'
import { EditorContent } from '@tiptap/react'
import { useLayoutEffect, useState } from 'react'
import { getDb } from '../../db'
import { Autosaver } from './autosave'
import { EditorToolbar } from './EditorToolbar'
import { spareForWarmUp, WARM_UP_DOC } from './sharedEditor'
import { clearDocument, showDocument } from './showDocument'
import { StatusBar } from './StatusBar'
import { statsOf } from './useDocStats'
import './editor.css'

const noop = (): void => undefined

/** Never written: nothing calls change() on it. */
const idleSaver = (): Autosaver<unknown> =>
  new Autosaver<unknown>({
    read: () => null,
    write: () => Promise.resolve(),
  })

export function EditorWarmUp() {
  const [editor] = useState<Editor | null>(() => spareForWarmUp(getDb()))
  const [saver] = useState(idleSaver)
  // Shown while drawn, emptied when it goes (before EditorContent hands the editor's element back).
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed) return
    showDocument(editor, WARM_UP_DOC, '')
    return () => {
      if (!editor.isDestroyed) clearDocument(editor)
    }
  }, [editor])
  if (!editor) return null
  return (
    <div className="be-editor">
      <EditorToolbar editor={editor} onEditLink={noop} onPickImages={noop} linkFormOpen={false} />
      <div className="be-scroll">
        <div className="be-page">
          <textarea className="be-title" rows={1} value="Title" readOnly tabIndex={-1} />
          <EditorContent editor={editor} className="be-body" />
        </div>
      </div>
      <StatusBar stats={statsOf('warm up')} saver={saver} onRetry={noop} notice={null} onDismissNotice={noop} />
    </div>
  )
}

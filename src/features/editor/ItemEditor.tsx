// The item editor: title, formatting toolbar, rich body and status bar, with autosave.
// ONE Tiptap editor, built ahead of need and kept even when this component goes (sharedEditor.ts):
// opening another item swaps its document (a fresh ProseMirror state, so undo history never crosses
// items) instead of building a new editor, which cost more than the whole open-item budget. Each item
// gets its own EditorSession (autosaver, sync state): switching captures and writes the previous item's
// unsaved text before its document leaves the editor.
import type { Editor } from '@tiptap/core'
import { EditorContent } from '@tiptap/react'
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { Item } from '../../core/items'
import { getDb } from '../../db'
import type { AttachmentErrorCode } from '../attachments/errors'
import { MAX_ATTACHMENT_BYTES } from '../attachments/repository'
import { AUTOSAVE_DELAY_MS, useCloseFlush, type Autosaver } from './autosave'
import { sameDoc } from './docEquals'
import { EditorToolbar } from './EditorToolbar'
import { imageFiles, insertImageFiles } from './imageInsert'
import { LinkForm } from './LinkForm'
import { EditorSession, oneLine } from './session'
import { editorFor, holdsEditor, leaseEditor, releaseEditor, type EditorHost } from './sharedEditor'
import { clearDocument, dropHeldTail, showDocument } from './showDocument'
import { StatusBar } from './StatusBar'
import { useDocStats } from './useDocStats'
import './editor.css'

export interface ItemEditorProps {
  /** The live row (useLiveQuery upstream): outside changes are taken in when there are no local edits. */
  item: Item
  autoFocus?: boolean
  /** Pause after typing before saving; tests set it high to observe the flush paths alone. */
  autosaveDelayMs?: number
  /**
   * Ctrl/Cmd+click on a link to another item (`item:<id>`) shows that item; resolves false if it no longer
   * exists (the editor then says so). Without it such links do nothing.
   */
  onOpenItem?: (id: string) => Promise<boolean>
}

/**
 * Remembers which scrolling boxes in or around the editor were scrolled, so that showing another item
 * can put just those back at the top. Asking every box for its scrollTop instead would force a layout
 * in the middle of the switch.
 */
function useScrolledBoxes(rootRef: RefObject<HTMLElement | null>): () => void {
  const scrolled = useRef(new Set<Element>())
  useEffect(() => {
    const onScroll = (event: Event): void => {
      const root = rootRef.current
      const target = event.target
      if (root && target instanceof Element && (target.contains(root) || root.contains(target))) scrolled.current.add(target)
    }
    document.addEventListener('scroll', onScroll, { capture: true, passive: true })
    return () => document.removeEventListener('scroll', onScroll, { capture: true })
  }, [rootRef])
  return useCallback(() => {
    for (const box of scrolled.current) box.scrollTop = 0
    scrolled.current.clear()
  }, [])
}

export function ItemEditor({ item, autoFocus = false, autosaveDelayMs = AUTOSAVE_DELAY_MS, onOpenItem }: ItemEditorProps) {
  const { t } = useTranslation('editor')
  const db = getDb()

  const [session, setSession] = useState(() => new EditorSession(db, item, autosaveDelayMs))
  const [title, setTitle] = useState(session.title)
  const [notice, setNotice] = useState<string | null>(() => (session.rescued ? t('status.rescued') : null))
  const [linkFormOpen, setLinkFormOpen] = useState(false)
  if (session.itemId !== item.id) {
    // Another item: its own session, and what was on screen for the previous one goes (React re-renders
    // at once with these, before anything is committed).
    const next = new EditorSession(db, item, autosaveDelayMs)
    setSession(next)
    setTitle(next.title)
    setNotice(next.rescued ? t('status.rescued') : null)
    setLinkFormOpen(false)
  }

  /** The session whose document the editor shows: what editor callbacks (typing, blur, paste) act on. */
  const shownRef = useRef<EditorSession | null>(null)
  /** The editor instance that shows it (a first one may turn out to be held by another ItemEditor). */
  const shownInRef = useRef<Editor | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const titleInputRef = useRef<HTMLTextAreaElement>(null)
  const labelsRef = useRef({ body: t('body'), placeholder: t('bodyPlaceholder') })
  const openLinkFormRef = useRef<() => void>(() => undefined)
  const imageErrorsRef = useRef<(codes: AttachmentErrorCode[]) => void>(() => undefined)
  const openItemRef = useRef(onOpenItem)
  openItemRef.current = onOpenItem
  const fileInputRef = useRef<HTMLInputElement>(null)
  const scrollToTop = useScrolledBoxes(rootRef)

  // The shared editor (or a new one if another ItemEditor shows it), taken for good when this commits.
  const [editor, setEditor] = useState(() => editorFor(db))
  const [holder] = useState(() => ({}))
  const [host] = useState<EditorHost>(() => ({
    shown: () => shownRef.current,
    openLinkForm: () => openLinkFormRef.current(),
    imageErrors: (codes) => imageErrorsRef.current(codes),
    openItem: (id) => {
      const open = openItemRef.current
      if (!open) return
      void open(id).then((found) => {
        if (!found) setNotice(t('link.missingItem'))
      })
    },
    bodyLabel: () => labelsRef.current.body,
    bodyPlaceholder: () => labelsRef.current.placeholder,
  }))
  // First of the layout effects: nothing is put into an editor before this component holds it; its
  // cleanup, though, runs first too: the editor is given back, then emptied just after (below), in the
  // same commit.
  useLayoutEffect(() => {
    if (!leaseEditor(editor, holder, host)) {
      setEditor(editorFor(db))
      return
    }
    return () => releaseEditor(editor, holder)
  }, [editor, holder, host, db])

  const stats = useDocStats(editor, session.itemId, session.initialBodyText)

  imageErrorsRef.current = (codes) => {
    const unique = [...new Set(codes)]
    setNotice(unique.map((code) => t(`image.errors.${code}`, { max: Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024) })).join(' '))
  }
  openLinkFormRef.current = () => setLinkFormOpen(true)

  // Labels follow the interface language (ProseMirror re-reads its attributes on each view update).
  useEffect(() => {
    labelsRef.current = { body: t('body'), placeholder: t('bodyPlaceholder') }
    if (!editor.isDestroyed) editor.view.setProps({})
  }, [t, editor])

  // Before paint: the session's document goes into the editor; when the session ends (another item, the
  // pane closed), its unsaved text is captured from the editor, still showing it, and written. The
  // cleanup of the previous session runs before this effect of the next one, so the order holds.
  useLayoutEffect(() => {
    // An editor another ItemEditor holds: this one takes another and renders again, and this runs again.
    if (editor.isDestroyed || !holdsEditor(editor, holder)) return
    if (shownRef.current !== session || shownInRef.current !== editor) {
      // Another item starts at its beginning.
      scrollToTop()
      showDocument(editor, session.initialBody, session.initialBodyText)
      shownRef.current = session
      shownInRef.current = editor
    }
    session.attach(editor)
    return () => {
      void session.detach()
    }
  }, [session, editor, holder, scrollToTop])

  // Tiptap's EditorContent drops every node view when it unmounts, and ProseMirror then redraws images from
  // their plain HTML: <img src="attachment:…"> in the live page, which the CSP refuses (and reports). So the
  // view is emptied first: this cleanup runs after the session's above (its unsaved text is already captured)
  // and before the child EditorContent unmounts. If the editor is shown again (StrictMode), it re-shows.
  useLayoutEffect(() => {
    // Given back just before this cleanup (see the lease above), so whether it was held is noted now.
    const held = holdsEditor(editor, holder)
    return () => {
      if (!held || editor.isDestroyed) return
      clearDocument(editor)
      shownRef.current = null
    }
  }, [editor, holder])

  useCloseFlush()

  useLayoutEffect(() => {
    if (!autoFocus || editor.isDestroyed || !holdsEditor(editor, holder)) return
    if (!session.title) titleInputRef.current?.focus()
    else editor.commands.focus('start')
  }, [session, autoFocus, editor, holder])

  // The row changed outside this editor (restored revision, another window, an import): take it in
  // when nothing typed here is waiting to be saved. This editor's own saves are recognised and
  // ignored, so saving never moves the cursor.
  useEffect(() => {
    if (editor.isDestroyed || session.itemId !== item.id || shownRef.current !== session) return
    if (session.isOwnStamp(item.updatedAt) || session.isStale(item.updatedAt)) return
    if (session.saver.hasUnsavedChanges) return
    const base = session.baseline
    const titleChanged = item.title !== base.title
    const bodyChanged = item.bodyText !== base.bodyText || !sameDoc(item.body, base.body)
    if (!titleChanged && !bodyChanged) return
    session.baseline = { title: item.title, body: item.body, bodyText: item.bodyText }
    if (titleChanged) {
      session.title = oneLine(item.title)
      setTitle(session.title)
    }
    if (bodyChanged) {
      // The row's document replaces the whole one shown: a tail held back since the open must not follow it.
      dropHeldTail(editor)
      const { from, to } = editor.state.selection
      // setTextSelection clamps to the new document, so the cursor stays about where it was.
      editor.chain().setContent(item.body, { emitUpdate: false }).setTextSelection({ from, to }).run()
    }
  }, [item, editor, session])

  const onTitleChange = (event: ChangeEvent<HTMLTextAreaElement>): void => {
    const next = oneLine(event.target.value)
    session.title = next
    setTitle(next)
    session.saver.change()
  }

  const onTitleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    const input = event.currentTarget
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length
    if (event.key === 'Enter' || (event.key === 'ArrowDown' && atEnd)) {
      event.preventDefault()
      editor.commands.focus('start')
    }
  }

  const pickImages = useCallback(() => fileInputRef.current?.click(), [])
  const openLinkForm = useCallback(() => setLinkFormOpen(true), [])
  const closeLinkForm = useCallback(() => setLinkFormOpen(false), [])
  const flushNow = useCallback(() => void shownRef.current?.saver.flush(), [])
  const dismissNotice = useCallback(() => setNotice(null), [])

  const onFilesPicked = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = Array.from(event.target.files ?? [])
    event.target.value = ''
    const images = imageFiles(files)
    if (images.length < files.length) imageErrorsRef.current(files.filter((f) => !images.includes(f)).map(() => 'not-image'))
    if (images.length) {
      const picked = session
      void insertImageFiles(editor, db, picked.itemId, images, undefined, () => shownRef.current === picked).then((r) => {
        if (r.errors.length) imageErrorsRef.current(r.errors)
      })
    }
  }

  return (
    <div className="be-editor" data-item-id={session.itemId} ref={rootRef}>
      <EditorToolbar editor={editor} onEditLink={openLinkForm} onPickImages={pickImages} linkFormOpen={linkFormOpen} />
      {linkFormOpen && (
        <LinkForm editor={editor} onClose={closeLinkForm} itemId={session.itemId} onOpenItem={onOpenItem ? host.openItem : undefined} />
      )}
      <input ref={fileInputRef} type="file" accept="image/*" multiple hidden tabIndex={-1} aria-hidden="true" onChange={onFilesPicked} />
      <div className="be-scroll">
        <div className="be-page">
          <textarea
            ref={titleInputRef}
            className="be-title"
            aria-label={t('title')}
            placeholder={t('titlePlaceholder')}
            rows={1}
            value={title}
            onChange={onTitleChange}
            onKeyDown={onTitleKeyDown}
            onBlur={flushNow}
            spellCheck
          />
          <EditorContent editor={editor} className="be-body" />
        </div>
      </div>
      <StatusBar stats={stats} saver={session.saver as Autosaver<unknown>} onRetry={flushNow} notice={notice} onDismissNotice={dismissNotice} />
    </div>
  )
}

// The item editor: title, formatting toolbar, rich body and status bar, with autosave.
// One editor instance per item (keyed by id): switching items flushes the old one's pending save
// on unmount, and undo history never crosses from one item into another.
import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor, type UseEditorOptions } from '@tiptap/react'
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { docFromText, docToPlainText, type RichDoc } from '../../core/doc'
import type { Item } from '../../core/items'
import { getDb } from '../../db'
import type { AttachmentErrorCode } from '../attachments/errors'
import { attachmentUrlsFor } from '../attachments/objectUrls'
import { MAX_ATTACHMENT_BYTES } from '../attachments/repository'
import { saveContent, type ContentPatch } from '../items/repository'
import { AUTOSAVE_DELAY_MS, Autosaver, useCloseFlush, useSaveStatus } from './autosave'
import { sameDoc } from './docEquals'
import { EditorToolbar } from './EditorToolbar'
import { buildEditorProps } from './editorProps'
import { editorExtensions } from './extensions'
import { imageFiles, insertImageFiles } from './imageInsert'
import { LinkForm } from './LinkForm'
import { dropRescueCopy, keepRescueCopy, takeRescueCopy } from './rescue'
import { StatusBar } from './StatusBar'
import { useDocStats } from './useDocStats'
import './editor.css'

export interface ItemEditorProps {
  /** The live row (useLiveQuery upstream): outside changes are taken in when there are no local edits. */
  item: Item
  autoFocus?: boolean
  /** Pause after typing before saving; tests set it high to observe the flush paths alone. */
  autosaveDelayMs?: number
}

export function ItemEditor(props: ItemEditorProps) {
  return <ItemEditorSession key={props.item.id} {...props} />
}

/** What the database holds as far as this editor knows: what it loaded, or what it last wrote. */
interface SyncState {
  baseline: ContentPatch
  /** updatedAt stamps of this editor's own saves, to tell their echo from changes made elsewhere. */
  ownStamps: number[]
  lastStamp: number
}

/** Titles are one line: pasted line breaks become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ')
}

function ItemEditorSession({ item, autoFocus = false, autosaveDelayMs = AUTOSAVE_DELAY_MS }: ItemEditorProps) {
  const { t } = useTranslation('editor')
  const db = getDb()
  const itemId = item.id

  // Text a failed save left in the rescue copy last time comes back, unsaved, to be saved now.
  const [rescued] = useState(() => takeRescueCopy(itemId, item.updatedAt))
  const [title, setTitle] = useState(() => oneLine(rescued?.title ?? item.title))
  const titleRef = useRef(title)
  const titleInputRef = useRef<HTMLTextAreaElement>(null)
  const editorRef = useRef<Editor | null>(null)
  const labelsRef = useRef({ body: t('body'), placeholder: t('bodyPlaceholder') })
  const openLinkFormRef = useRef<() => void>(() => undefined)
  const imageErrorsRef = useRef<(codes: AttachmentErrorCode[]) => void>(() => undefined)
  const syncRef = useRef<SyncState>({
    baseline: { title: item.title, body: item.body, bodyText: item.bodyText },
    ownStamps: [],
    lastStamp: 0,
  })
  const [linkFormOpen, setLinkFormOpen] = useState(false)
  const [notice, setNotice] = useState<string | null>(() => (rescued ? t('status.rescued') : null))
  const fileInputRef = useRef<HTMLInputElement>(null)

  const [saver] = useState(() => {
    let rescueKept = false
    return new Autosaver<ContentPatch>({
      delayMs: autosaveDelayMs,
      // The only place the document is serialised: when a save runs, not per keystroke.
      read: () => {
        const editor = editorRef.current
        if (!editor || editor.isDestroyed) throw new Error('Editor is gone before its content was read')
        const body = editor.getJSON() as RichDoc
        return { title: titleRef.current, body, bodyText: docToPlainText(body) }
      },
      write: async (content) => {
        const sync = syncRef.current
        const stamp = Math.max(Date.now(), sync.lastStamp + 1)
        sync.lastStamp = stamp
        sync.ownStamps = [...sync.ownStamps.slice(-9), stamp]
        try {
          await saveContent(db, itemId, content, stamp)
        } catch (error) {
          // Deleted for good meanwhile (another window, emptied Trash): there is nothing left to save
          // into, and retrying forever would hold every window close. Anything else is a real failure.
          const exists = await db.items.get(itemId).then(
            (row) => row !== undefined,
            () => true,
          )
          if (exists) throw error
          return
        }
        sync.baseline = content
      },
      onUnsaved: (content) => {
        if (content) {
          keepRescueCopy(itemId, content)
          rescueKept = true
        } else if (rescueKept) {
          dropRescueCopy(itemId)
          rescueKept = false
        }
      },
    })
  })
  const status = useSaveStatus(saver)

  const [editorOptions] = useState<UseEditorOptions>(() => ({
    extensions: editorExtensions({ urls: attachmentUrlsFor(db), onEditLink: () => openLinkFormRef.current() }),
    content: rescued?.body ?? item.body,
    // Invalid stored JSON (an unknown node from an import, a damaged row) must not silently become an
    // empty page that autosave then writes back: show its stored plain text instead. The stored JSON
    // is left as it is until the person edits.
    enableContentCheck: true,
    onContentError: ({ editor }) => {
      editor.commands.setContent(docFromText(rescued?.bodyText ?? item.bodyText), { emitUpdate: false })
    },
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: buildEditorProps({
      db,
      itemId,
      getEditor: () => editorRef.current,
      onImageErrors: (codes) => imageErrorsRef.current(codes),
      getLabel: () => labelsRef.current.body,
      getPlaceholder: () => labelsRef.current.placeholder,
    }),
    onUpdate: () => saver.change(),
    onBlur: () => void saver.flush(),
  }))
  const editor = useEditor(editorOptions)
  editorRef.current = editor

  const stats = useDocStats(editor, rescued?.bodyText ?? item.bodyText)

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

  // Mounted: read from this editor; unmounted (item switch, pane closed): capture and write now.
  useEffect(() => {
    saver.attach()
    if (rescued) saver.change()
    return () => {
      void saver.detach()
    }
  }, [saver, rescued])

  useCloseFlush()

  useLayoutEffect(() => {
    if (!autoFocus) return
    if (!titleRef.current) titleInputRef.current?.focus()
    else editor.commands.focus('start')
    // Only when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // The row changed outside this editor (restored revision, another window, an import): take it in
  // when nothing typed here is waiting to be saved. This editor's own saves are recognised and
  // ignored, so saving never moves the cursor.
  useEffect(() => {
    if (editor.isDestroyed) return
    const sync = syncRef.current
    if (sync.ownStamps.includes(item.updatedAt)) return
    if (saver.hasUnsavedChanges) return
    const base = sync.baseline
    const titleChanged = item.title !== base.title
    const bodyChanged = item.bodyText !== base.bodyText || !sameDoc(item.body, base.body)
    if (!titleChanged && !bodyChanged) return
    sync.baseline = { title: item.title, body: item.body, bodyText: item.bodyText }
    if (titleChanged) {
      titleRef.current = oneLine(item.title)
      setTitle(titleRef.current)
    }
    if (bodyChanged) {
      const { from, to } = editor.state.selection
      // setTextSelection clamps to the new document, so the cursor stays about where it was.
      editor.chain().setContent(item.body, { emitUpdate: false }).setTextSelection({ from, to }).run()
    }
  }, [item, editor, saver])

  const onTitleChange = (event: ChangeEvent<HTMLTextAreaElement>): void => {
    const next = oneLine(event.target.value)
    titleRef.current = next
    setTitle(next)
    saver.change()
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

  const onFilesPicked = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = Array.from(event.target.files ?? [])
    event.target.value = ''
    const images = imageFiles(files)
    if (images.length < files.length) imageErrorsRef.current(files.filter((f) => !images.includes(f)).map(() => 'not-image'))
    if (images.length) {
      void insertImageFiles(editor, db, itemId, images).then((r) => {
        if (r.errors.length) imageErrorsRef.current(r.errors)
      })
    }
  }

  return (
    <div className="be-editor" data-item-id={itemId}>
      <EditorToolbar editor={editor} onEditLink={() => setLinkFormOpen(true)} onPickImages={pickImages} linkFormOpen={linkFormOpen} />
      {linkFormOpen && <LinkForm editor={editor} onClose={() => setLinkFormOpen(false)} />}
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
            onBlur={() => void saver.flush()}
            spellCheck
          />
          <EditorContent editor={editor} className="be-body" />
        </div>
      </div>
      <StatusBar stats={stats} status={status} onRetry={() => void saver.flush()} notice={notice} onDismissNotice={() => setNotice(null)} />
    </div>
  )
}

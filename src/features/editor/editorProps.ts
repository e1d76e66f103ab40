// ProseMirror hooks: how pasted and dropped content enters the document, and how links open.
import type { Editor } from '@tiptap/core'
import type { EditorProps } from '@tiptap/pm/view'
import type { RichDoc } from '../../core/doc'
import { itemIdFromHref } from '../../core/itemLinks'
import { isSafeExternalUrl } from '../../core/url'
import type { BaluchonDb } from '../../db'
import { getApi } from '../../lib/api'
import type { AttachmentErrorCode } from '../attachments/errors'
import { imageFiles, insertImageFiles } from './imageInsert'
import { looksLikeMarkdown } from './markdownPaste'
import { htmlHasText, sanitizePastedHtml } from './pasteHtml'
import { sanitizeDocJson } from './sanitizeDoc'
import { completeDocument } from './showDocument'

export interface EditorPropsContext {
  db: BaluchonDb
  /** The item whose document the editor shows (the editor is reused across items). */
  getItemId: () => string | null
  getEditor: () => Editor | null
  /** A file was refused (too large, not an image, storage full): tell the person. */
  onImageErrors: (codes: AttachmentErrorCode[]) => void
  /** A link to another item (`item:<id>`) was followed. */
  onOpenItem: (id: string) => void
  /** Labels the body for assistive technology; read on every render of the editor's attributes. */
  getLabel: () => string
  getPlaceholder: () => string
}

/** The link element under a pointer event, if it is inside the editor. */
function linkAt(root: HTMLElement, event: Event): HTMLAnchorElement | null {
  const target = event.target instanceof Element ? event.target : null
  const link = target?.closest('a[href]')
  return link instanceof HTMLAnchorElement && root.contains(link) ? link : null
}

function isModClick(event: MouseEvent): boolean {
  return event.button === 0 && (event.ctrlKey || event.metaKey)
}

/** What the person does to the document: each first appends a held-back tail (showDocument.ts). */
const INPUT_EVENTS = ['keydown', 'beforeinput', 'compositionstart', 'mousedown', 'contextmenu', 'paste', 'drop'] as const

export function buildEditorProps(ctx: EditorPropsContext): EditorProps {
  // Ctrl/Cmd+Shift+V asks for plain text: no Markdown conversion then.
  let plainPasteRequested = false

  const insertMarkdown = (editor: Editor, text: string): boolean => {
    if (!editor.markdown) return false
    const parsed = sanitizeDocJson(editor.markdown.parse(text) as RichDoc)
    const content = parsed.content ?? []
    if (content.length === 0) return false
    return editor.chain().insertContent(content).scrollIntoView().run()
  }

  return {
    attributes: () => ({
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': ctx.getLabel(),
      'data-placeholder': ctx.getPlaceholder(),
      class: 'be-prose',
      spellcheck: 'true',
    }),

    // Sanitised BEFORE ProseMirror parses it: no scripts, handlers, frames, javascript: links or remote images.
    transformPastedHTML: (html) => sanitizePastedHtml(html),

    handleKeyDown: (_view, event) => {
      plainPasteRequested = (event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'v'
      return false
    },

    handlePaste: (view, event) => {
      const editor = ctx.getEditor()
      const data = event.clipboardData
      const plainOnly = plainPasteRequested
      plainPasteRequested = false
      if (!editor || !data) return false
      const html = data.getData('text/html')
      const images = imageFiles(data.files)
      // A copied picture comes with an <img> wrapper and no text: store the picture itself. Rich text
      // that happens to carry an image rendering (Word, some browsers) is pasted as text instead.
      const itemId = ctx.getItemId()
      if (images.length && !htmlHasText(html)) {
        if (!itemId) return true
        const { from, to } = view.state.selection
        void insertImageFiles(editor, ctx.db, itemId, images, { from, to }, () => ctx.getItemId() === itemId).then((r) => {
          if (r.errors.length) ctx.onImageErrors(r.errors)
        })
        return true
      }
      const text = data.getData('text/plain')
      // Code editors put highlighted HTML on the clipboard: their Markdown is wanted as Markdown.
      const fromCodeEditor = Array.from(data.types).includes('vscode-editor-data')
      if (!plainOnly && text && (!html || fromCodeEditor) && looksLikeMarkdown(text)) {
        return insertMarkdown(editor, text)
      }
      return false
    },

    handleDrop: (view, event, _slice, moved) => {
      const editor = ctx.getEditor()
      if (moved || !editor) return false
      const files = Array.from(event.dataTransfer?.files ?? [])
      if (files.length === 0) return false
      const images = imageFiles(files)
      if (images.length < files.length) ctx.onImageErrors(files.filter((f) => !images.includes(f)).map(() => 'not-image'))
      const itemId = ctx.getItemId()
      if (images.length && itemId) {
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.to
        void insertImageFiles(editor, ctx.db, itemId, images, { from: at, to: at }, () => ctx.getItemId() === itemId).then((r) => {
          if (r.errors.length) ctx.onImageErrors(r.errors)
        })
      }
      // Files are never dropped as text or as the browser's own navigation.
      event.preventDefault()
      return true
    },

    handleClick: (view, _pos, event) => {
      if (!isModClick(event)) return false
      const link = linkAt(view.dom, event)
      const href = link?.getAttribute('href') ?? ''
      if (!link) return false
      // A link to another item opens it in the app; only web and mail addresses go to the OS.
      const itemId = itemIdFromHref(href)
      if (itemId) {
        ctx.onOpenItem(itemId)
        return true
      }
      if (!isSafeExternalUrl(href)) return false
      void getApi().openExternal({ url: href })
      return true
    },

    handleDOMEvents: {
      // The person acts on the whole document: a long one's tail, still held back a moment after opening it, is
      // appended before ProseMirror handles their key, click, paste or drop (showDocument.ts).
      ...Object.fromEntries(
        INPUT_EVENTS.map((type) => [
          type,
          () => {
            const editor = ctx.getEditor()
            if (editor) completeDocument(editor)
            return false
          },
        ]),
      ),
      // Links inside the editor never navigate the app window, whatever the click (middle, modified).
      click: (view, event) => {
        if (linkAt(view.dom, event)) event.preventDefault()
        return false
      },
      auxclick: (view, event) => {
        if (linkAt(view.dom, event)) event.preventDefault()
        return false
      },
    },
  }
}

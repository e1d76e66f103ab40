// The editor's schema and behaviour: one list, shared by the editor and its tests.
import { Extension, type AnyExtension, type Editor } from '@tiptap/core'
import { Selection, TextSelection } from '@tiptap/pm/state'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import { Markdown } from '@tiptap/markdown'
import StarterKit from '@tiptap/starter-kit'
import { i18next } from '../../i18n'
import type { AttachmentUrlCache } from '../attachments/objectUrls'
import { AttachmentImage } from './attachmentImage'
import { CaretBlock } from './caretBlock'
import { isAllowedLinkUri } from './linkRules'
import { isMacPlatform } from './shortcuts'

export interface EditorExtensionOptions {
  urls: AttachmentUrlCache | null
  /** Mod-K: open the link form. */
  onEditLink: () => void
}

/** Shortcuts the kits do not bind: Mod-K for links, Mod-Shift-X for strikethrough (as in Google Docs and Notion). */
const BaluchonShortcuts = Extension.create<{ onEditLink: () => void }>({
  name: 'baluchonShortcuts',
  addOptions() {
    return { onEditLink: () => undefined }
  },
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        this.options.onEditLink()
        return true
      },
      'Mod-Shift-x': () => this.editor.commands.toggleStrike(),
      ...documentEdgeKeys(),
    }
  },
})

/**
 * The document's start and end by ProseMirror's positions, not by Chromium's own Ctrl+Home and Ctrl+End: those
 * look for the caret's place through layout, and the blocks off screen are not laid out (content-visibility:
 * auto, editor.css), so in a long draft Ctrl+End put the caret at the start of the last block. With Shift, the
 * selection is extended. macOS says Cmd+Up and Cmd+Down.
 */
function documentEdgeKeys(): Record<string, (props: { editor: Editor }) => boolean> {
  const to =
    (edge: 'start' | 'end', extend: boolean) =>
    ({ editor }: { editor: Editor }): boolean =>
      editor.commands.command(({ tr }) => {
        const target = edge === 'start' ? Selection.atStart(tr.doc) : Selection.atEnd(tr.doc)
        tr.setSelection(extend ? TextSelection.between(tr.selection.$anchor, target.$head) : target).scrollIntoView()
        return true
      })
  const [start, end] = isMacPlatform() ? ['Mod-ArrowUp', 'Mod-ArrowDown'] : ['Mod-Home', 'Mod-End']
  return { [start]: to('start', false), [end]: to('end', false), [`Shift-${start}`]: to('start', true), [`Shift-${end}`]: to('end', true) }
}

export function editorExtensions({ urls, onEditLink }: EditorExtensionOptions): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      link: {
        autolink: true,
        linkOnPaste: true,
        // Clicks edit text; Ctrl/Cmd+click opens the link in the OS browser (see linkClick.ts).
        openOnClick: false,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isAllowedLinkUri(url),
        HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null },
      },
    }),
    TaskList,
    TaskItem.configure({
      nested: true,
      a11y: {
        checkboxLabel: (node, checked) =>
          i18next.t(checked ? 'task.done' : 'task.todo', { ns: 'editor', text: node.textContent || i18next.t('task.empty', { ns: 'editor' }) }),
      },
    }),
    TableKit.configure({ table: { resizable: true, cellMinWidth: 60 } }),
    AttachmentImage.configure({ urls }),
    Markdown,
    BaluchonShortcuts.configure({ onEditLink }),
    CaretBlock,
  ]
}

// The editor's schema and behaviour: one list, shared by the editor and its tests.
import { Extension, type AnyExtension } from '@tiptap/core'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import { Markdown } from '@tiptap/markdown'
import StarterKit from '@tiptap/starter-kit'
import { i18next } from '../../i18n'
import type { AttachmentUrlCache } from '../attachments/objectUrls'
import { AttachmentImage } from './attachmentImage'
import { CaretBlock } from './caretBlock'
import { isAllowedLinkUri } from './linkRules'

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
    }
  },
})

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

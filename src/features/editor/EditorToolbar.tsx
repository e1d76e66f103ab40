// The formatting toolbar: one tab stop, arrow keys between buttons (WAI-ARIA toolbar pattern).
// Button states come from useEditorState, so typing re-renders the toolbar only when a state changes; Undo's and
// Redo's are written to their buttons directly (useHistoryButtons), as typing changes them.
import type { Editor } from '@tiptap/core'
import { redoDepth, undoDepth } from '@tiptap/pm/history'
import { useEditorState } from '@tiptap/react'
import {
  BetweenHorizontalEnd,
  BetweenVerticalEnd,
  Bold,
  Code,
  Columns3,
  Heading1,
  Heading2,
  Heading3,
  ImagePlus,
  Italic,
  Link,
  List,
  ListOrdered,
  ListTodo,
  type LucideIcon,
  Quote,
  Redo2,
  Rows3,
  SeparatorHorizontal,
  SquareCode,
  Strikethrough,
  Table,
  Trash2,
  Underline,
  Undo2,
} from 'lucide-react'
import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { shortcutLabel } from './shortcuts'

interface ToolbarProps {
  editor: Editor
  onEditLink: () => void
  onPickImages: () => void
  linkFormOpen: boolean
}

interface ButtonSpec {
  id: string
  icon: LucideIcon
  shortcut?: string
  /** Toggles report their state with aria-pressed; actions do not. */
  pressed?: boolean
  disabled?: boolean
  /** Disabled now (read when clicked), for a button whose state useHistoryButtons writes outside React. */
  disabledNow?: () => boolean
  run: () => void
}

function selectState({ editor }: { editor: Editor }) {
  const inTable = editor.isActive('table')
  return {
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    strike: editor.isActive('strike'),
    code: editor.isActive('code'),
    h1: editor.isActive('heading', { level: 1 }),
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    taskList: editor.isActive('taskList'),
    blockquote: editor.isActive('blockquote'),
    codeBlock: editor.isActive('codeBlock'),
    link: editor.isActive('link'),
    inTable,
  }
}

// The history depths directly: editor.can() builds a whole command chain on every transaction.
const cannotUndo = (editor: Editor): boolean => undoDepth(editor.state) === 0
const cannotRedo = (editor: Editor): boolean => redoDepth(editor.state) === 0

function writeDisabled(button: HTMLButtonElement | null, disabled: boolean): void {
  if (!button) return
  if (disabled) {
    if (button.getAttribute('aria-disabled') !== 'true') button.setAttribute('aria-disabled', 'true')
  } else if (button.hasAttribute('aria-disabled')) button.removeAttribute('aria-disabled')
}

/**
 * Undo's and Redo's aria-disabled, kept up to date without React. The first key typed in a document makes
 * Undo possible: as a toolbar state, that re-rendered the toolbar inside that keystroke, and a React commit
 * with the caret in the editor also walks the document's DOM up to the caret to measure the selection
 * (getSelectionInformation), then forces a layout: 4-5 ms of the first key after each open of the 200 KB draft
 * (bench editor-keystroke: the first key 27 ms against 10-15 for the next ones, profiled). React renders these
 * buttons with no aria-disabled at all, so it never writes over what this does.
 */
function useHistoryButtons(editor: Editor, undo: RefObject<HTMLButtonElement | null>, redo: RefObject<HTMLButtonElement | null>): void {
  useLayoutEffect(() => {
    const write = (): void => {
      if (editor.isDestroyed) return
      writeDisabled(undo.current, cannotUndo(editor))
      writeDisabled(redo.current, cannotRedo(editor))
    }
    write()
    editor.on('transaction', write)
    return () => {
      editor.off('transaction', write)
    }
  }, [editor, undo, redo])
}

/**
 * Memoised: the editor around it re-renders when the save state or the counts change, which says
 * nothing new to the toolbar (its own state comes from useEditorState).
 */
export const EditorToolbar = memo(function EditorToolbar({ editor, onEditLink, onPickImages, linkFormOpen }: ToolbarProps) {
  const { t } = useTranslation('editor')
  const state = useEditorState({ editor, selector: selectState })
  const [focusIndex, setFocusIndex] = useState(0)
  const buttonsRef = useRef<(HTMLButtonElement | null)[]>([])
  const undoRef = useRef<HTMLButtonElement>(null)
  const redoRef = useRef<HTMLButtonElement>(null)
  useHistoryButtons(editor, undoRef, redoRef)
  const chain = () => editor.chain().focus()

  const groups: ButtonSpec[][] = [
    [
      { id: 'bold', icon: Bold, shortcut: 'Mod-B', pressed: state.bold, run: () => chain().toggleBold().run() },
      { id: 'italic', icon: Italic, shortcut: 'Mod-I', pressed: state.italic, run: () => chain().toggleItalic().run() },
      { id: 'underline', icon: Underline, shortcut: 'Mod-U', pressed: state.underline, run: () => chain().toggleUnderline().run() },
      { id: 'strike', icon: Strikethrough, shortcut: 'Mod-Shift-X', pressed: state.strike, run: () => chain().toggleStrike().run() },
      { id: 'code', icon: Code, shortcut: 'Mod-E', pressed: state.code, run: () => chain().toggleCode().run() },
    ],
    [
      { id: 'heading1', icon: Heading1, shortcut: 'Mod-Alt-1', pressed: state.h1, run: () => chain().toggleHeading({ level: 1 }).run() },
      { id: 'heading2', icon: Heading2, shortcut: 'Mod-Alt-2', pressed: state.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
      { id: 'heading3', icon: Heading3, shortcut: 'Mod-Alt-3', pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    ],
    [
      { id: 'bulletList', icon: List, shortcut: 'Mod-Shift-8', pressed: state.bulletList, run: () => chain().toggleBulletList().run() },
      { id: 'orderedList', icon: ListOrdered, shortcut: 'Mod-Shift-7', pressed: state.orderedList, run: () => chain().toggleOrderedList().run() },
      { id: 'taskList', icon: ListTodo, shortcut: 'Mod-Shift-9', pressed: state.taskList, run: () => chain().toggleTaskList().run() },
      { id: 'blockquote', icon: Quote, shortcut: 'Mod-Shift-B', pressed: state.blockquote, run: () => chain().toggleBlockquote().run() },
      { id: 'codeBlock', icon: SquareCode, shortcut: 'Mod-Alt-C', pressed: state.codeBlock, run: () => chain().toggleCodeBlock().run() },
    ],
    [
      { id: 'link', icon: Link, shortcut: 'Mod-K', pressed: state.link || linkFormOpen, run: onEditLink },
      { id: 'image', icon: ImagePlus, run: onPickImages },
      { id: 'table', icon: Table, disabled: state.inTable, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
      { id: 'horizontalRule', icon: SeparatorHorizontal, run: () => chain().setHorizontalRule().run() },
    ],
    ...(state.inTable
      ? [
          [
            { id: 'addRow', icon: BetweenHorizontalEnd, run: () => chain().addRowAfter().run() },
            { id: 'addColumn', icon: BetweenVerticalEnd, run: () => chain().addColumnAfter().run() },
            { id: 'deleteRow', icon: Rows3, run: () => chain().deleteRow().run() },
            { id: 'deleteColumn', icon: Columns3, run: () => chain().deleteColumn().run() },
            { id: 'deleteTable', icon: Trash2, run: () => chain().deleteTable().run() },
          ],
        ]
      : []),
    [
      { id: 'undo', icon: Undo2, shortcut: 'Mod-Z', disabledNow: () => cannotUndo(editor), run: () => chain().undo().run() },
      { id: 'redo', icon: Redo2, shortcut: 'Mod-Shift-Z', disabledNow: () => cannotRedo(editor), run: () => chain().redo().run() },
    ],
  ]
  const flat = groups.flat()
  const current = Math.min(focusIndex, flat.length - 1)

  const moveFocus = (index: number): void => {
    const next = (index + flat.length) % flat.length
    setFocusIndex(next)
    buttonsRef.current[next]?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveFocus(current + 1),
      ArrowLeft: () => moveFocus(current - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(flat.length - 1),
      Escape: () => editor.commands.focus(),
    }
    const action = keys[event.key]
    if (action) {
      event.preventDefault()
      action()
    }
  }

  let index = -1
  return (
    <div className="be-toolbar" role="toolbar" aria-label={t('toolbar.label')} aria-orientation="horizontal" onKeyDown={onKeyDown}>
      {groups.map((group, g) => (
        <div className="be-toolbar-group" role="group" key={group[0]?.id ?? g} aria-label={group[0]?.id === 'addRow' ? t('toolbar.tableGroup') : undefined}>
          {group.map((spec) => {
            index++
            const i = index
            const label = t(`toolbar.${spec.id}`)
            const Icon = spec.icon
            return (
              <button
                key={spec.id}
                ref={(el) => {
                  buttonsRef.current[i] = el
                  if (spec.id === 'undo') undoRef.current = el
                  else if (spec.id === 'redo') redoRef.current = el
                }}
                type="button"
                className="be-tool"
                aria-label={label}
                title={spec.shortcut ? t('toolbar.withShortcut', { label, shortcut: shortcutLabel(spec.shortcut) }) : label}
                aria-pressed={spec.pressed === undefined ? undefined : spec.pressed}
                aria-disabled={spec.disabled || undefined}
                tabIndex={i === current ? 0 : -1}
                onFocus={() => setFocusIndex(i)}
                // Keep the editor's selection: the button must not take focus away on mouse down.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  if (!(spec.disabledNow ? spec.disabledNow() : spec.disabled)) spec.run()
                }}
              >
                <Icon aria-hidden="true" size={18} strokeWidth={2} />
              </button>
            )
          })}
        </div>
      ))}
    </div>
  )
})

// Images pasted, dropped or picked are stored first, then inserted where they were put, even if the
// document changed while they were being stored (positions are mapped through every transaction).
import type { Editor } from '@tiptap/core'
import { NodeSelection, TextSelection, type Transaction } from '@tiptap/pm/state'
import { attachmentSrc } from '../../core/doc'
import type { BaluchonDb } from '../../db'
import { AttachmentError, type AttachmentErrorCode } from '../attachments/errors'
import { addAttachment } from '../attachments/repository'

/** The image files among a clipboard's or a drop's files (any image/* type; the repository decides). */
export function imageFiles(list: FileList | readonly File[] | null | undefined): File[] {
  return list ? Array.from(list).filter((f) => f.type.startsWith('image/')) : []
}

/**
 * After an insert the image itself is selected, and the next paste or keystroke would replace it:
 * put the cursor in the text block after it (a new empty paragraph when there is none), as
 * word processors do.
 */
function placeCursorAfterImage(tr: Transaction): void {
  const { selection } = tr
  if (!(selection instanceof NodeSelection) || selection.node.type.name !== 'image') return
  const after = selection.to
  if (!tr.doc.resolve(after).nodeAfter?.isTextblock) {
    const paragraph = tr.doc.type.schema.nodes.paragraph
    if (!paragraph) return
    tr.insert(after, paragraph.create())
  }
  tr.setSelection(TextSelection.create(tr.doc, after + 1))
}

/** Follows a document range through later transactions, so an async insert lands where it was meant to. */
function trackRange(editor: Editor, from: number, to: number): { range: () => { from: number; to: number }; stop: () => void } {
  let current = { from, to }
  const onTransaction = ({ transaction }: { transaction: { mapping: { map: (pos: number, assoc?: number) => number } } }): void => {
    current = { from: transaction.mapping.map(current.from, -1), to: transaction.mapping.map(current.to, 1) }
  }
  editor.on('transaction', onTransaction)
  return { range: () => current, stop: () => editor.off('transaction', onTransaction) }
}

export interface InsertImagesResult {
  inserted: number
  /** Why each refused file was refused (one code per file). */
  errors: AttachmentErrorCode[]
}

/**
 * Stores each image as an attachment of the item and inserts them, in order, at `range` (the
 * selection by default, replacing it). Refused files are reported, never half-inserted.
 * `isCurrent` says whether the editor still shows that item: the editor is reused across items, and an
 * image stored after the person moved on must not land in the next item's document.
 */
export async function insertImageFiles(
  editor: Editor,
  db: BaluchonDb,
  itemId: string,
  files: readonly File[],
  range: { from: number; to: number } = { from: editor.state.selection.from, to: editor.state.selection.to },
  isCurrent: () => boolean = () => true,
): Promise<InsertImagesResult> {
  const tracker = trackRange(editor, range.from, range.to)
  const errors: AttachmentErrorCode[] = []
  const ids: string[] = []
  try {
    for (const file of files) {
      try {
        ids.push(await addAttachment(db, itemId, file, file.name))
      } catch (error) {
        errors.push(error instanceof AttachmentError ? error.code : 'failed')
      }
    }
    if (ids.length && !editor.isDestroyed && isCurrent()) {
      const target = tracker.range()
      const size = editor.state.doc.content.size
      editor
        .chain()
        .focus(undefined, { scrollIntoView: false })
        .insertContentAt(
          { from: Math.min(target.from, size), to: Math.min(target.to, size) },
          ids.map((id) => ({ type: 'image', attrs: { src: attachmentSrc(id) } })),
        )
        .command(({ tr }) => {
          placeCursorAfterImage(tr)
          return true
        })
        .scrollIntoView()
        .run()
    }
  } finally {
    tracker.stop()
  }
  return { inserted: editor.isDestroyed || !isCurrent() ? 0 : ids.length, errors }
}

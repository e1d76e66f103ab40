// Marks the top-level block(s) holding the selection, so that the editor's CSS keeps them out of
// `content-visibility: auto` (editor.css): the blocks being typed into are always laid out.
//
// Why: Chromium skips the layout of a `content-visibility: auto` block until a frame has decided it is
// on screen. A block just made by Enter has had no frame yet when the next key comes on a busy page
// (start-up, a long document), and Chromium then inserts the typed character before the block's
// <br> and leaves the caret BEFORE it: ProseMirror reads that caret, so "# A" became " A#" (no
// heading: the '# ' input rule never saw '# ') and any fast typing after Enter came out scrambled.
// The mark is on the block in the same transaction that makes it, so it is never skipped, not even once.
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** The class on the top-level block(s) holding the selection. */
export const CARET_BLOCK_CLASS = 'be-caret-block'

const caretBlockKey = new PluginKey('caretBlock')

/** Decorations for the top-level blocks from the selection's start to its end (usually one block). */
export function caretBlockDecorations(state: EditorState): DecorationSet {
  const { doc, selection } = state
  const { $from, $to } = selection
  const mark = (from: number, to: number): Decoration => Decoration.node(from, to, { class: CARET_BLOCK_CLASS })
  // The usual case, a caret or a range in one block: found from the resolved position, without walking
  // the document's blocks (a long draft has thousands, and this runs on every keystroke).
  if ($from.depth >= 1 && $to.depth >= 1 && $from.index(0) === $to.index(0)) {
    return DecorationSet.create(doc, [mark($from.before(1), $from.after(1))])
  }
  const marks: Decoration[] = []
  doc.nodesBetween(selection.from, selection.to, (node, pos) => {
    marks.push(mark(pos, pos + node.nodeSize))
    return false
  })
  return DecorationSet.create(doc, marks)
}

export const CaretBlock = Extension.create({
  name: 'caretBlock',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: caretBlockKey,
        props: { decorations: caretBlockDecorations },
      }),
    ]
  },
})

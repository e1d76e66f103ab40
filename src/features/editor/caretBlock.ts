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

const caretBlockKey = new PluginKey<DecorationSet>('caretBlock')

interface BlockRange {
  from: number
  to: number
}

/** Where each top-level block the selection touches starts and ends (usually one block). */
export function caretBlockRanges(state: EditorState): BlockRange[] {
  const { doc, selection } = state
  const { $from, $to } = selection
  // The usual case, a caret or a range in one block: read from the resolved position, without walking the
  // document's blocks (a long draft has thousands, and this runs on every keystroke).
  if ($from.depth >= 1 && $to.depth >= 1 && $from.index(0) === $to.index(0)) return [{ from: $from.before(1), to: $from.after(1) }]
  const ranges: BlockRange[] = []
  doc.nodesBetween(selection.from, selection.to, (node, pos) => {
    ranges.push({ from: pos, to: pos + node.nodeSize })
    return false
  })
  return ranges
}

/** The marks for the blocks the selection touches, built afresh. */
export function caretBlockDecorations(state: EditorState): DecorationSet {
  return DecorationSet.create(
    state.doc,
    caretBlockRanges(state).map(({ from, to }) => Decoration.node(from, to, { class: CARET_BLOCK_CLASS })),
  )
}

/** True when `set` marks exactly these blocks. */
function marksExactly(set: DecorationSet, ranges: BlockRange[]): boolean {
  const marked = set.find()
  return marked.length === ranges.length && ranges.every((range) => marked.some((mark) => mark.from === range.from && mark.to === range.to))
}

export const CaretBlock = Extension.create({
  name: 'caretBlock',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: caretBlockKey,
        // Kept in the plugin's state and mapped through each change, built again only when the caret
        // reaches another block: building a set costs more than mapping one (3,000 blocks in Chromium at
        // load 10: 35-110 us against 15-23 us), and mapping is what each character typed pays.
        state: {
          init: (_config, state) => caretBlockDecorations(state),
          apply: (tr, marks, _old, state) => {
            if (!tr.docChanged && !tr.selectionSet) return marks
            const mapped = tr.docChanged ? marks.map(tr.mapping, tr.doc) : marks
            return marksExactly(mapped, caretBlockRanges(state)) ? mapped : caretBlockDecorations(state)
          },
        },
        props: {
          decorations: (state) => caretBlockKey.getState(state),
        },
      }),
    ]
  },
})

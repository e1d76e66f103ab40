// The word count of the editor's document, counted block by block and remembered by block. Why: the status
// bar counted the whole text again after every pause in typing (the text of a 200 KB draft built and
// matched: 5-8 ms of the UI thread, and its garbage, just before each autosave). A word never spans two
// top-level blocks (textBetween puts a line break between text blocks), and unchanged blocks are the same
// node objects from one state to the next, so only the blocks typed in are counted again. Property test:
// test/node/editor/docJson.property.test.ts (equal to counting the whole text, through random edits).
import type { Node as PMNode } from '@tiptap/pm/model'
import { wordCount } from '../../core/text'

const wordsOfBlock = new WeakMap<PMNode, number>()

/** wordCount(doc.textBetween(0, doc.content.size, '\n', ' ')), counting only blocks not seen before. */
export function docWordCount(doc: PMNode): number {
  let total = 0
  doc.forEach((block) => {
    let words = wordsOfBlock.get(block)
    if (words === undefined) {
      words = wordCount(block.textBetween(0, block.content.size, '\n', ' '))
      wordsOfBlock.set(block, words)
    }
    total += words
  })
  return total
}

// The editor's document as JSON text, exactly `JSON.stringify(doc.toJSON())`, without serialising the whole
// document on every save. Why: each autosave of a 200 KB draft turned thousands of nodes into objects
// (`getJSON`) and those into a string on the UI thread (about 3 ms each, plus their garbage), although a
// pause in typing changes one block or two. ProseMirror nodes are immutable and a new state keeps every
// unchanged child of the document as the same object, so the text of each top-level block is remembered
// by its node and only new blocks are serialised. Hand-written because no library offers it; the property
// test (test/node/editor/docJson.property.test.ts) holds it to JSON.stringify(doc.toJSON()) through random edits.
import type { Node as PMNode } from '@tiptap/pm/model'

/** JSON text of top-level blocks, by node: dropped with the node when no state holds it any more. */
const blockText = new WeakMap<PMNode, string>()

function textOfBlock(node: PMNode): string {
  let text = blockText.get(node)
  if (text === undefined) {
    text = JSON.stringify(node.toJSON())
    blockText.set(node, text)
  }
  return text
}

/**
 * The document's JSON text in parts: `head`, then the top-level blocks' texts joined by commas, then `tail`
 * (joinDocJson). The blocks are the very strings remembered for unchanged nodes, so that a save can tell which
 * blocks changed since the last one by identity and send only those to the save worker (saveOffThread.ts).
 */
export interface DocJsonParts {
  head: string
  blocks: string[]
  tail: string
}

/** The parts of `JSON.stringify(doc.toJSON())`, serialising only the top-level blocks not seen before. */
export function docJsonParts(doc: PMNode): DocJsonParts {
  // Node.toJSON writes `content` only when the content has a size, and `marks` (after it) only when there
  // are some: a document with marks (none in this schema) is serialised whole, to stay exact.
  if (!doc.content.size || doc.marks.length) return { head: JSON.stringify(doc.toJSON()), blocks: [], tail: '' }
  const shell: Record<string, unknown> = { type: doc.type.name }
  if (Object.keys(doc.attrs).length) shell.attrs = doc.attrs
  const blocks: string[] = []
  doc.forEach((child) => void blocks.push(textOfBlock(child)))
  // `{"type":"doc"}` less its closing brace, then the content as JSON.stringify writes it.
  return { head: `${JSON.stringify(shell).slice(0, -1)},"content":[`, blocks, tail: ']}' }
}

/** The text the parts stand for. */
export function joinDocJson({ head, blocks, tail }: DocJsonParts): string {
  if (!blocks.length) return head + tail
  // The head and the tail go into the first and last parts, so that one join writes the whole text once:
  // concatenated to the joined content they made a rope, which posting it flattened into a second copy.
  const parts = blocks.slice()
  parts[0] = head + parts[0]!
  parts[parts.length - 1] += tail
  return parts.join(',')
}

/** `JSON.stringify(doc.toJSON())`, serialising only the top-level blocks not seen before. */
export function docJsonText(doc: PMNode): string {
  return joinDocJson(docJsonParts(doc))
}

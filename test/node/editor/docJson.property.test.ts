// The autosave's JSON text of the editor's document (src/features/editor/docJson.ts) must be exactly
// JSON.stringify(doc.toJSON()) through any run of edits: it reuses the text of blocks it has seen, so an
// edit it failed to notice would save stale text.
import fc from 'fast-check'
import { EditorState, TextSelection } from '@tiptap/pm/state'
import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { canonicalDoc } from '../../../src/core/markdown'
import { wordCount } from '../../../src/core/text'
import { docJsonText } from '../../../src/features/editor/docJson'
import { docWordCount } from '../../../src/features/editor/docWords'
import { docArb, textArb } from '../markdown/arbitraries'
import { editorSchema } from '../markdown/editorSchema'

type Edit =
  | { type: 'insert'; at: number; text: string }
  | { type: 'delete'; from: number; to: number }
  | { type: 'mark'; from: number; to: number; mark: 'bold' | 'italic' | 'code' }
  | { type: 'split'; at: number }
  | { type: 'join'; at: number }
  | { type: 'heading'; at: number; level: number }
  | { type: 'block'; at: number; doc: ReturnType<typeof canonicalDoc> }

/** Positions are fractions of the document's size, so every edit lands inside whatever the document is by then. */
const fraction = fc.double({ min: 0, max: 1, noNaN: true })

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('insert' as const), at: fraction, text: textArb }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), from: fraction, to: fraction }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('mark' as const), from: fraction, to: fraction, mark: fc.constantFrom('bold' as const, 'italic' as const, 'code' as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('split' as const), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('join' as const), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('heading' as const), at: fraction, level: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('block' as const), at: fraction, doc: docArb.map(canonicalDoc) }) },
)

const posIn = (doc: PMNode, f: number): number => Math.round(f * doc.content.size)

/** One edit as the editor would make it (a transaction on the state); an edit that does not fit leaves the state. */
function apply(schema: Schema, state: EditorState, edit: Edit): EditorState {
  const { doc } = state
  const tr = state.tr
  try {
    switch (edit.type) {
      case 'insert': {
        const sel = TextSelection.near(doc.resolve(posIn(doc, edit.at)))
        tr.setSelection(sel).insertText(edit.text)
        break
      }
      case 'delete': {
        const [a, b] = [posIn(doc, edit.from), posIn(doc, edit.to)].sort((x, y) => x - y) as [number, number]
        tr.delete(a, b)
        break
      }
      case 'mark': {
        const [a, b] = [posIn(doc, edit.from), posIn(doc, edit.to)].sort((x, y) => x - y) as [number, number]
        tr.addMark(a, b, schema.marks[edit.mark]!.create())
        break
      }
      case 'split':
        tr.split(TextSelection.near(doc.resolve(posIn(doc, edit.at))).from)
        break
      case 'join':
        tr.join(posIn(doc, edit.at))
        break
      case 'heading': {
        const at = TextSelection.near(doc.resolve(posIn(doc, edit.at))).from
        tr.setBlockType(at, at, schema.nodes.heading!, { level: edit.level })
        break
      }
      case 'block': {
        // A top-level block swapped for another (a paste over a whole block).
        const index = Math.min(doc.childCount - 1, Math.floor(edit.at * doc.childCount))
        let start = 0
        for (let i = 0; i < index; i++) start += doc.child(i).nodeSize
        tr.replaceWith(start, start + doc.child(index).nodeSize, schema.nodeFromJSON(edit.doc).content)
        break
      }
    }
    const next = state.apply(tr)
    next.doc.check()
    return next
  } catch {
    return state
  }
}

describe('docJsonText (property)', () => {
  it('is JSON.stringify(doc.toJSON()) after every edit of a run, its remembered blocks reused', () => {
    const schema = editorSchema()
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (start, edits) => {
        let state = EditorState.create({ doc: schema.nodeFromJSON(canonicalDoc(start)) })
        expect(docJsonText(state.doc)).toBe(JSON.stringify(state.doc.toJSON()))
        for (const edit of edits) {
          state = apply(schema, state, edit)
          expect(docJsonText(state.doc)).toBe(JSON.stringify(state.doc.toJSON()))
        }
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('counts words block by block as counting the whole text does, through every edit of a run', () => {
    const schema = editorSchema()
    const whole = (doc: PMNode) => wordCount(doc.textBetween(0, doc.content.size, '\n', ' '))
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (start, edits) => {
        let state = EditorState.create({ doc: schema.nodeFromJSON(canonicalDoc(start)) })
        expect(docWordCount(state.doc)).toBe(whole(state.doc))
        for (const edit of edits) {
          state = apply(schema, state, edit)
          expect(docWordCount(state.doc)).toBe(whole(state.doc))
        }
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('is exact for an empty document and one with a single empty paragraph', () => {
    const schema = editorSchema()
    const empty = schema.nodes.doc!.create()
    expect(docJsonText(empty)).toBe(JSON.stringify(empty.toJSON()))
    const blank = schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph' }] })
    expect(docJsonText(blank)).toBe(JSON.stringify(blank.toJSON()))
  })
})

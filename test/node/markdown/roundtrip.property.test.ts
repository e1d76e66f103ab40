import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalDoc, docToMarkdown, markdownToDoc } from '../../../src/core/markdown'
import { docArb, imagePath, malformedDocArb, resolveImageSrc } from './arbitraries'
import { editorSchema } from './editorSchema'

const exportOptions = { imagePath }
const importOptions = { resolveImageSrc }

describe('Markdown round trip (property)', () => {
  it('markdownToDoc(docToMarkdown(doc)) gives the canonical document back', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const markdown = docToMarkdown(doc, exportOptions)
        expect(markdownToDoc(markdown, importOptions), markdown).toEqual(canonicalDoc(doc))
      }),
      { numRuns: 800 },
    )
  }, 60_000)

  it('canonicalDoc is idempotent and its output is a valid editor document in the editor JSON shape', () => {
    const schema = editorSchema()
    fc.assert(
      fc.property(docArb, (doc) => {
        const canonical = canonicalDoc(doc)
        expect(canonicalDoc(canonical)).toEqual(canonical)
        const node = schema.nodeFromJSON(canonical)
        node.check()
        expect(node.toJSON()).toEqual(canonical)
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('exporting the re-imported document gives the same Markdown', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const markdown = docToMarkdown(doc, exportOptions)
        expect(docToMarkdown(markdownToDoc(markdown, importOptions), exportOptions)).toBe(markdown)
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('turns malformed or foreign JSON (unknown nodes and marks, misplaced nodes, odd attributes) into a valid document that round-trips too', () => {
    const schema = editorSchema()
    fc.assert(
      fc.property(malformedDocArb, (doc) => {
        const canonical = canonicalDoc(doc)
        schema.nodeFromJSON(canonical).check()
        const markdown = docToMarkdown(doc, exportOptions)
        expect(markdownToDoc(markdown, importOptions), markdown).toEqual(canonical)
      }),
      { numRuns: 300 },
    )
  }, 60_000)
})

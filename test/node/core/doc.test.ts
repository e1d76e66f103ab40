import { describe, expect, it } from 'vitest'
import { attachmentIdFromSrc, attachmentSrc, docAttachmentIds, docFromText, docToPlainText, emptyDoc, type RichDoc } from '../../../src/core/doc'

const sample: RichDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Titre' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Hello ' }, { type: 'text', text: 'world', marks: [{ type: 'bold' }] }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
      ],
    },
    { type: 'image', attrs: { src: attachmentSrc('img1'), alt: 'A cat' } },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }, { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }] },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'line' }, { type: 'hardBreak' }, { type: 'text', text: 'break' }] },
  ],
}

describe('docToPlainText', () => {
  it('joins blocks with newlines and keeps every word', () => {
    const text = docToPlainText(sample)
    for (const word of ['Titre', 'Hello world', 'one', 'two', 'A cat', 'line\nbreak']) expect(text).toContain(word)
    expect(text).toMatch(/a\n?\tb/)
  })
  it('is empty for an empty doc', () => {
    expect(docToPlainText(emptyDoc())).toBe('')
  })
})

describe('docFromText', () => {
  it('makes one paragraph per blank-line block', () => {
    const doc = docFromText('first\n\nsecond\n\n\n')
    expect(doc.content).toHaveLength(2)
    expect(docToPlainText(doc)).toBe('first\nsecond')
  })
  it('gives an empty doc for empty text', () => {
    expect(docFromText('  ')).toEqual(emptyDoc())
  })
})

describe('attachments', () => {
  it('round-trips attachment srcs and lists the ids a doc uses', () => {
    expect(attachmentIdFromSrc(attachmentSrc('abc'))).toBe('abc')
    expect(attachmentIdFromSrc('https://example.org/a.png')).toBeNull()
    expect(attachmentIdFromSrc('attachment:')).toBeNull()
    expect(docAttachmentIds(sample)).toEqual(['img1'])
  })
})

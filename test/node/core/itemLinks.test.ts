import { describe, expect, it } from 'vitest'
import type { RichDoc } from '../../../src/core/doc'
import { docItemLinkIds, itemIdFromHref, itemLinkHref, mapItemLinks } from '../../../src/core/itemLinks'
import { docToMarkdown } from '../../../src/core/markdown'
import { docToCleanHtml, docToPageHtml } from '../../../src/core/markdown/html'
import { docToSocialText } from '../../../src/core/publish/docText'

const link = (text: string, href: string, more: { type: string }[] = []) => ({ type: 'text', text, marks: [...more, { type: 'link', attrs: { href } }] })

const doc: RichDoc = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'See ' }, link('my talk', 'item:01JTALK', [{ type: 'bold' }]), { type: 'text', text: ' and ' }, link('web', 'https://example.org/')] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [link('again', 'item:01JTALK'), link('other', 'item:01JNOTE')] }] }] },
  ],
}

describe('links between items', () => {
  it.each([
    ['item:01JTALK', '01JTALK'],
    ['item:0b8e4c1e-6f0a-4d43-9a2b-3f1f2c1d0e9a', '0b8e4c1e-6f0a-4d43-9a2b-3f1f2c1d0e9a'],
    ['item:', null],
    ['item:../x', null],
    ['item:a b', null],
    ['item:a/b', null],
    ['ITEM:01J', null],
    ['https://example.org/item:01J', null],
    ['item:' + 'x'.repeat(65), null],
    [42, null],
  ])('%s is a link to item %s', (href, id) => {
    expect(itemIdFromHref(href)).toBe(id)
  })

  it('writes the href it reads', () => {
    expect(itemIdFromHref(itemLinkHref('01JX'))).toBe('01JX')
  })

  it('lists the items a document links to, once each, in order', () => {
    expect(docItemLinkIds(doc)).toEqual(['01JTALK', '01JNOTE'])
    expect(docItemLinkIds({ type: 'doc', content: [{ type: 'paragraph', content: [link('x', 'https://a.example/')] }] })).toEqual([])
  })

  it('points each item link where asked, or keeps its label alone, leaving web links, other marks and the input alone', () => {
    const before = JSON.stringify(doc)
    const out = mapItemLinks(doc, (id) => (id === '01JTALK' ? '../talks/My talk.md' : null))
    expect(JSON.stringify(doc)).toBe(before)
    expect(out.content![0]!.content![1]).toEqual({ type: 'text', text: 'my talk', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: '../talks/My talk.md' } }] })
    expect(out.content![0]!.content![3]).toEqual(link('web', 'https://example.org/'))
    const items = out.content![1]!.content![0]!.content![0]!.content!
    expect(items).toEqual([link('again', '../talks/My talk.md'), { type: 'text', text: 'other' }])
  })

  it('gives back the very document when it has no item link', () => {
    const plain: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [link('web', 'https://example.org/')] }] }
    expect(mapItemLinks(plain, () => 'x')).toBe(plain)
  })

  it('Markdown: a link to an item is written to the path given, else as its label alone', () => {
    expect(docToMarkdown(doc, { imagePath: (id) => id, itemLinkPath: (id) => (id === '01JTALK' ? '../talks/My%20talk.md' : null) })).toBe(
      'See [**my talk**](../talks/My%20talk.md) and [web](https://example.org/)\n\n- [again](../talks/My%20talk.md)other\n',
    )
    expect(docToMarkdown(doc, { imagePath: (id) => id })).toBe('See **my talk** and [web](https://example.org/)\n\n- againother\n')
  })

  it('web pages, published posts and social posts keep the label alone: an item: address means nothing there', () => {
    for (const html of [docToCleanHtml(doc), docToPageHtml(doc, { imageSrc: () => null })]) {
      expect(html).not.toContain('item:')
      expect(html).toContain('my talk')
      expect(html).toContain('href="https://example.org/"')
    }
    const text = docToSocialText(doc)
    expect(text).not.toContain('item:')
    expect(text).toContain('See my talk and web (https://example.org/)')
  })
})

import { describe, expect, it } from 'vitest'
import type { RichDoc, RichMark, RichNode } from '../../../src/core/doc'
import { markdownToDoc } from '../../../src/core/markdown'
import { editorSchema } from './editorSchema'

const schema = editorSchema()

/** Parses, and checks the result is a valid editor document already in the editor's JSON shape. */
function parse(markdown: string, options?: Parameters<typeof markdownToDoc>[1]): RichDoc {
  const doc = markdownToDoc(markdown, options)
  const node = schema.nodeFromJSON(doc)
  node.check()
  expect(node.toJSON()).toEqual(doc)
  return doc
}

const t = (text: string, ...marks: (string | RichMark)[]): RichNode => {
  const node: RichNode = { type: 'text', text }
  if (marks.length) node.marks = marks.map((m) => (typeof m === 'string' ? { type: m } : m))
  return node
}
const link = (href: string, title: string | null = null): RichMark => ({
  type: 'link',
  attrs: { href, target: null, rel: 'noopener noreferrer nofollow', class: null, title },
})
const p = (...content: RichNode[]): RichNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' })
const br: RichNode = { type: 'hardBreak' }
const img = (src: string, alt: string | null = null, title: string | null = null): RichNode => ({
  type: 'image',
  attrs: { src, alt, title, width: null, height: null },
})
const blocks = (markdown: string, options?: Parameters<typeof markdownToDoc>[1]): RichNode[] => parse(markdown, options).content ?? []

describe('markdownToDoc', () => {
  it('reads an empty or blank file as an empty document', () => {
    expect(parse('')).toEqual({ type: 'doc', content: [p()] })
    expect(parse('\n\n  \n')).toEqual({ type: 'doc', content: [p()] })
  })

  it.each([
    ['setext heading', 'Title\n=====', [{ type: 'heading', attrs: { level: 1 }, content: [t('Title')] }]],
    ['deep headings become level 4', '###### Six', [{ type: 'heading', attrs: { level: 4 }, content: [t('Six')] }]],
    ['indented code', '    let a = 1\n    b', [{ type: 'codeBlock', attrs: { language: null }, content: [t('let a = 1\nb')] }]],
    ['fence info string', '```js title="x"\ncode\n```', [{ type: 'codeBlock', attrs: { language: 'js title="x"' }, content: [t('code')] }]],
    ['thematic breaks', '***\n\n___', [{ type: 'horizontalRule' }, { type: 'horizontalRule' }]],
    ['soft line break is a space', 'one\ntwo', [p(t('one two'))]],
    ['two trailing spaces are a hard break', 'one  \ntwo', [p(t('one'), br, t('two'))]],
    ['entities and escapes', '&copy; &#35; \\*x\\*', [p(t('© # *x*'))]],
    ['autolink', '<https://example.org>', [p(t('https://example.org', link('https://example.org')))]],
    ['reference link', '[a][r]\n\n[r]: https://example.org "T"', [p(t('a', link('https://example.org', 'T')))]],
    ['javascript: links stay text', '[x](javascript:alert(1))', [p(t('[x](javascript:alert(1))'))]],
    ['link targets are kept as written', '[x](<a b.md>)', [p(t('x', link('a b.md')))]],
    ['bold, italic, strike, code', '**b** _i_ ~~s~~ `c`', [p(t('b', 'bold'), t(' '), t('i', 'italic'), t(' '), t('s', 'strike'), t(' '), t('c', 'code'))]],
    ['HTML formatting tags', '<u>u</u> <b>b</b> <i>i</i> <del>d</del> <ins>n</ins> a<br>b',
      [p(t('u', 'underline'), t(' '), t('b', 'bold'), t(' '), t('i', 'italic'), t(' '), t('d', 'strike'), t(' '), t('n', 'underline'), t(' a'), br, t('b'))]],
    ['other inline HTML stays text', 'a <span class="x">b</span> <img src=x onerror=alert(1)>',
      [p(t('a <span class="x">b</span> <img src=x onerror=alert(1)>'))]],
    ['an unclosed tag marks to the end, a stray closing tag is dropped', '<u>a</u></b> <u>b', [p(t('a', 'underline'), t(' '), t('b', 'underline'))]],
    ['HTML blocks are kept as text', '<div class="note">\n<script>alert(1)</script>\n</div>',
      [p(t('<div class="note">'), br, t('<script>alert(1)</script>'), br, t('</div>'))]],
    ['an image alone is an image block', '![A *cat*](cat.png "Tom")', [img('cat.png', 'A cat', 'Tom')]],
    ['an image inside a paragraph splits it', 'before ![i](x.png) after', [p(t('before ')), img('x.png', 'i'), p(t(' after'))]],
    ['an image in a heading', '# Title ![i](x.png)', [{ type: 'heading', attrs: { level: 1 }, content: [t('Title ')] }, img('x.png', 'i')]],
    ['data: images other than raster are refused', '![x](data:text/html;base64,AAAA)', [p(t('![x](data:text/html;base64,AAAA)'))]],
  ] as const)('%s', (_name, markdown, expected) => {
    expect(blocks(markdown)).toEqual(expected)
  })

  it('reads task lists, splitting mixed lists, and leaves escaped markers alone', () => {
    expect(blocks('- [ ] a\n- [X] b\n- c\n- [x]\n- \\[ ] d')).toEqual([
      { type: 'taskList', content: [
        { type: 'taskItem', attrs: { checked: false }, content: [p(t('a'))] },
        { type: 'taskItem', attrs: { checked: true }, content: [p(t('b'))] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('c'))] }] },
      { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [p()] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('[ ] d'))] }] },
    ])
    // Ordered items have no task form in the editor: the marker stays text.
    expect(blocks('1. [ ] a')).toEqual([{ type: 'orderedList', attrs: { start: 1, type: null }, content: [{ type: 'listItem', content: [p(t('[ ] a'))] }] }])
  })

  it('gives list items the paragraph the editor requires', () => {
    expect(blocks('-\n  ```\n  x\n  ```\n- ![i](x.png)')).toEqual([
      { type: 'bulletList', content: [
        { type: 'listItem', content: [p(), { type: 'codeBlock', attrs: { language: null }, content: [t('x')] }] },
        { type: 'listItem', content: [p(), img('x.png', 'i')] }] },
    ])
  })

  it('reads GFM tables: alignment, no outer pipes, escaped pipes, breaks and images in cells, short rows', () => {
    const cell = (type: string, align: string | null, content: RichNode[]): RichNode => ({
      type,
      attrs: { colspan: 1, rowspan: 1, colwidth: null, align },
      content,
    })
    expect(blocks('a | b\n:-: | --:\n`x\\|y` | 1<br>![i](i.png)<br>2\nonly')).toEqual([
      { type: 'table', content: [
        { type: 'tableRow', content: [cell('tableHeader', 'center', [p(t('a'))]), cell('tableHeader', 'right', [p(t('b'))])] },
        { type: 'tableRow', content: [cell('tableCell', 'center', [p(t('x|y', 'code'))]), cell('tableCell', 'right', [p(t('1')), img('i.png', 'i'), p(t('2'))])] },
        { type: 'tableRow', content: [cell('tableCell', 'center', [p(t('only'))]), cell('tableCell', 'right', [p()])] },
      ] },
    ])
  })

  it('maps image paths with resolveImageSrc and drops images it refuses', () => {
    const resolveImageSrc = (src: string): string | null => (src.startsWith('images/') ? `attachment:${src.slice(7, -4)}` : null)
    expect(blocks('![a](images/ID1.png)\n\n![b](https://tracker.example/p.gif)', { resolveImageSrc })).toEqual([img('attachment:ID1', 'a')])
  })

  it('reads Obsidian notes: line breaks as breaks, wikilinks and embeds when asked', () => {
    const resolveWikilink = (target: string, kind: 'link' | 'embed'): string | null =>
      kind === 'embed' ? (target.endsWith('.png') ? `assets/${target}` : null) : target === 'Missing' ? null : `https://notes.example/${encodeURIComponent(target)}`
    expect(blocks('line one\nline two\n\nSee [[Other note|the other]] and [[Missing]].\n\n![[diagram.png]] ![[Note]]', {
      softBreak: 'hardBreak',
      resolveWikilink,
    })).toEqual([
      p(t('line one'), br, t('line two')),
      p(t('See '), t('the other', link('https://notes.example/Other%20note')), t(' and [[Missing]].')),
      img('assets/diagram.png'),
      p(t(' ![[Note]]')),
    ])
    // Without a resolver the brackets are text.
    expect(blocks('[[Other]]')).toEqual([p(t('[[Other]]'))])
  })

  it('handles CRLF, a BOM and NUL characters', () => {
    expect(blocks('\ufeff# T\r\n\r\na\u0000b\r\n')).toEqual([{ type: 'heading', attrs: { level: 1 }, content: [t('T')] }, p(t('a\ufffdb'))])
  })

  it('survives deep nesting and long input without throwing', () => {
    const deep = '> '.repeat(200) + 'x'
    expect(() => parse(deep)).not.toThrow()
    const nestedLists = Array.from({ length: 60 }, (_, i) => '  '.repeat(i) + '- item').join('\n')
    expect(() => parse(nestedLists)).not.toThrow()
    const long = 'word *emphasis* [link](https://example.org) '.repeat(20_000)
    expect(parse(long).content).toHaveLength(1)
  })
})

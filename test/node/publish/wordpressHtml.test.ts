import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Parser } from 'htmlparser2'
import type { RichDoc, RichNode } from '../../../src/core/doc'
import {
  blockquote,
  bulletList,
  codeBlock,
  heading,
  image,
  linkMark,
  listItem,
  orderedList,
  paragraph,
  simpleMark,
  table,
  tableCell,
  tableRow,
  taskItem,
  taskList,
  textNode,
} from '../../../src/core/markdown/nodes'
import { docToWordPressHtml, rewriteAttachmentSources } from '../../../src/core/publish/wordpressHtml'

const doc = (...content: RichNode[]): RichDoc => ({ type: 'doc', content })

const ALLOWED = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'u', 'code', 'a', 'br', 'blockquote', 'pre', 'ul', 'ol', 'li', 'hr', 'figure', 'img', 'table', 'tr', 'th', 'td'])
const ALLOWED_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title']),
  img: new Set(['src', 'alt', 'title']),
  ol: new Set(['start']),
  th: new Set(['colspan', 'rowspan']),
  td: new Set(['colspan', 'rowspan']),
}

/** Every element and attribute of `html`, as a browser-grade tokenizer reads them. */
function parse(html: string): Array<{ name: string; attribs: Record<string, string> }> {
  const found: Array<{ name: string; attribs: Record<string, string> }> = []
  const parser = new Parser({ onopentag: (name, attribs) => found.push({ name, attribs }) }, { decodeEntities: true })
  parser.write(html)
  parser.end()
  return found
}

function expectClean(html: string): void {
  for (const el of parse(html)) {
    expect(ALLOWED.has(el.name), `element <${el.name}>`).toBe(true)
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(ALLOWED_ATTRIBUTES[el.name]?.has(name), `${el.name}[${name}]`).toBe(true)
      if (name === 'href') expect(value).toMatch(/^(?:https?:|mailto:)/i)
      if (name === 'src') expect(value).toMatch(/^(?:https?:|attachment:)/i)
    }
  }
}

describe('docToWordPressHtml', () => {
  it('writes semantic HTML without classes, styles, dir or rel', () => {
    const body = doc(
      heading(1, [textNode('Section')]),
      paragraph([textNode('Some '), textNode('bold', [simpleMark('bold')]), textNode(' and a '), textNode('link', [linkMark('https://example.com/?a=1&b=2', null)]), textNode('.')]),
      bulletList([listItem([paragraph([textNode('one')])]), listItem([paragraph([textNode('two')])])]),
      orderedList(3, [listItem([paragraph([textNode('three')])])]),
      taskList([taskItem(true, [paragraph([textNode('done')])]), taskItem(false, [paragraph([textNode('todo')])])]),
      codeBlock('ts', 'const a = 1 < 2 && "x"'),
      blockquote([paragraph([textNode('quoted')])]),
      table([tableRow([tableCell(true, 'center', [paragraph([textNode('H')])])]), tableRow([tableCell(false, 'right', [paragraph([textNode('c')])])])]),
    )
    const { html, images } = docToWordPressHtml(body)
    expect(images).toEqual([])
    expect(html).toBe(
      [
        '<h2>Section</h2>',
        '<p>Some <strong>bold</strong> and a <a href="https://example.com/?a=1&amp;b=2">link</a>.</p>',
        '<ul>',
        '<li><p>one</p>',
        '</li>',
        '<li><p>two</p>',
        '</li>',
        '</ul>',
        '<ol start="3">',
        '<li><p>three</p>',
        '</li>',
        '</ol>',
        '<ul>',
        '<li><p>☑ done</p>',
        '</li>',
        '<li><p>☐ todo</p>',
        '</li>',
        '</ul>',
        '<pre><code>const a = 1 &lt; 2 &amp;&amp; "x"</code></pre>',
        '<blockquote>',
        '<p>quoted</p>',
        '</blockquote>',
        '<table>',
        '<tr><th><p>H</p>',
        '</th></tr>',
        '<tr><td><p>c</p>',
        '</td></tr>',
        '</table>',
        '',
      ].join('\n'),
    )
    expectClean(html)
  })

  it('leaves stored images as attachment: placeholders, listed once with their alt text', () => {
    const body = doc(
      image('attachment:01AAA', 'A cat', null),
      paragraph([textNode('text')]),
      image('attachment:01BBB', '', 'Title'),
      image('attachment:01AAA', 'A cat again', null),
      image('https://cdn.example.com/remote.png', 'remote', null),
      image('javascript:alert(1)', 'bad', null),
    )
    const { html, images } = docToWordPressHtml(body)
    expect(images).toEqual([
      { attachmentId: '01AAA', alt: 'A cat' },
      { attachmentId: '01BBB', alt: '' },
    ])
    expect(html).toContain('<figure><img src="attachment:01AAA" alt="A cat"></figure>')
    expect(html).toContain('<figure><img src="attachment:01BBB" alt="" title="Title"></figure>')
    expect(html).toContain('<img src="https://cdn.example.com/remote.png" alt="remote">')
    expect(html).not.toContain('javascript')
    const rewritten = rewriteAttachmentSources(html, new Map([['01AAA', 'https://blog.example/wp-content/uploads/cat.png?x=1&y=2']]))
    expect(rewritten.missing).toEqual(['01BBB'])
    expect(rewritten.html).toContain('<img src="https://blog.example/wp-content/uploads/cat.png?x=1&amp;y=2" alt="A cat">')
    expect(rewritten.html.match(/wp-content/g)).toHaveLength(2)
    expect(rewritten.html).toContain('src="attachment:01BBB"')
  })

  it('refuses to rewrite a placeholder to anything but http(s)', () => {
    const { html } = docToWordPressHtml(doc(image('attachment:01AAA', '', null)))
    const result = rewriteAttachmentSources(html, new Map([['01AAA', 'javascript:alert(1)']]))
    expect(result.missing).toEqual(['01AAA'])
    expect(result.html).toBe(html)
  })

  it('property: hostile text, links and attributes never become markup', () => {
    const hostile = fc.oneof(
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", ' java\tscript:x', '</p><style>', '&amp;&lt;', 'attachment:"onload="x'),
      fc.string({ unit: 'binary', maxLength: 20 }),
    )
    const inline = fc.array(
      fc.oneof(
        hostile.map((text) => textNode(text || 'x')),
        fc.tuple(hostile, hostile).map(([text, href]) => textNode(text || 'x', [linkMark(href, text)])),
      ),
      { maxLength: 4 },
    )
    const block: fc.Arbitrary<RichNode> = fc.oneof(
      inline.map((content) => paragraph(content)),
      fc.tuple(fc.integer({ min: -5, max: 9 }), inline).map(([level, content]) => heading(level, content)),
      fc.tuple(hostile, hostile).map(([language, text]) => codeBlock(language, text)),
      fc.tuple(hostile, hostile, hostile).map(([src, alt, title]) => image(src, alt, title)),
      fc.tuple(hostile, hostile).map(([id, alt]) => image(`attachment:${id}`, alt, null)),
      inline.map((content) => ({ type: 'paragraph', attrs: { class: 'x', style: 'color:red', onclick: 'alert(1)' }, content })),
      fc.tuple(hostile, inline).map(([type, content]) => ({ type, attrs: { onclick: 'x' }, content })),
    )
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (content) => {
        expectClean(docToWordPressHtml(doc(...content)).html)
      }),
      { numRuns: 300 },
    )
  })
})

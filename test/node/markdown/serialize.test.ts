import { describe, expect, it } from 'vitest'
import type { RichDoc, RichMark, RichNode } from '../../../src/core/doc'
import { canonicalDoc, docToMarkdown, markdownToDoc } from '../../../src/core/markdown'
import { imagePath, resolveImageSrc } from './arbitraries'

const t = (text: string, ...marks: (string | RichMark)[]): RichNode => {
  const node: RichNode = { type: 'text', text }
  if (marks.length) node.marks = marks.map((m) => (typeof m === 'string' ? { type: m } : m))
  return node
}
const link = (href: string, title: string | null = null): RichMark => ({ type: 'link', attrs: { href, title } })
const p = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content })
const br: RichNode = { type: 'hardBreak' }
const doc = (...content: RichNode[]): RichDoc => ({ type: 'doc', content })
const li = (...content: RichNode[]): RichNode => ({ type: 'listItem', content })
const task = (checked: boolean, ...content: RichNode[]): RichNode => ({ type: 'taskItem', attrs: { checked }, content })
const cell = (type: 'tableCell' | 'tableHeader', text: string, align: string | null = null): RichNode => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, align },
  content: [p(t(text))],
})

const toMd = (d: RichDoc): string => docToMarkdown(d, { imagePath })

/** Each case: the document, the exact Markdown, and (always) that it reads back as the canonical document. */
const CASES: [string, RichDoc, string][] = [
  ['empty document', doc({ type: 'paragraph' }), ''],
  ['heading-like text', doc(p(t('# not a heading'))), '\\# not a heading\n'],
  ['list-like text', doc(p(t('1. not a list')), p(t('- nor this')), p(t('+ nor this')), p(t('2024. A year'))),
    '1\\. not a list\n\n\\- nor this\n\n\\+ nor this\n\n2024\\. A year\n'],
  ['numbers that are not list markers', doc(p(t('3.14 and 1.5'))), '3.14 and 1.5\n'],
  ['quote, rule and setext-like lines after a hard break', doc(p(t('a'), br, t('> b'), br, t('==='), br, t('---'), br, t(':--'))),
    'a\\\n\\> b\\\n\\===\\\n\\---\\\n\\:--\n'],
  ['emphasis characters', doc(p(t('2*3*4 and _x_ and snake_case and ~~no~~'))), '2\\*3\\*4 and \\_x\\_ and snake_case and \\~\\~no\\~\\~\n'],
  ['brackets, backslashes, pipes, backticks', doc(p(t('[a](b) \\ | `c`'))), '\\[a\\](b) \\\\ \\| \\`c\\`\n'],
  ['HTML-like text and entities', doc(p(t('<div> a < b &amp; AT&T <x@y.z>'))), '\\<div> a < b \\&amp; AT&T \\<x@y.z>\n'],
  ['leading and trailing spaces', doc(p(t('   indented  '))), '&#x20;  indented &#x20;\n'],
  ['a line break inside text', doc(p(t('a\nb'))), 'a&#10;b\n'],
  ['emoji, right-to-left, combining', doc(p(t('😀 مرحبا שלום e\u0301'))), '😀 مرحبا שלום e\u0301\n'],
  ['marks', doc(p(t('b', 'bold'), t(' '), t('i', 'italic'), t(' '), t('s', 'strike'), t(' '), t('u', 'underline'), t(' '), t('c', 'code'))),
    '**b** *i* ~~s~~ <u>u</u> `c`\n'],
  ['nested marks stay open', doc(p(t('a ', 'bold'), t('b', 'bold', 'italic'), t(' c', 'bold'))), '**a *b* c**\n'],
  ['whitespace moves out of emphasis', doc(p(t('x'), t(' bold ', 'bold'), t('y'))), 'x **bold** y\n'],
  ['emphasis next to punctuation and letters falls back to tags', doc(p(t('x'), t('!y', 'bold'), t('z'))), 'x<strong>!y</strong>z\n'],
  ['intraword emphasis is kept when markdown-it reads it right', doc(p(t('a'), t('b', 'bold'), t('c'))), 'a**b**c\n'],
  ['CJK emphasis', doc(p(t('中文'), t('粗体', 'bold'), t('中文'))), '中文**粗体**中文\n'],
  ['code spans with backticks and spaces', doc(p(t('a`b', 'code'), t(' '), t('`x', 'code'), t(' '), t(' y ', 'code'))),
    '``a`b`` `` `x `` `  y  `\n'],
  ['links: plain, with title, with spaces and parentheses', doc(p(
    t('a', link('https://example.org/x_y')), t(' '), t('b', link('https://example.org/', 'Say "hi"')), t(' '),
    t('c', link('https://example.org/a b(c)')))),
    '[a](https://example.org/x_y) [b](https://example.org/ "Say \\"hi\\"") [c](<https://example.org/a b(c)>)\n'],
  ['a bang before a link', doc(p(t('Wow!'), t('x', link('https://e.org')))), 'Wow\\![x](https://e.org)\n'],
  ['unsafe link targets keep their text only', doc(p(t('x', link('javascript:alert(1)')))), 'x\n'],
  ['hard break', doc(p(t('a'), br, t('b'))), 'a\\\nb\n'],
  ['heading ending with #', doc({ type: 'heading', attrs: { level: 2 }, content: [t('C#')] }), '## C\\#\n'],
  ['heading with a break', doc({ type: 'heading', attrs: { level: 1 }, content: [t('a'), br, t('b')] }), '# a<br>b\n'],
  ['code block with a fence inside and a language', doc({ type: 'codeBlock', attrs: { language: 'md' }, content: [t('```\nx\n```')] }),
    '````md\n```\nx\n```\n````\n'],
  ['code block whose language has a backtick', doc({ type: 'codeBlock', attrs: { language: 'a`b' }, content: [t('~~~')] }),
    '~~~~a`b\n~~~\n~~~~\n'],
  ['image from an attachment', doc({ type: 'image', attrs: { src: 'attachment:01HZX3K9V6Q2M8R4T7W1Y5B0CD', alt: 'A *cat*', title: 'Tom' } }),
    '![A \\*cat\\*](images/01HZX3K9V6Q2M8R4T7W1Y5B0CD.png "Tom")\n'],
  ['nested lists', doc({ type: 'orderedList', attrs: { start: 1 }, content: [
    li(p(t('one')), { type: 'bulletList', content: [li(p(t('a'))), li(p(t('b')))] }),
    li(p(t('two')))] }),
    '1. one\n   - a\n   - b\n2. two\n'],
  ['ordered list start', doc({ type: 'orderedList', attrs: { start: 7 }, content: [li(p(t('seven')))] }), '7. seven\n'],
  ['loose item with two paragraphs', doc({ type: 'bulletList', content: [li(p(t('a')), p(t('b'))), li(p(t('c')))] }), '- a\n\n  b\n\n- c\n'],
  ['task list', doc({ type: 'taskList', content: [task(false, p(t('todo'))), task(true, p(t('done')))] }), '- [ ] todo\n- [x] done\n'],
  ['text that looks like a task marker', doc({ type: 'bulletList', content: [li(p(t('[ ] not a task')))] }), '- \\[ \\] not a task\n'],
  ['two lists in a row stay two lists', doc({ type: 'bulletList', content: [li(p(t('a')))] }, { type: 'bulletList', content: [li(p(t('b')))] },
    { type: 'orderedList', attrs: { start: 1 }, content: [li(p(t('c')))] }, { type: 'orderedList', attrs: { start: 1 }, content: [li(p(t('d')))] }),
    '- a\n\n* b\n\n1. c\n\n1) d\n'],
  ['empty item before a nested list', doc({ type: 'bulletList', content: [li({ type: 'paragraph' }, { type: 'bulletList', content: [li(p(t('x')))] })] }),
    '-\n  - x\n'],
  ['blockquote with a list and code', doc({ type: 'blockquote', content: [p(t('q')), { type: 'bulletList', content: [li(p(t('a')))] },
    { type: 'codeBlock', attrs: { language: null }, content: [t('x\n\ny')] }] }),
    '> q\n>\n> - a\n>\n> ```\n> x\n>\n> y\n> ```\n'],
  ['empty blockquote', doc({ type: 'blockquote', content: [{ type: 'paragraph' }] }), '>\n'],
  ['table with header and alignment', doc({ type: 'table', content: [
    { type: 'tableRow', content: [cell('tableHeader', 'Name', 'left'), cell('tableHeader', 'a|b', 'right')] },
    { type: 'tableRow', content: [cell('tableCell', 'x'), cell('tableCell', '')] }] }),
    '| Name | a\\|b |\n| :--- | ---: |\n| x |  |\n'],
  ['table without header cells still gets a header row', doc({ type: 'table', content: [
    { type: 'tableRow', content: [cell('tableCell', '1'), cell('tableCell', '2')] },
    { type: 'tableRow', content: [cell('tableCell', '3'), cell('tableCell', '4')] }] }),
    '| 1 | 2 |\n| --- | --- |\n| 3 | 4 |\n'],
  ['table cell with code holding a pipe, a break and an image', doc({ type: 'table', content: [
    { type: 'tableRow', content: [{ type: 'tableHeader', attrs: {}, content: [p(t('a|b', 'code'), br, t('c')), { type: 'image', attrs: { src: 'x.png', alt: 'i' } }] }] }] }),
    '| `a\\|b`<br>c<br>![i](x.png) |\n| --- |\n'],
  ['horizontal rule', doc(p(t('a')), { type: 'horizontalRule' }, p(t('b'))), 'a\n\n---\n\nb\n'],
]

describe('docToMarkdown', () => {
  it.each(CASES)('%s', (_name, input, expected) => {
    const markdown = toMd(input)
    expect(markdown).toBe(expected)
    expect(markdownToDoc(markdown, { resolveImageSrc })).toEqual(canonicalDoc(input))
  })

  it('documents what Markdown cannot hold: merged cells split, header row forced, empty paragraphs and trailing breaks dropped', () => {
    const input = doc(
      p(),
      p(t('a'), br),
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [p(t('wide')), p(t('second'))] }] },
        { type: 'tableRow', content: [cell('tableHeader', 'x'), cell('tableCell', 'y')] }] },
      { type: 'heading', attrs: { level: 6 }, content: [t('deep')] },
      { type: 'image', attrs: { src: 'attachment:X', alt: 'a', title: 'b', width: 300, height: 200 } },
    )
    expect(canonicalDoc(input)).toEqual(
      doc(
        p(t('a')),
        { type: 'table', content: [
          { type: 'tableRow', content: [
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p(t('wide'), br, t('second'))] },
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [{ type: 'paragraph' }] }] },
          { type: 'tableRow', content: [cell('tableCell', 'x'), cell('tableCell', 'y')] }] },
        { type: 'heading', attrs: { level: 4 }, content: [t('deep')] },
        { type: 'image', attrs: { src: 'attachment:X', alt: 'a', title: 'b', width: null, height: null } },
      ),
    )
  })

  it('stays linear: a document 20 times longer takes about 20 times as long, not 400', () => {
    const paragraph = p(t('Lorem ipsum dolor sit amet, '), t('consectetur', 'bold'), t(' adipiscing elit, sed do '), t('eiusmod', link('https://example.org/')),
      t(' tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation.'))
    const small = doc(...Array.from({ length: 10 }, () => paragraph))
    const large = doc(...Array.from({ length: 200 }, () => paragraph))
    const time = (d: RichDoc, runs: number): number => {
      for (let i = 0; i < 20; i++) toMd(d)
      // CPU time, not wall time, and the best of several rounds: the machine may be busy with other work.
      let best = Infinity
      for (let round = 0; round < 5; round++) {
        const start = process.cpuUsage()
        for (let i = 0; i < runs; i++) toMd(d)
        const used = process.cpuUsage(start)
        best = Math.min(best, (used.user + used.system) / runs)
      }
      return best
    }
    // Linear is about 20; quadratic would be about 400. The bound leaves room for noise, not for a quadratic path.
    const ratio = time(large, 10) / time(small, 200)
    expect(ratio).toBeLessThan(120)
  })
})

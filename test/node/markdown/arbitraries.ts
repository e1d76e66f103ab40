// fast-check generators of editor documents built from the node and mark types the editor has, with
// text chosen to hit Markdown's sharp edges: syntax characters, entities, HTML, leading/trailing spaces,
// emoji, right-to-left scripts, combining marks, backtick runs in code.
import fc from 'fast-check'
import type { RichDoc, RichMark, RichNode } from '../../../src/core/doc'

const TRICKY = [
  '*', '**', '_', '__', '~', '~~', '`', '```', '#', '# ', '## ', '>', '> ', '-', '- ', '+ ', '1. ', '1) ', '2024.',
  '[', ']', '[ ] ', '[x] ', '[[wiki]]', '![', '](', '(', ')', '|', '\\', '\\\\', '<', '<b>', '</u>', '<div>', '<!--',
  '<https://x.y>', '&', '&amp;', '&copy;', '&#35;', '!', '"', "'", '=', '===', '---', ':', '$', '%', '^', '{', '}',
  ' ', '  ', '\t', '\u00a0', '\u3000', '\n', 'é', 'e\u0301', '😀', '👩‍👩‍👧', '🇫🇷', 'مرحبا', 'שלום', 'word', 'snake_case',
  'a_b', 'x', 'Ünïcödé', 'http://example.org/a_b', 'foo@bar.com', '\ufeff', '\u200b', '\u2028', '.', ',', '?',
]

export const textArb: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TRICKY) }, fc.string({ unit: 'grapheme', maxLength: 4 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''))

const hrefArb = fc.oneof(
  fc.constantFrom(
    'https://example.org/',
    'https://example.org/a b',
    'https://example.org/(x)',
    'https://example.org/a)b',
    'https://example.org/?q=a&b=c&amp;',
    'mailto:me@example.org',
    'https://example.org/<x>',
    'https://example.org/a\\b',
    'https://example.org/a|b',
    'relative/path.md',
    '#anchor',
    'javascript:alert(1)',
  ),
  fc.webUrl(),
)

const titleArb = fc.option(fc.oneof(textArb, fc.constantFrom('say "hi"', 'a\\b', '(paren)', "it's")), { nil: undefined })

const markArb: fc.Arbitrary<RichMark> = fc.oneof(
  fc.constantFrom<RichMark>({ type: 'bold' }, { type: 'italic' }, { type: 'strike' }, { type: 'underline' }, { type: 'code' }),
  fc.record({ href: hrefArb, title: titleArb }).map(({ href, title }) => ({
    type: 'link',
    attrs: { href, target: null, rel: 'noopener noreferrer nofollow', class: null, title: title ?? null },
  })),
)

export const marksArb: fc.Arbitrary<RichMark[] | undefined> = fc.option(
  fc.uniqueArray(markArb, { maxLength: 4, selector: (m) => m.type }),
  { nil: undefined },
)

const textNodeArb: fc.Arbitrary<RichNode> = fc
  .record({ text: textArb, marks: marksArb })
  .map(({ text, marks }) => (marks && marks.length ? { type: 'text', text, marks } : { type: 'text', text }))

export const inlineArb: fc.Arbitrary<RichNode[]> = fc.array(
  fc.oneof({ weight: 6, arbitrary: textNodeArb }, { weight: 1, arbitrary: fc.constant<RichNode>({ type: 'hardBreak' }) }),
  { maxLength: 7 },
)

const withContent = (type: string, content: RichNode[], attrs?: Record<string, unknown>): RichNode => {
  const node: RichNode = { type }
  if (attrs) node.attrs = attrs
  if (content.length) node.content = content
  return node
}

const paragraphArb = inlineArb.map((content) => withContent('paragraph', content))

const headingArb = fc
  .record({ level: fc.integer({ min: 1, max: 4 }), content: inlineArb })
  .map(({ level, content }) => withContent('heading', content, { level }))

const codeTextArb = fc
  .array(fc.oneof(fc.constantFrom('`', '```', '````', '~~~', '\n', '  ', '\t', 'x', '<script>', '&amp;', '\\'), fc.string()), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''))

const codeBlockArb = fc
  .record({
    language: fc.option(fc.constantFrom('js', 'typescript', 'c++', 'c#', 'a`b', 'x\\y', '&amp;', ' py '), { nil: null }),
    text: codeTextArb,
  })
  .map(({ language, text }) => withContent('codeBlock', text ? [{ type: 'text', text }] : [], { language }))

const attachmentIdArb = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/)

const imageArb = fc
  .record({
    src: fc.oneof(
      attachmentIdArb.map((id) => `attachment:${id}`),
      fc.constantFrom('pictures/my photo (1).png', 'https://example.org/i.png', 'a<b>.png'),
    ),
    alt: fc.option(textArb, { nil: null }),
    title: fc.option(textArb, { nil: null }),
  })
  .map(({ src, alt, title }) => ({ type: 'image', attrs: { src, alt, title, width: null, height: null } }))

const cellArb = (header: boolean): fc.Arbitrary<RichNode> =>
  fc
    .record({
      blocks: fc.array(fc.oneof({ weight: 4, arbitrary: paragraphArb }, { weight: 1, arbitrary: imageArb }), {
        minLength: 1,
        maxLength: 2,
      }),
      align: fc.constantFrom(null, 'left', 'center', 'right'),
    })
    .map(({ blocks, align }) => ({
      type: header ? 'tableHeader' : 'tableCell',
      attrs: { colspan: 1, rowspan: 1, colwidth: null, align },
      content: blocks,
    }))

const tableArb = fc
  .record({ cols: fc.integer({ min: 1, max: 3 }), rows: fc.integer({ min: 1, max: 3 }), headerRow: fc.boolean() })
  .chain(({ cols, rows, headerRow }) =>
    fc.tuple(
      ...Array.from({ length: rows }, (_, r) => fc.tuple(...Array.from({ length: cols }, () => cellArb(headerRow && r === 0)))),
    ),
  )
  .map((rows) => ({ type: 'table', content: rows.map((cells) => ({ type: 'tableRow', content: cells })) }))

const { block: blockArb } = fc.letrec<{ block: RichNode; blocks: RichNode[] }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: paragraphArb },
    { weight: 2, arbitrary: headingArb },
    { weight: 2, arbitrary: codeBlockArb },
    { weight: 1, arbitrary: fc.constant<RichNode>({ type: 'horizontalRule' }) },
    { weight: 1, arbitrary: imageArb },
    { weight: 1, arbitrary: tableArb },
    { weight: 2, arbitrary: tie('blocks').map((content) => ({ type: 'blockquote', content })) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(paragraphArb, tie('blocks') as fc.Arbitrary<RichNode[]>), { minLength: 1, maxLength: 3 })
        .map((items) => ({ type: 'bulletList', content: items.map(([p, rest]) => ({ type: 'listItem', content: [p, ...rest] })) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          start: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 1000 })),
          items: fc.array(fc.tuple(paragraphArb, tie('blocks') as fc.Arbitrary<RichNode[]>), { minLength: 1, maxLength: 3 }),
        })
        .map(({ start, items }) => ({
          type: 'orderedList',
          attrs: { start, type: null },
          content: items.map(([p, rest]) => ({ type: 'listItem', content: [p, ...rest] })),
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.boolean(), paragraphArb, tie('blocks') as fc.Arbitrary<RichNode[]>), { minLength: 1, maxLength: 3 })
        .map((items) => ({
          type: 'taskList',
          content: items.map(([checked, p, rest]) => ({ type: 'taskItem', attrs: { checked }, content: [p, ...rest] })),
        })),
    },
  ),
  blocks: fc.array(tie('block'), { maxLength: 3 }),
}))

export const docArb: fc.Arbitrary<RichDoc> = fc
  .array(blockArb, { minLength: 1, maxLength: 6 })
  .map((content) => ({ type: 'doc', content }))

const NODE_TYPES = [
  'doc', 'paragraph', 'heading', 'blockquote', 'codeBlock', 'bulletList', 'orderedList', 'listItem', 'taskList', 'taskItem',
  'horizontalRule', 'image', 'table', 'tableRow', 'tableHeader', 'tableCell', 'text', 'hardBreak', 'mention', 'details',
]

const { anyNode } = fc.letrec<{ anyNode: RichNode }>((tie) => ({
  anyNode: fc.record(
    {
      type: fc.constantFrom(...NODE_TYPES),
      attrs: fc.option(
        fc.dictionary(
          fc.constantFrom('level', 'language', 'start', 'checked', 'src', 'alt', 'title', 'colspan', 'rowspan', 'align', 'href'),
          fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        ),
        { nil: undefined },
      ),
      content: fc.option(fc.array(tie('anyNode'), { maxLength: 3 }), { nil: undefined, depthSize: 'small' }),
      text: fc.option(fc.string({ unit: 'grapheme', maxLength: 6 }), { nil: undefined }),
      marks: fc.option(
        fc.array(
          fc.record(
            { type: fc.constantFrom('bold', 'italic', 'code', 'link', 'strike', 'underline', 'highlight'), attrs: fc.record({ href: fc.string() }) },
            { requiredKeys: ['type'] },
          ),
          { maxLength: 3 },
        ),
        { nil: undefined },
      ),
    },
    { requiredKeys: ['type'] },
  ) as fc.Arbitrary<RichNode>,
}))

/** Any tree of nodes: unknown types and marks, nodes in the wrong place, attributes of the wrong type. */
export const malformedDocArb: fc.Arbitrary<RichDoc> = fc.array(anyNode, { maxLength: 5 }).map((content) => ({ type: 'doc', content }))

/** Image paths the tests export attachments to, and the way back. */
export const imagePath = (id: string): string => `images/${id}.png`
export const resolveImageSrc = (src: string): string => {
  const match = /^images\/([0-9A-Z]{26})\.png$/.exec(src)
  return match ? `attachment:${match[1]}` : src
}

import { describe, expect, it } from 'vitest'
import type { RichDoc, RichNode } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { PostItem } from '../../../src/core/items'
import {
  blockquote,
  bulletList,
  codeBlock,
  hardBreak,
  heading,
  image,
  linkMark,
  listItem,
  orderedList,
  paragraph,
  simpleMark,
  taskItem,
  taskList,
  textNode,
} from '../../../src/core/markdown/nodes'
import { measure } from '../../../src/core/publish/channels'
import { defaultVariant, docToSocialText, ellipsize } from '../../../src/core/publish/docText'

const doc = (...content: RichNode[]): RichDoc => ({ type: 'doc', content })

describe('docToSocialText', () => {
  const body = doc(
    heading(2, [textNode('Why offline')]),
    paragraph([textNode('Read '), textNode('the guide', [linkMark('https://example.com/guide', null)]), textNode(' or '), textNode('https://example.com/faq', [linkMark('https://example.com/faq', null)]), textNode('.')]),
    image('attachment:01AAA', 'a cat', null),
    bulletList([
      listItem([paragraph([textNode('first '), textNode('bold', [simpleMark('bold')])])]),
      listItem([paragraph([textNode('second')]), bulletList([listItem([paragraph([textNode('nested')])])])]),
    ]),
    orderedList(4, [listItem([paragraph([textNode('four')])]), listItem([paragraph([textNode('five')])])]),
    taskList([taskItem(true, [paragraph([textNode('done')])]), taskItem(false, [paragraph([textNode('todo')])])]),
    codeBlock('sh', 'npm install\nnpm test'),
    blockquote([paragraph([textNode('A quote'), hardBreak(), textNode('on two lines')])]),
    paragraph([textNode('Write to '), textNode('me', [linkMark('mailto:me@example.com', null)]), textNode(', not '), textNode('here', [linkMark('javascript:alert(1)', null)])]),
  )

  it('turns headings, lists, links and code into plain lines; drops images', () => {
    expect(docToSocialText(body)).toBe(
      [
        'Why offline',
        '',
        'Read the guide (https://example.com/guide) or https://example.com/faq.',
        '',
        '• first bold',
        '• second',
        '  • nested',
        '',
        '4. four',
        '5. five',
        '',
        '☑ done',
        '☐ todo',
        '',
        'npm install',
        'npm test',
        '',
        '> A quote',
        '> on two lines',
        '',
        'Write to me (me@example.com), not here',
      ].join('\n'),
    )
  })

  it('can use a dash bullet and bare URLs', () => {
    const text = docToSocialText(body, { bullet: '–', links: 'url' })
    expect(text).toContain('– first bold')
    expect(text).toContain('Read https://example.com/guide or https://example.com/faq.')
  })

  it('gives an empty string for an empty document', () => {
    expect(docToSocialText(doc(paragraph()))).toBe('')
  })
})

describe('defaultVariant', () => {
  const post = (): PostItem => {
    const item = newItem('post', '01P', 0) as PostItem
    return Object.assign(item, {
      title: 'Publishing from Baluchon',
      excerpt: 'How a draft written offline reaches the blog and every network, at the right time, with a record of where it went.',
      canonicalUrl: 'https://blog.example.com/publishing-from-baluchon',
      tags: ['writing', 'open source', '2024'],
    })
  }

  it('is title, summary and address when they fit', () => {
    expect(defaultVariant(post(), 'linkedin')).toBe(
      'Publishing from Baluchon\n\nHow a draft written offline reaches the blog and every network, at the right time, with a record of where it went.\n\nhttps://blog.example.com/publishing-from-baluchon',
    )
  })

  it('adds hashtags on request (one word each, never a bare number)', () => {
    expect(defaultVariant(post(), 'mastodon', { hashtags: true }).endsWith('\n\n#writing #opensource')).toBe(true)
  })

  it('shortens the summary at a word with an ellipsis to fit, keeping title and address', () => {
    const text = defaultVariant(post(), 'x', { limit: 100 })
    expect(measure('x', text, { limit: 100 }).over).toBe(false)
    expect(text.startsWith('Publishing from Baluchon\n\nHow a draft')).toBe(true)
    expect(text).toMatch(/\w…\n\nhttps:\/\/blog\.example\.com\/publishing-from-baluchon$/)
  })

  it('uses the published URL when given, and the first paragraph when there is no excerpt', () => {
    const item = Object.assign(post(), { excerpt: '', body: doc(heading(1, [textNode('Intro')]), paragraph([textNode('First paragraph.')]), paragraph([textNode('Second.')])) })
    expect(defaultVariant(item, 'bluesky', { url: 'https://blog.example.com/?p=42' })).toBe('Publishing from Baluchon\n\nFirst paragraph.\n\nhttps://blog.example.com/?p=42')
  })

  it('announces a link item with its own address', () => {
    const link = Object.assign(newItem('link', '01L', 0), { title: 'A good read', description: 'Worth it.', url: 'https://example.org/read' })
    expect(defaultVariant(link, 'x')).toBe('A good read\n\nWorth it.\n\nhttps://example.org/read')
  })
})

describe('ellipsize', () => {
  it('cuts at a word, or at a grapheme when one word is too long', () => {
    expect(ellipsize('one two three', (s) => s.length <= 9)).toBe('one two…')
    expect(ellipsize('👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦', (s) => s.length <= 24)).toBe('👩‍👩‍👧‍👦👩‍👩‍👧‍👦…')
    expect(ellipsize('short', () => true)).toBe('short')
  })
})

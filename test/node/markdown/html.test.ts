import fc from 'fast-check'
import { Parser } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import type { RichDoc, RichNode } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Item, LinkItem, TalkItem } from '../../../src/core/items'
import { DEFAULT_HTML_LABELS, itemToHtmlDocument } from '../../../src/core/markdown'

const ID = '01HZX3K9V6Q2M8R4T7W1Y5B0CD'
const T0 = Date.UTC(2024, 0, 2, 3, 4, 5)

interface Element {
  name: string
  attribs: Record<string, string>
}

/** Every element the page holds, as a browser-like tokenizer sees it, plus the text of <style>. */
function elements(html: string): { elements: Element[]; styles: string[]; text: string } {
  const found: Element[] = []
  const styles: string[] = []
  let inStyle = false
  let text = ''
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        found.push({ name, attribs })
        if (name === 'style') {
          inStyle = true
          styles.push('')
        }
      },
      ontext(data) {
        if (inStyle) styles[styles.length - 1] += data
        else text += data
      },
      onclosetag(name) {
        if (name === 'style') inStyle = false
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  )
  parser.write(html)
  parser.end()
  return { elements: found, styles, text }
}

const ALLOWED_ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'article', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dl', 'dt', 'dd',
  'p', 'br', 'strong', 'em', 's', 'u', 'code', 'a', 'pre', 'blockquote', 'ul', 'ol', 'li', 'input', 'hr', 'figure', 'img',
  'table', 'tr', 'th', 'td', 'span',
])

// What a browser would still run: it drops tabs, newlines and control characters inside a URL's scheme.
// eslint-disable-next-line no-control-regex
const normalizeUrl = (value: string): string => value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase()

function expectHarmless(html: string): void {
  const { elements: found, styles } = elements(html)
  expect(html.toLowerCase()).not.toContain('<script')
  for (const el of found) {
    expect(ALLOWED_ELEMENTS.has(el.name), `element <${el.name}>`).toBe(true)
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith('on'), `attribute ${name}`).toBe(false)
      expect(['href', 'src', 'class', 'title', 'alt', 'rel', 'loading', 'dir', 'lang', 'start', 'colspan', 'rowspan', 'style',
        'type', 'disabled', 'checked', 'aria-label', 'charset', 'name', 'content', 'http-equiv'].includes(name), `attribute ${name}`).toBe(true)
      if (name === 'href' || name === 'src') {
        const url = normalizeUrl(value)
        expect(url.includes('javascript:') || url.includes('vbscript:') || url.includes('data:text'), `${name}="${value}"`).toBe(false)
      }
    }
    if (el.attribs.href !== undefined) expect(normalizeUrl(el.attribs.href)).toMatch(/^(?:https?:|mailto:)/)
    if (el.attribs.src !== undefined) expect(normalizeUrl(el.attribs.src)).toMatch(/^(?:https?:|data:image\/|blob:|[^:]*$)/)
    if (el.attribs.style !== undefined) expect(el.attribs.style).toMatch(/^text-align:(?:left|center|right)$/)
    if (el.attribs['http-equiv'] !== undefined) expect(el.attribs['http-equiv']).toBe('Content-Security-Policy')
    if (el.name === 'meta' && el.attribs.charset === undefined && el.attribs['http-equiv'] === undefined) {
      expect(['viewport', 'generator', 'description', 'keywords']).toContain(el.attribs.name)
    }
  }
  expect(styles).toHaveLength(1)
  expect(styles[0]).not.toMatch(/url\(|@import|expression/i)
}

const HOSTILE = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", 'javascript:alert(1)',
  'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' \u0001javascript:alert(1)', 'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>', '&lt;script&gt;', '</style><script>alert(1)</script>', '</title><script>',
  '<!--', '-->', ']]>', '\u0000', '\ud800', 'x" onmouseover="alert(1)', "x' onfocus='alert(1)", '`onclick=alert(1)`',
  '//evil.example/x.png', 'https://ok.example/?q=<x>&y="z"', 'mailto:a@b.c?subject=<script>', '😀 مرحبا',
]
const hostileArb = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 30 }))

const hostileInline: fc.Arbitrary<RichNode[]> = fc.array(
  fc.oneof(
    hostileArb.map((text) => ({ type: 'text', text: text || 'x' })),
    fc.record({ text: hostileArb, href: hostileArb, title: hostileArb }).map(({ text, href, title }) => ({
      type: 'text',
      text: text || 'x',
      marks: [{ type: 'link', attrs: { href, title } }, { type: 'bold' }, { type: hostileArb.toString() }],
    })),
    fc.constant({ type: 'hardBreak' }),
  ),
  { maxLength: 5 },
)

const hostileBlock: fc.Arbitrary<RichNode> = fc.oneof(
  hostileInline.map((content) => ({ type: 'paragraph', content })),
  fc.record({ level: fc.oneof(fc.integer(), hostileArb), content: hostileInline }).map(({ level, content }) => ({ type: 'heading', attrs: { level }, content })),
  fc.record({ language: hostileArb, text: hostileArb }).map(({ language, text }) => ({
    type: 'codeBlock',
    attrs: { language },
    content: [{ type: 'text', text: text || 'x' }],
  })),
  fc.record({ src: fc.oneof(hostileArb, hostileArb.map((s) => `attachment:${s}`)), alt: hostileArb, title: hostileArb }).map((attrs) => ({
    type: 'image',
    attrs,
  })),
  fc.record({ start: fc.oneof(fc.integer(), hostileArb), text: hostileInline }).map(({ start, text }) => ({
    type: 'orderedList',
    attrs: { start },
    content: [{ type: 'listItem', content: [{ type: 'paragraph', content: text }] }],
  })),
  fc.record({ align: hostileArb, colspan: fc.oneof(fc.integer(), hostileArb), text: hostileInline }).map(({ align, colspan, text }) => ({
    type: 'table',
    content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { align, colspan, rowspan: colspan }, content: [{ type: 'paragraph', content: text }] }] }],
  })),
  fc.record({ type: hostileArb, text: hostileInline }).map(({ type, text }) => ({ type, attrs: { onclick: 'alert(1)' }, content: text })),
)

describe('itemToHtmlDocument', () => {
  it('renders a complete, self-contained page', () => {
    const talk = newItem('talk', ID, T0) as TalkItem
    Object.assign(talk, {
      title: 'Tales & <Tips>',
      tags: ['js', 'talks'],
      status: 'given',
      event: 'JSConf',
      date: '2024-05-01',
      slidesUrl: 'https://example.org/slides',
      abstract: 'First.\n\nSecond.',
      body: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Intro' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'A ' },
              { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b=2' } }, { type: 'bold' }] },
              { type: 'text', text: ' and ' },
              { type: 'text', text: 'code', marks: [{ type: 'code' }] },
            ],
          },
          { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'if (a < b) {}' }] },
          { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'done' }] }] }] },
          { type: 'image', attrs: { src: `attachment:${ID}`, alt: 'A cat' } },
        ],
      } satisfies RichDoc,
    })
    const html = itemToHtmlDocument(talk, { imageSrc: (id) => `images/${id}.png`, lang: 'fr' })
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">')).toBe(true)
    expect(html).toContain('<title>Tales &amp; &lt;Tips&gt;</title>')
    expect(html).toContain('<h1 dir="auto">Tales &amp; &lt;Tips&gt;</h1>')
    expect(html).toContain('<dt>Event</dt><dd dir="auto">JSConf</dd>')
    expect(html).toContain('<dt>Slides</dt><dd dir="auto"><a href="https://example.org/slides" rel="noopener noreferrer nofollow">')
    expect(html).toContain('<p class="lead" dir="auto">First.</p>\n<p class="lead" dir="auto">Second.</p>')
    expect(html).toContain('<meta name="keywords" content="js, talks">')
    expect(html).toContain('<h2 dir="auto">Intro</h2>')
    expect(html).toContain(
      '<p dir="auto">A <a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer nofollow"><strong>link</strong></a> and <code>code</code></p>',
    )
    expect(html).toContain('<pre><code class="language-ts">if (a &lt; b) {}</code></pre>')
    expect(html).toContain('<li dir="auto" class="task"><input type="checkbox" disabled checked aria-label="Done"><p dir="auto">done</p>\n</li>')
    expect(html).toContain(`<figure><img src="images/${ID}.png" alt="A cat" loading="lazy"></figure>`)
    expectHarmless(html)
  })

  it('uses the labels and date format it is given, and never loads a remote image', () => {
    const link = newItem('link', ID, T0) as LinkItem
    Object.assign(link, {
      url: 'https://example.org/article',
      read: true,
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://tracker.example/pixel.gif', alt: 'pixel' } }] },
    })
    const labels = { ...DEFAULT_HTML_LABELS, url: 'Adresse', kinds: { ...DEFAULT_HTML_LABELS.kinds, link: 'Lien' }, untitled: 'Sans titre' }
    const html = itemToHtmlDocument(link, { imageSrc: () => null, labels, formatDate: () => '2 janv. 2024', lang: 'fr-FR' })
    expect(html).toContain('<title>Sans titre</title>')
    expect(html).toContain('<dt>Kind</dt><dd dir="auto">Lien</dd>')
    expect(html).toContain('<dt>Adresse</dt>')
    expect(html).toContain('<dd dir="auto">2 janv. 2024</dd>')
    expect(html).not.toContain('<img')
    expect(html).toContain('<a href="https://tracker.example/pixel.gif" rel="noopener noreferrer nofollow">pixel</a>')
  })

  it('keeps only http(s) and mailto links and drops unsafe image sources', () => {
    const note = newItem('note', ID, T0)
    note.body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: ['javascript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', '/relative', 'mailto:a@b.c'].map((href) => ({
            type: 'text',
            text: href,
            marks: [{ type: 'link', attrs: { href } }],
          })),
        },
        { type: 'image', attrs: { src: 'attachment:a', alt: 'a' } },
        { type: 'image', attrs: { src: 'attachment:b', alt: 'b' } },
        { type: 'image', attrs: { src: 'attachment:c', alt: 'c' } },
      ],
    }
    const sources: Record<string, string> = { a: 'javascript:alert(1)', b: 'data:image/png;base64,iVBORw0KGgo=', c: 'data:image/svg+xml,<svg onload=alert(1)>' }
    const html = itemToHtmlDocument(note, { imageSrc: (id) => sources[id] ?? null })
    expect(html.match(/<a /g)).toHaveLength(1)
    expect(html).toContain('<a href="mailto:a@b.c"')
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="b"')
    expect(html).toContain('<span class="missing-image">a</span>')
    expect(html).toContain('<span class="missing-image">c</span>')
    expectHarmless(html)
  })

  it('lets no script, event handler or javascript: URL through, whatever the item holds (property)', () => {
    const itemArb: fc.Arbitrary<Item> = fc
      .record({
        kind: fc.constantFrom('post', 'talk', 'link', 'note' as const),
        title: hostileArb,
        tags: fc.array(hostileArb, { maxLength: 3 }),
        fields: fc.array(hostileArb, { minLength: 6, maxLength: 6 }),
        body: fc.array(hostileBlock, { maxLength: 6 }),
        lang: hostileArb,
        imageSrc: hostileArb,
      })
      .map(({ kind, title, tags, fields, body, lang, imageSrc }) => {
        const item = newItem(kind, ID, T0)
        const [a, b, c, d, e, f] = fields as [string, string, string, string, string, string]
        Object.assign(item, { title, tags, body: { type: 'doc', content: body }, status: a })
        Object.assign(item, { excerpt: b, canonicalUrl: c, event: d, place: e, slidesUrl: f, videoUrl: c, abstract: b, url: f, siteName: a, description: b })
        return Object.assign(item, { __lang: lang, __imageSrc: imageSrc })
      })
    fc.assert(
      fc.property(itemArb, (item) => {
        const extra = item as Item & { __lang: string; __imageSrc: string }
        const html = itemToHtmlDocument(item, { imageSrc: () => extra.__imageSrc, lang: extra.__lang })
        expectHarmless(html)
      }),
      { numRuns: 500 },
    )
  })
})

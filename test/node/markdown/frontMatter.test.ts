import fc from 'fast-check'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { ImportError } from '../../../src/core/import/types'
import { newItem } from '../../../src/core/itemFactory'
import {
  POST_STATUSES,
  TALK_STATUSES,
  normalizeTags,
  type Item,
  type LinkItem,
  type PostItem,
  type TalkItem,
} from '../../../src/core/items'
import {
  canonicalDoc,
  itemToMarkdownFile,
  markdownFileToItemFields,
  parseDateValue,
  splitFrontMatter,
  stringifyFrontMatter,
  type ItemFrontMatter,
} from '../../../src/core/markdown'
import { docArb, imagePath, resolveImageSrc, textArb } from './arbitraries'

const ID = '01HZX3K9V6Q2M8R4T7W1Y5B0CD'
const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678)

/** What a file should give back for an item: its fields as ItemFrontMatter. */
function expectedFrontMatter(item: Item): ItemFrontMatter {
  const base: ItemFrontMatter = {
    id: item.id,
    kind: item.kind,
    title: item.title,
    tags: item.tags,
    status: item.status,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    trashed: item.trashed === 1,
    trashedAt: item.trashed === 1 ? item.trashedAt : null,
    fields: {},
  }
  const f = base.fields
  switch (item.kind) {
    case 'post':
      if (item.slug) f.slug = item.slug
      if (item.slugLocked) f.slugLocked = true
      if (item.excerpt) f.excerpt = item.excerpt
      if (item.canonicalUrl) f.canonicalUrl = item.canonicalUrl
      break
    case 'talk':
      if (item.event) f.event = item.event
      if (item.date) f.date = item.date
      if (item.place) f.place = item.place
      if (item.abstract) f.abstract = item.abstract
      if (item.slidesUrl) f.slidesUrl = item.slidesUrl
      if (item.videoUrl) f.videoUrl = item.videoUrl
      break
    case 'link':
      f.url = item.url
      if (item.siteName) f.siteName = item.siteName
      if (item.description) f.description = item.description
      f.read = item.read
      f.savedAt = item.savedAt
      break
    case 'note':
      break
  }
  return base
}

const YAML_TRAPS = [
  'yes', 'No', 'ON', 'off', 'y', 'n', 'true', 'False', 'null', '~', '', ' ', '@handle', '#hashtag', 'a: b', 'a:b', 'a #b',
  '- item', '[a, b]', '{a: 1}', '123', '1e3', '0x1F', '0o17', '017', '1_000', '.inf', '-.Inf', '.NaN', '2024-01-02',
  '2024-01-02T03:04:05Z', '12:30', '1:20:30', '  leading', 'trailing  ', 'multi\nline', 'multi\nline\n', '\ttab',
  "'single'", '"double"', '%directive', '`tick', '|pipe', '>fold', '!tag', '&anchor', '*alias', '? key', ',comma',
  '=', '<<', '---', '...', 'a\u0085b', 'a\u2028b', 'bell\u0007', 'back\\slash', '\ufeffbom', 'émoji 😀', 'مرحبا بالعالم',
  'line\n\n\nblank lines', '\n leading newline', 'x\r\ny', 'C:\\path', 'http://example.org/a?b=c#d',
]

const stringArb = fc.oneof(fc.constantFrom(...YAML_TRAPS), textArb, fc.string({ unit: 'binary', maxLength: 20 }))
const dateArb = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })
// Items hold tags as normalizeTags leaves them. It is applied until nothing changes because one pass can
// leave a leading space ("# # x" -> " # x"), which the re-import's own normalizeTags then trims.
const stableTags = (tags: string[]): string[] => {
  const next = normalizeTags(tags)
  return JSON.stringify(next) === JSON.stringify(tags) ? next : stableTags(next)
}
const tagsArb = fc.array(stringArb, { maxLength: 5 }).map(stableTags)

const itemArb: fc.Arbitrary<Item> = fc
  .record({
    kind: fc.constantFrom('post', 'talk', 'link', 'note' as const),
    title: stringArb,
    tags: tagsArb,
    createdAt: dateArb,
    updatedAt: dateArb,
    trashed: fc.boolean(),
    body: docArb,
    s: fc.array(stringArb, { minLength: 6, maxLength: 6 }),
    flag: fc.boolean(),
    postStatus: fc.constantFrom(...POST_STATUSES),
    talkStatus: fc.constantFrom(...TALK_STATUSES),
    day: fc.option(dateArb, { nil: null }),
  })
  .map((r) => {
    const item = newItem(r.kind, ID, r.createdAt)
    Object.assign(item, { title: r.title, tags: r.tags, updatedAt: r.updatedAt, body: r.body })
    if (r.trashed) Object.assign(item, { trashed: 1, trashedAt: r.updatedAt })
    const [a, b, c, d, e, f] = r.s as [string, string, string, string, string, string]
    if (item.kind === 'post') Object.assign(item, { status: r.postStatus, slug: a, excerpt: b, canonicalUrl: c, slugLocked: r.flag })
    if (item.kind === 'talk') {
      const date = r.day === null ? '' : new Date(r.day).toISOString().slice(0, 10)
      Object.assign(item, { status: r.talkStatus, event: a, date, place: b, abstract: c, slidesUrl: d, videoUrl: e })
    }
    if (item.kind === 'link') Object.assign(item, { url: f, siteName: a, description: b, read: r.flag, savedAt: r.updatedAt })
    return item
  })

describe('itemToMarkdownFile / markdownFileToItemFields', () => {
  it('gives back every field and the body of any item (property)', () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const file = itemToMarkdownFile(item, { imagePath })
        const back = markdownFileToItemFields(file, { markdown: { resolveImageSrc } })
        expect(back.unknownKeys, file).toEqual({})
        expect(back.frontMatter, file).toEqual(expectedFrontMatter(item))
        expect(back.body, file).toEqual(canonicalDoc(item.body))
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('writes front matter that YAML 1.2 and YAML 1.1 readers (Jekyll, Hugo) both read as the same strings', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('title', 'excerpt', 'place', 'abstract'), stringArb), fc.array(stringArb, { maxLength: 4 }), (data, list) => {
        const value = { ...data, tags: list }
        const yaml = stringifyFrontMatter(value)
        expect(parse(yaml, { schema: 'core' }), yaml).toEqual(value)
        expect(parse(yaml, { version: '1.1' }), yaml).toEqual(value)
        expect(parse(yaml, { schema: 'failsafe' }), yaml).toEqual(value)
      }),
      { numRuns: 1000 },
    )
    for (const trap of YAML_TRAPS) {
      const yaml = stringifyFrontMatter({ title: trap })
      expect(parse(yaml, { version: '1.1' })).toEqual({ title: trap })
      expect(parse(yaml)).toEqual({ title: trap })
    }
  })

  it('writes a readable file Hugo, Jekyll and Obsidian understand', () => {
    const post = newItem('post', ID, T0) as PostItem
    Object.assign(post, {
      title: 'Yes: a post about #hashtags',
      tags: ['writing', 'no'],
      updatedAt: T0 + 1000,
      status: 'draft',
      slug: 'yes-a-post',
      excerpt: 'Short.',
      body: docFromText('Hello *world*.'),
    })
    expect(itemToMarkdownFile(post, { imagePath })).toBe(
      [
        '---',
        'title: "Yes: a post about #hashtags"',
        'kind: post',
        `id: "${ID}"`,
        'created: "2024-01-02T03:04:05.678Z"',
        'updated: "2024-01-02T03:04:06.678Z"',
        'tags:',
        '  - writing',
        '  - "no"',
        'status: draft',
        'slug: yes-a-post',
        'excerpt: Short.',
        'date: "2024-01-02T03:04:05.678Z"',
        'draft: true',
        '---',
        '',
        'Hello \\*world\\*.',
        '',
      ].join('\n'),
    )

    const talk = newItem('talk', ID, T0) as TalkItem
    Object.assign(talk, { title: 'On', status: 'accepted', event: 'Conf', date: '2024-05-01', abstract: 'Line one\nLine two' })
    expect(itemToMarkdownFile(talk, { imagePath })).toBe(
      [
        '---',
        'title: "On"',
        'kind: talk',
        `id: "${ID}"`,
        'created: "2024-01-02T03:04:05.678Z"',
        'updated: "2024-01-02T03:04:05.678Z"',
        'tags: []',
        'status: accepted',
        'event: Conf',
        'date: "2024-05-01"',
        'abstract: |-',
        '  Line one',
        '  Line two',
        '---',
        '',
      ].join('\n'),
    )

    const link = newItem('link', ID, T0) as LinkItem
    Object.assign(link, { title: '', url: 'https://example.org/a?b=c', read: true })
    const linkFile = itemToMarkdownFile(link, { imagePath })
    expect(linkFile).toContain('\nurl: "https://example.org/a?b=c"\n')
    expect(linkFile).toContain('\nread: true\nsaved: "2024-01-02T03:04:05.678Z"\n')
    expect(linkFile).toContain('\ntitle: ""\n')
    expect(linkFile).not.toContain('status')
  })

  it('exports images with the relative path the caller chose', () => {
    const note = newItem('note', ID, T0)
    note.body = { type: 'doc', content: [{ type: 'image', attrs: { src: `attachment:${ID}`, alt: 'A cat', title: null } }] }
    const file = itemToMarkdownFile(note, { imagePath: (id) => `${id}/cat photo.png` })
    expect(file).toContain(`![A cat](<${ID}/cat photo.png>)`)
  })
})

describe('markdownFileToItemFields on files from elsewhere', () => {
  it('reads Hugo front matter (date, lastmod, draft, categories, summary)', () => {
    const { frontMatter, unknownKeys, body } = markdownFileToItemFields(
      [
        '---',
        'title: "Hello Hugo"',
        'date: 2023-03-04T10:00:00+01:00',
        'lastmod: 2023-03-05',
        'draft: false',
        'tags: [go, "static sites"]',
        'categories: [Blog]',
        'summary: In short',
        'weight: 10',
        'aliases: [/old/]',
        '---',
        '# Heading',
        '',
        'Text.',
      ].join('\n'),
      { defaultKind: 'post' },
    )
    expect(frontMatter).toMatchObject({
      kind: 'post',
      title: 'Hello Hugo',
      createdAt: Date.parse('2023-03-04T10:00:00+01:00'),
      updatedAt: Date.parse('2023-03-05'),
      status: 'published',
      tags: ['go', 'static sites', 'Blog'],
      fields: { excerpt: 'In short' },
    })
    expect(unknownKeys).toEqual({ weight: 10, aliases: ['/old/'] })
    expect(body.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 1 } })
  })

  it('reads Jekyll front matter (space-separated tags, "YYYY-MM-DD HH:MM:SS +ZZZZ" dates, published: false)', () => {
    const { frontMatter } = markdownFileToItemFields(
      '---\nlayout: post\ntitle: Jekyll\ndate: 2019-08-07 06:05:04 +0200\ntags: ruby web\npublished: false\n---\nBody\n',
      { defaultKind: 'post' },
    )
    expect(frontMatter.createdAt).toBe(Date.parse('2019-08-07T06:05:04+02:00'))
    expect(frontMatter.tags).toEqual(['ruby', 'web'])
    expect(frontMatter.status).toBe('draft')
  })

  it('reads Obsidian notes: #tags, no title, CRLF, BOM, unknown keys kept', () => {
    const { frontMatter, unknownKeys, body } = markdownFileToItemFields(
      '\ufeff---\r\ntags:\r\n  - "#idea"\r\n  - project/alpha\r\ncssclasses: wide\r\n---\r\nA note.\r\n',
    )
    expect(frontMatter.kind).toBe('note')
    expect(frontMatter.title).toBeNull()
    expect(frontMatter.tags).toEqual(['idea', 'project/alpha'])
    expect(unknownKeys).toEqual({ cssclasses: 'wide' })
    expect(body).toEqual(docFromText('A note.'))
  })

  it('guesses a link from a `url` key and keeps known keys with unreadable values as unknown', () => {
    const { frontMatter, unknownKeys } = markdownFileToItemFields(
      '---\nurl: https://example.org\nread: "maybe"\nsaved: not a date\nstatus: published\n---\n',
    )
    expect(frontMatter.kind).toBe('link')
    expect(frontMatter.fields).toEqual({ url: 'https://example.org' })
    expect(frontMatter.status).toBeNull()
    expect(unknownKeys).toEqual({ read: 'maybe', saved: 'not a date', status: 'published' })
  })

  it('treats a file without front matter (or with an unclosed one) as all body', () => {
    expect(markdownFileToItemFields('Just text').body).toEqual(docFromText('Just text'))
    const unclosed = markdownFileToItemFields('---\ntitle: x\n\nno end')
    expect(unclosed.frontMatter.title).toBeNull()
    expect(splitFrontMatter('---\n---\nbody')).toEqual({ yaml: '', body: 'body' })
    expect(splitFrontMatter('---\na: 1\n...\n\nbody')).toEqual({ yaml: 'a: 1\n', body: 'body' })
  })

  it.each([
    ['invalid YAML', '---\ntitle: [unclosed\n---\n'],
    ['a list instead of keys', '---\n- a\n- b\n---\n'],
    ['a scalar instead of keys', '---\njust a string\n---\n'],
    ['tabs for indentation', '---\ntags:\n\t- a\n---\n'],
    ['an alias bomb', '---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n'],
  ])('refuses front matter that is %s', (_what, text) => {
    expect(() => markdownFileToItemFields(text)).toThrow(ImportError)
  })

  it('keeps a `__proto__` key as data without touching any prototype', () => {
    const { unknownKeys } = markdownFileToItemFields('---\n__proto__:\n  polluted: true\nconstructor: x\n---\n')
    expect(Object.getPrototypeOf(unknownKeys)).toBe(Object.prototype)
    expect(Object.keys(unknownKeys)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    ['2024-01-02T03:04:05.678Z', Date.UTC(2024, 0, 2, 3, 4, 5, 678)],
    ['2024-01-02', Date.UTC(2024, 0, 2)],
    ['2024-01-02 03:04', Date.UTC(2024, 0, 2, 3, 4)],
    ['2024-01-02 03:04:05 +0100', Date.UTC(2024, 0, 2, 2, 4, 5)],
    ['2024-01-02 03:04:05 -05:30', Date.UTC(2024, 0, 2, 8, 34, 5)],
    ['yesterday', null],
    ['02/01/2024', null],
    ['2024-13-45', null],
    [1700000000, 1700000000000],
    [1700000000000, 1700000000000],
    [true, null],
  ] as const)('parseDateValue(%j) = %j', (value, expected) => {
    expect(parseDateValue(value)).toBe(expected)
  })
})

// WordPress export (WXR) parsing, on the WordPress importer's own test files and on a Baluchon fixture
// covering attachments, statuses, media and taxonomies.
import { describe, expect, test } from 'vitest'
import { parseWxr, repairUnescapedCdata } from '../../../src/core/import/wxr'
import { expectRefusal, fixture, fixtureText } from './support'

const byTitle = (result: ReturnType<typeof parseWxr>, title: string) => {
  const draft = result.drafts.find((d) => d.title === title)
  expect(draft, `draft "${title}"`).toBeDefined()
  return draft!
}

describe('real WordPress files (wordpress-importer test data)', () => {
  test('valid-wxr-1.0.xml: 3 posts and 3 pages, categories and WXR 1.0 "tag" domain as tags, one comment counted', () => {
    const result = parseWxr(fixture('wxr/valid-wxr-1.0.xml'))
    expect(result.drafts.map((d) => d.title)).toEqual(['Hello world!', 'About', 'Alpha post', 'Child post', 'Child page', 'Parent page'])
    expect(result.summary).toMatchObject({ siteTitle: 'Export Dataset', wxrVersion: '1.0', posts: 3, pages: 3, commentsSkipped: 1, attachments: 0 })
    expect(result.drafts.every((d) => d.kind === 'post' && d.status === 'published')).toBe(true)
    expect(byTitle(result, 'Alpha post').tags).toEqual(['alpha', 'news', 'roar'])
    expect(byTitle(result, 'Child post').tags).toEqual(['chicken', 'child', 'face'])
    // WordPress's default category says nothing about a post: dropped unless asked for.
    expect(byTitle(result, 'Hello world!').tags).toEqual([])
    expect(parseWxr(fixture('wxr/valid-wxr-1.0.xml'), { keepUncategorized: true }).drafts[0]?.tags).toEqual(['Uncategorized'])
    const hello = byTitle(result, 'Hello world!')
    expect(hello.sourceKey).toBe('wxr:localhost:1')
    expect(hello.createdAt).toBe(Date.UTC(2010, 9, 20, 14, 8, 20))
    expect(hello.fields.slug).toBe('hello-world')
    expect(hello.extra.author).toBe('admin')
    expect(hello.body).toEqual({
      format: 'html',
      source: '<p>Welcome to WordPress. This is your first post. Edit or delete it, then start blogging!</p>',
    })
    expect(byTitle(result, 'Child page').extra.wordpressParentId).toBe(10)
  })

  test('valid-wxr-1.1.xml: post and page, category + post_tag, custom taxonomy kept aside, author display name', () => {
    const result = parseWxr(fixture('wxr/valid-wxr-1.1.xml'))
    expect(result.drafts.map((d) => [d.title, d.extra.wordpressType])).toEqual([
      ['Hello world!', 'post'],
      ['About', 'page'],
    ])
    const hello = result.drafts[0]!
    expect(hello.tags).toEqual(['alpha', 'Clippable'])
    expect(hello.extra.terms).toEqual({ post_tax: ['bieup'] })
    expect(hello.extra.author).toBe('john')
    expect(hello.extra.authorName).toBe('John Doe')
    expect(result.summary).toMatchObject({ siteTitle: 'Export Datasets', wxrVersion: '1.1', commentsSkipped: 1 })
  })

  test('small-export.xml: 6 posts, 5 pages, draft and private statuses, many categories, dates of a never-published draft', () => {
    const result = parseWxr(fixture('wxr/small-export.xml'))
    expect(result.summary).toMatchObject({ siteTitle: 'trunk', posts: 6, pages: 5, commentsSkipped: 1, skipped: 0 })
    expect(result.drafts).toHaveLength(11)
    const draftPage = byTitle(result, 'Draft Page')
    expect(draftPage.status).toBe('draft')
    // post_date_gmt is 0000-00-00 and pubDate says "-0001": the local post_date is the only real date.
    expect(draftPage.createdAt).toBe(Date.UTC(2011, 0, 18, 7, 46, 29))
    expect(draftPage.fields.slug).toBe('')
    const privatePost = byTitle(result, 'Private Post')
    expect(privatePost.status).toBe('draft')
    expect(privatePost.extra.visibility).toBe('private')
    expect(privatePost.tags).toEqual(['Tag1', 'Tag2', 'Tag3'])
    const many = byTitle(result, 'Many Categories')
    expect(many.tags).toHaveLength(27)
    expect(many.tags).toContain('远征手记')
    expect(many.tags).toContain('uPsIlOn')
    expect(byTitle(result, 'Non-standard post format').extra.postFormat).toBe('aside')
    expect(byTitle(result, 'Foo-child').extra.authorName).toBe('editor')
    expect(byTitle(result, 'Hello world!').extra.customFields).toEqual({ 'Post by': 'author' })
    // Classic-editor text: blank lines become paragraphs, blockquotes get their own.
    const sample = byTitle(result, 'Sample Page').body.source
    expect(sample.match(/<p>/g)).toHaveLength(5)
    expect(sample).toContain('<blockquote><p>Hi there!')
    expect(sample).toContain('<p>...or something like this:</p>')
  })

  test('wxr-utf-8-challenges.xml: bidi controls, zalgo, emoji and RTL text arrive intact; block content untouched', () => {
    const result = parseWxr(fixture('wxr/wxr-utf-8-challenges.xml'))
    expect(result.drafts).toHaveLength(1)
    const post = result.drafts[0]!
    expect(post.title).toBe('"The Road \u202ENot\u202C Taken" by Rob\u202Dert \u202EFrost \u202A🌲\u202C')
    expect(post.sourceKey).toBe('wxr:playground.internal/path:10')
    expect(post.fields.slug).toBe('hello-w\u202Eorld\u202C-utf8-💫-test')
    expect(post.createdAt).toBe(Date.UTC(2024, 5, 5, 16, 4, 48))
    expect(post.updatedAt).toBe(Date.UTC(2024, 5, 10, 12, 28, 55))
    expect(post.body.source.startsWith('<!-- wp:paragraph -->\n<p>T̷̢̯̭̈w̴̰̜̾o̷͉̅')).toBe(true)
    expect(post.body.source).toContain('𝖳𝖾𝗌𝗍 𝖱𝖳𝖫: السلام عليكم وﷲ')
    expect(String(post.fields.excerpt)).toContain('🚀🌟')
    // Expected values read straight from the file's CDATA, so no character is lost in transcription.
    const raw = fixtureText('wxr/wxr-utf-8-challenges.xml')
    const cdataOf = (pattern: RegExp): string => pattern.exec(raw)![1]!
    expect(post.tags).toEqual([cdataOf(/<category domain="category"[^>]*><!\[CDATA\[(.*?)\]\]>/)])
    expect(post.extra.authorName).toBe(cdataOf(/<wp:author_display_name><!\[CDATA\[(.*?)\]\]>/).trim())
    expect(post.extra.author).toBe(cdataOf(/<dc:creator><!\[CDATA\[(.*?)\]\]>/))
    expect(post.fields.excerpt).toBe(cdataOf(/<excerpt:encoded><!\[CDATA\[(.*?)\]\]>/))
    // Only underscore (WordPress-internal) custom fields in this post: none kept.
    expect(post.extra.customFields).toBeUndefined()
    expect(result.summary.siteTitle).toBe('My WordPress Website 🚀 \u202E\u202Dمرحبا')
  })

  test('crazy-cdata.xml: "]]>" left unescaped inside CDATA by old WordPress is read as WordPress reads it', () => {
    const result = parseWxr(fixture('wxr/crazy-cdata.xml'))
    expect(result.summary.cdataRepaired).toBe(1)
    const post = result.drafts[0]!
    expect(post.title).toBe('Hello world!')
    // The values the WordPress importer's own test expects from this file.
    expect(post.body.source).toBe('<p>Content with nested <![CDATA[ tags ]]> :)</p>')
    expect(post.extra.customFields).toEqual({
      'Plain string': 'Foo',
      'Closing CDATA': ']]>',
      'Alot of CDATA': 'This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>',
    })
  })

  test('malformed.xml is refused cleanly as malformed, with the position in the detail', () => {
    const { error } = expectRefusal(() => parseWxr(fixture('wxr/malformed.xml')), 'malformed')
    expect(error.detail).toMatch(/^\d+:\d+: unexpected close tag/)
  })

  test('properly escaped CDATA is never "repaired"', () => {
    const escaped = '<a><![CDATA[x]]]]><![CDATA[>y]]></a>'
    expect(repairUnescapedCdata(escaped)).toBe(escaped)
    expect(repairUnescapedCdata('<a><![CDATA[x ]]> y]]></a>')).toBe('<a><![CDATA[x ]]]]><![CDATA[> y]]></a>')
  })
})

describe('Baluchon fixture: what WordPress sites really hold', () => {
  const result = parseWxr(fixture('wxr/baluchon-features.xml'))
  const quai = () => byTitle(result, 'Sur le quai, à l’aube')

  test('posts and pages become post drafts, everything else is skipped with a reason', () => {
    expect(result.drafts.map((d) => d.sourceKey)).toEqual([
      'wxr:lea.example.fr/blog:42',
      'wxr:lea.example.fr/blog:43',
      'wxr:lea.example.fr/blog:44',
      'wxr:lea.example.fr/blog:45',
      'wxr:lea.example.fr/blog:52',
    ])
    expect(result.skipped.map((s) => [s.what, s.reason, s.detail])).toEqual([
      ['Photo du quai', 'attachment-post', 'https://lea.example.fr/blog/wp-content/uploads/2024/05/quai.jpg'],
      ['Corbeille', 'other', 'status trash'],
      ['Accueil', 'unsupported-type', 'nav_menu_item'],
      ['Sur le quai, à l’aube', 'unsupported-type', 'revision'],
      ['Plan de la ville', 'attachment-post', 'https://lea.example.fr/blog/wp-content/uploads/2024/05/plan.pdf'],
      ['Lien douteux', 'attachment-post', undefined],
      ['#51', 'empty', undefined],
    ])
    expect(result.summary).toMatchObject({ siteTitle: 'Carnet de Léa & co', posts: 4, pages: 1, attachments: 2, commentsSkipped: 2, postsWithShortcodes: 1 })
  })

  test('fields: decoded title, slug and tags, plain-text excerpt, dates in UTC, author, canonical URL', () => {
    const post = quai()
    expect(post.fields).toEqual({
      slug: 'sur-le-quai-à-laube',
      slugLocked: true,
      excerpt: 'Le matin & la brume.',
      canonicalUrl: 'https://lea.example.fr/blog/quai/',
    })
    expect(post.tags).toEqual(['Voyages & balades', 'aube'])
    expect(post.createdAt).toBe(Date.UTC(2024, 4, 2, 7, 30))
    expect(post.updatedAt).toBe(Date.UTC(2024, 4, 3, 8))
    expect(post.extra).toMatchObject({ author: 'lea', authorName: 'Léa Martin', sticky: true, postFormat: 'image', terms: { lieu: ['Nantes'] } })
    expect(post.extra.customFields).toEqual({ humeur: 'calme' })
  })

  test('statuses: pending → draft, future → ready (with its date), private → draft + visibility, password flagged but never kept', () => {
    const pending = byTitle(result, 'Brouillon en attente')
    expect(pending.status).toBe('draft')
    expect(pending.extra.passwordProtected).toBe(true)
    expect(JSON.stringify(result)).not.toContain('secret-du-billet')
    expect(pending.tags).toEqual([])
    const future = byTitle(result, 'Programmé pour juillet')
    expect(future.status).toBe('ready')
    expect(future.extra.scheduledFor).toBe('2024-07-14T08:00:00.000Z')
    const privatePage = byTitle(result, 'Carnet privé')
    expect([privatePage.status, privatePage.extra.visibility, privatePage.extra.wordpressType]).toEqual(['draft', 'private', 'page'])
  })

  test('media: content images resolved against the blog, attachments tied to their post (even listed before it), featured image, unsafe URLs dropped', () => {
    expect(quai().media).toEqual([
      { ref: 'https://lea.example.fr/blog/wp-content/uploads/2024/05/quai-300x200.jpg', alt: 'Le quai' },
      { ref: 'https://cdn.example.net/quai-full.jpg' },
      { ref: 'https://lea.example.fr/blog/wp-content/uploads/2024/05/quai.jpg', alt: 'Photo du quai' },
    ])
    expect(quai().extra.featuredImage).toBe('https://lea.example.fr/blog/wp-content/uploads/2024/05/quai.jpg')
    expect(result.media).toContainEqual({ ref: 'https://lea.example.fr/blog/wp-content/uploads/2024/05/plan.pdf', alt: 'Plan de la ville' })
    expect(result.media).toHaveLength(4)
    expect(JSON.stringify(result.media)).not.toMatch(/javascript:|data:/)
  })

  test('classic content gets paragraphs and <br>, <pre> keeps its blank lines; block-editor content is left as is', () => {
    const body = quai().body.source
    expect(body.startsWith('<p>Premier paragraphe,<br>\navec un retour à la ligne.</p>\n<p><img')).toBe(true)
    expect(body).toContain('<pre>code\n  indenté\n\ngardé</pre>')
    expect(byTitle(result, 'Brouillon en attente').body.source).toBe(
      "<!-- wp:paragraph -->\n<p>Écrit avec l'éditeur de blocs.</p>\n<!-- /wp:paragraph -->",
    )
  })

  test('an untitled post is named after its first words', () => {
    const untitled = result.drafts.find((d) => d.extra.untitled)!
    expect(untitled.title).toBe('Une note sans titre qui commence ainsi et continue assez longtemps pour être co…')
  })

  test('importing the same file twice gives the same source keys (bytes or text, any chunking)', () => {
    const again = parseWxr(fixtureText('wxr/baluchon-features.xml'))
    expect(again.drafts.map((d) => d.sourceKey)).toEqual(result.drafts.map((d) => d.sourceKey))
    expect(again.drafts).toEqual(result.drafts)
    expect(again.skipped).toEqual(result.skipped)
    expect(again.media).toEqual(result.media)
  })

  test('progress is reported up to the total and postTypes widens what is imported', () => {
    const seen: number[] = []
    const bytes = fixture('wxr/baluchon-features.xml')
    parseWxr(bytes, { onProgress: (p) => seen.push(p.done / p.total) })
    expect(seen.at(-1)).toBe(1)
    const withMenus = parseWxr(bytes, { postTypes: ['post', 'page', 'nav_menu_item'] })
    expect(withMenus.drafts.map((d) => d.title)).toContain('Accueil')
  })
})

// Markdown folders (Obsidian vault, Jekyll, Hugo) to drafts, on a fixture vault mixing all three.
import { describe, expect, test } from 'vitest'
import { mapOutsideCode, rewriteNoteLinks, wikilinkHref, wikilinkTarget } from '../../../src/core/import/markdownLinks'
import { parseMarkdownFolder } from '../../../src/core/import/markdownFolder'
import { readFrontMatter } from '../../../src/core/import/frontMatter'
import { joinVaultPath, normalizeVaultPath, VaultIndex } from '../../../src/core/import/vaultPaths'
import { fixtureFolder } from './support'

describe('fixture vault', () => {
  const files = fixtureFolder('markdown/vault')
  const result = parseMarkdownFolder(files)
  const draft = (path: string) => {
    const found = result.drafts.find((d) => d.sourceKey === `md:${path}`)
    expect(found, path).toBeDefined()
    return found!
  }

  test('every Markdown file is a draft keyed by its path; .obsidian is not read; empty files are skipped', () => {
    expect(result.drafts.map((d) => d.sourceKey)).toEqual([
      'md:Daily/2024-06-01.md',
      'md:Ideas/Talk idea.md',
      'md:Welcome.md',
      'md:_posts/2024-05-01-hello-jekyll.md',
      'md:content/posts/hugo-bundle/index.md',
      'md:links/Great article.md',
      'md:notes/Broken yaml.md',
      'md:notes/No front matter.md',
      'md:notes/json-front-matter.md',
    ])
    expect(result.skipped).toEqual([{ what: 'notes/empty.md', reason: 'empty' }])
    expect(result.summary).toMatchObject({ markdownFiles: 10, otherFiles: 4, posts: 2, talks: 1, links: 1, notes: 5, frontMatterErrors: 1, missingMedia: 0 })
  })

  test('Obsidian note: title from its heading (dropped from the body), tags, date with offset, unknown keys kept', () => {
    const welcome = draft('Welcome.md')
    expect(welcome.kind).toBe('note')
    expect(welcome.title).toBe('Welcome')
    expect(welcome.body.source.startsWith('This vault is my capital.')).toBe(true)
    expect(welcome.tags).toEqual(['start', 'obsidian'])
    expect(welcome.createdAt).toBe(Date.UTC(2024, 2, 1, 8, 15))
    expect(welcome.extra).toMatchObject({ aliases: ['Home'], cssclasses: 'wide' })
  })

  test('wikilinks become wikilink: links with their target kept, and say which file they resolved to', () => {
    const welcome = draft('Welcome.md')
    expect(welcome.body.source).toContain('See [my talk idea](wikilink:Talk%20idea), [Hello Jekyll](wikilink:Hello%20Jekyll)')
    expect(welcome.body.source).toContain('[Great article#Why it matters](wikilink:Great%20article%23Why%20it%20matters)')
    expect(welcome.body.source).toContain('| [the talk](wikilink:Talk%20idea) | in a table |')
    expect(welcome.extra.wikilinks).toEqual([
      { target: 'Talk idea', path: 'Ideas/Talk idea.md' },
      { target: 'Hello Jekyll', path: null },
      { target: 'Missing note', path: null },
      { target: '#Code', path: 'Welcome.md' },
      { target: 'Great article#Why it matters', path: 'links/Great article.md' },
      { target: 'Talk idea', path: 'Ideas/Talk idea.md' },
    ])
    expect(draft('Daily/2024-06-01.md').extra.wikilinks).toEqual([{ target: 'Talk idea', path: 'Ideas/Talk idea.md' }])
  })

  test('embeds and relative images become images addressed from the root, listed as media; code is untouched', () => {
    const welcome = draft('Welcome.md')
    expect(welcome.media).toEqual([
      { ref: 'attachments/diagram.png' },
      { ref: 'attachments/photo one.jpg', alt: 'The harbour' },
      { ref: 'https://example.org/remote.png', alt: 'remote' },
      { ref: 'attachments/report.pdf' },
    ])
    const body = welcome.body.source
    expect(body).toContain('![](attachments/diagram.png)\n![](attachments/diagram.png)\n![The harbour](<attachments/photo one.jpg>)')
    expect(body).toContain('![A photo](<attachments/photo one.jpg> "Harbour")')
    expect(body).toContain('[report.pdf](attachments/report.pdf)')
    expect(body).toContain('![bad](javascript:alert(1))')
    expect(body).toContain('```md\n[[not a link]] and ![[nope.png]]\n```')
    expect(body).toContain('Inline `[[not a link either]]` stays.')
    expect(result.media).toContainEqual({ ref: 'content/posts/hugo-bundle/cover.jpg', alt: 'cover', sourceKey: 'md:content/posts/hugo-bundle/index.md' })
    expect(JSON.stringify(result.media)).not.toContain('javascript:')
  })

  test('talk: kind from front matter, status, event, place, day, slides, abstract; "#tag" cleaned', () => {
    const talk = draft('Ideas/Talk idea.md')
    expect(talk.kind).toBe('talk')
    expect(talk.status).toBe('proposed')
    expect(talk.fields).toEqual({
      event: 'Paris Web 2024',
      place: 'Paris',
      abstract: 'Why your notes should outlive your employer.',
      date: '2024-10-03',
      slidesUrl: 'https://slides.example.org/capital',
    })
    expect(talk.tags).toEqual(['talks', 'portability'])
  })

  test('Jekyll post: kind from _posts, published, date and slug from the file name, categories + tags as tags', () => {
    const post = draft('_posts/2024-05-01-hello-jekyll.md')
    expect([post.kind, post.status, post.title]).toEqual(['post', 'published', 'Hello, Jekyll: my first post'])
    expect(post.createdAt).toBe(Date.UTC(2024, 4, 1))
    expect(post.fields).toEqual({ slug: 'hello-jekyll', slugLocked: true, excerpt: 'A first post written for Jekyll.' })
    expect(post.tags).toEqual(['jekyll', 'blog', 'meta'])
    expect(post.extra).toEqual({ layout: 'post' })
  })

  test('Hugo bundle with TOML front matter: draft flag, lastmod, unknown keys, image beside index.md', () => {
    const post = draft('content/posts/hugo-bundle/index.md')
    expect([post.kind, post.status, post.title]).toEqual(['post', 'draft', 'A Hugo page bundle'])
    expect(post.createdAt).toBe(Date.UTC(2023, 10, 5, 10))
    expect(post.updatedAt).toBe(Date.UTC(2023, 10, 6, 8, 30))
    expect(post.extra).toEqual({ series: ['static sites'], frontMatterSyntax: 'toml' })
    expect(post.body.source).toBe('The cover sits beside me: ![cover](content/posts/hugo-bundle/cover.jpg)\n')
  })

  test('link note: url, description, read flag, saved date; headings stay in the body', () => {
    const link = draft('links/Great article.md')
    expect(link.kind).toBe('link')
    expect(link.fields).toEqual({ url: 'https://example.org/great-article', description: 'An article worth keeping.', read: false, savedAt: Date.UTC(2024, 1, 2) })
    expect(link.body.source).toBe('My notes on it.\n\n## Why it matters\n\nBecause.\n')
  })

  test('a broken YAML header does not lose the note: raw header and error kept aside', () => {
    const broken = draft('notes/Broken yaml.md')
    expect(broken.title).toBe('Broken yaml')
    expect(broken.body.source).toBe('The body survives a broken header.\n')
    expect(broken.extra.frontMatterRaw).toBe('title: [unclosed\ntags: a')
    expect(String(broken.extra.frontMatterError)).toMatch(/Flow sequence/)
  })

  test('JSON front matter (Hugo) is read', () => {
    expect(draft('notes/json-front-matter.md')).toMatchObject({ title: 'Hugo JSON front matter', tags: ['json'], body: { source: 'Body after JSON.\n' } })
  })

  test('keepWikilinks leaves [[...]] and ![[...]] as written, recording where they resolve', () => {
    const kept = parseMarkdownFolder(files, { keepWikilinks: true }).drafts.find((d) => d.sourceKey === 'md:Welcome.md')!
    expect(kept.body.source).toContain('See [[Talk idea|my talk idea]], [[Hello Jekyll]]')
    expect(kept.body.source).toContain('![[diagram.png|300]]\n![[photo one.jpg|The harbour]]\n![A photo](<attachments/photo one.jpg> "Harbour")')
    expect(kept.extra.wikilinks).toEqual(draft('Welcome.md').extra.wikilinks)
    expect(kept.extra.embeds).toEqual([
      { target: 'diagram.png', path: 'attachments/diagram.png' },
      { target: 'diagram.png', path: 'attachments/diagram.png' },
      { target: 'photo one.jpg', path: 'attachments/photo one.jpg' },
      { target: 'report.pdf', path: 'attachments/report.pdf' },
    ])
    expect(kept.media).toEqual(draft('Welcome.md').media)
  })

  test('the same folder, listed in another order or twice, gives the same drafts', () => {
    expect(parseMarkdownFolder([...files].reverse()).drafts).toEqual(result.drafts)
  })
})

describe('building blocks', () => {
  test('vault paths stay inside the folder', () => {
    expect(normalizeVaultPath('notes\\a.md')).toBe('notes/a.md')
    expect(normalizeVaultPath('./notes//a.md')).toBe('notes/a.md')
    expect(normalizeVaultPath('../a.md')).toBeNull()
    expect(normalizeVaultPath('notes/../../a.md')).toBeNull()
    expect(normalizeVaultPath('/etc/passwd')).toBeNull()
    expect(normalizeVaultPath('C:\\Users\\a.md')).toBeNull()
    expect(normalizeVaultPath('Cafe\u0301.md')).toBe('Café.md')
    expect(joinVaultPath('notes/sub', '../img/a.png')).toBe('notes/img/a.png')
    expect(joinVaultPath('notes', '../../a.png')).toBeNull()
  })

  test('links resolve like Obsidian: by name without case, same folder first, then shortest path', () => {
    const index = new VaultIndex(['a/Note.md', 'b/c/note.md', 'b/Note.md', 'img/x.png', 'deep/er/x.png'])
    expect(index.resolve('note', 'a')).toBe('a/Note.md')
    expect(index.resolve('NOTE', 'b')).toBe('b/Note.md')
    expect(index.resolve('note', 'z')).toBe('a/Note.md')
    expect(index.resolve('c/note', 'z')).toBe('b/c/note.md')
    expect(index.resolve('x.png', 'a')).toBe('img/x.png')
    expect(index.resolve('missing', 'a')).toBeNull()
  })

  test('wikilink hrefs round-trip any target', () => {
    for (const target of ['Note', 'Dossier/Été 2024#Plan ^abc', 'a%b?c&d', '']) expect(wikilinkTarget(wikilinkHref(target))).toBe(target)
    expect(wikilinkTarget('https://example.org')).toBeNull()
    expect(wikilinkTarget('wikilink:%E0%A4%A')).toBeNull()
  })

  test('code spans: only matching backtick runs open and close code', () => {
    const upper = (t: string) => t.toUpperCase()
    expect(mapOutsideCode('a `b` c ``d`e`` f ` g', upper)).toBe('A `b` C ``d`e`` F ` G')
    expect(mapOutsideCode('x\n~~~\ny\n~~~\nz', upper)).toBe('X\n~~~\ny\n~~~\nZ')
    expect(mapOutsideCode('x\n````\n```\ny\n````\nz', upper)).toBe('X\n````\n```\ny\n````\nZ')
    expect(mapOutsideCode('unclosed\n```\ncode', upper)).toBe('UNCLOSED\n```\ncode')
  })

  test('wikilink edge cases', () => {
    const index = new VaultIndex(['a.md'])
    const rewrite = (md: string) => rewriteNoteLinks(md, 'n.md', index).markdown
    expect(rewrite('[[]] [[|label]] [[a|b|c]]')).toBe('[[]] [[|label]] [b|c](wikilink:a)')
    expect(rewrite('[[a]]]')).toBe('[a](wikilink:a)]')
    expect(rewrite('[[x [y] z]]')).toBe('[[x [y] z]]')
    expect(rewrite('[[a\\|escaped pipe]]')).toBe('[escaped pipe](wikilink:a)')
    expect(rewrite('[[We [need] escaping|a [b]]]')).toBe('[[We [need] escaping|a [b]]]')
    expect(rewrite('[[Note|with \\ backslash]]')).toBe('[with \\\\ backslash](wikilink:Note)')
  })

  test('front matter: YAML alias bomb and deep nesting are refused, prototype keys dropped', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n')
    expect(readFrontMatter(`---\n${bomb}\n---\nbody`).error).toMatch(/alias/i)
    expect(readFrontMatter(`---\nx: ${'['.repeat(500)}${']'.repeat(500)}\n---\n`).error).not.toBeNull()
    const fm = readFrontMatter('---\n__proto__: {polluted: true}\nconstructor: x\nok: 1\n---\n')
    expect(fm.data).toEqual({ ok: 1 })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

// Malformed and hostile Markdown folders: the whole import is refused only for caps and empty folders;
// every other problem stays with its file (skipped with a reason, or imported with the problem noted).
import { describe, expect, test } from 'vitest'
import { parseMarkdownFolder, type FolderFile, type MarkdownFolderParseOptions } from '../../../src/core/import/markdownFolder'
import type { ImportError, ImportParseResult } from '../../../src/core/import/types'
import { concat, expectRefusal, garbage, latin1, timed, utf16le, utf8 } from './support'

type Outcome = ImportError['code'] | ((result: ImportParseResult) => void)
interface Case {
  name: string
  files: () => FolderFile[]
  expect: Outcome
  options?: MarkdownFolderParseOptions
  withinMs?: number
}

const md = (path: string, text: string, modifiedAt?: number): FolderFile => ({ path, text, ...(modifiedAt ? { modifiedAt } : {}) })
const one = (r: ImportParseResult) => {
  expect(r.drafts).toHaveLength(1)
  return r.drafts[0]!
}
const MB = 1024 * 1024

const CASES: Case[] = [
  { name: 'no file at all', files: () => [], expect: 'empty' },
  { name: 'only images and PDFs', files: () => [{ path: 'a.png', bytes: garbage(100) }, { path: 'b.pdf', bytes: garbage(100) }], expect: 'empty' },
  { name: 'only hidden folders (.obsidian, .git, .trash)', files: () => [md('.obsidian/x.md', 'a'), md('.git/y.md', 'b'), md('.trash/z.md', 'c')], expect: 'empty' },
  { name: 'more files than the cap', files: () => [md('a.md', 'a'), md('b.md', 'b')], options: { maxFiles: 1 }, expect: 'too-large' },
  { name: 'more Markdown than the total cap', files: () => [md('a.md', 'a'.repeat(100)), md('b.md', 'b'.repeat(100))], options: { maxBytes: 150 }, expect: 'too-large' },
  {
    name: 'one file over the per-file cap is skipped, the others imported',
    files: () => [md('big.md', 'x'.repeat(2000)), md('small.md', 'ok')],
    options: { maxFileBytes: 1000 },
    expect: (r) => {
      expect(r.drafts.map((d) => d.sourceKey)).toEqual(['md:small.md'])
      expect(r.skipped).toEqual([{ what: 'big.md', reason: 'too-large', detail: '2000 bytes' }])
    },
  },
  {
    name: 'paths leaving the folder (.., absolute, drive letter) are skipped',
    files: () => [md('../escape.md', 'a'), md('/etc/passwd.md', 'b'), md('C:\\Windows\\x.md', 'c'), md('notes/../../up.md', 'd'), md('ok.md', 'e')],
    expect: (r) => {
      expect(r.drafts.map((d) => d.sourceKey)).toEqual(['md:ok.md'])
      expect(r.skipped.map((s) => s.reason)).toEqual(['malformed', 'malformed', 'malformed', 'malformed'])
    },
  },
  {
    name: 'the same file listed twice (case aside) is read once',
    files: () => [md('Note.md', 'first'), md('note.md', 'second')],
    expect: (r) => {
      expect(one(r).body.source).toBe('first')
      expect(r.skipped).toEqual([{ what: 'note.md', reason: 'duplicate' }])
    },
  },
  { name: 'backslash paths (Windows)', files: () => [md('notes\\sub\\a.md', 'x')], expect: (r) => expect(one(r).sourceKey).toBe('md:notes/sub/a.md') },
  { name: 'empty file', files: () => [md('a.md', ''), md('b.md', 'b')], expect: (r) => expect(r.skipped).toEqual([{ what: 'a.md', reason: 'empty' }]) },
  { name: 'whitespace-only file', files: () => [md('a.md', ' \n\t\r\n'), md('b.md', 'b')], expect: (r) => expect(r.skipped).toEqual([{ what: 'a.md', reason: 'empty' }]) },
  {
    name: 'front matter only (no body) is a note',
    files: () => [md('a.md', '---\ntitle: Only a header\n---\n')],
    expect: (r) => expect([one(r).title, one(r).body.source]).toEqual(['Only a header', '']),
  },
  { name: 'binary garbage named .md', files: () => [{ path: 'a.md', bytes: garbage(4096, 5) }, md('b.md', 'b')], expect: (r) => expect(r.skipped).toEqual([{ what: 'a.md', reason: 'malformed', detail: 'binary file' }]) },
  {
    name: 'BOM and CRLF: front matter still found',
    files: () => [{ path: 'a.md', bytes: concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('---\r\ntitle: Titre\r\ntags: [x]\r\n---\r\nCorps\r\n')) }],
    expect: (r) => expect([one(r).title, one(r).tags, one(r).body.source]).toEqual(['Titre', ['x'], 'Corps\n']),
  },
  { name: 'UTF-16 file with BOM', files: () => [{ path: 'a.md', bytes: utf16le('# Été\n\ntexte') }], expect: (r) => expect(one(r).title).toBe('Été') },
  { name: 'Latin-1 file', files: () => [{ path: 'a.md', bytes: latin1('# Noël\n\ncafé') }], expect: (r) => expect([one(r).title, one(r).body.source]).toEqual(['Noël', 'café']) },
  { name: 'decomposed (macOS) file names are stored composed', files: () => [md('Cafe\u0301.md', 'x')], expect: (r) => expect(one(r).sourceKey).toBe('md:Café.md') },
  {
    name: 'YAML alias bomb in front matter',
    files: () => [md('a.md', `---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\nbody`)],
    expect: (r) => {
      expect(String(one(r).extra.frontMatterError)).toMatch(/alias/i)
      expect(one(r).body.source).toBe('body')
      expect(r.summary.frontMatterErrors).toBe(1)
    },
    withinMs: 1000,
  },
  { name: 'front matter over 64 KB', files: () => [md('a.md', `---\nx: "${'y'.repeat(70_000)}"\n---\nbody`)], expect: (r) => expect(one(r).extra.frontMatterError).toBe('front matter too large') },
  {
    name: 'YAML tags asking for code (python/object, js/function) are plain data',
    files: () => [md('a.md', '---\na: !!python/object/apply:os.system ["rm -rf /"]\nb: !!js/function "function () { return 1 }"\n---\nbody')],
    expect: (r) => expect(one(r).extra).toMatchObject({ a: ['rm -rf /'], b: 'function () { return 1 }' }),
  },
  { name: 'YAML front matter that is a list', files: () => [md('a.md', '---\n- a\n- b\n---\nbody')], expect: (r) => expect(one(r).extra.frontMatterError).toBe('front matter is not a set of keys') },
  { name: 'YAML front matter that is one word', files: () => [md('a.md', '---\njust words\n---\nbody')], expect: (r) => expect(one(r).extra.frontMatterError).toBe('front matter is not a set of keys') },
  { name: 'YAML nested 2,000 levels deep', files: () => [md('a.md', `---\nx: ${'['.repeat(2000)}${']'.repeat(2000)}\n---\nbody`)], expect: (r) => expect(one(r).extra.frontMatterError).toBeTruthy(), withinMs: 1000 },
  { name: 'unclosed front matter is body text', files: () => [md('a.md', '---\ntitle: x\nno end')], expect: (r) => expect([one(r).title, one(r).extra.frontMatterError]).toEqual(['a', undefined]) },
  { name: 'invalid TOML front matter', files: () => [md('a.md', '+++\ntitle = \n+++\nbody')], expect: (r) => expect(one(r).extra.frontMatterError).toBeTruthy() },
  { name: 'invalid JSON front matter', files: () => [md('a.md', '{\n"title": \n}\nbody')], expect: (r) => expect(one(r).extra.frontMatterError).toBeTruthy() },
  {
    name: '__proto__ keys in YAML, TOML and JSON never pollute objects',
    files: () => [
      md('a.md', '---\n__proto__: {polluted: yes}\n---\na'),
      md('b.md', '+++\n[__proto__]\npolluted = true\n+++\nb'),
      md('c.md', '{\n"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}\n}\nc'),
    ],
    expect: (r) => {
      expect(r.drafts).toHaveLength(3)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      for (const d of r.drafts) expect(Object.keys(d.extra)).not.toContain('__proto__')
    },
  },
  {
    name: 'bad dates fall back to the file time, then to none',
    files: () => [md('a.md', '---\ndate: not a date\n---\na', Date.UTC(2020, 0, 1)), md('b.md', '---\ndate: 2024-02-31\n---\nb')],
    expect: (r) => expect(r.drafts.map((d) => d.createdAt)).toEqual([Date.UTC(2020, 0, 1), null]),
  },
  { name: 'date as a number, a YAML timestamp with time and zone', files: () => [md('a.md', '---\ncreated: 1700000000\nupdated: 2024-01-02 03:04:05 +02:00\n---\na')], expect: (r) => expect([one(r).createdAt, one(r).updatedAt]).toEqual([1700000000000, Date.UTC(2024, 0, 2, 1, 4, 5)]) },
  {
    name: 'a "link" without an http address becomes a note (address kept aside)',
    files: () => [md('a.md', '---\nkind: link\nurl: javascript:alert(1)\n---\na')],
    expect: (r) => expect([one(r).kind, one(r).extra.declaredKind, one(r).fields.url]).toEqual(['note', 'link', undefined]),
  },
  { name: 'unknown kind is a note, kept as type', files: () => [md('a.md', '---\ntype: recipe\n---\na')], expect: (r) => expect([one(r).kind, one(r).extra.type]).toEqual(['note', 'recipe']) },
  { name: 'a status the kind does not have is kept aside', files: () => [md('talks/a.md', '---\nstatus: published\n---\na')], expect: (r) => expect([one(r).kind, one(r).status, one(r).extra.status]).toEqual(['talk', null, 'published']) },
  {
    name: 'tags of every shape: numbers, nested lists, "#a #b", comma strings, duplicates',
    files: () => [md('a.md', '---\ntags: [1, [nested, "#deep"], "#a #b", "c, d", C]\ncategories: e\n---\na')],
    expect: (r) => expect(one(r).tags).toEqual(['1', 'nested', 'deep', 'a', 'b', 'c', 'd', 'e']),
  },
  { name: 'unsafe canonical and slides URLs are dropped', files: () => [md('posts/a.md', '---\ncanonical: javascript:x\n---\na'), md('talks/b.md', '---\nslides: data:text/html,x\n---\nb')], expect: (r) => expect(r.drafts.map((d) => d.fields.canonicalUrl ?? d.fields.slidesUrl)).toEqual([undefined, undefined]) },
  {
    name: 'images leaving the folder or with unsafe schemes are left as written, not listed',
    files: () => [md('n/a.md', '![x](../../../etc/passwd) ![y](javascript:alert(1)) ![z](data:image/png;base64,AAAA) ![w](file:///etc/passwd)')],
    expect: (r) => {
      expect(one(r).media).toEqual([])
      expect(one(r).body.source).toBe('![x](../../../etc/passwd) ![y](javascript:alert(1)) ![z](data:image/png;base64,AAAA) ![w](file:///etc/passwd)')
    },
  },
  {
    name: 'embeds of missing files are listed and counted as missing',
    files: () => [md('a.md', '![[gone.png]] ![](img/also-gone.jpg)')],
    expect: (r) => {
      expect(one(r).media).toEqual([{ ref: 'gone.png' }, { ref: 'img/also-gone.jpg' }])
      expect(r.summary.missingMedia).toBe(2)
    },
  },
  {
    name: 'percent-encoded and odd image names resolve to the real file',
    files: () => [md('a.md', '![](img/my%20photo%20%231.png) ![[MY PHOTO.PNG]]'), { path: 'img/my photo #1.png', bytes: garbage(10) }, { path: 'img/my photo.png', bytes: garbage(10) }],
    expect: (r) => expect(one(r).media).toEqual([{ ref: 'img/my photo #1.png' }, { ref: 'img/my photo.png' }]),
  },
  { name: 'links to notes by folder path', files: () => [md('a.md', '[[sub/b]] [[sub/b.md|B]]'), md('sub/b.md', 'b')], expect: (r) => expect(r.drafts[0]!.extra.wikilinks).toEqual([{ target: 'sub/b', path: 'sub/b.md' }, { target: 'sub/b.md', path: 'sub/b.md' }]) },
  { name: 'Hugo _index.md takes its folder name', files: () => [md('content/travel/_index.md', 'Section intro')], expect: (r) => expect(one(r).title).toBe('travel') },
  { name: 'one huge line (10 MB)', files: () => [md('a.md', 'word '.repeat(2 * MB))], expect: (r) => expect(one(r).body.source.length).toBe(10 * MB), withinMs: 3000 },
  { name: '1 MB of unmatched backticks stays linear', files: () => [md('a.md', '` `` ``` '.repeat(100_000))], expect: (r) => expect(one(r).body.source.length).toBe(900_000), withinMs: 2000 },
  { name: '1 MB of wikilink openers without closers', files: () => [md('a.md', '[['.repeat(500_000))], expect: (r) => expect(one(r).extra.wikilinks).toBeUndefined(), withinMs: 2000 },
  {
    name: '10,000 notes linking to each other within budget',
    files: () => Array.from({ length: 10_000 }, (_, i) => md(`notes/n${i}.md`, `---\ntags: [t${i % 50}]\ncreated: 2024-01-01\n---\n# Note ${i}\n\nSee [[n${(i + 1) % 10_000}]] and ![[img${i % 10}.png]].\n`)).concat(Array.from({ length: 10 }, (_, i) => ({ path: `img${i}.png`, bytes: garbage(10, i) }))),
    expect: (r) => {
      expect(r.drafts).toHaveLength(10_000)
      expect(r.summary.missingMedia).toBe(0)
      expect(r.drafts[0]!.extra.wikilinks).toEqual([{ target: 'n1', path: 'notes/n1.md' }])
    },
    withinMs: 8000,
  },
]

describe('Markdown folder: malformed and hostile input', () => {
  test.each(CASES)('$name', ({ files, expect: outcome, options, withinMs }) => {
    const list = files()
    if (typeof outcome === 'string') {
      const { ms } = expectRefusal(() => parseMarkdownFolder(list, options), outcome)
      if (withinMs) expect(ms).toBeLessThan(withinMs)
    } else {
      const { value, ms } = timed(() => parseMarkdownFolder(list, options))
      outcome(value)
      if (withinMs) expect(ms).toBeLessThan(withinMs)
    }
  })

  test('cancelling stops the import', () => {
    const controller = new AbortController()
    controller.abort()
    expectRefusal(() => parseMarkdownFolder([md('a.md', 'a')], { signal: controller.signal }), 'cancelled')
  })
})

// Malformed and hostile bookmark files: refused with a precise ImportError, or read tolerantly the way a
// browser would, never letting an unsafe address through.
import { describe, expect, test } from 'vitest'
import { parseBookmarks } from '../../../src/core/import/bookmarks'
import type { ImportError, ImportParseResult } from '../../../src/core/import/types'
import { concat, expectRefusal, fixture, garbage, latin1, repeated, timed, utf16le, utf8 } from './support'

const HEAD = '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n'
const TAIL = '</DL><p>\n'
const link = (href: string, title: string, attrs = ''): string => `<DT><A HREF="${href}" ADD_DATE="1700000000"${attrs}>${title}</A>\n`
const file = (body: string): string => HEAD + body + TAIL
const MB = 1024 * 1024

type Outcome = ImportError['code'] | ((result: ImportParseResult) => void)
interface Case {
  name: string
  input: () => string | Uint8Array
  expect: Outcome
  options?: Parameters<typeof parseBookmarks>[1]
  withinMs?: number
}

const titles = (r: ImportParseResult): string[] => r.drafts.map((d) => d.title)
const skippedAs = (r: ImportParseResult): string[] => r.skipped.map((s) => s.reason)

const CASES: Case[] = [
  { name: 'empty file', input: () => new Uint8Array(0), expect: 'empty' },
  { name: 'whitespace only', input: () => ' \r\n\t ', expect: 'empty' },
  { name: 'byte-order mark only', input: () => Uint8Array.of(0xef, 0xbb, 0xbf), expect: 'empty' },
  { name: 'binary garbage', input: () => garbage(32 * 1024, 3), expect: 'not-this-format' },
  { name: 'plain text', input: () => 'my bookmarks: https://example.org', expect: 'not-this-format' },
  { name: 'a web page with links but no bookmark list', input: () => '<html><body><p><a href="https://example.org">x</a></p></body></html>', expect: 'not-this-format' },
  { name: 'a WordPress export', input: () => fixture('wxr/valid-wxr-1.1.xml'), expect: 'not-this-format' },
  { name: "Chrome's internal JSON Bookmarks file", input: () => '{"roots":{"bookmark_bar":{"children":[{"url":"https://example.org"}]}}}', expect: 'not-this-format' },
  { name: 'a Pocket CSV', input: () => 'title,url,time_added,tags,status\nx,https://example.org,1700000000,,unread\n', expect: 'not-this-format' },
  { name: 'the bookmark doctype and list but no bookmark: an empty export', input: () => file(''), expect: (r) => expect(r.drafts).toEqual([]) },
  {
    name: 'truncated in the middle of the file',
    input: () => file(link('https://a.example/', 'A') + link('https://b.example/', 'B')).slice(0, HEAD.length + 90),
    expect: (r) => expect(titles(r)).toEqual(['A']),
  },
  {
    name: 'truncated inside an attribute',
    input: () => (HEAD + link('https://a.example/', 'A') + '<DT><A HREF="https://b.exa').slice(0),
    expect: (r) => expect(titles(r)).toEqual(['A']),
  },
  {
    name: 'no closing tags at all (as browsers write), mixed case',
    input: () => '<!doctype netscape-bookmark-file-1><dl><p><dt><h3>F</H3><DL><p><dt><a href="https://a.example/">A</a><dt><A hReF="https://b.example/">B</A>',
    expect: (r) => expect(r.drafts.map((d) => [d.title, d.tags])).toEqual([['A', ['F']], ['B', ['F']]]),
  },
  {
    name: 'missing </A>: the entry ends at the next one',
    input: () => file('<DT><A HREF="https://a.example/">A\n<DT><A HREF="https://b.example/">B</A>\n'),
    expect: (r) => expect(titles(r)).toEqual(['A', 'B']),
  },
  {
    name: 'more </DL> than <DL>: later folders still right',
    input: () => file('</DL></DL><DT><H3>F</H3><DL><p>' + link('https://a.example/', 'A') + '</DL>'),
    expect: (r) => expect(r.drafts[0]!.tags).toEqual(['F']),
  },
  {
    name: 'missing </DL>: bookmarks after the folder stay in it (as a browser shows them)',
    input: () => file('<DT><H3>F</H3><DL><p>' + link('https://a.example/', 'A') + link('https://b.example/', 'B')),
    expect: (r) => expect(r.drafts.map((d) => d.tags)).toEqual([['F'], ['F']]),
  },
  { name: 'javascript: URL', input: () => file(link('javascript:alert(document.cookie)', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['unsafe-url']) },
  { name: 'JavaScript: URL with odd case and spaces', input: () => file(link('  JaVaScRiPt:alert(1)', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['unsafe-url']) },
  { name: 'entity-encoded javascript: URL', input: () => file(link('&#106;avascript:alert(1)', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['unsafe-url']) },
  { name: 'data: URL', input: () => file(link('data:text/html,<script>alert(1)</script>', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['unsafe-url']) },
  { name: 'file:///etc/passwd', input: () => file(link('file:///etc/passwd', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['unsafe-url']) },
  { name: 'vbscript: URL', input: () => file(link('vbscript:msgbox(1)', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['unsafe-url']) },
  { name: 'address without scheme', input: () => file(link('example.org/page', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['malformed']) },
  { name: 'unparseable http URL', input: () => file(link('http://', 'x')), expect: (r) => expect(skippedAs(r)).toEqual(['malformed']) },
  { name: 'no HREF attribute', input: () => file('<DT><A ADD_DATE="1">x</A>'), expect: (r) => expect(r.skipped).toEqual([{ what: 'x', reason: 'malformed', detail: 'no address' }]) },
  { name: 'spaces around the address', input: () => file(link('  https://example.org/a  ', 'x')), expect: (r) => expect(r.drafts[0]!.fields.url).toBe('https://example.org/a') },
  {
    name: 'bad ADD_DATE values: text, negative, absurdly large, empty',
    input: () => file(['abc', '-5', '99999999999999999999', ''].map((d, i) => `<DT><A HREF="https://e.example/${i}" ADD_DATE="${d}">t</A>`).join('\n')),
    expect: (r) => expect(r.drafts.map((d) => d.createdAt)).toEqual([null, null, null, null]),
  },
  {
    name: 'title with markup and a script: text only',
    input: () => file('<DT><A HREF="https://e.example/">Hello <b>world</b><script>alert(1)</script> &lt;3</A>'),
    expect: (r) => expect(titles(r)).toEqual(['Hello world <3']),
  },
  { name: 'huge title (1 MB) cut to 500 characters', input: () => file(link('https://e.example/', 'T'.repeat(MB))), expect: (r) => expect(r.drafts[0]!.title).toHaveLength(500) },
  {
    name: 'huge description (1 MB) cut to 20,000 characters',
    input: () => file(link('https://e.example/', 't') + `<DD>${'d'.repeat(MB)}`),
    expect: (r) => expect(String(r.drafts[0]!.fields.description)).toHaveLength(20_000),
  },
  {
    name: 'TAGS with blanks, duplicates and spaces',
    input: () => file(link('https://e.example/', 't', ' TAGS=",, a ,b,A,, c d "')),
    expect: (r) => expect(r.drafts[0]!.tags).toEqual(['a', 'b', 'c d']),
  },
  {
    name: "Safari's Reading List folder: its links are unread",
    input: () => file('<DT><H3 id="com.apple.ReadingList">Reading List</H3><DL><p>' + link('https://e.example/', 't') + '</DL>' + link('https://f.example/', 'u')),
    expect: (r) => expect(r.drafts.map((d) => [d.fields.read, d.tags])).toEqual([
      [false, []],
      [true, []],
    ]),
  },
  { name: 'folder name with entities', input: () => file('<DT><H3>R&amp;D</H3><DL><p>' + link('https://e.example/', 't') + '</DL>'), expect: (r) => expect(r.drafts[0]!.tags).toEqual(['R&D']) },
  {
    name: '20,000 nested folders: bounded tags, quick',
    input: () => file('<DT><H3>F</H3><DL><p>'.repeat(20_000) + link('https://e.example/', 't')),
    expect: (r) => {
      expect(r.drafts[0]!.tags).toEqual(['F'])
      expect(String(r.drafts[0]!.extra.folder).split('/')).toHaveLength(32)
    },
    withinMs: 2000,
  },
  { name: 'BOM and CRLF', input: () => concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(file(link('https://e.example/', 'Café')).replace(/\n/g, '\r\n'))), expect: (r) => expect(titles(r)).toEqual(['Café']) },
  { name: 'UTF-16 with BOM', input: () => utf16le(file(link('https://e.example/', 'Café'))), expect: (r) => expect(titles(r)).toEqual(['Café']) },
  {
    name: 'Windows-1252 file declared in its meta',
    input: () => latin1(file(link('https://e.example/', 'Café €')).replace('UTF-8', 'windows-1252').replace('€', '\x80')),
    expect: (r) => expect(titles(r)).toEqual(['Café €']),
  },
  {
    name: 'UTF-8 file with one Latin-1 title (mixed encodings)',
    input: () => concat(utf8(HEAD + link('https://a.example/', 'Déjà')), latin1(link('https://b.example/', 'Café')), utf8(TAIL)),
    expect: (r) => {
      expect(titles(r)).toEqual(['Déjà', 'Café'])
      expect(r.summary.repairedBytes).toBe(1)
    },
  },
  { name: 'Latin-1 bytes with no charset declared', input: () => latin1(file(link('https://e.example/', 'Noël')).replace(/<META[^>]*>/, '')), expect: (r) => expect(titles(r)).toEqual(['Noël']) },
  { name: 'over the caller cap', input: () => file(link('https://e.example/', 't')), options: { maxBytes: 50 }, expect: 'too-large' },
  { name: '100 MB file', input: () => repeated(HEAD, link('https://e.example/', 't'), TAIL, 100 * MB), expect: 'too-large', withinMs: 50 },
  { name: 'more bookmarks than the cap', input: () => file(link('https://a.example/', 'a') + link('https://b.example/', 'b')), options: { maxBookmarks: 1 }, expect: 'too-large' },
  {
    name: '100,000 bookmarks (20 MB) within budget',
    input: () => file(Array.from({ length: 100_000 }, (_, i) => link(`https://example.org/page/${i}?ref=bookmarks-import-test`, `Bookmark number ${i} — a fairly typical page title`, ` TAGS="t${i % 100}"`) + `<DD>Description ${i}\n`).join('')),
    expect: (r) => expect(r.drafts).toHaveLength(100_000),
    withinMs: 6000,
  },
]

describe('bookmarks: malformed and hostile input', () => {
  test.each(CASES)('$name', ({ input, expect: outcome, options, withinMs }) => {
    const data = input()
    if (typeof outcome === 'string') {
      const { ms } = expectRefusal(() => parseBookmarks(data, options), outcome)
      if (withinMs) expect(ms).toBeLessThan(withinMs)
    } else {
      const { value, ms } = timed(() => parseBookmarks(data, options))
      outcome(value)
      for (const draft of value.drafts) expect(String(draft.fields.url)).toMatch(/^https?:\/\//)
      if (withinMs) expect(ms).toBeLessThan(withinMs)
    }
  })
})

test('cancelling stops a bookmarks parse', () => {
  const controller = new AbortController()
  controller.abort()
  expectRefusal(() => parseBookmarks(file(link('https://e.example/', 't')), { signal: controller.signal }), 'cancelled')
})

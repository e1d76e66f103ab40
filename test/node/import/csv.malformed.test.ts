// Malformed and hostile Pocket and Raindrop CSV files: refused with a precise ImportError, or read with the
// bad rows skipped and counted. Each importer runs the generic CSV table plus its own cases.
import { describe, expect, test } from 'vitest'
import { parsePocketCsv } from '../../../src/core/import/pocket'
import { parseRaindropCsv } from '../../../src/core/import/raindrop'
import type { ImportError, ImportParseResult } from '../../../src/core/import/types'
import type { CsvParseOptions } from '../../../src/core/import/csv'
import { concat, expectRefusal, fixture, garbage, latin1, timed, utf16le, utf8 } from './support'

type Parse = (input: string | Uint8Array, options?: CsvParseOptions) => ImportParseResult
type Outcome = ImportError['code'] | ((result: ImportParseResult) => void)
interface Case {
  name: string
  input: () => string | Uint8Array
  expect: Outcome
  options?: CsvParseOptions
  withinMs?: number
}

interface Format {
  name: string
  parse: Parse
  header: string
  /** A CSV row for this format with the given title and URL (and the rest plausible). */
  row: (title: string, url: string) => string
}

const POCKET: Format = {
  name: 'Pocket',
  parse: parsePocketCsv,
  header: 'title,url,time_added,tags,status',
  row: (title, url) => `${title},${url},1700000000,a|b,unread`,
}
const RAINDROP: Format = {
  name: 'Raindrop',
  parse: parseRaindropCsv,
  header: 'id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite',
  row: (title, url) => `1,${title},,,${url},Folder,"a, b",2024-01-02T03:04:05Z,,,false`,
}

const titles = (r: ImportParseResult): string[] => r.drafts.map((d) => d.title)
const reasons = (r: ImportParseResult): string[] => r.skipped.map((s) => s.reason)
const MB = 1024 * 1024

function genericCases(f: Format): Case[] {
  const csv = (...rows: string[]): string => [f.header, ...rows].join('\n') + '\n'
  return [
    { name: 'empty file', input: () => new Uint8Array(0), expect: 'empty' },
    { name: 'whitespace and blank lines only', input: () => '\n\r\n  \n', expect: 'empty' },
    { name: 'byte-order mark only', input: () => Uint8Array.of(0xef, 0xbb, 0xbf), expect: 'empty' },
    { name: 'binary garbage', input: () => garbage(16 * 1024, 11), expect: 'not-this-format' },
    { name: 'a bookmarks HTML file', input: () => fixture('bookmarks/linkding-simple_valid_import_file.html'), expect: 'not-this-format' },
    { name: 'a WordPress export', input: () => fixture('wxr/valid-wxr-1.0.xml'), expect: 'not-this-format' },
    { name: 'a CSV of something else', input: () => 'name,email\nLéa,lea@example.org\n', expect: 'not-this-format' },
    { name: 'rows without a header', input: () => POCKET.row('x', 'https://example.org/') + '\n', expect: 'not-this-format' },
    { name: 'header only: an empty export', input: () => f.header + '\n', expect: (r) => expect(r.drafts).toEqual([]) },
    { name: 'header with a BOM, odd case and spaces', input: () => '\uFEFF' + f.header.toUpperCase().replace(/,/g, ' , ') + '\n' + f.row('T', 'https://example.org/') + '\n', expect: (r) => expect(titles(r)).toEqual(['T']) },
    { name: 'CRLF line ends', input: () => csv(f.row('A', 'https://a.example/'), f.row('B', 'https://b.example/')).replace(/\n/g, '\r\n'), expect: (r) => expect(titles(r)).toEqual(['A', 'B']) },
    { name: 'old Mac CR line ends', input: () => csv(f.row('A', 'https://a.example/'), f.row('B', 'https://b.example/')).replace(/\n/g, '\r'), expect: (r) => expect(titles(r)).toEqual(['A', 'B']) },
    { name: 'semicolons (Excel in a French locale)', input: () => csv(f.row('A', 'https://a.example/')).replace(/,/g, ';').replace(/"a; b"/, '"a, b"'), expect: (r) => expect(titles(r)).toEqual(['A']) },
    { name: 'truncated in the middle of a row', input: () => csv(f.row('A', 'https://a.example/'), f.row('B', 'https://b.example/')).slice(0, -25), expect: (r) => expect(titles(r)[0]).toBe('A') },
    {
      name: 'truncated inside a quoted field: the broken row is skipped, earlier ones kept',
      input: () => csv(f.row('A', 'https://a.example/')) + f.row('"Broken title', 'https://b.example/'),
      expect: (r) => {
        expect(titles(r)).toEqual(['A'])
        expect(reasons(r)).toEqual(['malformed'])
      },
    },
    { name: 'rows with too few fields', input: () => csv('Only a title'), expect: (r) => expect(reasons(r)).toEqual(['malformed']) },
    { name: 'rows with too many fields', input: () => csv(f.row('A', 'https://a.example/') + ',extra,more'), expect: (r) => expect(titles(r)).toEqual(['A']) },
    { name: 'missing URL', input: () => csv(f.row('A', '')), expect: (r) => expect(r.skipped).toEqual([{ what: 'A', reason: 'malformed', detail: 'no address' }]) },
    { name: 'javascript: URL', input: () => csv(f.row('A', 'javascript:alert(1)')), expect: (r) => expect(reasons(r)).toEqual(['unsafe-url']) },
    { name: 'data: URL', input: () => csv(f.row('A', 'data:text/html;base64,PHNjcmlwdD4=')), expect: (r) => expect(reasons(r)).toEqual(['unsafe-url']) },
    { name: 'file: URL', input: () => csv(f.row('A', 'file:///etc/passwd')), expect: (r) => expect(reasons(r)).toEqual(['unsafe-url']) },
    { name: 'URL without scheme', input: () => csv(f.row('A', 'example.org/x')), expect: (r) => expect(reasons(r)).toEqual(['malformed']) },
    { name: 'formula injection in a title is kept as plain text', input: () => csv(f.row('=HYPERLINK("http://evil")', 'https://a.example/')), expect: (r) => expect(r.drafts).toHaveLength(1) },
    { name: 'huge title (1 MB) cut to 500', input: () => csv(f.row('T'.repeat(MB), 'https://a.example/')), expect: (r) => expect(r.drafts[0]!.title).toHaveLength(500) },
    { name: 'huge quoted field (5 MB) does not break the next rows', input: () => csv(f.row(`"${'x,'.repeat(2.5 * MB)}"`, 'https://a.example/'), f.row('B', 'https://b.example/')), expect: (r) => expect(titles(r)[1]).toBe('B') },
    { name: 'UTF-16 with BOM', input: () => utf16le(csv(f.row('Café', 'https://a.example/'))), expect: (r) => expect(titles(r)).toEqual(['Café']) },
    { name: 'Windows-1252 file (Excel)', input: () => latin1(csv(f.row('Café\x80', 'https://a.example/'))), expect: (r) => expect(titles(r)).toEqual(['Café€']) },
    {
      name: 'mixed UTF-8 and Latin-1 rows',
      input: () => concat(utf8(csv(f.row('Déjà', 'https://a.example/'))), latin1(f.row('Noël', 'https://b.example/') + '\n')),
      expect: (r) => expect(titles(r)).toEqual(['Déjà', 'Noël']),
    },
    { name: 'over the caller size cap', input: () => csv(f.row('A', 'https://a.example/')), options: { maxBytes: 20 }, expect: 'too-large' },
    { name: '100 MB file', input: () => 'x'.repeat(100 * MB), expect: 'too-large', withinMs: 50 },
    { name: 'more rows than the cap', input: () => csv(f.row('A', 'https://a.example/'), f.row('B', 'https://b.example/')), options: { maxRows: 1 }, expect: 'too-large' },
    {
      name: '100,000 rows within budget',
      input: () => csv(...Array.from({ length: 100_000 }, (_, i) => f.row(`Article number ${i}, with a comma`.replace(/^(.*)$/, '"$1"'), `https://example.org/articles/${i}?utm_source=x`))),
      expect: (r) => expect(r.drafts).toHaveLength(100_000),
      withinMs: 5000,
    },
  ]
}

const POCKET_CASES: Case[] = [
  ...genericCases(POCKET),
  {
    name: 'bad time_added values: text, negative, zero, ISO date',
    input: () => ['title,url,time_added', 'a,https://a.example/,soon', 'b,https://b.example/,-1', 'c,https://c.example/,0', 'd,https://d.example/,2024-01-02'].join('\n'),
    expect: (r) => expect(r.drafts.map((d) => d.createdAt)).toEqual([null, null, null, Date.UTC(2024, 0, 2)]),
  },
  { name: 'time_added in milliseconds', input: () => 'title,url,time_added\na,https://a.example/,1700000000000\n', expect: (r) => expect(r.drafts[0]!.createdAt).toBe(1700000000000) },
  { name: 'unknown status kept aside, counted unread', input: () => 'title,url,status\na,https://a.example/,snoozed\n', expect: (r) => expect([r.drafts[0]!.fields.read, r.drafts[0]!.extra.pocketStatus]).toEqual([false, 'snoozed']) },
  { name: 'tags with empty segments and spaces', input: () => 'title,url,tags\na,https://a.example/,"|a| b ||c d|"\n', expect: (r) => expect(r.drafts[0]!.tags).toEqual(['a', 'b', 'c d']) },
  { name: 'columns in another order, unknown column kept', input: () => 'status,url,title,source\narchive,https://a.example/,A,newsletter\n', expect: (r) => expect([r.drafts[0]!.title, r.drafts[0]!.fields.read, r.drafts[0]!.extra.source]).toEqual(['A', true, 'newsletter']) },
]

const RAINDROP_CASES: Case[] = [
  ...genericCases(RAINDROP),
  {
    name: 'bad created values: garbage, 13th month, epoch seconds',
    input: () => ['url,created', 'https://a.example/,yesterday-ish', 'https://b.example/,2024-13-01T00:00:00Z', 'https://c.example/,1700000000'].join('\n'),
    expect: (r) => expect(r.drafts.map((d) => d.createdAt)).toEqual([null, null, 1700000000000]),
  },
  { name: 'nested folder path with empty segments', input: () => 'url,folder\nhttps://a.example/,"/A//B/ "\n', expect: (r) => expect(r.drafts[0]!.tags).toEqual(['A', 'B']) },
  { name: 'javascript: cover is not a media', input: () => 'url,cover\nhttps://a.example/,javascript:alert(1)\n', expect: (r) => expect(r.drafts[0]!.media).toEqual([]) },
  { name: 'favorite in odd case', input: () => 'url,favorite\nhttps://a.example/,TRUE\n', expect: (r) => expect(r.drafts[0]!.extra.favorite).toBe(true) },
  { name: 'huge note (2 MB) kept whole as the body', input: () => `url,note\nhttps://a.example/,"${'n'.repeat(2 * MB)}"\n`, expect: (r) => expect(r.drafts[0]!.body.source).toHaveLength(2 * MB) },
]

function run(parse: Parse, { input, expect: outcome, options, withinMs }: Case): void {
  const data = input()
  if (typeof outcome === 'string') {
    const { ms } = expectRefusal(() => parse(data, options), outcome)
    if (withinMs) expect(ms).toBeLessThan(withinMs)
    return
  }
  const { value, ms } = timed(() => parse(data, options))
  outcome(value)
  for (const draft of value.drafts) expect(String(draft.fields.url)).toMatch(/^https?:\/\//)
  if (withinMs) expect(ms).toBeLessThan(withinMs)
}

describe('Pocket CSV: malformed and hostile input', () => {
  test.each(POCKET_CASES)('$name', (c) => run(parsePocketCsv, c))
})

describe('Raindrop CSV: malformed and hostile input', () => {
  test.each(RAINDROP_CASES)('$name', (c) => run(parseRaindropCsv, c))
})

test('cancelling stops a CSV parse', () => {
  const controller = new AbortController()
  controller.abort()
  expectRefusal(() => parsePocketCsv(`${POCKET.header}\n${POCKET.row('A', 'https://a.example/')}\n`, { signal: controller.signal }), 'cancelled')
})

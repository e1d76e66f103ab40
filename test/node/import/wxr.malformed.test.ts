// Malformed and hostile WordPress exports: every one is either refused with a precise ImportError or read
// safely, quickly and with bounded memory. Timings are budgets for the 2-core reference machine.
import { describe, expect, test } from 'vitest'
import { parseWxr } from '../../../src/core/import/wxr'
import type { ImportError, ImportParseResult } from '../../../src/core/import/types'
import { concat, expectRefusal, fixture, garbage, latin1, repeated, timed, utf16le, utf8 } from './support'

const NS =
  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"'
const HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${NS}>\n<channel>\n<title>Site</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>https://example.org</wp:base_site_url>\n`
const TAIL = '</channel>\n</rss>\n'
const item = (inner: string): string => `<item>${inner}</item>\n`
const post = (id: number, title: string, extra = ''): string =>
  item(`<title>${title}</title><wp:post_id>${id}</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><content:encoded><![CDATA[Body ${id}]]></content:encoded>${extra}`)
const wxr = (items: string, head = HEAD): string => `${head}${items}${TAIL}`
const VALID = wxr(post(1, 'Café'))

type Outcome = ImportError['code'] | ((result: ImportParseResult) => void)
interface Case {
  name: string
  input: () => string | Uint8Array
  expect: Outcome
  options?: Parameters<typeof parseWxr>[1]
  /** Time budget in ms (refusals of hostile input must be quick). */
  withinMs?: number
}

const onlyCafe = (result: ImportParseResult): void => {
  expect(result.drafts.map((d) => d.title)).toEqual(['Café'])
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" ${NS}><channel><wp:wxr_version>1.2</wp:wxr_version>${post(1, '&lol9;')}</channel></rss>`

const XXE = (decl: string, use: string): string =>
  `<?xml version="1.0"?>\n<!DOCTYPE rss [ ${decl} ]>\n<rss version="2.0" ${NS}><channel><wp:wxr_version>1.2</wp:wxr_version>${post(1, use)}</channel></rss>`

const MB = 1024 * 1024

const CASES: Case[] = [
  // Not a WordPress export at all
  { name: 'empty file', input: () => new Uint8Array(0), expect: 'empty' },
  { name: 'whitespace only', input: () => '  \n\t\r\n ', expect: 'empty' },
  { name: 'UTF-8 byte-order mark only', input: () => Uint8Array.of(0xef, 0xbb, 0xbf), expect: 'empty' },
  { name: 'XML declaration only', input: () => '<?xml version="1.0"?>', expect: 'empty' },
  { name: 'binary garbage', input: () => garbage(64 * 1024), expect: 'not-this-format' },
  { name: 'a PNG file', input: () => concat(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), garbage(2048, 7)), expect: 'not-this-format' },
  { name: 'plain text', input: () => 'Dear diary, today I exported my blog.', expect: 'not-this-format' },
  { name: 'JSON', input: () => '{"posts":[{"title":"x"}]}', expect: 'not-this-format' },
  { name: 'an HTML page', input: () => '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body></body></html>', expect: 'not-this-format' },
  { name: 'a bookmarks file', input: () => fixture('bookmarks/linkding-simple_valid_import_file.html'), expect: 'not-this-format' },
  { name: 'a plain RSS feed (no WordPress namespace)', input: () => '<rss version="2.0"><channel><title>Feed</title><item><title>x</title></item></channel></rss>', expect: 'not-this-format' },
  { name: 'an Atom feed', input: () => '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', expect: 'not-this-format' },
  { name: 'rss with the WordPress namespace but no channel', input: () => `<rss version="2.0" ${NS}></rss>`, expect: 'not-this-format' },
  { name: 'no wxr_version', input: () => `<rss version="2.0" ${NS}><channel>${post(1, 'x')}</channel></rss>`, expect: 'not-this-format' },
  { name: 'wxr_version "abc" (as in malformed.xml)', input: () => VALID.replace('<wp:wxr_version>1.2', '<wp:wxr_version>abc'), expect: 'not-this-format' },
  { name: 'wxr_version from the future', input: () => VALID.replace('<wp:wxr_version>1.2', '<wp:wxr_version>2.0'), expect: 'unsupported-version' },

  // Damaged XML
  { name: 'truncated in the middle (real file cut in half)', input: () => fixture('wxr/valid-wxr-1.1.xml').subarray(0, 3000), expect: 'malformed' },
  { name: 'truncated inside a CDATA section', input: () => VALID.slice(0, VALID.indexOf('Body 1') + 2), expect: 'malformed' },
  { name: 'truncated inside a tag name', input: () => VALID.slice(0, VALID.indexOf('</channel>') + 5), expect: 'malformed' },
  { name: 'truncated just before the final </rss>', input: () => VALID.slice(0, VALID.lastIndexOf('</rss>')), expect: 'malformed' },
  { name: 'mismatched tags (malformed.xml from wordpress-importer)', input: () => fixture('wxr/malformed.xml'), expect: 'malformed' },
  { name: 'unclosed item', input: () => wxr('<item><title>x</title>'), expect: 'malformed' },
  { name: 'two root elements', input: () => `${VALID}<rss/>`, expect: 'malformed' },
  { name: 'text after the root', input: () => `${VALID}trailing words`, expect: 'malformed' },
  { name: 'bare ampersand in a title', input: () => wxr(post(1, 'Tom & Jerry')), expect: 'malformed' },
  { name: 'HTML entity undeclared in XML (&nbsp;)', input: () => wxr(post(1, 'a&nbsp;b')), expect: 'malformed' },
  { name: 'numeric reference to NUL', input: () => wxr(post(1, 'a&#0;b')), expect: 'malformed' },
  { name: 'numeric reference to a lone surrogate', input: () => wxr(post(1, 'a&#xD800;b')), expect: 'malformed' },
  { name: 'numeric reference beyond Unicode', input: () => wxr(post(1, 'a&#x110000;b')), expect: 'malformed' },
  { name: 'duplicate attribute', input: () => wxr(item('<category domain="a" domain="b">x</category>')), expect: 'malformed' },
  { name: 'unquoted attribute', input: () => wxr(item('<category domain=tag>x</category>')), expect: 'malformed' },

  // Entities: never expanded, never fetched
  { name: 'billion laughs', input: () => BILLION_LAUGHS, expect: 'entity-expansion', withinMs: 200 },
  {
    name: 'quadratic blowup (one big entity used many times)',
    input: () => XXE(`<!ENTITY a "${'a'.repeat(50_000)}">`, '&a;'.repeat(50_000)),
    expect: 'entity-expansion',
    withinMs: 500,
  },
  { name: 'external entity file:///etc/passwd', input: () => XXE('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '&xxe;'), expect: 'entity-expansion' },
  { name: 'external entity over http', input: () => XXE('<!ENTITY xxe SYSTEM "http://127.0.0.1:1/x">', '&xxe;'), expect: 'entity-expansion' },
  { name: 'external parameter entity', input: () => XXE('<!ENTITY % dtd SYSTEM "file:///etc/passwd"> %dtd;', 'x'), expect: 'entity-expansion' },
  { name: 'entity used without any declaration', input: () => wxr(post(1, '&xxe;')), expect: 'malformed' },
  {
    name: 'external DTD without entities: ignored, never fetched, file read',
    input: () => VALID.replace('<rss', '<!DOCTYPE rss SYSTEM "file:///etc/passwd">\n<rss'),
    expect: onlyCafe,
  },
  {
    name: 'numeric reference flood (60 MB of &#65;)',
    input: () => repeated(HEAD + '<item><title>', '&#65;', '</title></item>' + TAIL, 60 * MB),
    expect: 'entity-expansion',
    withinMs: 2000,
  },
  {
    name: 'named reference flood (&amp; × 300,000)',
    input: () => wxr(post(1, '&amp;'.repeat(300_000))),
    expect: 'entity-expansion',
    withinMs: 2000,
  },
  {
    name: 'references under the cap are fine; a lower cap refuses them',
    input: () => wxr(post(1, '&#65;'.repeat(1000))),
    options: { maxReferences: 999 },
    expect: 'entity-expansion',
  },

  // Size and shape caps
  { name: '100 MB file (over the 64 MB default cap)', input: () => repeated(HEAD, post(1, 'x'), TAIL, 100 * MB), expect: 'too-large', withinMs: 50 },
  { name: '100 MB as a string', input: () => 'x'.repeat(100 * MB), expect: 'too-large', withinMs: 50 },
  { name: 'a smaller cap set by the caller', input: () => VALID, options: { maxBytes: 100 }, expect: 'too-large' },
  { name: 'flood of tiny elements (60 MB of <a/>)', input: () => repeated(HEAD, '<a/>', TAIL, 60 * MB), expect: 'too-large', withinMs: 2000 },
  { name: 'flood of empty items (60 MB)', input: () => repeated(HEAD, '<item a="1" b="2"></item>', TAIL, 60 * MB), expect: 'too-large', withinMs: 2000 },
  { name: 'element cap set by the caller', input: () => wxr(post(1, 'a') + post(2, 'b')), options: { maxElements: 10 }, expect: 'too-large' },
  { name: 'deep nesting (60 MB of <a>)', input: () => repeated(HEAD, '<a>', '', 60 * MB), expect: 'malformed', withinMs: 2000 },
  { name: 'attribute flood on one element', input: () => wxr(item(`<category ${Array.from({ length: 5000 }, (_, i) => `a${i}="1"`).join(' ')}>x</category>`)), expect: 'malformed' },

  // Odd but readable
  {
    name: 'huge title (1 MB) is cut to 500 characters, the full one kept aside',
    input: () => wxr(post(1, 'T'.repeat(MB))),
    expect: (r) => {
      expect(r.drafts[0]!.title).toHaveLength(500)
      expect(r.drafts[0]!.extra.fullTitle).toHaveLength(MB)
    },
  },
  {
    name: 'huge post body (20 MB) is read whole',
    input: () => wxr(item(`<title>Big</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><content:encoded><![CDATA[${'word '.repeat(4 * MB)}]]></content:encoded>`)),
    expect: (r) => expect(r.drafts[0]!.body.source.length).toBeGreaterThan(20 * MB),
    withinMs: 8000,
  },
  { name: 'UTF-8 BOM', input: () => concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(VALID)), expect: onlyCafe },
  { name: 'CRLF line endings', input: () => VALID.replace(/\n/g, '\r\n'), expect: onlyCafe },
  { name: 'UTF-16 LE with BOM', input: () => utf16le(VALID.replace('UTF-8', 'UTF-16')), expect: onlyCafe },
  { name: 'declared ISO-8859-1, Latin-1 bytes', input: () => latin1(VALID.replace('UTF-8', 'ISO-8859-1')), expect: onlyCafe },
  {
    name: 'declared UTF-8 but one title in Latin-1 (mixed encodings)',
    input: () => concat(utf8(HEAD + post(1, 'Déjà vu')), latin1(post(2, 'Café')), utf8(TAIL)),
    expect: (r) => {
      expect(r.drafts.map((d) => d.title)).toEqual(['Déjà vu', 'Café'])
      expect(r.summary.repairedBytes).toBe(1)
    },
  },
  { name: 'declares UTF-16 but is UTF-8 (re-saved file)', input: () => utf8(VALID.replace('UTF-8', 'UTF-16')), expect: onlyCafe },
  { name: 'unknown encoding label falls back to UTF-8', input: () => utf8(VALID.replace('UTF-8', 'x-made-up')), expect: onlyCafe },
  {
    name: 'control characters XML forbids (pasted from Word) are dropped',
    input: () => wxr(post(1, 'Caf\u000Bé', '<excerpt:encoded><![CDATA[a\u001Bb\u0000c]]></excerpt:encoded>')),
    expect: (r) => {
      onlyCafe(r)
      expect(r.drafts[0]!.fields.excerpt).toBe('abc')
      expect(r.summary.controlCharsRemoved).toBe(3)
    },
  },
  { name: 'lone surrogate in text input', input: () => wxr(post(1, 'Caf\uD800é')), expect: onlyCafe },
  {
    name: 'bad dates: garbage, 13th month, 31 February',
    input: () =>
      wxr(
        post(1, 'a', '<wp:post_date_gmt>garbage</wp:post_date_gmt>') +
          post(2, 'b', '<wp:post_date_gmt>2024-13-45 10:00:00</wp:post_date_gmt>') +
          post(3, 'c', '<wp:post_date_gmt>2023-02-31 10:00:00</wp:post_date_gmt><pubDate>Tue, 18 Jan 2011 07:40:14 +0000</pubDate>'),
      ),
    expect: (r) => expect(r.drafts.map((d) => d.createdAt)).toEqual([null, null, Date.UTC(2011, 0, 18, 7, 40, 14)]),
  },
  {
    name: 'missing post id: keyed by guid; neither: skipped as malformed',
    input: () => wxr(item('<title>With guid</title><guid>https://example.org/?p=9</guid>') + item('<title>Nothing</title>')),
    expect: (r) => {
      expect(r.drafts.map((d) => d.sourceKey)).toEqual(['wxr:example.org:guid:https://example.org/?p=9'])
      expect(r.skipped).toEqual([{ what: 'Nothing', reason: 'malformed', detail: 'no post id' }])
    },
  },
  {
    name: 'the same post id twice: the second is a duplicate',
    input: () => wxr(post(1, 'Café') + post(1, 'Copy')),
    expect: (r) => {
      onlyCafe(r)
      expect(r.skipped).toEqual([{ what: 'Copy', reason: 'duplicate', detail: 'wxr:example.org:1' }])
    },
  },
  {
    name: 'javascript: and data: media never listed',
    input: () => wxr(post(1, 'Café', '<content:encoded><![CDATA[<img src="javascript:alert(1)"><img src="data:image/png;base64,AA"><video src="vbscript:x">]]></content:encoded>')),
    expect: (r) => expect(r.media).toEqual([]),
  },
  {
    name: 'other namespace prefixes bound to the WordPress URIs',
    input: () => VALID.replaceAll('wp:', 'wordpress:').replace('xmlns:wp=', 'xmlns:wordpress='),
    expect: onlyCafe,
  },
  { name: 'processing instructions and comments around', input: () => VALID.replace('<rss', '<?xml-stylesheet href="x.xsl"?><!-- hi --><rss'), expect: onlyCafe },
  { name: 'items outside the channel are ignored', input: () => `<rss version="2.0" ${NS}><channel><wp:wxr_version>1.2</wp:wxr_version></channel>${post(1, 'x')}</rss>`, expect: (r) => expect(r.drafts).toEqual([]) },
]

describe('WXR: malformed and hostile input', () => {
  test.each(CASES)('$name', ({ input, expect: outcome, options, withinMs }) => {
    const data = input()
    if (typeof outcome === 'string') {
      const { error, ms } = expectRefusal(() => parseWxr(data, options), outcome)
      // Nothing from /etc/passwd may ever surface, in messages or details.
      expect(`${error.message} ${error.detail ?? ''}`).not.toMatch(/root:/)
      if (withinMs) expect(ms).toBeLessThan(withinMs)
    } else {
      const { value, ms } = timed(() => parseWxr(data, options))
      outcome(value)
      expect(JSON.stringify(value)).not.toMatch(/root:x?:0:0/)
      if (withinMs) expect(ms).toBeLessThan(withinMs)
    }
  })

  test('cancelling stops the parse with a clear error', () => {
    const controller = new AbortController()
    controller.abort()
    expectRefusal(() => parseWxr(VALID, { signal: controller.signal }), 'cancelled')
  })
})

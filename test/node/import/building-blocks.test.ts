// Decoding, dates and WordPress paragraphing, shared by the importers.
import { describe, expect, test } from 'vitest'
import { autop } from '../../../src/core/import/autop'
import { epochToMs, parseLooseDate, parseWordPressDate } from '../../../src/core/import/dates'
import { CHUNK_SIZE, decodeAll, decodeChunks, newDecodeStats, sniffHtmlCharset, sniffXmlEncoding } from '../../../src/core/import/decode'
import { concat, latin1, utf8 } from './support'

describe('decode', () => {
  test('UTF-8 split across chunk boundaries is never cut inside a character', () => {
    const text = 'é'.repeat(CHUNK_SIZE) + '😀'.repeat(1000)
    const stats = newDecodeStats()
    const chunks = [...decodeChunks(utf8(text), stats)]
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.join('')).toBe(text)
    expect(stats.repairedBytes).toBe(0)
  })

  test('string input split without breaking surrogate pairs', () => {
    const text = 'a' + '😀'.repeat(CHUNK_SIZE)
    const chunks = [...decodeChunks(text, newDecodeStats())]
    expect(chunks.every((c) => !/[\uD800-\uDBFF]$/.test(c))).toBe(true)
    expect(chunks.join('')).toBe(text)
  })

  test('bytes that are not UTF-8 are read as Windows-1252, one by one; valid UTF-8 around them is kept', () => {
    const { text, stats } = decodeAll(concat(utf8('Déjà '), latin1('vu \x80 caf\xe9'), utf8(' – ok'), Uint8Array.of(0xc3)))
    expect(text).toBe('Déjà vu € café – okÃ')
    expect(stats.repairedBytes).toBe(3)
  })

  test('overlong encodings and surrogates encoded in UTF-8 are not UTF-8', () => {
    expect(decodeAll(Uint8Array.of(0xc0, 0xaf, 0xed, 0xa0, 0x80)).stats.repairedBytes).toBe(5)
  })

  test('byte-order marks win over declarations; declarations are sniffed', () => {
    expect(decodeAll(concat(Uint8Array.of(0xef, 0xbb, 0xbf), latin1('<?xml version="1.0" encoding="ISO-8859-1"?>'))).stats.encoding).toBe('utf-8')
    expect(sniffXmlEncoding(`<?xml version='1.0' encoding='windows-1252' ?>`)).toBe('windows-1252')
    expect(sniffXmlEncoding('<rss encoding="x">')).toBeNull()
    expect(sniffHtmlCharset('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">')).toBe('UTF-8')
    expect(sniffHtmlCharset('<meta charset=iso-8859-15>')).toBe('iso-8859-15')
  })
})

describe('dates', () => {
  test('epoch seconds, milliseconds and microseconds by magnitude', () => {
    expect(epochToMs(1616337559)).toBe(1616337559000)
    expect(epochToMs(1616337559000)).toBe(1616337559000)
    expect(epochToMs(1616337559000000)).toBe(1616337559000)
    expect([epochToMs(0), epochToMs(-1), epochToMs(Number.NaN), epochToMs(1e20)]).toEqual([null, null, null, null])
  })

  test('WordPress dates are UTC; the zero date is none', () => {
    expect(parseWordPressDate('2011-01-18 07:40:14')).toBe(Date.UTC(2011, 0, 18, 7, 40, 14))
    expect(parseWordPressDate('0000-00-00 00:00:00')).toBeNull()
    expect(parseWordPressDate(undefined)).toBeNull()
  })

  test('loose dates: ISO with or without zone (UTC then), RFC 2822, words; impossible days refused', () => {
    expect(parseLooseDate('2024-06-05')).toBe(Date.UTC(2024, 5, 5))
    expect(parseLooseDate('2024-06-05T10:00:00')).toBe(Date.UTC(2024, 5, 5, 10))
    expect(parseLooseDate('2024-06-05T10:00:00.5+02:00')).toBe(Date.UTC(2024, 5, 5, 8, 0, 0, 500))
    expect(parseLooseDate('Wed, 05 Jun 2024 16:04:48 +0000')).toBe(Date.UTC(2024, 5, 5, 16, 4, 48))
    expect(parseLooseDate('June 5, 2024')).toBe(Date.UTC(2024, 5, 5))
    expect(parseLooseDate('1717603488')).toBe(1717603488000)
    expect([parseLooseDate('2023-02-29'), parseLooseDate('2024-13-01'), parseLooseDate('soon'), parseLooseDate(''), parseLooseDate({})]).toEqual([null, null, null, null, null])
  })
})

describe('autop (WordPress classic-editor paragraphs)', () => {
  test.each([
    ['Welcome to WordPress.', '<p>Welcome to WordPress.</p>'],
    ['Line one\nline two\n\nPara two', '<p>Line one<br>\nline two</p>\n<p>Para two</p>'],
    ['Intro:\n\n<blockquote>Quote</blockquote>\n\nAfter', '<p>Intro:</p>\n<blockquote><p>Quote</p></blockquote>\n<p>After</p>'],
    ['<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nafter', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>after</p>'],
    ['Code:\n<pre>x\n\ny</pre>\nend', '<p>Code:</p>\n<pre>x\n\ny</pre>\n<p>end</p>'],
    ['<p>Already</p>\n\n<p>Done</p>', '<p>Already</p>\n<p>Done</p>'],
    ['<div>one\n\ntwo</div>', '<div><p>one</p>\n<p>two</p></div>'],
    ['<h2>Title</h2>\nBody', '<h2>Title</h2>\n<p>Body</p>'],
    ['a<!--more-->\n\nb', '<p>a<!--more--></p>\n<p>b</p>'],
    ['x\r\n\r\ny', '<p>x</p>\n<p>y</p>'],
    ['<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->', '<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->'],
    ['   \n\n  ', ''],
    // NUL delimits placeholders inside autop: NULs in the content are dropped, never read as one.
    ['a\u00000\u0000b <pre>\n</pre>', '<p>a0b</p>\n<pre>\n</pre>'],
  ])('%j', (input, output) => {
    expect(autop(input)).toBe(output)
  })
})

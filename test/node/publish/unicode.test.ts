import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { graphemeBoundaries, graphemeLength, utf8Length, utf8Offset } from '../../../src/core/publish/unicode'

describe('unicode helpers', () => {
  it('counts grapheme clusters', () => {
    expect(graphemeLength('')).toBe(0)
    expect(graphemeLength('abc\r\n')).toBe(4) // CRLF is one cluster
    expect(graphemeLength('👩‍💻🇫🇷é')).toBe(3)
    expect(graphemeLength('e\u0301')).toBe(1)
  })
  it('knows where clusters start', () => {
    const text = 'a👩‍💻b'
    expect(graphemeBoundaries(text)).toEqual([0, 1, 6, 7])
  })
  it('segments long texts in slices with the same result as in one go', () => {
    const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' })
    const whole = (text: string): number[] => [...[...segmenter.segment(text)].map((s) => s.index), text.length]
    // Clusters of every length straddle the 1,024-unit slice ends: ZWJ families, flags (parity!), accents, CRLF.
    const text = ['a', '👩‍👩‍👧‍👦', '🇫🇷', '🇫🇷🇩🇪', 'e\u0301\u0302', '\r\n', '日', ' ', 'x\u200d'].flatMap((piece, i) => Array(40 + i).fill(piece)).join('')
    for (const start of [0, 1, 2, 3, 5, 7]) expect(graphemeBoundaries(text.slice(start))).toEqual(whole(text.slice(start)))
    // A base and a combining mark outside the BMP across a slice end, the mark's surrogate pair cut by it.
    const astral = '日'.repeat(1021) + '\u{1D1B9}\u{1D165}\u{1D16E}' + '日'.repeat(1100)
    expect(graphemeBoundaries(astral)).toEqual(whole(astral))
    expect(graphemeBoundaries(astral).slice(1020, 1023)).toEqual([1020, 1021, 1027])
    const marks = 'a' + '\u0301'.repeat(3000) + 'b'
    expect(graphemeBoundaries(marks)).toEqual([0, 3001, 3002])
  })
  it('property: slices agree with one-go segmentation on long random texts', () => {
    const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' })
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), { minLength: 200, maxLength: 600 }), (pieces) => {
        const text = pieces.join('')
        expect(graphemeBoundaries(text)).toEqual([...[...segmenter.segment(text)].map((s) => s.index), text.length])
      }),
      { numRuns: 30 },
    )
  })
  it('property: UTF-8 length and offsets agree with TextEncoder', () => {
    const encoder = new TextEncoder()
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(), (text, n) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).length)
        const bounds = graphemeBoundaries(text)
        const at = bounds[n % bounds.length]!
        expect(utf8Offset(text, at)).toBe(encoder.encode(text.slice(0, at)).length)
        expect(graphemeLength(text)).toBe(bounds.length - 1)
      }),
    )
  })
})

describe('graphemeLength fast path', () => {
  it('property: agrees with the segmenter on mixed simple and complex text', () => {
    const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' })
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom('a', 'é', '\r', '\n', '\r\n', '\u0301', '\u200d', '©', '©\ufe0f', '\u{1F1EB}', '\u{1F1F7}', '👩', '\u0600', 'ก', 'ำ', '각', '\u1100', '\u1161'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('')
        const segments = [...segmenter.segment(text)]
        expect(graphemeLength(text)).toBe(segments.length)
        expect(graphemeBoundaries(text)).toEqual([...segments.map((s) => s.index), text.length])
      }),
      { numRuns: 2000 },
    )
  })
})

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { graphemeBoundaries, graphemeLength, isGraphemeBoundary, utf8Length, utf8Offset } from '../../../src/core/publish/unicode'

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
    expect(isGraphemeBoundary(text, 2)).toBe(false)
    expect(isGraphemeBoundary(text, 6)).toBe(true)
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

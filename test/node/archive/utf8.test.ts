// The archive's UTF-8 encoding (src/core/archive/utf8.ts, encodeInto into one buffer) gives TextEncoder.encode's
// bytes for any text: accents, emoji and their joiners, right-to-left text, lone surrogates (U+FFFD), nothing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utf8Bytes, utf8BytesEach } from '../../../src/core/archive/utf8'

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
const TEXTS = ['', 'abc', 'économie café', '👩‍👩‍👧 🇫🇷', 'مرحبا بالعالم', 'a\uD800b', '\uDC00', 'end\uD83D', '\u0000\u007f\u0080\u07ff\u0800\uffff', 'x'.repeat(100_000)]

describe('utf8Bytes', () => {
  it('gives the bytes TextEncoder gives, in a buffer exactly their size', () => {
    for (const text of TEXTS) {
      const bytes = utf8Bytes(text)
      expect(bytes).toEqual(encode(text))
      expect(bytes.byteOffset).toBe(0)
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength)
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(utf8Bytes(text)).toEqual(encode(text))
    }))
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }), (text) => {
      expect(utf8Bytes(text)).toEqual(encode(text))
    }))
  })
})

describe('utf8BytesEach', () => {
  it('gives each text its bytes, as views into one buffer holding them all in order', () => {
    const each = utf8BytesEach(TEXTS)
    expect(each.map((bytes) => [...bytes])).toEqual(TEXTS.map((text) => [...encode(text)]))
    expect(new Set(each.map((bytes) => bytes.buffer)).size).toBe(1)
    expect(each[0]!.buffer.byteLength).toBe(TEXTS.reduce((sum, text) => sum + encode(text).length, 0))
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (texts) => {
        expect(utf8BytesEach(texts).map((bytes) => [...bytes])).toEqual(texts.map((text) => [...encode(text)]))
      }),
    )
    expect(utf8BytesEach([])).toEqual([])
  })
})

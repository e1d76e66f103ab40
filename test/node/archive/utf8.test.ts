// The archive's UTF-8 encoding (src/core/archive/utf8.ts, encodeInto into one buffer) gives TextEncoder.encode's
// bytes for any text: accents, emoji and their joiners, right-to-left text, lone surrogates (U+FFFD), nothing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utf8Bytes, utf8BytesEach, utf8JsonArray } from '../../../src/core/archive/utf8'
import { shardText } from '../../../src/features/backup/renderShard'

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

describe('utf8JsonArray', () => {
  it("gives the bytes of the shard's text (its records joined), in a buffer exactly their size", () => {
    const records = TEXTS.map((text) => JSON.stringify({ text }))
    for (const some of [[], records.slice(0, 1), records]) {
      const bytes = utf8JsonArray(some)
      expect(bytes).toEqual(encode(shardText(some)))
      expect(bytes.byteOffset).toBe(0)
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength)
    }
    // Raw texts too, lone surrogates at a record's ends included: each is encoded on its own, as the join would be.
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (texts) => {
        expect(utf8JsonArray(texts)).toEqual(encode(shardText(texts)))
      }),
    )
    // JSON.stringify escapes lone surrogates, so the shard parses back to the very texts.
    expect(JSON.parse(new TextDecoder().decode(utf8JsonArray(records)))).toEqual(TEXTS.map((text) => ({ text })))
  })
})

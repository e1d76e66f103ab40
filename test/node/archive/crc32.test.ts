// The archive's CRC-32 (slicing by 8, src/core/archive/crc32.ts) against the standard check value and against
// fflate's byte-at-a-time CRC (what it replaced) on random data of every length around the 8-byte steps, and on
// views that do not start at their buffer's start.
import { ZipPassThrough } from 'fflate'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../../src/core/archive/crc32'

function fflateCrc(data: Uint8Array): number {
  const stream = new ZipPassThrough('')
  stream.ondata = () => {}
  stream.push(data, true)
  return stream.crc >>> 0
}

describe('crc32', () => {
  it('gives the standard check value and 0 for nothing', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array(0))).toBe(0)
  })

  it('matches fflate on random bytes, lengths and offsets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), fc.nat(7), (bytes, offset) => {
        const view = bytes.subarray(Math.min(offset, bytes.length))
        expect(crc32(view)).toBe(fflateCrc(view))
      }),
      { numRuns: 500 },
    )
    const big = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24)
    expect(crc32(big)).toBe(fflateCrc(big))
  })
})

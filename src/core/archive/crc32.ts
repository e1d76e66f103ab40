// CRC-32 as zip computes it, borrowed from fflate's pass-through zip stream (fflate does not export
// its CRC function on its own; the stream's `crc` field is part of its documented interface).
import { ZipPassThrough } from 'fflate'

export function crc32(data: Uint8Array): number {
  const stream = new ZipPassThrough('')
  stream.ondata = () => {}
  stream.push(data, true)
  // fflate returns it as a signed 32-bit integer; zip headers and readers use the unsigned value.
  return stream.crc >>> 0
}

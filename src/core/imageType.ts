// Which stored image type some bytes are, from their first bytes rather than a name or a server's word:
// used wherever outside bytes become an attachment (imported folders, downloaded images).

/** The raster types Baluchon stores (SVG is refused: it can carry scripts), each with its signature. */
const SIGNATURES: readonly [string, (b: Uint8Array) => boolean][] = [
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['image/avif', (b) => ascii(b, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 12))],
  ['image/bmp', (b) => b[0] === 0x42 && b[1] === 0x4d],
]

export const STORED_IMAGE_TYPES: readonly string[] = SIGNATURES.map(([mime]) => mime)

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to))
}

/** The stored type these bytes are, whatever a name or a server claims; null for anything else. */
export function sniffImageType(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null
  for (const [mime, test] of SIGNATURES) if (test(bytes)) return mime
  return null
}

// Reads the start of a response body: just enough for the page's <head>, never more than a cap.
// Everything a preview needs sits in the head, so the rest of a (possibly endless) body is never downloaded.

export interface HeadBytes {
  bytes: Uint8Array
  /** The cap was hit before the head was seen to end or the body ended. */
  capped: boolean
}

// Where the head is over: `</head>`, or `<body>` for pages that omit the optional end tag.
const HEAD_END = /<\/head\s*>|<body[\s>/]/i
// Enough bytes kept between chunks for a marker split across two of them.
const OVERLAP = 16

export async function readHead(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  raceAbort: <T>(promise: Promise<T>) => Promise<T>,
): Promise<HeadBytes> {
  if (!body) return { bytes: new Uint8Array(0), capped: false }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  let tail = ''
  try {
    for (;;) {
      const { done, value } = await raceAbort(reader.read())
      if (done) return { bytes: concat(chunks, total), capped: false }
      const room = maxBytes - total
      const chunk = value.byteLength > room ? value.subarray(0, room) : value
      chunks.push(chunk)
      total += chunk.byteLength
      // latin1 maps each byte to one character, so ASCII markers are found whatever the page's encoding.
      const window = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1')
      if (HEAD_END.test(window)) return { bytes: concat(chunks, total), capped: false }
      if (total >= maxBytes) return { bytes: concat(chunks, total), capped: true }
      tail = window.slice(-OVERLAP)
    }
  } finally {
    // Closes the connection instead of letting the rest of the body stream in for nothing.
    reader.cancel().catch(() => undefined)
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

// UTF-8 encoding for the archive's large texts (items shards, their content/ Markdown), the same bytes as
// TextEncoder.encode. Why not TextEncoder.encode: in Chromium it is several times slower than encodeInto on large
// strings (a shard of 3.9 M characters, in a worker: 54 ms against 10 for encodeInto into a buffer; in a 10,000-item
// export's pool profile, encode was the largest single cost, about 1 s of its workers' time).
const encoder = new TextEncoder()

/** At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair, 2 units, makes 4). */
const MAX_BYTES_PER_UNIT = 3

/** The UTF-8 bytes of `text`, in a buffer of their own (exactly their length: it can be handed over). */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  const room = new Uint8Array(text.length * MAX_BYTES_PER_UNIT)
  const { written } = encoder.encodeInto(text, room)
  return room.slice(0, written)
}

/**
 * The UTF-8 bytes of each text, as views into one buffer of their own (one allocation and one buffer to hand over
 * for a whole shard's Markdown files, instead of one per file).
 */
export function utf8BytesEach(texts: readonly string[]): Uint8Array<ArrayBuffer>[] {
  let units = 0
  for (const text of texts) units += text.length
  const room = new Uint8Array(units * MAX_BYTES_PER_UNIT)
  const ends: number[] = []
  let at = 0
  for (const text of texts) {
    at += encoder.encodeInto(text, room.subarray(at)).written
    ends.push(at)
  }
  const all = room.slice(0, at)
  return ends.map((end, i) => all.subarray(i === 0 ? 0 : ends[i - 1]!, end))
}

const OPEN = [0x5b, 0x0a] // "[\n"
const BETWEEN = [0x2c, 0x0a] // ",\n"
const CLOSE = [0x0a, 0x5d, 0x0a] // "\n]\n"

/**
 * The UTF-8 bytes of `[\n${records.join(',\n')}\n]\n` (an archive's JSON shard), each record encoded straight into
 * the one buffer. Why not join, then utf8Bytes: joining 1,000 records of a French and English base makes a two-byte
 * string of 4 M characters that the encoder must first flatten; encoding each record where it goes took a third of
 * the time (4.4 M characters: 57 ms against 183 ms in Node), and a shard is encoded once per shard of every export.
 */
export function utf8JsonArray(records: readonly string[]): Uint8Array<ArrayBuffer> {
  let units = OPEN.length + CLOSE.length
  for (const record of records) units += record.length + BETWEEN.length
  const room = new Uint8Array(units * MAX_BYTES_PER_UNIT)
  room.set(OPEN, 0)
  let at = OPEN.length
  records.forEach((record, i) => {
    if (i > 0) {
      room.set(BETWEEN, at)
      at += BETWEEN.length
    }
    at += encoder.encodeInto(record, room.subarray(at)).written
  })
  room.set(CLOSE, at)
  return room.slice(0, at + CLOSE.length)
}

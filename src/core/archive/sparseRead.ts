// Reading a `.baluchon` file for a restore without its `content/` Markdown: a restore never uses those files (they
// are a copy for people, and their checksums are not verified then), and they are more than half of an archive's
// bytes (32 of 54 MB at 10,000 items), all of which had to come from main through IPC. Only the zip's end records
// and central directory are looked at here, to find where the content/ entries lie; every check happens later, on
// what was read (readArchive with `absent`). Anything unusual here (Zip64, a damaged directory) means reading the
// whole file, and the full checks then say what is wrong.
import { CONTENT_DIR } from './format'
import type { AbsentRanges } from './zipReader'

/** Fills `bytes` from `start` to `end` with the file's bytes (the caller reads them from wherever the file is). */
export type FillRange = (start: number, end: number) => Promise<void>

/** Below this many bytes of content/, the whole file is read (one code path for small archives). */
const WORTH_SKIPPING = 1024 * 1024
/** The end of the file read first: the end record, its comment, and usually the central directory. */
const TAIL = 256 * 1024

const SIG_CENTRAL = 0x02014b50
const SIG_EOCD = 0x06054b50
const CONTENT_PREFIX = new TextEncoder().encode(CONTENT_DIR)

/**
 * Fills `bytes` (the file's size, zeros) with everything but the content/ entries, and returns the ranges left out
 * (for readArchive's `absent`). Reads the whole file when it cannot tell.
 */
export async function readSkippingContent(bytes: Uint8Array, fill: FillRange, options: { worthSkipping?: number } = {}): Promise<AbsentRanges> {
  const size = bytes.length
  const tailStart = Math.max(0, size - TAIL)
  await fill(tailStart, size)
  const end = endRecord(bytes, tailStart)
  if (end && end.cdOffset < tailStart) await fill(end.cdOffset, tailStart)
  const absent = end ? contentRanges(bytes, end) : null
  const skipped = absent?.reduce((sum, [from, to]) => sum + to - from, 0) ?? 0
  const firstRead = end ? Math.min(end.cdOffset, tailStart) : tailStart
  if (!absent || skipped === 0 || skipped < (options.worthSkipping ?? WORTH_SKIPPING)) {
    await fill(0, firstRead)
    return []
  }
  let at = 0
  for (const [from, to] of absent) {
    if (from > at) await fill(at, Math.min(from, firstRead))
    at = to
  }
  if (at < firstRead) await fill(at, firstRead)
  return absent
}

interface EndRecord {
  count: number
  cdOffset: number
  cdSize: number
}

function endRecord(bytes: Uint8Array, tailStart: number): EndRecord | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const last = bytes.length - 22
  for (let at = last; at >= Math.max(tailStart, last - 0xffff); at--) {
    if (bytes[at] !== 0x50 || view.getUint32(at, true) !== SIG_EOCD || at + 22 + view.getUint16(at + 20, true) !== bytes.length) continue
    const count = view.getUint16(at + 10, true)
    const cdSize = view.getUint32(at + 12, true)
    const cdOffset = view.getUint32(at + 16, true)
    // Zip64 (markers) or a directory that does not end where the end record starts: read everything.
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || cdOffset + cdSize !== at) return null
    return { count, cdOffset, cdSize }
  }
  return null
}

/** The content/ entries' spans (local header to the next entry), merged; null when the directory looks wrong. */
function contentRanges(bytes: Uint8Array, end: EndRecord): [number, number][] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const cdEnd = end.cdOffset + end.cdSize
  const starts: { offset: number; content: boolean }[] = []
  let at = end.cdOffset
  for (let i = 0; i < end.count; i++) {
    if (at + 46 > cdEnd || view.getUint32(at, true) !== SIG_CENTRAL) return null
    const nameLength = view.getUint16(at + 28, true)
    const localOffset = view.getUint32(at + 42, true)
    if (localOffset >= end.cdOffset) return null
    let content = nameLength > CONTENT_PREFIX.length
    for (let j = 0; content && j < CONTENT_PREFIX.length; j++) content = bytes[at + 46 + j] === CONTENT_PREFIX[j]
    starts.push({ offset: localOffset, content })
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  if (at !== cdEnd) return null
  starts.sort((a, b) => a.offset - b.offset)
  const ranges: [number, number][] = []
  for (let i = 0; i < starts.length; i++) {
    const { offset, content } = starts[i]!
    const next = i + 1 < starts.length ? starts[i + 1]!.offset : end.cdOffset
    if (!content || next <= offset) continue
    const previous = ranges.at(-1)
    if (previous && previous[1] === offset) previous[1] = next
    else ranges.push([offset, next])
  }
  return ranges
}

// A MiniSearch index saved as typed arrays, and loaded back without JSON.
//
// Why not MiniSearch's own toJSON/loadJSON: its JSON keeps every term's postings as objects keyed by
// number ({"17": 2, "40": 1}), which loadJS turns back into Maps key by key (Object.keys, parseInt). In the
// search worker that was most of getting ready after a start: loading the 2 MB head of a 10,000-item
// index took about 590 ms of CPU (460 ms in loadJSON, 270 of them in objectToNumericMap), against 99 ms
// for the JSON.parse itself. Here the postings are one Uint32Array that IndexedDB hands back as is (a
// structured clone of a buffer is a copy of its bytes), and loading is a loop that fills the same Maps.
// MiniSearch has no such format; its fields are `protected`, so a subclass may set them: that is all this
// file relies on, and scorer.ts already checks those fields' shapes at run time.
import MiniSearch, { type Options } from 'minisearch'

/** Bump when the layout below changes (with INDEX_FORMAT in engine.ts, so saved indexes are rebuilt). */
const COMPACT_VERSION = 1
/** A field length MiniSearch never set (a field extractField gave no value for): a hole in its array. */
const NO_LENGTH = 0xffffffff

export interface CompactIndex {
  v: typeof COMPACT_VERSION
  documentCount: number
  nextId: number
  dirtCount: number
  fieldIds: Record<string, number>
  averageFieldLength: number[]
  /** Short ids and the ids they stand for, in the same order. */
  shortIds: Uint32Array
  ids: string[]
  /** Short ids that have field lengths, and for each, one length per field (NO_LENGTH for a hole). */
  lengthIds: Uint32Array
  lengths: Uint32Array
  terms: string[]
  /** For each term, in `terms` order: how many fields, then per field its id, how many items, and (short id, frequency) pairs. */
  postings: Uint32Array
}

type FieldTermData = Map<number, Map<number, number>>

/** The members loadJS sets; `protected` in MiniSearch, so reachable from a subclass. */
class CompactMiniSearch<T> extends MiniSearch<T> {
  static encode<T>(index: MiniSearch<T>): CompactIndex {
    // Only reads the members every MiniSearch has, so it can run on one that loadJSON or `new` made.
    return CompactMiniSearch.prototype.toCompact.call(index as CompactMiniSearch<T>)
  }

  static decode<T>(compact: CompactIndex, options: Options<T>): MiniSearch<T> {
    const search = new CompactMiniSearch<T>(options)
    search.fromCompact(compact)
    return search
  }

  private toCompact(): CompactIndex {
    const fieldCount = Object.keys(this._fieldIds).length
    const shortIds = new Uint32Array(this._documentIds.size)
    const ids: string[] = []
    let i = 0
    for (const [shortId, id] of this._documentIds) {
      if (typeof id !== 'string') throw new Error('Search index: only string ids can be saved')
      shortIds[i++] = uint(shortId)
      ids.push(id)
    }
    const lengthIds = new Uint32Array(this._fieldLength.size)
    const lengths = new Uint32Array(this._fieldLength.size * fieldCount)
    i = 0
    for (const [shortId, fieldLengths] of this._fieldLength) {
      lengthIds[i] = uint(shortId)
      for (let f = 0; f < fieldCount; f++) {
        const length = fieldLengths[f]
        lengths[i * fieldCount + f] = length === undefined ? NO_LENGTH : uint(length)
      }
      i++
    }
    const terms: string[] = []
    let size = 0
    for (const [term, data] of this._index) {
      terms.push(term)
      size += 1
      for (const freqs of data.values()) size += 2 + 2 * freqs.size
    }
    const postings = new Uint32Array(size)
    let at = 0
    for (const data of this._index.values()) {
      postings[at++] = data.size
      for (const [fieldId, freqs] of data) {
        postings[at++] = uint(fieldId)
        postings[at++] = freqs.size
        for (const [shortId, freq] of freqs) {
          postings[at++] = uint(shortId)
          postings[at++] = uint(freq)
        }
      }
    }
    return {
      v: COMPACT_VERSION,
      documentCount: this._documentCount,
      nextId: this._nextId,
      dirtCount: this._dirtCount,
      fieldIds: { ...this._fieldIds },
      averageFieldLength: [...this._avgFieldLength],
      shortIds,
      ids,
      lengthIds,
      lengths,
      terms,
      postings,
    }
  }

  private fromCompact(c: CompactIndex): void {
    const fieldCount = Object.keys(c.fieldIds).length
    this._documentCount = c.documentCount
    this._nextId = c.nextId
    this._dirtCount = c.dirtCount
    this._fieldIds = { ...c.fieldIds }
    this._avgFieldLength = [...c.averageFieldLength]
    this._documentIds = new Map()
    this._idToShortId = new Map()
    for (let i = 0; i < c.shortIds.length; i++) {
      this._documentIds.set(c.shortIds[i]!, c.ids[i])
      this._idToShortId.set(c.ids[i], c.shortIds[i]!)
    }
    this._fieldLength = new Map()
    for (let i = 0; i < c.lengthIds.length; i++) {
      const fieldLengths: number[] = []
      for (let f = 0; f < fieldCount; f++) {
        const length = c.lengths[i * fieldCount + f]!
        if (length !== NO_LENGTH) fieldLengths[f] = length
      }
      this._fieldLength.set(c.lengthIds[i]!, fieldLengths)
    }
    // storeFields is empty wherever this is used: MiniSearch keeps nothing per item there.
    this._storedFields = new Map()
    // The constructor made an empty index (MiniSearch does not export its SearchableMap class): filled in place.
    const index = this._index
    const p = c.postings
    let at = 0
    for (const term of c.terms) {
      const data: FieldTermData = new Map()
      const fields = p[at++]!
      for (let f = 0; f < fields; f++) {
        const fieldId = p[at++]!
        const count = p[at++]!
        if (at + 2 * count > p.length) throw new Error('Search index: the saved postings are cut short')
        const freqs = new Map<number, number>()
        for (let k = 0; k < count; k++, at += 2) freqs.set(p[at]!, p[at + 1]!)
        data.set(fieldId, freqs)
      }
      index.set(term, data)
    }
    if (at !== p.length) throw new Error('Search index: the saved postings do not match its terms')
  }
}

function uint(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n >= NO_LENGTH) throw new Error(`Search index: ${n} cannot be saved as a count`)
  return n
}

/** True when `value` has the shape `encodeIndex` writes (what a saved row holds, before it is trusted). */
export function isCompactIndex(value: unknown): value is CompactIndex {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Partial<CompactIndex>
  return (
    c.v === COMPACT_VERSION &&
    c.shortIds instanceof Uint32Array &&
    c.lengthIds instanceof Uint32Array &&
    c.lengths instanceof Uint32Array &&
    c.postings instanceof Uint32Array &&
    Array.isArray(c.ids) &&
    Array.isArray(c.terms) &&
    Array.isArray(c.averageFieldLength) &&
    typeof c.fieldIds === 'object' &&
    c.fieldIds !== null &&
    c.ids.length === c.shortIds.length &&
    c.lengths.length === c.lengthIds.length * Object.keys(c.fieldIds).length &&
    typeof c.documentCount === 'number' &&
    typeof c.nextId === 'number' &&
    typeof c.dirtCount === 'number'
  )
}

/** The index as typed arrays, for IndexedDB (the index must use string ids and an empty storeFields). */
export function encodeIndex<T>(index: MiniSearch<T>): CompactIndex {
  return CompactMiniSearch.encode(index)
}

/** A MiniSearch equal to the one encoded, built with `options` (the same as when it was built). Throws on corrupt data. */
export function decodeIndex<T>(compact: CompactIndex, options: Options<T>): MiniSearch<T> {
  if (!isCompactIndex(compact)) throw new Error('Search index: not a saved index of this format')
  return CompactMiniSearch.decode(compact, options)
}

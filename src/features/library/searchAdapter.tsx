// The list's link to search. Until the search feature (MiniSearch index) is available this falls back to
// a live scan of titles and text, newest first, capped — correct but slower; it is swapped out for useSearch.
import { useLiveQuery } from 'dexie-react-hooks'
import type { ItemKind } from '../../core/items'
import { foldText } from '../../core/text'
import { getDb } from '../../db'

export interface Segment {
  text: string
  match: boolean
}

export interface LibraryHit {
  id: string
  titleSegments: Segment[]
  snippetSegments: Segment[]
}

export interface LibrarySearch {
  hits: LibraryHit[]
  ready: boolean
  pending: boolean
}

const MAX_FALLBACK_HITS = 500

/** Splits `text` around the folded needle's occurrences (folding keeps lengths for Latin text; checked). */
function segmentsOf(text: string, needle: string): Segment[] {
  const folded = foldText(text)
  if (!needle || folded.length !== text.length) return [{ text, match: false }]
  const out: Segment[] = []
  let from = 0
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
    if (at > from) out.push({ text: text.slice(from, at), match: false })
    out.push({ text: text.slice(at, at + needle.length), match: true })
    from = at + needle.length
  }
  if (from < text.length) out.push({ text: text.slice(from), match: false })
  return out
}

function snippet(text: string, needle: string): Segment[] {
  const at = foldText(text).indexOf(needle)
  const start = Math.max(0, at - 40)
  const slice = (start > 0 ? '…' : '') + text.slice(start, start + 180).replace(/\s+/g, ' ')
  return segmentsOf(slice, needle)
}

export function useLibrarySearch(query: string, options: { kind: ItemKind | null; tag: string | null }): LibrarySearch {
  const needle = foldText(query.trim())
  const result = useLiveQuery(async () => {
    if (!needle) return []
    const hits: LibraryHit[] = []
    await getDb()
      .items.where('[trashed+updatedAt]')
      .between([0, -Infinity], [0, Infinity])
      .reverse()
      .until(() => hits.length >= MAX_FALLBACK_HITS)
      .each((item) => {
        if (options.kind && item.kind !== options.kind) return
        if (options.tag && !item.tags.includes(options.tag)) return
        const inTitle = foldText(item.title).includes(needle)
        if (!inTitle && !foldText(item.bodyText).includes(needle)) return
        hits.push({ id: item.id, titleSegments: segmentsOf(item.title, needle), snippetSegments: snippet(item.bodyText, needle) })
      })
    return hits
  }, [needle, options.kind, options.tag])
  return { hits: result ?? [], ready: result !== undefined, pending: result === undefined }
}

export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  )
}

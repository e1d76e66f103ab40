// A newer answer to the same query mostly repeats the hits already shown (the complete answer after a
// partial one, the same query asked again after an edit elsewhere). Hits arrive structured-cloned, so every
// one is a new object and every visible row (memoised on its hit) would draw again for nothing: the hits
// that did not change keep the object already shown.
import type { Segment } from '../../core/search'
import type { SearchHit } from './hits'

function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  return a.length === b.length && a.every((s, i) => s.text === b[i]!.text && s.match === b[i]!.match)
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

function sameShallow(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const ka = Object.keys(a)
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(ra[k], rb[k]))
}

/** Everything a result row shows (and its rank's score) is the same. */
export function sameHit(a: SearchHit, b: SearchHit): boolean {
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.title === b.title &&
    a.updatedAt === b.updatedAt &&
    a.status === b.status &&
    a.unread === b.unread &&
    a.score === b.score &&
    sameList(a.tags, b.tags) &&
    sameShallow(a.career, b.career) &&
    sameSegments(a.titleSegments, b.titleSegments) &&
    sameSegments(a.snippetSegments, b.snippetSegments)
  )
}

/** `next`, with each hit equal to one in `previous` replaced by that one; `previous` itself if nothing changed. */
export function keepUnchangedHits(previous: readonly SearchHit[] | undefined, next: SearchHit[]): SearchHit[] {
  if (!previous || previous.length === 0) return next
  const shown = new Map(previous.map((hit) => [hit.id, hit]))
  let all = previous.length === next.length
  const kept = next.map((hit, i) => {
    const old = shown.get(hit.id)
    if (old && sameHit(old, hit)) {
      if (previous[i] !== old) all = false
      return old
    }
    all = false
    return hit
  })
  return all ? (previous as SearchHit[]) : kept
}

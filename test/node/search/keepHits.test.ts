// A newer answer keeps the hit objects already shown when they did not change (rows memoised on them
// do not draw again), and takes the new ones wherever anything a row shows differs.
import { describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../src/features/search/hits'
import { keepUnchangedHits, sameHit } from '../../../src/features/search/keepHits'

function hit(id: string, extra: Partial<SearchHit> = {}): SearchHit {
  return {
    id,
    kind: 'note',
    title: `Title ${id}`,
    tags: ['a'],
    updatedAt: 1000,
    status: null,
    unread: false,
    career: { kind: 'note', createdAt: 1 },
    score: 2,
    titleSegments: [{ text: `Title ${id}`, match: false }],
    snippetSegments: [{ text: 'body', match: true }],
    ...extra,
  }
}

const clone = <T,>(x: T): T => structuredClone(x)

describe('keepUnchangedHits', () => {
  it('returns the previous array itself when the new answer repeats it', () => {
    const previous = [hit('1'), hit('2')]
    expect(keepUnchangedHits(previous, clone(previous))).toBe(previous)
  })

  it('keeps the unchanged objects and takes the changed, new and reordered ones', () => {
    const previous = [hit('1'), hit('2'), hit('3')]
    const next = [clone(previous[1]!), hit('1', { title: 'Renamed' }), hit('4'), clone(previous[2]!)]
    const kept = keepUnchangedHits(previous, next)
    expect(kept).not.toBe(previous)
    expect(kept[0]).toBe(previous[1])
    expect(kept[1]).toBe(next[1])
    expect(kept[1]!.title).toBe('Renamed')
    expect(kept[2]).toBe(next[2])
    expect(kept[3]).toBe(previous[2])
  })

  it('takes the new answer when there was none', () => {
    const next = [hit('1')]
    expect(keepUnchangedHits(undefined, next)).toBe(next)
    expect(keepUnchangedHits([], next)).toBe(next)
  })

  it('a shorter answer is a new array even when its hits are unchanged', () => {
    const previous = [hit('1'), hit('2')]
    const kept = keepUnchangedHits(previous, [clone(previous[0]!)])
    expect(kept).not.toBe(previous)
    expect(kept).toEqual([previous[0]])
  })
})

describe('sameHit', () => {
  const base = hit('1')
  const changes: Array<[string, Partial<SearchHit>]> = [
    ['title', { title: 'Other' }],
    ['kind', { kind: 'post' }],
    ['date', { updatedAt: 2000 }],
    ['status', { status: 'draft' }],
    ['unread', { unread: true }],
    ['score', { score: 3 }],
    ['tags', { tags: ['a', 'b'] }],
    ['career facts', { career: { kind: 'note', createdAt: 1, affiliationId: 'x' } }],
    ['title marks', { titleSegments: [{ text: 'Title 1', match: true }] }],
    ['snippet (none yet)', { snippetSegments: [] }],
    ['snippet text', { snippetSegments: [{ text: 'other', match: true }] }],
  ]
  it.each(changes)('tells a change of %s', (_, change) => {
    expect(sameHit(base, hit('1', change))).toBe(false)
  })
  it('is true for an identical copy', () => {
    expect(sameHit(base, clone(base))).toBe(true)
  })
})

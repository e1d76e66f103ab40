import { describe, expect, it } from 'vitest'
import { MAX_REVISIONS_PER_ITEM, revisionsToPrune, shouldSnapshot, SNAPSHOT_MIN_INTERVAL } from '../../../src/core/revisions'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const now = Date.UTC(2026, 10, 28, 12)

describe('shouldSnapshot', () => {
  const last = { title: 'T', bodyText: 'hello', createdAt: now - MIN }
  it.each([
    ['no previous snapshot, some text', undefined, { title: 'T', bodyText: 'x' }, now, true],
    ['no previous snapshot, nothing typed', undefined, { title: '', bodyText: '' }, now, false],
    ['unchanged text', last, { title: 'T', bodyText: 'hello' }, now + DAY, false],
    ['small change soon after', last, { title: 'T', bodyText: 'hello!' }, now, false],
    ['small change after the interval', last, { title: 'T', bodyText: 'hello!' }, last.createdAt + SNAPSHOT_MIN_INTERVAL, true],
    ['large change soon after', last, { title: 'T', bodyText: 'x'.repeat(300) }, now, true],
    ['title changed after a minute', { ...last, createdAt: now - 2 * MIN }, { title: 'New', bodyText: 'hello' }, now, true],
  ] as const)('%s', (_name, previous, current, at, expected) => {
    expect(shouldSnapshot(previous, current, at)).toBe(expected)
  })
})

describe('revisionsToPrune', () => {
  it('keeps everything from the last hour', () => {
    const revs = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, createdAt: now - i * MIN }))
    expect(revisionsToPrune(revs, now)).toEqual([])
  })
  it('keeps one per day between a day and a month old, the newest of each day', () => {
    const day = Math.floor((now - 5 * DAY) / DAY) * DAY
    const revs = [
      { id: 'morning', createdAt: day + 8 * HOUR },
      { id: 'noon', createdAt: day + 12 * HOUR },
      { id: 'evening', createdAt: day + 20 * HOUR },
    ]
    expect(revisionsToPrune(revs, now).sort()).toEqual(['morning', 'noon'])
  })
  it('thins older history to one per week', () => {
    const revs = Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, createdAt: now - 40 * DAY - i * DAY }))
    const kept = revs.length - revisionsToPrune(revs, now).length
    expect(kept).toBeGreaterThanOrEqual(8)
    expect(kept).toBeLessThanOrEqual(10)
  })
  it('never keeps more than the cap, dropping the oldest', () => {
    const revs = Array.from({ length: MAX_REVISIONS_PER_ITEM + 20 }, (_, i) => ({ id: `r${i}`, createdAt: now - i * 1000 }))
    const pruned = revisionsToPrune(revs, now)
    expect(pruned).toHaveLength(20)
    expect(pruned).toContain(`r${MAX_REVISIONS_PER_ITEM + 19}`)
    expect(pruned).not.toContain('r0')
  })
})

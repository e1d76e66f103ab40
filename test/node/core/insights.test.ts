import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeInsights, daysOfYear, type Affiliation, type InsightFact } from '../../../src/core/career'
import { ITEM_KINDS } from '../../../src/core/items'

const acme: Affiliation = {
  id: 'acme', organisation: 'Acme', role: 'Dev', start: '2023-01-01', end: '2024-06-30',
  logoAttachmentId: null, defaultLabel: 'employer-confidential', createdAt: 0, updatedAt: 0,
}
const globex: Affiliation = { ...acme, id: 'globex', organisation: 'Globex', start: '2024-07-01', end: '', defaultLabel: 'employer-public' }
const context = { affiliations: [acme, globex], defaultLabel: 'personal' as const }

describe('contribution insights', () => {
  const facts: InsightFact[] = [
    { kind: 'post', date: '2024-03-05', tags: ['AI', 'Web'] },
    { kind: 'post', date: '2024-03-05', tags: ['ai'] },
    { kind: 'talk', date: '2024-09-12', tags: ['Web'] },
    { kind: 'link', date: '2022-12-31', tags: [] },
    { kind: 'note', date: '2024-12-31', tags: [], affiliationId: null, label: 'employer-confidential' },
  ]
  const publications = [
    { channel: 'wordpress' as const, status: 'published' as const },
    { channel: 'wordpress' as const, status: 'scheduled' as const },
    { channel: 'x' as const, status: 'failed' as const },
  ]
  const insights = computeInsights(facts, publications, context, { year: 2024 })

  it('counts per month of the chosen year, by kind', () => {
    expect(insights.months).toHaveLength(12)
    expect(insights.months[2]).toMatchObject({ month: '2024-03', post: 2, total: 2 })
    expect(insights.months[8]).toMatchObject({ month: '2024-09', talk: 1 })
    expect(insights.yearTotals.total).toBe(4)
    expect(insights.totals.total).toBe(5)
    expect(insights.years).toEqual([2024, 2022])
  })

  it('groups by the effective affiliation, newest first, work outside any last, with confidential counts', () => {
    expect(insights.byAffiliation.map((b) => [b.organisation, b.total, b.confidential])).toEqual([
      ['Globex', 1, 0],
      ['Acme', 2, 2],
      [null, 2, 1],
    ])
    expect(insights.labels).toEqual({ personal: 1, 'employer-public': 1, 'employer-confidential': 3 })
  })

  it('draws a heatmap of every day of the year, busiest day at level 4', () => {
    expect(insights.heatmap).toHaveLength(366)
    expect(insights.heatmap.find((d) => d.date === '2024-03-05')).toEqual({ date: '2024-03-05', count: 2, level: 4 })
    expect(insights.heatmap.find((d) => d.date === '2024-09-12')).toEqual({ date: '2024-09-12', count: 1, level: 2 })
    expect(insights.heatmap.find((d) => d.date === '2024-01-01')!.level).toBe(0)
  })

  it('ranks tags whatever their case, and publications per channel', () => {
    expect(insights.topTags).toEqual([
      { tag: 'AI', count: 2 },
      { tag: 'Web', count: 2 },
    ])
    expect(insights.channels).toEqual([
      { channel: 'wordpress', published: 1, planned: 1, failed: 0 },
      { channel: 'x', published: 0, planned: 0, failed: 1 },
    ])
  })

  it('knows leap years', () => {
    expect(daysOfYear(2023)).toHaveLength(365)
    expect(daysOfYear(2024).at(-1)).toBe('2024-12-31')
  })

  it('never loses or double-counts an item, whatever the facts', () => {
    const date = fc
      .tuple(fc.integer({ min: 2015, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
    const fact = fc.record({
      kind: fc.constantFrom(...ITEM_KINDS),
      date,
      tags: fc.array(fc.constantFrom('a', 'A', 'b', 'c'), { maxLength: 3 }),
    })
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 200 }), fc.integer({ min: 2015, max: 2030 }), (all, year) => {
        const r = computeInsights(all, [], context, { year })
        const sum = (xs: { total: number }[]): number => xs.reduce((s, x) => s + x.total, 0)
        expect(sum(r.months)).toBe(r.yearTotals.total)
        expect(r.heatmap.reduce((s, d) => s + d.count, 0)).toBe(r.yearTotals.total)
        expect(sum(r.byAffiliation)).toBe(all.length)
        expect(Object.values(r.labels).reduce((s, n) => s + n, 0)).toBe(all.length)
        expect(r.yearTotals.total).toBe(all.filter((f) => f.date.startsWith(String(year))).length)
      }),
    )
  })
})

// @vitest-environment jsdom
// A list row renders again only when something it can show changed: the list re-reads its rows after
// every write, and every field but the rich body (never shown in a row) must still reach the screen, the
// plain text as its preview and dates to the minute, as the row shows them.
import { describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { sameRowItem } from '../../../src/features/library/ItemRow'

const link = (): Item => ({ ...newItem('link', 'L1', 1000), title: 'A page', tags: ['web'], fetched: { title: 'A page', description: '', siteName: 'x' } }) as unknown as Item
/** The same row as a fresh read gives it: equal values, new objects and arrays. */
const reread = (item: Item): Item => structuredClone(item)

describe('sameRowItem', () => {
  it('takes a re-read of an unchanged row, or one whose body alone changed, as the same row', () => {
    const item = link()
    expect(sameRowItem(item, item)).toBe(true)
    expect(sameRowItem(item, reread(item))).toBe(true)
    expect(sameRowItem(item, { ...reread(item), body: docFromText('other') })).toBe(true)
  })

  it.each<[string, (item: Item) => Item]>([
    ['title', (i) => ({ ...i, title: 'Renamed' })],
    ['preview text', (i) => ({ ...i, bodyText: 'new words' })],
    ['date (another minute)', (i) => ({ ...i, updatedAt: i.updatedAt + 60_000 })],
    ['trashed', (i) => ({ ...i, trashed: 1, trashedAt: 3000 })],
    ['read flag', (i) => ({ ...i, read: true }) as Item],
    ['tags', (i) => ({ ...i, tags: ['web', 'css'] })],
    ['a tag renamed', (i) => ({ ...i, tags: ['css'] })],
    ['fetched details', (i) => ({ ...i, fetched: { title: 'A page', description: 'now known', siteName: 'x' } }) as unknown as Item],
    ['a field added', (i) => ({ ...i, label: 'employer-confidential' }) as Item],
  ])('sees a change of %s', (_, change) => {
    const item = link()
    expect(sameRowItem(item, change(reread(item)))).toBe(false)
  })

  it('takes an autosave that changes neither the preview nor the minute shown as the same row', () => {
    const long = 'Start of a long draft. '.repeat(100)
    const item = { ...link(), bodyText: long, updatedAt: 120_000 } as Item
    expect(sameRowItem(item, { ...reread(item), bodyText: `${long} typed at the end`, updatedAt: 120_000 + 59_000 })).toBe(true)
    expect(sameRowItem(item, { ...reread(item), bodyText: `Typed at the start. ${long}` })).toBe(false)
    expect(sameRowItem(item, { ...reread(item), updatedAt: 180_000 })).toBe(false)
  })

  it('tells a row from a missing one', () => {
    expect(sameRowItem(link(), undefined)).toBe(false)
    expect(sameRowItem(undefined, undefined)).toBe(true)
  })
})

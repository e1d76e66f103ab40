// stringifyFrontMatter writes common front matter itself (the yaml package's Document API was most of an
// export's time): it must give the very bytes the package gives, for every item the app can hold.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { itemFrontMatter, stringifyFrontMatter } from '../../../src/core/markdown'
import { stringifyWithYaml } from '../../../src/core/markdown/frontMatter'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, type Item } from '../../../src/core/items'
import { syntheticItems } from '../../support/syntheticKb'

const TRICKY = ['', ' ', 'yes', 'No', 'null', '~', '123', '1e3', '0x1F', '2024-01-02', 'a: b', '# x', '- x', '@me', '&a', '*b', '!t', '|', '>', '%', '`x`', '"q"', "'s'", 'a\\b', 'tab\there', 'line\nbreak', 'trailing ', ' leading', 'é', '😀', 'مرحبا', '\u00a0', '\u0085', '\u2028', '\ufeff', '\ud800', 'x'.repeat(300), '[a]', '{b}', 'a,b', '---', '...']
const textArb = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 }))

const itemArb = fc
  .record({ kind: fc.constantFrom(...ITEM_KINDS), title: textArb, tags: fc.array(textArb, { maxLength: 4 }), text: textArb, flag: fc.boolean(), trashed: fc.boolean() })
  .map(({ kind, title, tags, text, flag, trashed }): Item => {
    const item = { ...newItem(kind, '01HX00000000000000000000AB', Date.UTC(2025, 0, 1)), title, tags }
    if (trashed) Object.assign(item, { trashed: 1, trashedAt: Date.UTC(2025, 0, 2) })
    switch (item.kind) {
      case 'post':
        return { ...item, excerpt: text, slug: flag ? text : '', slugLocked: flag, canonicalUrl: text, status: flag ? 'published' : 'draft' }
      case 'talk':
        return { ...item, event: text, place: text, abstract: text, date: flag ? '2025-03-04' : '', slidesUrl: text, videoUrl: '' }
      case 'link':
        return { ...item, url: text, siteName: text, description: text, read: flag }
      case 'note':
        return item
    }
  })

describe('front matter fast path', () => {
  it('gives the same bytes as the yaml package for any item', () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const data = itemFrontMatter(item)
        expect(stringifyFrontMatter(data)).toBe(stringifyWithYaml(data))
      }),
      { numRuns: 2000, seed: 20261128 },
    )
  })

  it('gives the same bytes for the synthetic knowledge base', () => {
    for (const item of syntheticItems({ count: 300 })) {
      const data = itemFrontMatter(item)
      expect(stringifyFrontMatter(data)).toBe(stringifyWithYaml(data))
    }
  })
})

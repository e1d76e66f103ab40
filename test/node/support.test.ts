import { describe, expect, it } from 'vitest'
import { largeDoc, syntheticItems } from '../support/syntheticKb'
import { docToPlainText } from '../../src/core/doc'

describe('synthetic knowledge base', () => {
  it('is deterministic, unique by id, about 2 KB per item, with tags and both languages', () => {
    const a = syntheticItems({ count: 300 })
    const b = syntheticItems({ count: 300 })
    expect(a).toEqual(b)
    expect(new Set(a.map((i) => i.id)).size).toBe(300)
    const avg = a.reduce((n, i) => n + i.bodyText.length, 0) / a.length
    expect(avg).toBeGreaterThan(1500)
    expect(avg).toBeLessThan(3500)
    expect(a.some((i) => i.tags.length > 0)).toBe(true)
    expect(a.some((i) => /é/.test(i.bodyText))).toBe(true)
    expect(new Set(a.map((i) => i.kind))).toEqual(new Set(['post', 'talk', 'link', 'note']))
  })
  it('makes a large document of the requested size', () => {
    const text = docToPlainText(largeDoc(200_000))
    expect(text.length).toBeGreaterThan(190_000)
  })
})

import { describe, expect, it } from 'vitest'
import { normalizeTag, normalizeTags } from '../../../src/core/items'

describe('normalizeTag', () => {
  it.each([
    ['  design ', 'design'],
    ['#design', 'design'],
    ['# # x', 'x'],
    ['##  open   source ', 'open source'],
    ['', ''],
    ['###', ''],
  ])('%j -> %j', (raw, tag) => {
    expect(normalizeTag(raw)).toBe(tag)
  })
  it('is idempotent', () => {
    for (const raw of ['# # x', ' #a b ', '🧳'.repeat(70), '#'.repeat(3) + ' y']) {
      expect(normalizeTag(normalizeTag(raw))).toBe(normalizeTag(raw))
    }
  })
  it('caps at 64 characters without splitting an emoji', () => {
    const tag = normalizeTag('🧳'.repeat(70))
    expect(Array.from(tag)).toHaveLength(64)
    expect(tag).toBe('🧳'.repeat(64))
  })
})

describe('normalizeTags', () => {
  it('drops empties and case-insensitive duplicates, keeping the first spelling', () => {
    expect(normalizeTags(['Design', 'design', ' #DESIGN', '', 'écriture'])).toEqual(['Design', 'écriture'])
  })
})

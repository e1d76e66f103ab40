import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText, preview, previewSource, readingMinutes, wordCount } from '../../../src/core/text'
import { cleanSlug, slugify } from '../../../src/core/slug'

describe('wordCount', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['one', 1],
    ['Hello, world!', 2],
    ["l'économie d’aujourd’hui", 2],
    ['state-of-the-art design', 2],
    ['Ça marche — très bien.', 4],
    ['42 talks in 2025', 4],
    ['日本語', 1],
  ])('%j has %i words', (text, expected) => {
    expect(wordCount(text)).toBe(expected)
  })
})

describe('readingMinutes', () => {
  it.each([
    [0, 0],
    [1, 1],
    [230, 1],
    [460, 2],
    [1000, 4],
  ])('%i words read in %i min', (words, minutes) => {
    expect(readingMinutes(words)).toBe(minutes)
  })
})

describe('foldText', () => {
  it.each([
    ['Économie', 'economie'],
    ['Ça', 'ca'],
    ['cœur', 'coeur'],
    ['Ætna et æther', 'aetna et aether'],
    ['Straße', 'strasse'],
    ['naïve café', 'naive cafe'],
    ['ÀÉÎÕÜ', 'aeiou'],
  ])('%s folds to %s', (input, expected) => {
    expect(foldText(input)).toBe(expected)
  })
})

describe('preview', () => {
  it('keeps short text whole and flattens whitespace', () => {
    expect(preview('a\n\n b   c')).toBe('a b c')
  })
  it('cuts long text on a word boundary with an ellipsis', () => {
    const text = 'word '.repeat(100)
    const out = preview(text, 50)
    expect(out.endsWith('…')).toBe(true)
    expect(out.length).toBeLessThanOrEqual(51)
    expect(out).not.toMatch(/wor…$/)
  })
  it('previews a long text from its start as it would from the whole text', () => {
    const flatten = (text: string, max: number) => {
      const flat = text.replace(/\s+/g, ' ').trim()
      if (flat.length <= max) return flat
      const cut = flat.slice(0, max)
      const lastSpace = cut.lastIndexOf(' ')
      return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
    }
    const long = 'word  \n'.repeat(40_000)
    // Mostly blanks at the start: the start alone is not enough.
    const blanks = `${' '.repeat(5_000)}a b c`
    const blanksThenLong = `${' \n'.repeat(1_000)}${'lorem ipsum '.repeat(100)}`
    const cutInBlanks = `${'x'.repeat(1_279)}${' '.repeat(10)}y`
    for (const text of [long, blanks, blanksThenLong, cutInBlanks]) for (const max of [50, 180]) expect(preview(text, max)).toBe(flatten(text, max))
  })
})

describe('previewSource (what the save worker tells the list of a saved text)', () => {
  it('is the start of a long text the preview reads, and the whole of a short or mostly blank one', () => {
    const long = 'lorem ipsum '.repeat(20_000)
    expect(previewSource(long, 180)).toBe(long.slice(0, 1_440))
    expect(previewSource('short text', 180)).toBe('short text')
    const blanksFirst = `${' \n'.repeat(2_000)}the words`
    expect(previewSource(blanksFirst, 180)).toBe(blanksFirst)
  })
  it('gives the preview the whole text gives', () => {
    const chunk = fc.oneof(fc.constantFrom(' ', '\n', '  \t', 'a', 'word ', 'économie ', 'x'.repeat(300)), fc.string({ maxLength: 40 }))
    const text = fc.array(chunk, { maxLength: 400 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 300 }), (t, max) => {
        expect(preview(previewSource(t, max), max)).toBe(preview(t, max))
        expect(t.startsWith(previewSource(t, max))).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('slugify', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['  Économie de l’attention : un essai  ', 'economie-de-lattention-un-essai'],
    ["Don't stop", 'dont-stop'],
    ['C++ & Rust!', 'c-rust'],
    ['---', ''],
    ['', ''],
    ['Émoji 🎉 party', 'emoji-party'],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug)
  })
  it('caps the length on a hyphen', () => {
    const slug = slugify('a very long title '.repeat(20), 40)
    expect(slug.length).toBeLessThanOrEqual(40)
    expect(slug.endsWith('-')).toBe(false)
  })
  it('cleans a hand-typed slug without path separators', () => {
    expect(cleanSlug('my/custom Slug')).toBe('my-custom-slug')
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fileNameKey, safeFileName, utf8Length } from '../../../src/core/filenames'

const md = (title: string, taken = new Set<string>()): string => safeFileName(title, { extension: 'md', taken })

describe('safeFileName', () => {
  it.each([
    ['Hello world', 'Hello world.md'],
    ['  spaced   out  ', 'spaced out.md'],
    ['a/b\\c', 'a-b-c.md'],
    ['../../etc/passwd', '-.-etc-passwd.md'],
    ['..', 'untitled.md'],
    ['...hidden', 'hidden.md'],
    ['a..b', 'a.b.md'],
    ['What? <Why> "now" | here*', 'What- -Why- -now- - here-.md'],
    ['Title: subtitle', 'Title- subtitle.md'],
    ['tab\there\nnewline', 'tab here newline.md'],
    ['bell\u0007char', 'bell-char.md'],
    ['trailing dots...', 'trailing dots.md'],
    ['trailing space ', 'trailing space.md'],
    ['', 'untitled.md'],
    ['   ', 'untitled.md'],
    ['///', '---.md'],
    ['CON', 'CON_.md'],
    ['con', 'con_.md'],
    ['nul', 'nul_.md'],
    ['Aux', 'Aux_.md'],
    ['PRN.txt', 'PRN_.txt.md'],
    ['com1', 'com1_.md'],
    ['LPT9', 'LPT9_.md'],
    ['COM¹', 'COM¹_.md'],
    ['CONIN$', 'CONIN$_.md'],
    ['console', 'console.md'],
    ['COM10', 'COM10.md'],
    ['e\u0301te\u0301', 'été.md'],
    ['photo\u202egpj.exe', 'photogpj.exe.md'],
    ['Ünïcödé 😀 مرحبا', 'Ünïcödé 😀 مرحبا.md'],
    ['lone \ud800 surrogate', 'lone \ufffd surrogate.md'],
  ])('%j -> %j', (title, expected) => {
    expect(md(title)).toBe(expected)
  })

  it('numbers collisions case-insensitively and records the names it gives', () => {
    const taken = new Set<string>()
    expect(md('Title', taken)).toBe('Title.md')
    expect(md('title', taken)).toBe('title-2.md')
    expect(md('TITLE', taken)).toBe('TITLE-3.md')
    expect(md('Title-2', taken)).toBe('Title-2-2.md')
    expect(taken.has('title.md')).toBe(true)
    expect(taken.has(fileNameKey('TITLE-3.md'))).toBe(true)
  })

  it('treats NFC and NFD spellings as the same name', () => {
    const taken = new Set<string>()
    expect(md('café', taken)).toBe('café.md')
    expect(md('cafe\u0301', taken)).toBe('café-2.md')
  })

  it('caps the length in UTF-8 bytes without splitting a character or an emoji sequence', () => {
    const long = 'é'.repeat(100) // 200 bytes
    const name = safeFileName(long, { extension: 'md', maxLength: 120 })
    expect(utf8Length(name)).toBeLessThanOrEqual(120)
    expect(name).toBe('é'.repeat(58) + '.md')

    const family = '👩‍👩‍👧' // one grapheme, 18 bytes
    const emoji = safeFileName(family.repeat(10), { extension: 'md', maxLength: 60 })
    expect(emoji).toBe(family.repeat(3) + '.md')
  })

  it('keeps the number within the cap when a long title collides', () => {
    const taken = new Set<string>()
    const title = 'x'.repeat(300)
    const first = safeFileName(title, { extension: 'md', taken, maxLength: 50 })
    const second = safeFileName(title, { extension: 'md', taken, maxLength: 50 })
    expect(first).toBe('x'.repeat(47) + '.md')
    expect(second).toBe('x'.repeat(45) + '-2.md')
  })

  it('does not let a cut turn the name into a device name over the cap', () => {
    // "CON" + an 18-byte grapheme does not fit in 16 bytes: the cut leaves "CON", a device name.
    expect(safeFileName('CON👩‍👩‍👧', { maxLength: 16 })).toBe('CON_')
    expect(safeFileName('nul 👩‍👩‍👧', { maxLength: 24, extension: 'md' })).toBe('nul_.md')
  })

  it('cleans the extension too and refuses a cap that leaves no room', () => {
    expect(safeFileName('a', { extension: '.tar.gz' })).toBe('a.tar.gz')
    expect(safeFileName('a', { extension: '../x' })).toBe('a.-x')
    expect(safeFileName('a')).toBe('a')
    expect(() => safeFileName('a', { extension: 'md', maxLength: 10 })).toThrow(RangeError)
  })
})

describe('safeFileName (property)', () => {
  const titleArb = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc
      .array(
        fc.constantFrom('CON', 'nul', 'com1', 'LPT¹', '.', '..', '/', '\\', ':', ' ', '\u0000', '\t', '😀', 'é', 'e\u0301', '\u202e', 'A', 'a', '-2'),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('')),
  )

  it('never gives a separator, a forbidden or control character, `..`, a device name, a trailing dot or space, an over-long or colliding name', () => {
    fc.assert(
      fc.property(fc.array(titleArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 30, max: 160 }), (titles, maxLength) => {
        const taken = new Set<string>()
        const seen = new Set<string>()
        for (const title of titles) {
          const name = safeFileName(title, { extension: 'md', maxLength, taken })
          // eslint-disable-next-line no-control-regex
          expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/)
          expect(name).not.toContain('..')
          expect(name).not.toMatch(/[ .]$/)
          expect(name).not.toMatch(/^[ .]/)
          expect(name.endsWith('.md')).toBe(true)
          expect(name.length).toBeGreaterThan('.md'.length)
          expect(name.normalize('NFC')).toBe(name)
          expect(utf8Length(name)).toBeLessThanOrEqual(maxLength)
          expect(utf8Length(name)).toBe(new TextEncoder().encode(name).length)
          const base = name.split('.')[0]!.trimEnd()
          expect(base).not.toMatch(/^(?:con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9¹²³]|lpt[0-9¹²³])$/i)
          expect(seen.has(fileNameKey(name))).toBe(false)
          seen.add(fileNameKey(name))
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe('safeFileName on very long titles', () => {
  /** The cut an unbounded segmentation of the whole title gives: what the windowed cut must equal. */
  function wholeCut(title: string, maxBytes: number): string {
    let out = ''
    let used = 0
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(title)) {
      if (used + utf8Length(segment) > maxBytes) break
      out += segment
      used += utf8Length(segment)
    }
    return out
  }
  const family = '👨‍👩‍👧‍👦'

  it.each([
    ['Latin words', 'Un titre très long avec des mots '.repeat(3000)],
    ['ZWJ families around the cut', `${'é'.repeat(50)}${family.repeat(5000)}`],
    ['a combining cluster longer than the segmented window', `ab${'\u0301'.repeat(600)}cd`.repeat(10)],
    ['flags', '🇫🇷🇨🇦'.repeat(20000)],
  ])('%s: cut on the same grapheme boundary as a whole-text segmentation', (_name, title) => {
    expect(safeFileName(title)).toBe(wholeCut(title, 120).replace(/[\s.]+$/, '') || 'untitled')
  })

})

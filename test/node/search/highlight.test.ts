import { describe, expect, it } from 'vitest'
import { highlight, matcherFor, snippet, type Segment } from '../../../src/core/search'

/** Segments written compactly: matched runs in [brackets]. */
const show = (segments: Segment[]): string => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('')

describe('highlight', () => {
  it.each([
    [['economie'], "L'Économie, l'économie et ECONOMIE.", "L'[Économie], l'[économie] et [ECONOMIE]."],
    [['ca'], 'Ça alors, ça va, cas et cacao.', '[Ça] alors, [ça] va, cas et cacao.'],
    [['coeur'], 'Le cœur, le Cœur, le coeur.', 'Le [cœur], le [Cœur], le [coeur].'],
    [['strasse'], 'Die Straße, die Strasse.', 'Die [Straße], die [Strasse].'],
    // Decomposed accents in the original text are marked whole.
    [['ecole'], 'une e\u0301cole', 'une [e\u0301cole]'],
    // Whole words only: "eco" does not mark inside "économie".
    [['eco'], 'éco économie', '[éco] économie'],
    // Longest first at the same place.
    [['eco', 'economie'], 'économie', '[économie]'],
    [['react', '19'], 'React 19 et react19', '[React] [19] et react19'],
    [[], 'rien', 'rien'],
    // Boundaries next to non-letters, including characters outside the BMP.
    [['economie'], '😀économie!', '😀[économie]!'],
    [['economie'], 'économies économie', 'économies [économie]'],
    [['ecole'], 'ÉCOLE école e\u0301cole', '[ÉCOLE] [école] [e\u0301cole]'],
    // Terms are escaped: a dot is a dot.
    [['a.b'], 'a.b axb', '[a.b] axb'],
  ])('%j in %j', (terms, text, expected) => {
    expect(show(highlight(text, matcherFor(terms)))).toBe(expected)
  })

  it('gives no segment for an empty text', () => {
    expect(highlight('', matcherFor(['x']))).toEqual([])
  })

  it('escapes terms that are not plain words', () => {
    expect(() => matcherFor(['(', '[a', '\\'])).not.toThrow()
  })
})

describe('snippet', () => {
  const long = `${'Introduction générale au sujet. '.repeat(8)}Puis vient la question de l'économie circulaire et de ses limites. ${'Conclusion ouverte. '.repeat(10)}`

  it('cuts a window around the first match, on word boundaries, with ellipses', () => {
    const s = show(snippet(long, matcherFor(['economie']), { width: 80, lead: 30 }))
    expect(s.startsWith('…')).toBe(true)
    expect(s.endsWith('…')).toBe(true)
    expect(s).toContain("l'[économie] circulaire")
    // Words are never cut in half.
    const inner = s.slice(1, -1)
    expect(long.replace(/\s+/g, ' ')).toContain(inner.replace(/[[\]]/g, ''))
    expect(inner.length).toBeLessThanOrEqual(82)
  })

  it.each([
    ['no match: the start of the text', 'Un texte court.', ['absent'], 'Un texte court.'],
    ['a match at the start has no leading ellipsis', 'Économie et société', ['economie'], '[Économie] et société'],
    ['whitespace is flattened', 'Une\n\nligne\tpuis   économie', ['economie'], 'Une ligne puis [économie]'],
    ['empty text', '', ['x'], ''],
  ])('%s', (_name, text, terms, expected) => {
    expect(show(snippet(text, matcherFor(terms)))).toBe(expected)
  })

  it('keeps the match visible even when it sits deep in a long word-less run', () => {
    const text = `${'x'.repeat(500)} économie ${'y'.repeat(500)}`
    expect(show(snippet(text, matcherFor(['economie']), { width: 160 }))).toContain('[économie]')
  })
})

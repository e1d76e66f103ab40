import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { foldWhole, foldWithOffsets, mentionMatcher, normalizeWatchWords, passagesOf } from '../../../src/core/career/mentions'

const found = (terms: string[], text: string) => mentionMatcher(terms).find(text).map((m) => text.slice(m.start, m.end))

describe('mentionMatcher', () => {
  it('matches whole words whatever the case and accents', () => {
    expect(found(['Acme'], 'I left ACME and then acmé, not Acmeist nor BigAcme.')).toEqual(['ACME', 'acmé'])
    expect(found(['Société Générale'], 'chez SOCIETE generale hier')).toEqual(['SOCIETE generale'])
  })

  it('finds names after French elisions and before possessives, with any apostrophe', () => {
    expect(found(['Acme'], "l'Acme, d’Acme, qu‘Acme and Acme's office")).toEqual(['Acme', 'Acme', 'Acme', 'Acme'])
    expect(found(["L'Oréal"], 'chez L’OREAL et l`oréal')).toEqual(['L’OREAL', 'l`oréal'])
  })

  it('matches multi-word names across spaces, line breaks, no-break spaces and hyphens', () => {
    expect(found(['Banque de France'], 'la Banque\nde  France et la banque\u00a0de-france')).toEqual(['Banque\nde  France', 'banque\u00a0de-france'])
    expect(found(['Acme-Corp'], 'Acme Corp, acme-corp')).toEqual(['Acme Corp', 'acme-corp'])
  })

  it('prefers the longest term where two start at one place, and names the term as typed', () => {
    const m = mentionMatcher(['Acme', 'Acme Labs'])
    expect(m.find('the acme labs team').map((x) => x.term)).toEqual(['Acme Labs'])
    expect(m.find('the ACME team').map((x) => x.term)).toEqual(['Acme'])
  })

  it('falls back to a shorter term where the longer one is not a whole word', () => {
    expect(found(['Acme Labs', 'Acme'], 'Acme Labsx and acme labs')).toEqual(['Acme', 'acme labs'])
  })

  it('folds whole texts exactly as it folds them character by character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
        for (const text of [a, b, a + 'ΣΑΣ ς' + b]) expect(foldWhole(text)).toBe(foldWithOffsets(text).folded)
      }),
      { numRuns: 500 },
    )
  })

  it('builds its class of combining marks when a text is first folded, not when the module loads (the app entry imports it)', async () => {
    const markTests: string[] = []
    const test = RegExp.prototype.test
    const spy = vi.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, input: string) {
      if (this.source === '\\p{M}') markTests.push(input)
      return test.call(this, input)
    })
    try {
      vi.resetModules()
      const fresh = await import('../../../src/core/career/mentions')
      expect(markTests).toHaveLength(0)
      expect(fresh.foldWhole('Éte\u0301 À')).toBe('ete a')
      expect(markTests.length).toBeGreaterThan(60_000)
      markTests.length = 0
      expect(fresh.foldWhole('Ça')).toBe('ca')
      expect(markTests).toHaveLength(0)
    } finally {
      spy.mockRestore()
    }
  })

  it('reports offsets in the original text when folding changes lengths', () => {
    const text = 'Œuvre e\u0301te\u0301 🎉 pour Cœur-Project et ŒUVRE'
    const ms = mentionMatcher(['oeuvre', 'coeur project']).find(text)
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['Œuvre', 'Cœur-Project', 'ŒUVRE'])
  })

  it('treats regular-expression characters in terms literally', () => {
    expect(found(['C++', 'a.b'], 'C++ and axb and a.b')).toEqual(['C++', 'a.b'])
  })

  it('finds nothing with no terms, blank terms or punctuation-only terms', () => {
    expect(found([], 'Acme')).toEqual([])
    expect(found(['  ', '--', "'"], 'Acme -- \' ')).toEqual([])
  })

  it('cleans the watch list: trimmed, duplicates after folding removed', () => {
    expect(normalizeWatchWords([' Projet  Hermès ', 'projet hermes', '', 'Zeus'])).toEqual(['Projet Hermès', 'Zeus'])
  })

  it('never reports a match that is not the term folded (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Zéèàœ]{2,8}$/)
    fc.assert(
      fc.property(word, fc.array(fc.oneof(word, fc.constantFrom(' ', "'", ', ', 'é', '-', '\n', '🎉')), { maxLength: 30 }), (term, parts) => {
        const text = parts.join('')
        const target = foldWithOffsets(term).folded
        for (const m of mentionMatcher([term]).find(text)) {
          expect(foldWithOffsets(text.slice(m.start, m.end)).folded.replace(/[\s\u00a0-]+/g, ' ')).toBe(target.replace(/[\s-]+/g, ' '))
          const before = text.slice(0, m.start)
          const after = text.slice(m.end)
          expect(/[\p{L}\p{N}]$/u.test(foldWithOffsets(before).folded)).toBe(false)
          expect(/^[\p{L}\p{N}]/u.test(foldWithOffsets(after).folded)).toBe(false)
        }
      }),
    )
  })

  it('finds a term planted between separators (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Zéàç]{3,8}$/)
    fc.assert(
      fc.property(word, fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.constantFrom(' ', "l'", '(', '\n'), (term, a, b, sep) => {
        const text = `${a} ${sep}${term.toUpperCase()}. ${b}`
        expect(mentionMatcher([term]).find(text).length).toBeGreaterThan(0)
      }),
    )
  })
})

describe('passagesOf', () => {
  it('cuts a passage around each match with highlights on the match', () => {
    const text = `${'word '.repeat(40)}we shipped it for Acme last year. ${'more '.repeat(40)}`
    const ms = mentionMatcher(['acme']).find(text)
    const { passages, matches } = passagesOf(text, ms, { context: 30 })
    expect(matches).toBe(1)
    expect(passages).toHaveLength(1)
    const p = passages[0]!
    expect(p.text.startsWith('…')).toBe(true)
    expect(p.text.endsWith('…')).toBe(true)
    expect(p.text.slice(p.highlights[0]!.start, p.highlights[0]!.end)).toBe('Acme')
    expect(p.terms).toEqual(['acme'])
  })

  it('joins close matches in one passage and caps the number of passages', () => {
    const text = `Acme and Acme again. ${'x '.repeat(200)} Acme. ${'y '.repeat(200)} Acme. ${'z '.repeat(200)} Acme.`
    const ms = mentionMatcher(['Acme']).find(text)
    const { passages, matches } = passagesOf(text, ms, { context: 20, maxPassages: 2 })
    expect(matches).toBe(5)
    expect(passages).toHaveLength(2)
    expect(passages[0]!.highlights).toHaveLength(2)
    for (const p of passages) for (const h of p.highlights) expect(p.text.slice(h.start, h.end)).toBe('Acme')
  })

  it('keeps highlight offsets right after collapsing whitespace', () => {
    const text = 'a\n\n\n   b   Acme\t\tc'
    const { passages } = passagesOf(text, mentionMatcher(['Acme']).find(text), { context: 100 })
    const p = passages[0]!
    expect(p.text).toBe('a b Acme c')
    expect(p.text.slice(p.highlights[0]!.start, p.highlights[0]!.end)).toBe('Acme')
  })
})

// Whatever the words of a title, typing the start of any of them (3+ letters, accents optional) finds it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText } from '../../../src/core/text'
import { SearchEngine } from '../../../src/features/search/engine'
import type { SearchDoc } from '../../../src/core/search'

const letters = [...'abcdefghijklmnopqrstuvwxyzéèêàâçôîûœÉÀÇ']
const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''))
const title = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '))

describe('search property', () => {
  it('finds every title by the folded prefix (length ≥ 3) of each of its words', () => {
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 8 }), (titles) => {
        const engine = SearchEngine.empty()
        const docs: SearchDoc[] = titles.map((t, i) => ({ id: `item${i}`, kind: 'note', title: t, tags: [], details: '', url: '', body: '', updatedAt: i }))
        for (const d of docs) engine.upsert(d)
        for (const d of docs) {
          for (const w of d.title.split(' ')) {
            const folded = foldText(w)
            for (let len = 3; len <= folded.length; len++) {
              const ids = engine.search(folded.slice(0, len), {}, 1000).results.map((r) => r.id)
              expect(ids).toContain(d.id)
            }
          }
        }
      }),
      { seed: 20240611, numRuns: 150 },
    )
  })
})

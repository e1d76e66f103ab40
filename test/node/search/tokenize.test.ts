import { describe, expect, it } from 'vitest'
import { indexTerm, parseQuery, tokenize } from '../../../src/core/search'

describe('tokenize', () => {
  it.each([
    ['Économie', ['economie']],
    ['ÉCONOMIE politique', ['economie', 'politique']],
    ['Ça va', ['ca', 'va']],
    ["l'économie d’abord", ['l', 'economie', 'd', 'abord']],
    ['Cœur & ægis', ['coeur', 'aegis']],
    ['Straße', ['strasse']],
    ['porte-monnaie', ['porte', 'monnaie']],
    ['https://exemple.fr/déjà-vu?x=1', ['https', 'exemple', 'fr', 'deja', 'vu', 'x', '1']],
    // Decomposed input (e + combining acute) folds like the precomposed letter.
    ['e\u0301cole', ['ecole']],
    ['  \n\t ', []],
    ['React 19 & TypeScript', ['react', '19', 'typescript']],
  ])('%j → %j', (text, terms) => {
    expect(tokenize(text)).toEqual(terms)
  })
})

describe('indexTerm', () => {
  it.each([
    ['le', 'title', 'le'],
    ['le', 'body', null],
    ['le', 'details', null],
    ['le', 'tags', 'le'],
    ['the', 'body', null],
    ['economie', 'body', 'economie'],
    ['https', 'url', null],
    ['https', 'body', 'https'],
    ['', 'title', null],
  ] as const)('%j in %s → %j', (term, field, expected) => {
    expect(indexTerm(term, field)).toBe(expected)
  })
})

describe('parseQuery', () => {
  const shape = (raw: string) =>
    parseQuery(raw).map((t) => `${t.text}:${t.head.prefix ? 'p' : 'x'}${t.head.fuzzy || 0}${t.head.namesOnly ? 'n' : ''}/${t.body ? `${t.body.prefix ? 'p' : 'x'}${t.body.fuzzy || 0}` : '-'}`)

  it.each([
    ['', []],
    ['   ', []],
    // The word being typed is a prefix; from 4 letters it tolerates one typo, from 8 two; 1–2 letters
    // look at titles and tags only (n).
    ['e', ['e:p0n/-']],
    ['ec', ['ec:p0n/-']],
    ['eco', ['eco:p0/x0']],
    ['econ', ['econ:p1/p1']],
    ['économie', ['economie:p2/p2']],
    // A complete word (followed by a space) is exact, with typos allowed from 4 letters.
    ['économie ', ['economie:x2/x2']],
    ['eco ', ['eco:x0/x0']],
    ['économie mar', ['economie:x2/x2', 'mar:p0/x0']],
    // Short word being typed after others: ignored until it grows.
    ['économie d', ['economie:x2/x2']],
    // Function words are dropped when the query has other words...
    ['le monde', ['monde:p1/p1']],
    ['économie de marché', ['economie:x2/x2', 'marche:p1/p1']],
    // ...but kept, in short fields only, when the query is made of them.
    ['le', ['le:p0n/-']],
    ['le la ', ['le:x0/-', 'la:x0/-']],
    ['ca', ['ca:p0n/-']],
    ['api api', ['api:p0/x0']],
  ])('%j', (raw, expected) => {
    expect(shape(raw)).toEqual(expected)
  })
})

// What a typed query means. Pure, so the policy is tested on its own and the engine only executes it.
import { STOP_WORDS, tokenize } from './tokenize'

/**
 * Where a term is looked up. The engine keeps a small index of short fields (title, tags, details, URL)
 * beside the body index: short prefixes are expanded only in the small one, because "e" or "de"
 * expanded over every word of 50,000 bodies costs hundreds of milliseconds and ranks nothing useful.
 */
export interface TermLookup {
  prefix: boolean
  /** Maximum edit distance, or false for an exact match. */
  fuzzy: number | false
  /** Only titles and tags (a 1–2 letter prefix: what a person means by "j" is a title starting with j). */
  namesOnly?: boolean
}

export interface QueryTerm {
  /** The folded term. */
  text: string
  head: TermLookup
  /** Null: not looked up in bodies at all. */
  body: TermLookup | null
}

/** Fuzzy matching starts at 4 letters: below that, one edit already turns a word into many others. */
export function typoDistance(term: string): number | false {
  if (term.length >= 8) return 2
  if (term.length >= 4) return 1
  return false
}

/**
 * The terms a query must all match. Complete words (followed by more typing) match exactly or with a
 * typo; the word being typed (the last one, when the query does not end with a space) matches as a
 * prefix. A 1–2 letter word being typed after other words is ignored until it grows, so results do not
 * collapse to titles starting with "d" while the person types "économie d…".
 */
export function parseQuery(raw: string): QueryTerm[] {
  const words = tokenize(raw)
  if (words.length === 0) return []
  const typing = !/\s$/.test(raw)
  const allStop = words.every((w) => STOP_WORDS.has(w))
  const terms: QueryTerm[] = []
  words.forEach((text, i) => {
    const last = typing && i === words.length - 1
    if (!allStop && STOP_WORDS.has(text) && !(last && words.length === 1)) return
    if (!last) {
      const fuzzy = typoDistance(text)
      terms.push({ text, head: { prefix: false, fuzzy }, body: allStop ? null : { prefix: false, fuzzy } })
      return
    }
    const fuzzy = typoDistance(text)
    if (text.length >= 4) terms.push({ text, head: { prefix: true, fuzzy }, body: { prefix: true, fuzzy } })
    else if (text.length === 3) terms.push({ text, head: { prefix: true, fuzzy: false }, body: { prefix: false, fuzzy: false } })
    else if (terms.length === 0) terms.push({ text, head: { prefix: true, fuzzy: false, namesOnly: true }, body: null })
  })
  return dedupe(terms)
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Map<string, QueryTerm>()
  for (const t of terms) {
    const previous = seen.get(t.text)
    // "api api" is one term; if one occurrence is the prefix being typed, keep the broader lookup.
    if (!previous || (t.head.prefix && !previous.head.prefix)) seen.set(t.text, t)
  }
  return [...seen.values()]
}

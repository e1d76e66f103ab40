// How text becomes search terms. Everything is folded (lowercase, no accents) once per field, so
// "Économie", "economie" and "ÉCONOMIE" are one term, and "ca" finds "ça".
import { foldText } from '../text'

/** Runs of letters or digits in folded text; apostrophes and hyphens split ("l'économie" → l, economie). */
const TERM = /[\p{L}\p{N}]+/gu

export function tokenize(text: string): string[] {
  return foldText(text).match(TERM) ?? []
}

/**
 * The commonest French and English function words, folded. They occur in nearly every text, so they
 * rank nothing and make up a large share of the index: left out of bodies and details, kept in titles
 * and tags (a title may well be "Ça"), and dropped from a query when it also has other words.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a au aux avec ce ces cet cette dans de des du elle elles en et est il ils je la le les leur leurs lui ma mais me
  mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos
  votre vous y d l j n s c m t
  an and are as at be been but by for from had has have he her his i in is it its of on or that the their them they
  this to was we were which will with you`
    .split(/\s+/)
    .filter(Boolean),
)

/** Parts of a URL that every link has and nobody searches for. */
const URL_NOISE: ReadonlySet<string> = new Set(['http', 'https', 'www', 'html', 'htm', 'php'])

/** Which terms of a field go into the index (null leaves the term out). */
export function indexTerm(term: string, field: 'title' | 'tags' | 'details' | 'url' | 'body'): string | null {
  if (term === '') return null
  if ((field === 'body' || field === 'details') && STOP_WORDS.has(term)) return null
  if (field === 'url' && URL_NOISE.has(term)) return null
  return term
}

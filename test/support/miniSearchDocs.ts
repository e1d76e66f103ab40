// A bare MiniSearch index over titles and bodies, tokenised and folded as the app's search engine does: what the
// scorer tests compare the app's own ranking code (src/features/search/scorer.ts) against.
import { indexTerm, tokenize } from '../../src/core/search'

export interface Doc {
  id: string
  title: string
  body: string
}

export const miniSearchOptions = {
  fields: ['title', 'body'],
  storeFields: [],
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string, field?: string) => indexTerm(term, field === 'title' ? 'title' : 'body'),
  searchOptions: { tokenize: (t: string) => [t], processTerm: (t: string) => t },
}

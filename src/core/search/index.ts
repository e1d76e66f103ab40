export { tokenize, indexTerm, STOP_WORDS } from './tokenize'
export { parseQuery, typoDistance, type QueryTerm, type TermLookup } from './query'
export { hasMatch, highlight, matcherFor, snippet, termPattern, type Segment, type SnippetOptions } from './highlight'
export { searchDocFromItem, tagKey, type SearchDoc } from './document'

// Where the URLs are in a text. One detector for the whole publishing core (twitter-text's extractor, which is
// the one X counts with and the one Mastodon's server-side extractor is ported from), so the splitter never cuts
// through anything a channel would count as a link.
import { twitterText } from './twitterText'

export interface UrlRange {
  url: string
  /** UTF-16 offsets in the text, end exclusive. */
  start: number
  end: number
}

export interface FindUrlsOptions {
  /** Also bare domains such as `example.com/page` (X counts them as links; Mastodon does not). Default true. */
  withoutProtocol?: boolean
}

export function findUrls(text: string, options: FindUrlsOptions = {}): UrlRange[] {
  const withoutProtocol = options.withoutProtocol ?? true
  // Quick exits as in twitter-text itself: no '.' means no domain, no ':' means no scheme.
  if (!text.includes(withoutProtocol ? '.' : ':')) return []
  return twitterText
    .extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: withoutProtocol })
    .map(({ url, indices }) => ({ url, start: indices[0], end: indices[1] }))
}

/** Whether a cut at UTF-16 offset `index` would fall strictly inside one of `ranges`. */
export function insideRange(ranges: readonly UrlRange[], index: number): boolean {
  for (const range of ranges) if (index > range.start && index < range.end) return true
  return false
}

// Small HTML readings the importers need before the body converter runs: plain text of a title or excerpt
// that may hold tags and entities, and the media an HTML body references. htmlparser2 (tolerant, streaming,
// spec entity tables) does the tokenising, never regexes.
import { Parser } from 'htmlparser2'

const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript'])

/** Text of an HTML fragment: tags dropped, entities decoded, whitespace runs collapsed to one space. */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html.replace(/\s+/g, ' ').trim()
  let out = ''
  let skipping = 0
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP_CONTENT.has(name)) skipping++
        else if (name === 'br' || name === 'p' || name === 'div' || name === 'li') out += ' '
      },
      onclosetag(name) {
        if (SKIP_CONTENT.has(name)) skipping = Math.max(0, skipping - 1)
      },
      ontext(text) {
        if (skipping === 0) out += text
      },
    },
    { decodeEntities: true },
  )
  parser.end(html)
  return out.replace(/\s+/g, ' ').trim()
}

const HAS_MEDIA = /<(?:img|video|audio|source)\b/i
/** A media start tag, quoted attribute values included (alternatives start differently: no backtracking). */
const MEDIA_TAG = /<(?:img|video|audio|source)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi

/**
 * Media an HTML body references (img, video, audio, source `src`), in order, each once. Only the media
 * tags are handed to the tokenizer (a post is mostly text: tokenizing all of it for a few tags was the
 * slowest step of a big WordPress import).
 */
export function htmlMediaRefs(html: string): { ref: string; alt?: string }[] {
  if (!HAS_MEDIA.test(html)) return []
  const seen = new Set<string>()
  const refs: { ref: string; alt?: string }[] = []
  const parser = new Parser(
    {
      onopentag(_name, attribs) {
        const src = (attribs.src ?? '').trim()
        if (!src || src.startsWith('data:') || seen.has(src)) return
        seen.add(src)
        const alt = attribs.alt?.trim()
        refs.push(alt ? { ref: src, alt } : { ref: src })
      },
    },
    { decodeEntities: true },
  )
  for (const tag of html.match(MEDIA_TAG) ?? []) parser.write(tag)
  parser.end()
  return refs
}

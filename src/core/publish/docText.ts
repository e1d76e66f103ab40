// Editor document → plain text for a social post, and the default announcement of an item on each channel.
// Social platforms take plain text: headings become lines, list items lines with a bullet, links "text (url)",
// code stays as it is written, images are left out (they are attached separately, with their alt text).
import type { RichMark, RichNode } from '../doc'
import type { Item } from '../items'
import { safeHref } from '../markdown/html'
import { measure, type ChannelId, type MeasureOptions } from './channels'

export interface SocialTextOptions {
  /** List bullet (default '•'). */
  bullet?: '•' | '–' | '-'
  /** 'inline': "text (url)" (default); 'url': the address in place of the link text. */
  links?: 'inline' | 'url'
}

function linkHref(marks: readonly RichMark[] | undefined): string | null {
  const link = marks?.find((mark) => mark.type === 'link')
  return link ? safeHref(link.attrs?.href) : null
}

/** "https://example.com/a" and "example.com/a" are the same text as the link to https://example.com/a. */
function sameAsUrl(text: string, href: string): boolean {
  const strip = (value: string): string => value.trim().replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/$/, '').toLowerCase()
  return strip(text) === strip(href)
}

function inlineText(nodes: readonly RichNode[], options: SocialTextOptions): string {
  let out = ''
  let i = 0
  while (i < nodes.length) {
    const node = nodes[i]!
    if (node.type === 'hardBreak') {
      out += '\n'
      i++
      continue
    }
    if (node.type !== 'text') {
      // Inline images are dropped; any other inline wrapper gives its text.
      if (node.type !== 'image') out += inlineText(node.content ?? [], options)
      i++
      continue
    }
    const href = linkHref(node.marks)
    if (href === null) {
      out += node.text ?? ''
      i++
      continue
    }
    // A link may span several text nodes (bold inside the link): gather them.
    let label = ''
    while (i < nodes.length && nodes[i]!.type === 'text' && linkHref(nodes[i]!.marks) === href) label += nodes[i++]!.text ?? ''
    const shown = href.replace(/^mailto:/i, '')
    if (options.links === 'url' || sameAsUrl(label, href) || label.trim() === '') out += shown
    else out += `${label} (${shown})`
  }
  return out
}

function cellText(cell: RichNode, options: SocialTextOptions): string {
  return (cell.content ?? []).map((block) => inlineText(block.content ?? [], options)).join(' ').trim()
}

function blockLines(node: RichNode, options: SocialTextOptions, depth: number): string[] {
  const children = node.content ?? []
  const bullet = options.bullet ?? '•'
  const indent = '  '.repeat(depth)
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      // One entry per line, so quotes and list items can prefix or indent every line of a hard-broken paragraph.
      return inlineText(children, options).split('\n')
    case 'codeBlock':
      return children.map((child) => child.text ?? '').join('').split('\n')
    case 'blockquote':
      return blocks(children, options, depth).map((line) => (line ? `> ${line}` : '>'))
    case 'bulletList':
    case 'orderedList':
    case 'taskList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1
      const lines: string[] = []
      children.forEach((item, index) => {
        const marker =
          node.type === 'orderedList' ? `${start + index}.` : node.type === 'taskList' ? (item.attrs?.checked === true ? '☑' : '☐') : bullet
        const [first, ...rest] = item.content ?? []
        const firstLines = first ? blockLines(first, options, depth + 1) : ['']
        lines.push(`${indent}${marker} ${firstLines[0] ?? ''}`.trimEnd(), ...firstLines.slice(1).map((line) => `${indent}  ${line}`))
        for (const block of rest) {
          const nested = block.type.endsWith('List')
          lines.push(...blockLines(block, options, depth + 1).map((line) => (nested ? line : `${indent}  ${line}`)))
        }
      })
      return lines
    }
    case 'table':
      return children.map((row) => (row.content ?? []).map((cell) => cellText(cell, options)).join(' | '))
    case 'horizontalRule':
      return ['———']
    case 'image':
      return []
    default:
      return blocks(children, options, depth)
  }
}

/** Blocks separated by an empty line (lists keep their items on consecutive lines). */
function blocks(nodes: readonly RichNode[], options: SocialTextOptions, depth: number): string[] {
  const out: string[] = []
  for (const node of nodes) {
    const lines = blockLines(node, options, depth)
    if (lines.length === 0 || lines.every((line) => line.trim() === '')) continue
    if (out.length > 0) out.push('')
    out.push(...lines)
  }
  return out
}

/** Plain text of a document for a social post. */
export function docToSocialText(doc: RichNode, options: SocialTextOptions = {}): string {
  return blocks(doc.content ?? [], options, 0)
    .join('\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

// ------------------------------------------------------------------------------------- default variants

export interface DefaultVariantOptions extends MeasureOptions {
  /** The address to announce (the published post's URL); default the item's own (canonical URL, link URL...). */
  url?: string
  /** Append the item's tags as hashtags (default false). */
  hashtags?: boolean
}

function itemUrl(item: Item): string {
  switch (item.kind) {
    case 'post':
      return item.canonicalUrl
    case 'talk':
      return item.slidesUrl || item.videoUrl
    case 'link':
      return item.url
    case 'note':
      return ''
  }
}

function itemSummary(item: Item): string {
  const given = item.kind === 'post' ? item.excerpt : item.kind === 'talk' ? item.abstract : item.kind === 'link' ? item.description : ''
  if (given.trim()) return given.trim().replace(/\s*\n\s*/g, ' ')
  const first = (item.body.content ?? []).find((node) => node.type === 'paragraph' && docToSocialText({ type: 'doc', content: [node] }) !== '')
  return first ? docToSocialText({ type: 'doc', content: [first] }).replace(/\s*\n\s*/g, ' ') : ''
}

function hashtag(tag: string): string | null {
  // A hashtag is one word: letters, digits and underscores (what every channel links).
  const word = tag.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}_]+/gu, '')
  return word && !/^\d+$/.test(word) ? `#${word}` : null
}

/** `text` shortened at a word (or grapheme) boundary with an ellipsis until `fitsWith(candidate)` holds. */
export function ellipsize(text: string, fitsWith: (candidate: string) => boolean): string {
  if (fitsWith(text)) return text
  const graphemes = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map((s) => s.index)
  const wordEnds = graphemes.filter((index) => index > 0 && /\s/.test(text[index]!) && !/\s/.test(text[index - 1]!))
  const tryCuts = (cuts: number[]): string | null => {
    let lo = 0
    let hi = cuts.length - 1
    let best: string | null = null
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const candidate = `${text.slice(0, cuts[mid]).replace(/[\s,;:.!?–—-]+$/u, '')}…`
      if (fitsWith(candidate)) {
        best = candidate
        lo = mid + 1
      } else hi = mid - 1
    }
    return best
  }
  return tryCuts(wordEnds) ?? tryCuts(graphemes.slice(1)) ?? ''
}

/** The announcement of `item` on `channel`: title, summary (shortened to fit), address, optionally hashtags. */
export function defaultVariant(item: Item, channel: ChannelId, options: DefaultVariantOptions = {}): string {
  const url = (options.url ?? itemUrl(item)).trim()
  const title = item.title.trim()
  const summary = itemSummary(item)
  const tags = options.hashtags ? item.tags.map(hashtag).filter((tag): tag is string => tag !== null).join(' ') : ''
  const compose = (head: string, body: string, withTags: string): string =>
    [head, body, url, withTags].filter((part) => part !== '').join('\n\n')
  const fitsWith = (text: string): boolean => !measure(channel, text, options).over
  const full = compose(title, summary, tags)
  if (fitsWith(full)) return full
  // Hashtags go first, then the summary is shortened, then the title.
  if (tags && fitsWith(compose(title, summary, ''))) return compose(title, summary, '')
  const shortSummary = summary ? ellipsize(summary, (s) => fitsWith(compose(title, s, ''))) : ''
  if (shortSummary) return compose(title, shortSummary, '')
  if (fitsWith(compose(title, '', ''))) return compose(title, '', '')
  return compose(ellipsize(title, (t) => fitsWith(compose(t, '', ''))), '', '')
}

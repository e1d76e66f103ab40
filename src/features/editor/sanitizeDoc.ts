// Makes editor JSON from an untrusted source (Markdown pasted as text) safe to insert: the Markdown
// parser takes link and image targets verbatim, so `[x](javascript:…)` or `![](https://tracker/…)`
// would otherwise reach the document.
import type { RichMark, RichNode } from '../../core/doc'
import { attachmentIdFromSrc } from '../../core/doc'
import { isAllowedLinkHref } from './linkRules'

function cleanMarks(marks: RichMark[] | undefined): RichMark[] | undefined {
  if (!marks) return undefined
  const kept = marks.filter((m) => m.type !== 'link' || isAllowedLinkHref(m.attrs?.href))
  return kept.length ? kept : undefined
}

/**
 * An image that is not a stored attachment is never loaded (no remote fetch, no tracking pixel):
 * a web image becomes a link to it, anything else (data:, file:, blob:) is dropped.
 */
function imageReplacement(node: RichNode, inline: boolean): RichNode[] {
  const src = typeof node.attrs?.src === 'string' ? node.attrs.src : ''
  if (attachmentIdFromSrc(src)) return [node]
  if (!/^https?:\/\//i.test(src) || !isAllowedLinkHref(src)) return []
  const alt = typeof node.attrs?.alt === 'string' && node.attrs.alt.trim() ? node.attrs.alt.trim() : src
  const link: RichNode = { type: 'text', text: alt, marks: [{ type: 'link', attrs: { href: src } }] }
  return inline ? [link] : [{ type: 'paragraph', content: [link] }]
}

function cleanChildren(children: RichNode[], parentIsTextblock: boolean): RichNode[] {
  return children.flatMap((child) => (child.type === 'image' ? imageReplacement(child, parentIsTextblock) : [cleanNode(child)]))
}

const TEXTBLOCKS = new Set(['paragraph', 'heading'])

function cleanNode(node: RichNode): RichNode {
  const out: RichNode = { ...node }
  const marks = cleanMarks(node.marks)
  if (marks) out.marks = marks
  else delete out.marks
  if (node.content) out.content = cleanChildren(node.content, TEXTBLOCKS.has(node.type))
  return out
}

/** A cleaned copy of the node (the input is not modified). */
export function sanitizeDocJson<T extends RichNode>(node: T): T {
  if (node.type === 'image') {
    const [replacement] = imageReplacement(node, false)
    return (replacement ?? { type: 'paragraph' }) as T
  }
  return cleanNode(node) as T
}

// Plain text that is written in Markdown (notes from another app, a README) is pasted as rich text.

/** Block syntax at the start of a line: headings, lists, task items, quotes, fences, tables, rules. */
const BLOCK_MARKDOWN =
  /^ {0,3}(?:#{1,6}[ \t]+\S|[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|>[ \t]?\S|```|~~~|[-*+][ \t]+\[[ xX]\][ \t]|\|.+\|[ \t]*$|(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$)/m

/** Inline syntax: strong, links, inline code, strikethrough. Single * or _ is too common in prose to count. */
const INLINE_MARKDOWN = /\*\*[^*\n]+\*\*|__[^_\n]+__|\[[^\]\n]+\]\([^)\s]+\)|`[^`\n]+`|~~[^~\n]+~~/

export function looksLikeMarkdown(text: string): boolean {
  if (!text.trim()) return false
  return BLOCK_MARKDOWN.test(text) || INLINE_MARKDOWN.test(text)
}

// Paragraphs for WordPress "classic editor" content.
//
// WordPress does not store paragraphs in classic posts: it stores the text as typed, with blank lines between
// paragraphs and single line breaks inside them, and its `wpautop` filter adds the <p> and <br> every time a
// page is shown. A WXR export therefore holds that raw text, and an HTML parser reading it as is would glue
// every paragraph of a post into one. This module does the same job so imported posts keep their paragraphs.
//
// Written here rather than taken from `@wordpress/autop` (WordPress's own port) because that package is
// GPL-2.0 and Baluchon ships under MIT; only the documented behaviour is reproduced, not its code:
// - a blank line separates paragraphs; a single line break inside a paragraph becomes <br>;
// - block-level elements (lists, headings, tables, blockquotes, existing <p>...) are never wrapped in <p>;
//   text directly inside a <blockquote>, or a multi-paragraph list item / div, gets its own <p>;
// - <pre>, <script>, <style>, <textarea> and HTML comments keep their line breaks untouched;
// - content written with the block editor (Gutenberg, `<!-- wp:... -->` markers) is already HTML
//   paragraphs and is returned unchanged, as WordPress itself does.
const BLOCK_NAMES =
  'address|article|aside|blockquote|caption|col|colgroup|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|' +
  'h[1-6]|header|hgroup|hr|legend|li|main|map|math|menu|nav|ol|p|section|summary|svg|table|tbody|td|tfoot|th|thead|tr|ul'
const OPENER = new RegExp(`<(?:${BLOCK_NAMES})(?=[\\s/>])[^>]*>`, 'gi')
const CLOSER = new RegExp(`</(?:${BLOCK_NAMES})\\s*>`, 'gi')
const LEADING_OPENER = new RegExp(`^<((?:${BLOCK_NAMES}))(?=[\\s/>])[^>]*>`, 'i')
const TRAILING_CLOSER = new RegExp(`</((?:${BLOCK_NAMES}))\\s*>$`, 'i')
/** Blocks whose content may be several paragraphs: a blank line inside them still means a new <p>. */
const FLOW_CONTAINERS = new Set(['blockquote', 'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'figure', 'details', 'li', 'dd', 'td', 'th', 'form', 'fieldset'])
/** Raw sections whose line breaks are content, kept apart from paragraphing; the first four are blocks. */
const RAW_ELEMENTS = ['pre', 'script', 'style', 'textarea'] as const

// Placeholders are NUL-delimited: NUL is never valid in HTML, and is removed from the content first.
const MARK = '\u0000'
// eslint-disable-next-line no-control-regex -- NUL is the placeholder delimiter on purpose (see above)
const PLACEHOLDER = /\u0000(\d+)\u0000/g
// eslint-disable-next-line no-control-regex -- same
const ONLY_PLACEHOLDERS = /^(?:\s*\u0000\d+\u0000)+\s*$/

export function looksLikeBlockEditorContent(html: string): boolean {
  return html.includes('<!-- wp:')
}

/** Replaces raw sections and comments by numbered placeholders (linear scan, no backtracking regex). */
function protectRaw(text: string, saved: string[]): string {
  const lower = text.toLowerCase()
  let out = ''
  let pos = 0
  while (pos < text.length) {
    const lt = lower.indexOf('<', pos)
    if (lt < 0) break
    let end = -1
    let block = false
    if (lower.startsWith('<!--', lt)) {
      const close = lower.indexOf('-->', lt + 4)
      end = close < 0 ? text.length : close + 3
    } else {
      const name = RAW_ELEMENTS.find((n) => lower.startsWith(`<${n}`, lt) && /[\s>/]/.test(lower[lt + n.length + 1] ?? ''))
      if (name) {
        const close = lower.indexOf(`</${name}`, lt)
        const gt = close < 0 ? -1 : lower.indexOf('>', close)
        end = gt < 0 ? text.length : gt + 1
        block = true
      }
    }
    if (end < 0) {
      out += text.slice(pos, lt + 1)
      pos = lt + 1
      continue
    }
    out += text.slice(pos, lt)
    saved.push(text.slice(lt, end))
    const placeholder = `${MARK}${saved.length - 1}${MARK}`
    out += block ? `\n\n${placeholder}\n\n` : placeholder
    pos = end
  }
  return out + text.slice(pos)
}

function withBreaks(inline: string): string {
  const text = inline.trim()
  return text.includes('\n') ? text.replace(/[ \t]*\n[ \t]*/g, '<br>\n') : text
}

function paragraphSegment(segment: string): string {
  const opener = LEADING_OPENER.exec(segment)
  const rest = opener ? segment.slice(opener[0].length) : segment
  const closer = TRAILING_CLOSER.exec(rest)
  const middle = closer ? rest.slice(0, rest.length - closer[0].length) : rest
  const open = opener?.[0] ?? ''
  const close = closer?.[0] ?? ''
  if (!middle.trim() || ONLY_PLACEHOLDERS.test(middle)) return segment
  const openName = opener?.[1]?.toLowerCase()
  const closeName = closer?.[1]?.toLowerCase()
  let wrap: boolean
  if (!opener && !closer) wrap = true
  else if (opener && closer) wrap = openName === 'blockquote'
  else if (openName) wrap = FLOW_CONTAINERS.has(openName)
  else wrap = FLOW_CONTAINERS.has(closeName ?? '')
  const body = withBreaks(middle)
  return wrap ? `${open}<p>${body}</p>${close}` : `${open}${body}${close}`
}

/** HTML with paragraphs, from WordPress classic-editor content (see the module comment). */
export function autop(content: string): string {
  if (!content.trim()) return ''
  if (looksLikeBlockEditorContent(content)) return content
  const saved: string[] = []
  let text = content.replaceAll(MARK, '').replace(/\r\n?/g, '\n')
  text = protectRaw(text, saved)
  text = text.replace(OPENER, '\n\n$&').replace(CLOSER, '$&\n\n')
  const segments = text
    .split(/\n[ \t]*\n\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
  return segments
    .map(paragraphSegment)
    .join('\n')
    .replace(PLACEHOLDER, (_, i: string) => saved[Number(i)] ?? '')
}

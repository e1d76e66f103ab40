// Pasted and dropped HTML is cleaned by DOMPurify before ProseMirror parses it: only the tags and
// attributes the editor's schema can use survive, with http(s)/mailto links, links between items and stored images only.
import DOMPurify from 'dompurify'
import { attachmentIdFromSrc } from '../../core/doc'
import { isAllowedLinkHref } from './linkRules'

/** What the schema can represent (marks, blocks, lists, task lists, tables); everything else is unwrapped to its text. */
const ALLOWED_TAGS = [
  'p', 'br', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'code', 'pre', 'kbd', 'samp', 'mark', 'sub', 'sup',
  'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'hr',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
]

/**
 * `style` is read (never rendered) by the bold/italic parse rules for Google Docs and Word markup;
 * `class` carries code block languages; data-* carry task-list state and ProseMirror's own slice info.
 */
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'colwidth', 'start', 'class', 'style']

/**
 * Link and image targets: web and mail links, links to items of this database (copied from another item)
 * and images already stored in it.
 */
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|item:|attachment:)/i

/**
 * Remote images are never loaded on paste, by decision: a pasted web page would otherwise phone home
 * (tracking pixels), the image would vanish offline, and the CSP blocks remote images anyway. Each one
 * becomes a link to the image (its alt text, or its address, as the label) so nothing is silently lost;
 * data:/blob:/file: images, which carry no address worth keeping, are dropped. Images already stored
 * in the database (`attachment:` — copied from another item) are kept as they are.
 */
function replaceUnstoredImages(root: ParentNode): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? ''
    if (attachmentIdFromSrc(src)) continue
    if (/^https?:/i.test(src) && isAllowedLinkHref(src)) {
      const link = img.ownerDocument.createElement('a')
      link.setAttribute('href', src)
      link.textContent = img.getAttribute('alt')?.trim() || src
      img.replaceWith(link)
    } else {
      img.remove()
    }
  }
  // Belt and braces: an href DOMPurify let through but the link rules refuse (e.g. mailto: without address).
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    if (!isAllowedLinkHref(a.getAttribute('href'))) a.removeAttribute('href')
  }
}

// IMG: images are blocks in this schema; wrapped in a paragraph they would leave an empty one behind.
const BLOCK_TAGS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'TABLE', 'HR', 'IMG'])

/**
 * Inline content sitting between blocks at the top level ("<p>a</p><a>b</a> <b>c</b>") is parsed by
 * ProseMirror in a block context, where the spaces between inline elements are dropped ("bc") and
 * neighbouring words run together (a URL then swallows the next word). Wrapping each such run in a
 * paragraph, as a browser lays it out, keeps the spaces. A purely inline fragment (part of a
 * sentence) is left alone so it still pastes inline.
 */
function wrapLooseInlineRuns(body: Element): void {
  const children = Array.from(body.childNodes)
  if (!children.some((n) => n instanceof Element && BLOCK_TAGS.has(n.tagName))) return
  let run: ChildNode[] = []
  const flush = (): void => {
    if (run.some((n) => (n.textContent ?? '').trim() !== '' || (n instanceof Element && n.tagName !== 'BR'))) {
      const p = body.ownerDocument.createElement('p')
      run[0]!.before(p)
      p.append(...run)
    }
    run = []
  }
  for (const node of children) {
    if (node instanceof Element && BLOCK_TAGS.has(node.tagName)) flush()
    else run.push(node)
  }
  flush()
}

let purifier: ReturnType<typeof DOMPurify> | null = null

/**
 * A DOMPurify instance of our own with the configuration set once: passing it to every sanitize() call
 * makes DOMPurify rebuild its tag and attribute sets each time, which was most of the cost of importing a
 * blog (thousands of posts go through here). Its own instance leaves the shared one's settings alone.
 */
function pastePurifier(): ReturnType<typeof DOMPurify> {
  if (!purifier) {
    purifier = DOMPurify(window)
    purifier.setConfig({
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOWED_URI_REGEXP,
      // DOMPurify tests every attribute not known as URI-safe against ALLOWED_URI_REGEXP: these plain
      // numbers must be declared safe or a scheme-only regexp drops them (lists restarting at 3, merged cells).
      ADD_URI_SAFE_ATTR: ['start', 'colspan', 'rowspan', 'colwidth'],
      ALLOW_DATA_ATTR: true,
      ALLOW_UNKNOWN_PROTOCOLS: false,
      RETURN_DOM: true,
    })
  }
  return purifier
}

/** The cleaned HTML as a detached <body>, for callers that parse it with ProseMirror next (no reparse). */
export function sanitizePastedHtmlToBody(html: string): HTMLElement {
  const body = pastePurifier().sanitize(html) as unknown as HTMLElement
  replaceUnstoredImages(body)
  wrapLooseInlineRuns(body)
  return body
}

export function sanitizePastedHtml(html: string): string {
  return sanitizePastedHtmlToBody(html).innerHTML
}

/** True when the HTML has text worth pasting (not just an <img> wrapper around a copied picture). */
export function htmlHasText(html: string): boolean {
  if (!html) return false
  const body = DOMPurify.sanitize(html, { ALLOWED_TAGS: ALLOWED_TAGS.filter((t) => t !== 'img'), RETURN_DOM: true })
  return (body.textContent ?? '').trim() !== ''
}

// Editor document → the HTML a WordPress post receives. The renderer is the single-item HTML export's
// (src/core/markdown/html.ts) in its "clean" flavour: semantic tags only, every text and attribute escaped,
// http(s)/mailto links only, nothing that could run. Stored images keep an `attachment:<id>` source: the
// WordPress client uploads each one to the media library, then `rewriteAttachmentSources` swaps in its URL.
import { attachmentIdFromSrc, type RichNode } from '../doc'
import { docToCleanHtml, escapeAttribute, safeHref } from '../markdown/html'

export interface PendingImage {
  /** Attachment id in Baluchon's database. */
  attachmentId: string
  /** The image's alt text, for the media library's `alt_text`. */
  alt: string
}

export interface WordPressContent {
  html: string
  /** Each stored image the HTML refers to, once, in document order. */
  images: PendingImage[]
}

function pendingImages(doc: RichNode): PendingImage[] {
  const seen = new Map<string, PendingImage>()
  const walk = (node: RichNode): void => {
    if (node.type === 'image' && typeof node.attrs?.src === 'string') {
      const id = attachmentIdFromSrc(node.attrs.src)
      const alt = typeof node.attrs.alt === 'string' ? node.attrs.alt : ''
      if (id && !seen.has(id)) seen.set(id, { attachmentId: id, alt })
      else if (id && alt && !seen.get(id)!.alt) seen.set(id, { attachmentId: id, alt })
    }
    node.content?.forEach(walk)
  }
  walk(doc)
  return [...seen.values()]
}

export function docToWordPressHtml(doc: RichNode): WordPressContent {
  return { html: docToCleanHtml(doc), images: pendingImages(doc) }
}

const PLACEHOLDER_SRC = /\ssrc="attachment:([^"]*)"/g

function unescapeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!)
}

export interface RewrittenHtml {
  html: string
  /** Attachment ids still without a URL (not uploaded, or given a URL that is not http(s)). */
  missing: string[]
}

/** Replaces each `attachment:<id>` image source with the uploaded image's URL. */
export function rewriteAttachmentSources(html: string, uploaded: ReadonlyMap<string, string>): RewrittenHtml {
  const missing = new Set<string>()
  const out = html.replace(PLACEHOLDER_SRC, (whole, escapedId: string) => {
    const id = unescapeAttribute(escapedId)
    const url = uploaded.get(id)
    const safe = url !== undefined ? safeHref(url) : null
    if (safe === null || !/^https?:/i.test(safe)) {
      missing.add(id)
      return whole
    }
    return ` src="${escapeAttribute(safe)}"`
  })
  return { html: out, missing: [...missing] }
}

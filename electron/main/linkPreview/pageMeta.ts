// Reads a page's title, description and site name out of the first bytes of its HTML.
// Parsing is htmlparser2's (entities, RCDATA titles, odd quoting); this file only decides the text
// encoding and which of the competing tags wins.
import { TextDecoder } from '@exodus/bytes/encoding.js'
import sniffHTMLEncoding from 'html-encoding-sniffer'
import { Parser } from 'htmlparser2'

export interface PageMeta {
  /** og:title, then twitter:title, then <title>; '' when the page names itself nowhere. */
  title: string
  /** og:description, then twitter:description, then <meta name=description>. */
  description: string
  /** og:site_name, then <meta name=application-name>. */
  siteName: string
}

/** Longest strings kept: a page can stuff anything into its tags, and these end up in the database and the UI. */
export const META_LIMITS = { title: 300, description: 1000, siteName: 120 }

/**
 * Decodes `bytes` the way a browser would (the HTML Standard's sniffing: byte order mark, then the HTTP
 * charset, then a `<meta charset>` or `<meta http-equiv=content-type>` in the first 1024 bytes). With no
 * declaration at all, UTF-8 when the bytes are valid UTF-8 (today's default) and windows-1252 otherwise
 * (the web's legacy default). @exodus/bytes decodes, not Node's TextDecoder: Node 20's reads windows-1252
 * as ISO-8859-1 (0x92 comes out as a control character instead of ’).
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  const encoding = sniffHTMLEncoding(bytes, {
    transportLayerEncodingLabel: charsetOf(contentType) ?? undefined,
    defaultEncoding: isUtf8(bytes) ? 'UTF-8' : 'windows-1252',
  })
  return new TextDecoder(encoding).decode(bytes)
}

export function parsePageMeta(html: string): PageMeta {
  const metas = new Map<string, string>()
  let title = ''
  let inTitle = false
  let titleSeen = false
  // <title> inside inline SVG names the drawing, not the page.
  let svgDepth = 0
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'svg') svgDepth++
        else if (name === 'title' && !titleSeen && svgDepth === 0) inTitle = true
        else if (name === 'meta') {
          const key = (attribs['property'] ?? attribs['name'] ?? attribs['itemprop'])?.trim().toLowerCase()
          const content = attribs['content']
          // The first occurrence wins, as it does for the sites that read these tags.
          if (key && content !== undefined && !metas.has(key)) metas.set(key, content)
        }
      },
      ontext(text) {
        if (inTitle) title += text
      },
      onclosetag(name) {
        if (name === 'svg') svgDepth = Math.max(0, svgDepth - 1)
        else if (name === 'title' && inTitle) {
          inTitle = false
          titleSeen = true
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()

  const first = (limit: number, ...candidates: (string | undefined)[]): string => {
    for (const candidate of candidates) {
      const text = cleanText(candidate ?? '', limit)
      if (text) return text
    }
    return ''
  }
  return {
    title: first(META_LIMITS.title, metas.get('og:title'), metas.get('twitter:title'), title),
    description: first(
      META_LIMITS.description,
      metas.get('og:description'),
      metas.get('twitter:description'),
      metas.get('description'),
    ),
    siteName: first(META_LIMITS.siteName, metas.get('og:site_name'), metas.get('application-name')),
  }
}

/** One line of plain text: whitespace runs collapsed, control characters dropped, cut with an ellipsis. */
export function cleanText(raw: string, limit: number): string {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim()
  if (text.length <= limit) return text
  return `${[...text].slice(0, limit - 1).join('').trimEnd()}…`
}

/** The MIME type of a Content-Type header, lowercased, without parameters. */
export function mimeTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

export function isHtmlMimeType(mime: string): boolean {
  return mime === 'text/html' || mime === 'application/xhtml+xml'
}

/** For a response without Content-Type: does it start like an HTML document? */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  const start = latin1(withoutBom.subarray(0, 512)).trimStart().toLowerCase()
  return /^<(!doctype html|html|head|title|meta|!--)/.test(start)
}

function charsetOf(headerValue: string | null): string | null {
  const match = /charset\s*=\s*["']?([^\s;"']+)/i.exec(headerValue ?? '')
  return match ? match[1]! : null
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // `stream: true` tolerates a multi-byte character cut in half by the size cap.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}

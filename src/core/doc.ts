// The editor document as stored: ProseMirror JSON as Tiptap produces it.

export interface RichMark {
  type: string
  attrs?: Record<string, unknown>
}

export interface RichNode {
  type: string
  attrs?: Record<string, unknown>
  content?: RichNode[]
  marks?: RichMark[]
  text?: string
}

export interface RichDoc extends RichNode {
  type: 'doc'
}

export function emptyDoc(): RichDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}

/** A doc made of plain paragraphs, one per line block (used for imported or generated text). */
export function docFromText(text: string): RichDoc {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '')
  if (paragraphs.length === 0) return emptyDoc()
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
  }
}

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'taskItem',
  'tableRow',
  'horizontalRule',
])

/** Plain text of a document: blocks separated by newlines, table cells by tabs. */
export function docToPlainText(doc: RichNode): string {
  const out: string[] = []
  const walk = (node: RichNode): void => {
    if (node.type === 'text') {
      out.push(node.text ?? '')
      return
    }
    if (node.type === 'hardBreak') {
      out.push('\n')
      return
    }
    if (node.type === 'image') {
      const alt = typeof node.attrs?.alt === 'string' ? node.attrs.alt : ''
      if (alt) out.push(alt)
      return
    }
    const children = node.content ?? []
    children.forEach((child, i) => {
      walk(child)
      if ((child.type === 'tableCell' || child.type === 'tableHeader') && i < children.length - 1) out.push('\t')
    })
    if (BLOCK_TYPES.has(node.type)) out.push('\n')
  }
  walk(doc)
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Ids of attachments a document references (images stored in the database, `baluchon-attachment:<id>`). */
export function docAttachmentIds(doc: RichNode): string[] {
  const ids = new Set<string>()
  const walk = (node: RichNode): void => {
    if (node.type === 'image' && typeof node.attrs?.src === 'string') {
      const id = attachmentIdFromSrc(node.attrs.src)
      if (id) ids.add(id)
    }
    node.content?.forEach(walk)
  }
  walk(doc)
  return [...ids]
}

export const ATTACHMENT_SCHEME = 'attachment:'

export function attachmentSrc(id: string): string {
  return `${ATTACHMENT_SCHEME}${id}`
}

export function attachmentIdFromSrc(src: string): string | null {
  return src.startsWith(ATTACHMENT_SCHEME) ? src.slice(ATTACHMENT_SCHEME.length) || null : null
}

// The editor's node and mark types (Tiptap StarterKit + TaskList/TaskItem + TableKit + Image, see
// src/features/editor/extensions.ts) and builders that give nodes exactly the JSON shape the editor's
// getJSON() produces, attributes and defaults included, so an imported document compares equal to the
// same document once the editor has loaded and saved it (no phantom autosave, no spurious revision).
import type { RichMark, RichNode } from '../doc'

export const NODE = {
  doc: 'doc',
  paragraph: 'paragraph',
  heading: 'heading',
  blockquote: 'blockquote',
  codeBlock: 'codeBlock',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  taskList: 'taskList',
  taskItem: 'taskItem',
  horizontalRule: 'horizontalRule',
  image: 'image',
  table: 'table',
  tableRow: 'tableRow',
  tableHeader: 'tableHeader',
  tableCell: 'tableCell',
  text: 'text',
  hardBreak: 'hardBreak',
} as const

export const MARK = {
  link: 'link',
  bold: 'bold',
  code: 'code',
  italic: 'italic',
  strike: 'strike',
  underline: 'underline',
} as const

export type MarkType = (typeof MARK)[keyof typeof MARK]

/** ProseMirror keeps a node's marks sorted by their rank in the schema; this is the editor's order. */
export const MARK_RANK: Record<MarkType, number> = { link: 0, bold: 1, code: 2, italic: 3, strike: 4, underline: 5 }

export function isMarkType(type: string): type is MarkType {
  return Object.prototype.hasOwnProperty.call(MARK_RANK, type)
}

/** The editor configures Link with `target: null`, `class: null` and this `rel` (the extension's default). */
export const LINK_REL = 'noopener noreferrer nofollow'

export type CellAlign = 'left' | 'center' | 'right'

export function isCellAlign(value: unknown): value is CellAlign {
  return value === 'left' || value === 'center' || value === 'right'
}

export function textNode(text: string, marks?: RichMark[]): RichNode {
  return marks && marks.length > 0 ? { type: NODE.text, text, marks } : { type: NODE.text, text }
}

export function hardBreak(): RichNode {
  return { type: NODE.hardBreak }
}

export function paragraph(content: RichNode[] = []): RichNode {
  return content.length > 0 ? { type: NODE.paragraph, content } : { type: NODE.paragraph }
}

export function heading(level: number, content: RichNode[] = []): RichNode {
  const node: RichNode = { type: NODE.heading, attrs: { level } }
  if (content.length > 0) node.content = content
  return node
}

export function codeBlock(language: string | null, text: string): RichNode {
  const node: RichNode = { type: NODE.codeBlock, attrs: { language } }
  if (text) node.content = [textNode(text)]
  return node
}

export function blockquote(content: RichNode[]): RichNode {
  return { type: NODE.blockquote, content }
}

export function bulletList(items: RichNode[]): RichNode {
  return { type: NODE.bulletList, content: items }
}

export function orderedList(start: number, items: RichNode[]): RichNode {
  return { type: NODE.orderedList, attrs: { start, type: null }, content: items }
}

export function taskList(items: RichNode[]): RichNode {
  return { type: NODE.taskList, content: items }
}

export function listItem(content: RichNode[]): RichNode {
  return { type: NODE.listItem, content }
}

export function taskItem(checked: boolean, content: RichNode[]): RichNode {
  return { type: NODE.taskItem, attrs: { checked }, content }
}

export function horizontalRule(): RichNode {
  return { type: NODE.horizontalRule }
}

export function image(src: string, alt: string | null, title: string | null): RichNode {
  return { type: NODE.image, attrs: { src, alt, title, width: null, height: null } }
}

export function table(rows: RichNode[]): RichNode {
  return { type: NODE.table, content: rows }
}

export function tableRow(cells: RichNode[]): RichNode {
  return { type: NODE.tableRow, content: cells }
}

export function tableCell(header: boolean, align: CellAlign | null, content: RichNode[]): RichNode {
  return {
    type: header ? NODE.tableHeader : NODE.tableCell,
    attrs: { colspan: 1, rowspan: 1, colwidth: null, align },
    content,
  }
}

export function linkMark(href: string, title: string | null): RichMark {
  return { type: MARK.link, attrs: { href, target: null, rel: LINK_REL, class: null, title } }
}

export function simpleMark(type: Exclude<MarkType, 'link'>): RichMark {
  return { type }
}

export function stringAttr(node: { attrs?: Record<string, unknown> }, name: string): string | null {
  const value = node.attrs?.[name]
  return typeof value === 'string' ? value : null
}

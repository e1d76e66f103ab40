// The canonical form of an editor document: what survives a trip through Markdown. docToMarkdown
// writes canonicalDoc(doc), and markdownToDoc(docToMarkdown(doc)) gives canonicalDoc(doc) back exactly.
// Each rule below is either a pure clean-up (merging text nodes, sorting marks, filling the editor's
// default attributes) or something Markdown cannot say, listed here so the loss is deliberate:
//  - empty paragraphs are dropped (a list item keeps its required first paragraph);
//  - hard breaks at the end of a paragraph are dropped (`a\` at the end of a paragraph is a backslash);
//  - whitespace at the edges of bold, italic and strikethrough moves outside the mark (`** a**` is not bold);
//  - marks on hard breaks are dropped; inline code carries no other mark (as in the editor);
//  - heading levels above 4 become 4 (the editor has levels 1 to 4);
//  - links whose target markdown-it refuses (javascript:, vbscript:, file:, data:) keep their text only;
//    link attributes other than href and title take the editor's defaults;
//  - images lose width and height; an image with a refused source is dropped;
//  - tables become rectangular GFM tables: the first row is the header row, every other cell a body cell,
//    merged cells are split, column alignment comes from the first row, and each cell holds one paragraph
//    (its blocks joined by hard breaks) with images as separate blocks;
//  - U+0000 becomes U+FFFD, vertical tab and form feed become spaces, line breaks inside inline code,
//    titles and alt texts become spaces (CommonMark's own rules).
import type { RichDoc, RichMark, RichNode } from '../doc'
import { isMarkdownWhitespace, md } from './markdownIt'
import {
  MARK,
  MARK_RANK,
  NODE,
  blockquote,
  bulletList,
  codeBlock,
  hardBreak,
  heading,
  horizontalRule,
  image,
  isCellAlign,
  isMarkType,
  linkMark,
  listItem,
  orderedList,
  paragraph,
  stringAttr,
  table,
  tableCell,
  tableRow,
  taskItem,
  taskList,
  textNode,
  type CellAlign,
  type MarkType,
} from './nodes'

export const MAX_HEADING_LEVEL = 4
const MAX_ORDERED_START = 100_000_000

type BlockContext = 'doc' | 'blockquote' | 'item' | 'cell'

export function canonicalDoc(doc: RichNode): RichDoc {
  const content = canonicalBlocks(doc.content ?? [], 'doc')
  return { type: 'doc', content }
}

/** Text the way CommonMark will give it back (NUL is replaced, VT and FF are not representable at line edges). */
// eslint-disable-next-line no-control-regex
const UNREPRESENTABLE = /[\u0000\u000b\u000c]/

export function cleanText(text: string): string {
  if (!UNREPRESENTABLE.test(text)) return text
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000/g, '\ufffd').replace(/[\u000b\u000c]/g, ' ')
}

/** Line breaks inside inline code, titles and alt texts read back as spaces. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/\r\n?|\n/g, ' ')
}

export function isAcceptedTarget(url: string): boolean {
  return md.validateLink(url)
}

/** Link and image targets cannot hold a line break in Markdown: encode it as the URL would. */
export function cleanTarget(url: string): string {
  return cleanText(url).replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function isInlineType(type: string): boolean {
  return type === NODE.text || type === NODE.hardBreak
}

function canonicalBlocks(nodes: readonly RichNode[], context: BlockContext): RichNode[] {
  const out: RichNode[] = []
  let pendingInline: RichNode[] = []
  const flushInline = (): void => {
    if (pendingInline.length > 0) out.push(...canonicalTextblock(paragraph(pendingInline), context))
    pendingInline = []
  }
  for (const node of nodes) {
    if (isInlineType(node.type)) {
      // Inline content directly in a block container (not valid in the editor, but do not lose it).
      pendingInline.push(node)
      continue
    }
    flushInline()
    out.push(...canonicalBlock(node, context))
  }
  flushInline()
  return dropEmptyParagraphs(out, context)
}

function isEmptyParagraph(node: RichNode): boolean {
  return node.type === NODE.paragraph && !node.content?.length
}

function dropEmptyParagraphs(blocks: RichNode[], context: BlockContext): RichNode[] {
  const kept = blocks.filter((block, i) => {
    if (!isEmptyParagraph(block)) return true
    // A list item must start with a paragraph; an empty one stays unless a paragraph follows it
    // (Markdown cannot say "an empty first paragraph, then a paragraph").
    return context === 'item' && i === 0 && blocks[1]?.type !== NODE.paragraph
  })
  if (context === 'item') {
    if (kept[0]?.type !== NODE.paragraph) kept.unshift(paragraph())
  } else if (context !== 'cell' && kept.length === 0) {
    kept.push(paragraph())
  }
  return kept
}

function canonicalBlock(node: RichNode, context: BlockContext): RichNode[] {
  switch (node.type) {
    case NODE.paragraph:
    case NODE.heading:
      return canonicalTextblock(node, context)
    case NODE.codeBlock:
      return [canonicalCodeBlock(node)]
    case NODE.blockquote:
      return [blockquote(canonicalBlocks(node.content ?? [], 'blockquote'))]
    case NODE.bulletList:
    case NODE.orderedList:
    case NODE.taskList:
      return canonicalList(node)
    case NODE.horizontalRule:
      return [horizontalRule()]
    case NODE.image:
      return canonicalImage(node)
    case NODE.table:
      return canonicalTable(node)
    case NODE.listItem:
    case NODE.taskItem:
    case NODE.tableRow:
    case NODE.tableCell:
    case NODE.tableHeader:
    default:
      // Out of place or unknown containers: keep what they hold.
      return node.content ? canonicalBlocks(node.content, context === 'item' ? 'blockquote' : context) : []
  }
}

function canonicalTextblock(node: RichNode, context: BlockContext): RichNode[] {
  // Images are blocks in the editor: one found inline (not possible from the editor) is lifted out.
  const parts: RichNode[] = []
  let run: RichNode[] = []
  const isHeading = node.type === NODE.heading
  const level = isHeading ? headingLevel(node.attrs?.level) : 0
  const flush = (): void => {
    const content = canonicalInline(run, { keepTrailingBreaks: isHeading || context === 'cell' })
    if (isHeading) parts.push(heading(level, content))
    else parts.push(paragraph(content))
    run = []
  }
  for (const child of node.content ?? []) {
    if (child.type === NODE.image) {
      flush()
      parts.push(...canonicalImage(child))
    } else {
      run.push(child)
    }
  }
  flush()
  // Splitting around an image must not leave empty headings behind; a lone empty heading is kept.
  return parts.length === 1 ? parts : parts.filter((p) => p.type === NODE.image || p.content?.length)
}

export function headingLevel(raw: unknown): number {
  const level = typeof raw === 'number' && Number.isInteger(raw) ? raw : 1
  return Math.min(Math.max(level, 1), MAX_HEADING_LEVEL)
}

function canonicalCodeBlock(node: RichNode): RichNode {
  const text = (node.content ?? []).map((child) => child.text ?? '').join('')
  return codeBlock(canonicalLanguage(node.attrs?.language), cleanText(text).replace(/\r\n?/g, '\n'))
}

export function canonicalLanguage(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const language = oneLine(raw).trim()
  return language ? language : null
}

function canonicalList(node: RichNode): RichNode[] {
  const items = (node.content ?? []).filter((item) => item.type === NODE.listItem || item.type === NODE.taskItem)
  if (items.length === 0) return []
  const content = (item: RichNode): RichNode[] => canonicalBlocks(item.content ?? [], 'item')
  if (node.type === NODE.taskList) {
    return [taskList(items.map((item) => taskItem(item.attrs?.checked === true, content(item))))]
  }
  const plain = items.map((item) => listItem(content(item)))
  return [node.type === NODE.orderedList ? orderedList(orderedStart(node.attrs?.start), plain) : bulletList(plain)]
}

export function orderedStart(raw: unknown): number {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= MAX_ORDERED_START ? raw : 1
}

function canonicalImage(node: RichNode): RichNode[] {
  const src = stringAttr(node, 'src')
  if (src === null || !isAcceptedTarget(cleanTarget(src))) return []
  const alt = oneLine(stringAttr(node, 'alt') ?? '')
  const title = oneLine(stringAttr(node, 'title') ?? '')
  return [image(cleanTarget(src), alt || null, title || null)]
}

// ---------------------------------------------------------------------------------------------- tables

function cellAlign(cell: RichNode | undefined): CellAlign | null {
  const align = cell?.attrs?.align
  return isCellAlign(align) ? align : null
}

function canonicalTable(node: RichNode): RichNode[] {
  const rows = (node.content ?? [])
    .filter((row) => row.type === NODE.tableRow)
    .map((row) => {
      const cells: (RichNode | null)[] = []
      for (const cell of row.content ?? []) {
        if (cell.type !== NODE.tableCell && cell.type !== NODE.tableHeader) continue
        cells.push(cell)
        const colspan = Number(cell.attrs?.colspan)
        const extra = Number.isInteger(colspan) && colspan > 1 ? Math.min(colspan, 1000) - 1 : 0
        for (let i = 0; i < extra; i++) cells.push(null)
      }
      return cells
    })
    .filter((cells) => cells.length > 0)
  const width = Math.max(0, ...rows.map((cells) => cells.length))
  if (rows.length === 0 || width === 0) return []
  const aligns = Array.from({ length: width }, (_, col) => cellAlign(rows[0]?.[col] ?? undefined))
  return [
    table(
      rows.map((cells, r) =>
        tableRow(
          Array.from({ length: width }, (_, col) => {
            const cell = cells[col]
            return tableCell(r === 0, aligns[col] ?? null, canonicalCellContent(cell?.content ?? []))
          }),
        ),
      ),
    ),
  ]
}

/**
 * A GFM cell is one line: its blocks become one paragraph joined by hard breaks (an empty paragraph
 * counts as a blank line), images stay blocks. The serializer writes the blocks joined by `<br>` and the
 * parser drops the one `<br>` on each side of an image, so this form reads back unchanged.
 */
export function canonicalCellContent(blocks: readonly RichNode[]): RichNode[] {
  const parts: (RichNode[] | RichNode)[] = [] // inline runs (arrays) and images (nodes)
  const addInline = (inline: RichNode[]): void => {
    const last = parts[parts.length - 1]
    if (Array.isArray(last)) last.push(hardBreak(), ...inline)
    else parts.push([...inline])
  }
  const addImage = (node: RichNode): void => {
    const kept = canonicalImage(node)
    if (kept[0]) parts.push(kept[0])
  }
  const walk = (nodes: readonly RichNode[]): void => {
    for (const node of nodes) {
      switch (node.type) {
        case NODE.paragraph:
        case NODE.heading: {
          let run: RichNode[] = []
          let sawImage = false
          for (const child of node.content ?? []) {
            if (child.type !== NODE.image) {
              run.push(child)
              continue
            }
            if (run.length > 0) addInline(run)
            run = []
            sawImage = true
            addImage(child)
          }
          if (run.length > 0 || !sawImage) addInline(run)
          break
        }
        case NODE.codeBlock: {
          const text = (node.content ?? []).map((c) => c.text ?? '').join('')
          const inline: RichNode[] = []
          text.split(/\r\n?|\n/).forEach((line, i) => {
            if (i > 0) inline.push(hardBreak())
            if (line) inline.push(textNode(line, [{ type: MARK.code }]))
          })
          addInline(inline)
          break
        }
        case NODE.image:
          addImage(node)
          break
        case NODE.horizontalRule:
          break
        case NODE.text:
        case NODE.hardBreak:
          addInline([node])
          break
        default:
          walk(node.content ?? [])
      }
    }
  }
  walk(blocks)
  const out: RichNode[] = []
  for (const part of parts) {
    if (!Array.isArray(part)) {
      out.push(part)
      continue
    }
    const content = canonicalInline(part, { keepTrailingBreaks: true })
    if (content.length > 0) out.push(paragraph(content))
  }
  return out.length > 0 ? out : [paragraph()]
}

// ---------------------------------------------------------------------------------------------- inline

interface InlineOptions {
  /** Paragraphs drop trailing hard breaks; headings and table cells write them as <br>. */
  keepTrailingBreaks: boolean
}

/** Marks Markdown writes with delimiters that must hug non-space text (`**a**`, `*a*`, `~~a~~`). */
const HUGGING_MARKS: readonly MarkType[] = [MARK.bold, MARK.italic, MARK.strike]

function canonicalMarks(marks: readonly RichMark[] | undefined): RichMark[] {
  if (!marks?.length) return []
  const byType = new Map<MarkType, RichMark>()
  for (const mark of marks) {
    if (!isMarkType(mark.type) || byType.has(mark.type)) continue
    if (mark.type === MARK.link) {
      const href = typeof mark.attrs?.href === 'string' ? cleanTarget(mark.attrs.href) : ''
      if (!href || !isAcceptedTarget(href)) continue
      const title = typeof mark.attrs?.title === 'string' ? oneLine(mark.attrs.title) : ''
      byType.set(MARK.link, linkMark(href, title || null))
    } else {
      byType.set(mark.type, { type: mark.type })
    }
  }
  // The editor's code mark excludes every other mark.
  if (byType.has(MARK.code)) return [{ type: MARK.code }]
  return [...byType.values()].sort((a, b) => MARK_RANK[a.type as MarkType] - MARK_RANK[b.type as MarkType])
}

export function sameMarks(a: readonly RichMark[] | undefined, b: readonly RichMark[] | undefined): boolean {
  const aa = a ?? []
  const bb = b ?? []
  if (aa.length !== bb.length) return false
  return aa.every((mark, i) => {
    const other = bb[i]!
    if (mark.type !== other.type) return false
    if (mark.type !== MARK.link) return true
    return mark.attrs?.href === other.attrs?.href && (mark.attrs?.title ?? null) === (other.attrs?.title ?? null)
  })
}

export function canonicalInline(nodes: readonly RichNode[], options: InlineOptions): RichNode[] {
  // 1. Clean text and marks, keep only text and hard breaks.
  let items: RichNode[] = []
  for (const node of nodes) {
    if (node.type === NODE.hardBreak) {
      items.push(hardBreak())
    } else if (node.type === NODE.text && node.text) {
      const marks = canonicalMarks(node.marks)
      const isCode = marks.length === 1 && marks[0]!.type === MARK.code
      const text = isCode ? oneLine(node.text) : cleanText(node.text)
      items.push(textNode(text, marks))
    }
  }
  // 2. Move whitespace at the edges of bold/italic/strike runs outside the mark.
  for (const markType of HUGGING_MARKS) items = expelEdgeWhitespace(items, markType)
  // 3. Merge neighbours with the same marks.
  const merged: RichNode[] = []
  for (const item of items) {
    const prev = merged[merged.length - 1]
    if (item.type === NODE.text && prev?.type === NODE.text && sameMarks(prev.marks, item.marks)) {
      merged[merged.length - 1] = textNode((prev.text ?? '') + (item.text ?? ''), prev.marks)
    } else if (item.type !== NODE.text || item.text) {
      merged.push(item)
    }
  }
  if (!options.keepTrailingBreaks) {
    while (merged.length > 0 && merged[merged.length - 1]!.type === NODE.hardBreak) merged.pop()
  }
  return merged
}

function withoutMark(node: RichNode, markType: MarkType, text: string): RichNode {
  return textNode(
    text,
    (node.marks ?? []).filter((m) => m.type !== markType),
  )
}

function hasMark(node: RichNode, markType: MarkType): boolean {
  return node.type === NODE.text && (node.marks ?? []).some((m) => m.type === markType)
}

function expelEdgeWhitespace(items: RichNode[], markType: MarkType): RichNode[] {
  const out: RichNode[] = []
  let i = 0
  while (i < items.length) {
    if (!hasMark(items[i]!, markType)) {
      out.push(items[i]!)
      i++
      continue
    }
    let end = i
    while (end < items.length && hasMark(items[end]!, markType)) end++
    out.push(...trimRun(items.slice(i, end), markType))
    i = end
  }
  return out
}

/** Splits leading and trailing whitespace of a run of nodes carrying `markType` off the mark. */
function trimRun(run: RichNode[], markType: MarkType): RichNode[] {
  // markdown-it's whitespace is all in the BMP, so code units are enough here.
  const isSpace = (text: string, i: number): boolean => isMarkdownWhitespace(text.charCodeAt(i))
  const before: RichNode[] = []
  const after: RichNode[] = []
  const middle = [...run]
  while (middle.length > 0) {
    const first = middle[0]!
    const text = first.text ?? ''
    let k = 0
    while (k < text.length && isSpace(text, k)) k++
    if (k === 0) break
    before.push(withoutMark(first, markType, text.slice(0, k)))
    if (k === text.length) {
      middle.shift()
      continue
    }
    middle[0] = textNode(text.slice(k), first.marks)
    break
  }
  while (middle.length > 0) {
    const last = middle[middle.length - 1]!
    const text = last.text ?? ''
    let k = text.length
    while (k > 0 && isSpace(text, k - 1)) k--
    if (k === text.length) break
    after.unshift(withoutMark(last, markType, text.slice(k)))
    if (k === 0) {
      middle.pop()
      continue
    }
    middle[middle.length - 1] = textNode(text.slice(0, k), last.marks)
    break
  }
  return [...before, ...middle, ...after]
}

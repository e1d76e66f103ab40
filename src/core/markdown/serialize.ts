// Editor document -> Markdown (CommonMark + GFM tables, task lists and strikethrough), for the Markdown
// export, the backup's readable content/ folder and single-item export. Hugo, Jekyll and Obsidian read it.
//
// Hand-written over the JSON rather than prosemirror-markdown's MarkdownSerializer. That serializer does
// run without a DOM (Tiptap's getSchema works headless), but it needs a live ProseMirror Node: the editor's
// schema would have to be rebuilt in the pure core from the Tiptap extensions (pulling Tiptap into the
// export worker and drifting from the editor's configuration), and Node.fromJSON throws on any document the
// schema rejects, which would fail a whole export over one odd item. We would also replace most of it:
// its default node names differ from Tiptap's (bullet_list vs bulletList), it has no tables, task lists,
// strikethrough, underline or code-block `language`, and its escaping leaves `<`, `&`, `|` and setext `=`
// lines alone, so text would not read back as written. The round-trip property test
// (test/node/markdown/roundtrip.property.test.ts) holds this module to markdownToDoc(docToMarkdown(doc))
// = canonicalDoc(doc).
//
// Underline has no Markdown syntax: it is written as <u>…</u>, which Obsidian, Jekyll (kramdown) and
// GitHub render; Hugo's default renderer omits raw HTML and keeps the text. The parser reads <u> back.
import type { RichDoc, RichNode } from '../doc'
import { attachmentIdFromSrc } from '../doc'
import { mapItemLinks } from '../itemLinks'
import { canonicalDoc } from './canonical'
import { escapeText, inlineToMarkdown, linkDestination, linkTitle } from './inline'
import { NODE, stringAttr } from './nodes'

export interface MarkdownExportOptions {
  /** Relative path written for an image stored as attachment `id` (e.g. `images/photo.png`). */
  imagePath(attachmentId: string): string
  /**
   * Relative path written for a link to item `id` (src/core/itemLinks.ts): the target's own file in the same
   * export. Null, or no function, writes the link's label alone: an `item:` address means nothing outside
   * the app.
   */
  itemLinkPath?(itemId: string): string | null
}

interface Context {
  imagePath(attachmentId: string): string
}

/** The document as Markdown, ending with a newline (empty string for an empty document). */
export function docToMarkdown(doc: RichDoc, options: MarkdownExportOptions): string {
  const canonical = canonicalDoc(mapItemLinks(doc, (id) => options.itemLinkPath?.(id) ?? null))
  const lines = renderBlocks(canonical.content ?? [], { imagePath: options.imagePath })
  const text = lines.join('\n')
  return text.trim() === '' ? '' : text + '\n'
}

function renderBlocks(blocks: readonly RichNode[], ctx: Context): string[] {
  const out: string[] = []
  let previous: RichNode | null = null
  let previousMarker = ''
  for (const block of blocks) {
    const lines = renderBlock(block, ctx, previous, previousMarker)
    previousMarker = lines.marker
    previous = block
    if (lines.lines.length === 0) continue
    if (out.length > 0) out.push('')
    out.push(...lines.lines)
  }
  return out
}

interface Rendered {
  lines: string[]
  /** The list marker used, so an adjacent list of the same family uses the other one (else they merge). */
  marker: string
}

function renderBlock(block: RichNode, ctx: Context, previous: RichNode | null, previousMarker: string): Rendered {
  switch (block.type) {
    case NODE.paragraph:
      return { lines: splitLines(inlineToMarkdown(block.content ?? [], 'paragraph')), marker: '' }
    case NODE.heading: {
      const level = typeof block.attrs?.level === 'number' ? block.attrs.level : 1
      const content = inlineToMarkdown(block.content ?? [], 'heading')
      return { lines: ['#'.repeat(level) + (content ? ' ' + content : '')], marker: '' }
    }
    case NODE.codeBlock:
      return { lines: renderCodeBlock(block), marker: '' }
    case NODE.blockquote: {
      const inner = renderBlocks(block.content ?? [], ctx)
      return { lines: inner.length ? inner.map((line) => (line ? '> ' + line : '>')) : ['>'], marker: '' }
    }
    case NODE.bulletList:
    case NODE.taskList:
    case NODE.orderedList:
      return renderList(block, ctx, previous, previousMarker)
    case NODE.horizontalRule:
      return { lines: ['---'], marker: '' }
    case NODE.image:
      return { lines: [renderImage(block, ctx, false)], marker: '' }
    case NODE.table:
      return { lines: renderTable(block, ctx), marker: '' }
    default:
      return { lines: [], marker: '' }
  }
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n')
}

function renderCodeBlock(block: RichNode): string[] {
  const text = (block.content ?? []).map((child) => child.text ?? '').join('')
  const language = stringAttr(block, 'language') ?? ''
  // A backtick fence cannot carry an info string with a backtick: use tildes then.
  const char = language.includes('`') ? '~' : '`'
  let longest = 0
  for (const run of text.match(char === '`' ? /`+/g : /~+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = char.repeat(Math.max(3, longest + 1))
  const info = language.replace(/\\/g, '\\\\').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  return [fence + info, ...(text === '' ? [] : text.split('\n')), fence]
}

function renderImage(block: RichNode, ctx: Context, inTable: boolean): string {
  const src = stringAttr(block, 'src') ?? ''
  const id = attachmentIdFromSrc(src)
  const target = id ? ctx.imagePath(id) : src
  const alt = stringAttr(block, 'alt') ?? ''
  const title = stringAttr(block, 'title')
  return `![${escapeText(alt)}](${linkDestination(target, inTable)}${title ? ' ' + linkTitle(title, inTable) : ''})`
}

// ------------------------------------------------------------------------------------------------ lists

function renderList(list: RichNode, ctx: Context, previous: RichNode | null, previousMarker: string): Rendered {
  const items = list.content ?? []
  const isOrdered = list.type === NODE.orderedList
  const isTask = list.type === NODE.taskList
  // Two lists of the same kind in a row would merge: the second uses the other bullet (or `)` for `.`).
  // A bullet list next to a task list may merge: the parser splits a mixed list back into both kinds.
  const followsSame = previous?.type === list.type
  const marker = isOrdered
    ? followsSame && previousMarker === '.' ? ')' : '.'
    : followsSame && previousMarker === '-' ? '*' : '-'
  const start = isOrdered && typeof list.attrs?.start === 'number' ? list.attrs.start : 1

  const rendered = items.map((item, i) => {
    const { lines, loose } = renderItemBlocks(item.content ?? [], ctx, isTask)
    let prefix: string
    if (isOrdered) prefix = `${start + i}${marker} `
    else prefix = `${marker} `
    const indent = ' '.repeat(prefix.length)
    if (isTask) prefix += item.attrs?.checked === true ? '[x] ' : '[ ] '
    const out: string[] = []
    lines.forEach((line, k) => {
      if (k === 0) out.push(line === '' ? prefix.trimEnd() : prefix + line)
      else out.push(line === '' ? '' : indent + line)
    })
    if (out.length === 0) out.push(prefix.trimEnd())
    return { out, loose }
  })
  const loose = rendered.some((r) => r.loose)
  const lines: string[] = []
  rendered.forEach((r, i) => {
    if (i > 0 && loose) lines.push('')
    lines.push(...r.out)
  })
  return { lines, marker }
}

/**
 * A list item's blocks. The first line belongs after the marker; an empty first paragraph leaves the
 * marker alone on its line. A paragraph and the list right after it are written without a blank line
 * (a tight list) when the nested list may interrupt a paragraph: not when its first item is empty (that
 * would read as a setext heading underline) nor an ordered list not starting at 1.
 */
function renderItemBlocks(blocks: readonly RichNode[], ctx: Context, isTask: boolean): { lines: string[]; loose: boolean } {
  const lines: string[] = []
  let loose = false
  let previous: RichNode | null = null
  let previousMarker = ''
  blocks.forEach((block, i) => {
    const rendered = renderBlock(block, ctx, previous, previousMarker)
    if (i === 0) {
      lines.push(...(rendered.lines.length > 0 ? rendered.lines : ['']))
    } else if (rendered.lines.length > 0) {
      // After an empty first paragraph the marker stands alone: the content must follow on the very next
      // line (an item may start with at most one blank line). A task's "[ ]" is text, not a bare marker.
      const afterBareMarker = !isTask && i === 1 && lines.length === 1 && lines[0] === ''
      const tight = afterBareMarker || (previous?.type === NODE.paragraph && canInterruptParagraph(block))
      if (!tight) {
        lines.push('')
        loose = true
      }
      lines.push(...rendered.lines)
    }
    previous = block
    previousMarker = rendered.marker
  })
  return { lines, loose }
}

function canInterruptParagraph(block: RichNode): boolean {
  if (block.type !== NODE.bulletList && block.type !== NODE.orderedList && block.type !== NODE.taskList) return false
  if (block.type === NODE.orderedList && block.attrs?.start !== 1) return false
  const firstItem = block.content?.[0]
  const firstParagraph = firstItem?.content?.[0]
  if (block.type === NODE.taskList) return true // "- [ ]" always has text after the marker
  return Boolean(firstParagraph?.type === NODE.paragraph && firstParagraph.content?.length)
}

// ----------------------------------------------------------------------------------------------- tables

const ALIGN_ROW: Record<string, string> = { left: ':---', center: ':---:', right: '---:' }

function renderTable(block: RichNode, ctx: Context): string[] {
  const rows = (block.content ?? []).map((row) => (row.content ?? []).map((cell) => renderCell(cell, ctx)))
  const header = rows[0]
  if (!header) return []
  const firstRow = block.content?.[0]?.content ?? []
  const aligns = firstRow.map((cell) => ALIGN_ROW[String(cell.attrs?.align)] ?? '---')
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(aligns), ...rows.slice(1).map(line)]
}

function renderCell(cell: RichNode, ctx: Context): string {
  return (cell.content ?? [])
    .map((block) => {
      if (block.type === NODE.image) return renderImage(block, ctx, true)
      return inlineToMarkdown(block.content ?? [], 'cell')
    })
    .join('<br>')
}

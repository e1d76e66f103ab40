// Markdown -> editor document, straight from markdown-it's token stream to Tiptap JSON (no DOM, no
// schema instance: runs in a worker and in Node). Used to re-import Baluchon's own export and by the
// Markdown-folder importer (Obsidian vaults, Hugo and Jekyll content).
//
// Mapping: CommonMark blocks and marks, GFM tables / strikethrough / task lists (`- [ ]`, `- [x]`),
// <u> <ins> <strong> <b> <em> <i> <del> <s> <strike> and <br> tags as the matching marks and hard breaks.
// Any other HTML is kept as literal text (an HTML block becomes a paragraph of its source lines), never
// rendered. Images are blocks in the editor, so an image inside a paragraph splits it. Headings deeper
// than the editor's 4 levels become level 4. The result is in canonical form (see canonical.ts).
import type { Env, Token } from 'markdown-it'
import type { RichDoc, RichMark, RichNode } from '../doc'
import { canonicalDoc } from './canonical'
import { md, unescapeAll } from './markdownIt'
import {
  MARK,
  NODE,
  blockquote,
  bulletList,
  codeBlock,
  hardBreak,
  heading,
  horizontalRule,
  image,
  isCellAlign,
  linkMark,
  listItem,
  orderedList,
  paragraph,
  table,
  tableCell,
  tableRow,
  taskItem,
  taskList,
  textNode,
  type CellAlign,
  type MarkType,
} from './nodes'
import type { WikilinkEnv, WikilinkResolver } from './wikilinks'

export interface MarkdownImportOptions {
  /**
   * A single line break inside a paragraph: CommonMark reads it as a space (Hugo, Jekyll); Obsidian shows
   * it as a line break by default. Default 'space'.
   */
  softBreak?: 'space' | 'hardBreak'
  /**
   * Maps an image's path as written (e.g. `images/photo.png`) to the src the document keeps (e.g.
   * `attachment:<id>`); null drops the image. Default: the path is kept as written.
   */
  resolveImageSrc?: (src: string) => string | null
  /** Turns `[[Target|label]]` / `![[embed.png]]` into links / images (off when absent). */
  resolveWikilink?: WikilinkResolver
}

/** Inline Markdown (one paragraph's source) as inline nodes, before canonical clean-up. */
export function parseInlineMarkdown(source: string): RichNode[] {
  const inline = md.parseInline(source, {})[0]
  return new TokenReader([], {}).inlineNodes(inline?.children ?? []).filter((node) => node.type !== NODE.image)
}

export function markdownToDoc(markdown: string, options: MarkdownImportOptions = {}): RichDoc {
  const env: Env & WikilinkEnv = options.resolveWikilink ? { resolveWikilink: options.resolveWikilink } : {}
  const source = markdown.startsWith('\ufeff') ? markdown.slice(1) : markdown
  const tokens = md.parse(source, env)
  const reader = new TokenReader(tokens, options)
  return canonicalDoc({ type: 'doc', content: reader.blocksUntil(null) })
}

const HTML_MARK_TAGS: Record<string, Exclude<MarkType, 'link' | 'code'>> = {
  u: MARK.underline,
  ins: MARK.underline,
  strong: MARK.bold,
  b: MARK.bold,
  em: MARK.italic,
  i: MARK.italic,
  del: MARK.strike,
  s: MARK.strike,
  strike: MARK.strike,
}

const TASK_PREFIX = /^\[([ xX])\](?=[ \t]|$)/

/** Inline content before splitting at images: text, hard breaks and image nodes. */
type InlineNode = RichNode

class TokenReader {
  private i = 0

  constructor(
    private readonly tokens: Token[],
    private readonly options: MarkdownImportOptions,
  ) {}

  blocksUntil(closeType: string | null): RichNode[] {
    const out: RichNode[] = []
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!
      this.i++
      if (closeType !== null && token.type === closeType) return out
      out.push(...this.block(token))
    }
    return out
  }

  private block(token: Token): RichNode[] {
    switch (token.type) {
      case 'paragraph_open': {
        const inline = this.inlineThenClose('paragraph_close')
        return this.textblock(inline, null)
      }
      case 'heading_open': {
        const level = Number(token.tag.slice(1)) || 1
        const inline = this.inlineThenClose('heading_close')
        return this.textblock(inline, level)
      }
      case 'blockquote_open':
        return [blockquote(this.blocksUntil('blockquote_close'))]
      case 'bullet_list_open':
        return this.bulletList()
      case 'ordered_list_open': {
        const start = Number(attr(token, 'start') ?? '1')
        const items = this.items('ordered_list_close').map((item) => listItem(item.content))
        return [orderedList(Number.isFinite(start) ? start : 1, items)]
      }
      case 'fence':
        return [codeBlock(unescapeAll(token.info).trim() || null, stripFinalNewline(token.content))]
      case 'code_block':
        return [codeBlock(null, stripFinalNewline(token.content))]
      case 'hr':
        return [horizontalRule()]
      case 'html_block':
        return [paragraph(linesAsInline(stripFinalNewline(token.content)))]
      case 'table_open':
        return [this.table()]
      default:
        // Closing tokens of structures handled elsewhere, or tokens of plugins we do not use.
        return []
    }
  }

  private inlineThenClose(closeType: string): Token | null {
    let inline: Token | null = null
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!
      this.i++
      if (token.type === 'inline') inline = token
      if (token.type === closeType) break
    }
    return inline
  }

  /** A paragraph or heading; images inside it become blocks of their own, splitting it. */
  private textblock(inline: Token | null, level: number | null): RichNode[] {
    const nodes = inline ? this.inlineNodes(inline.children ?? []) : []
    const out: RichNode[] = []
    let run: RichNode[] = []
    let headingPlaced = level === null
    const flush = (): void => {
      if (!headingPlaced) out.push(heading(level ?? 1, run))
      else if (run.length > 0) out.push(paragraph(run))
      headingPlaced = true
      run = []
    }
    for (const node of nodes) {
      if (node.type !== NODE.image) {
        run.push(node)
        continue
      }
      if (run.length > 0 || !headingPlaced) flush()
      out.push(node)
    }
    flush()
    return out
  }

  private items(closeType: string): { content: RichNode[]; task: boolean | null }[] {
    const items: { content: RichNode[]; task: boolean | null }[] = []
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!
      this.i++
      if (token.type === closeType) break
      if (token.type !== 'list_item_open') continue
      const task = closeType === 'bullet_list_close' ? this.takeTaskMarker() : null
      items.push({ content: this.blocksUntil('list_item_close'), task })
    }
    return items
  }

  /** `- [ ] text` / `- [x] text`: removes the marker from the item's first paragraph; null if not a task. */
  private takeTaskMarker(): boolean | null {
    const open = this.tokens[this.i]
    const inline = this.tokens[this.i + 1]
    if (open?.type !== 'paragraph_open' || inline?.type !== 'inline') return null
    const match = TASK_PREFIX.exec(inline.content)
    const first = inline.children?.[0]
    if (!match || first?.type !== 'text' || !first.content.startsWith(match[0])) return null
    // The marker and the one space after it ("[ ] a"); any further spaces belong to the text.
    first.content = first.content.slice(match[0].length).replace(/^[ \t]/, '')
    return match[1] !== ' '
  }

  /** A bullet list whose items are all tasks is a task list; a mixed one is split into runs. */
  private bulletList(): RichNode[] {
    const items = this.items('bullet_list_close')
    const out: RichNode[] = []
    for (const item of items) {
      const isTask = item.task !== null
      const last = out[out.length - 1]
      const node = isTask ? taskItem(item.task === true, item.content) : listItem(item.content)
      if (last && (last.type === NODE.taskList) === isTask) last.content!.push(node)
      else out.push(isTask ? taskList([node]) : bulletList([node]))
    }
    return out
  }

  private table(): RichNode {
    const rows: RichNode[] = []
    let cells: RichNode[] = []
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!
      this.i++
      if (token.type === 'table_close') break
      if (token.type === 'tr_open') cells = []
      else if (token.type === 'tr_close') rows.push(tableRow(cells))
      else if (token.type === 'th_open' || token.type === 'td_open') {
        const align = alignOf(attr(token, 'style'))
        const inline = this.inlineThenClose(token.type === 'th_open' ? 'th_close' : 'td_close')
        cells.push(tableCell(token.type === 'th_open', align, this.cellContent(inline)))
      }
    }
    return table(rows)
  }

  /** Cell inline content: images become blocks, and the one <br> written on each side of an image goes. */
  private cellContent(inline: Token | null): RichNode[] {
    const nodes = inline ? this.inlineNodes(inline.children ?? []) : []
    const parts: (RichNode[] | RichNode)[] = [[]]
    for (const node of nodes) {
      if (node.type === NODE.image) parts.push(node, [])
      else (parts[parts.length - 1] as RichNode[]).push(node)
    }
    const out: RichNode[] = []
    parts.forEach((part, k) => {
      if (!Array.isArray(part)) {
        out.push(part)
        return
      }
      let run = part
      if (k > 0 && run[0]?.type === NODE.hardBreak) run = run.slice(1)
      if (k < parts.length - 1 && run[run.length - 1]?.type === NODE.hardBreak) run = run.slice(0, -1)
      if (run.length > 0) out.push(paragraph(run))
    })
    return out.length > 0 ? out : [paragraph()]
  }

  inlineNodes(children: Token[]): InlineNode[] {
    const out: InlineNode[] = []
    const active: RichMark[] = []
    const removeLast = (type: string): void => {
      for (let k = active.length - 1; k >= 0; k--) {
        if (active[k]!.type === type) {
          active.splice(k, 1)
          return
        }
      }
    }
    const text = (content: string): void => {
      if (content) out.push(textNode(content, active.length ? [...active] : undefined))
    }
    for (const token of children) {
      switch (token.type) {
        case 'text':
        case 'text_special':
          text(token.content)
          break
        case 'code_inline':
          if (token.content) out.push(textNode(token.content, [{ type: MARK.code }]))
          break
        case 'softbreak':
          if (this.options.softBreak === 'hardBreak') out.push(hardBreak())
          else text(' ')
          break
        case 'hardbreak':
          out.push(hardBreak())
          break
        case 'strong_open':
          active.push({ type: MARK.bold })
          break
        case 'strong_close':
          removeLast(MARK.bold)
          break
        case 'em_open':
          active.push({ type: MARK.italic })
          break
        case 'em_close':
          removeLast(MARK.italic)
          break
        case 's_open':
          active.push({ type: MARK.strike })
          break
        case 's_close':
          removeLast(MARK.strike)
          break
        case 'link_open': {
          const title = attr(token, 'title')
          active.push(linkMark(attr(token, 'href') ?? '', title || null))
          break
        }
        case 'link_close':
          removeLast(MARK.link)
          break
        case 'image': {
          const node = this.image(token)
          if (node) out.push(node)
          break
        }
        case 'html_inline': {
          const tag = /^<(\/?)([a-z]+)\s*(\/?)>$/i.exec(token.content.trim())
          const name = tag?.[2]?.toLowerCase()
          if (tag && name === 'br' && !tag[1]) out.push(hardBreak())
          else if (tag && name && HTML_MARK_TAGS[name] && !tag[3]) {
            if (tag[1]) removeLast(HTML_MARK_TAGS[name])
            else active.push({ type: HTML_MARK_TAGS[name] })
          } else text(token.content)
          break
        }
        default:
          if (token.content) text(token.content)
      }
    }
    return out
  }

  private image(token: Token): RichNode | null {
    const written = attr(token, 'src') ?? ''
    const src = this.options.resolveImageSrc ? this.options.resolveImageSrc(written) : written
    if (src === null) return null
    const alt = plainText(token.children ?? [])
    const title = attr(token, 'title')
    return image(src, alt || null, title || null)
  }
}

function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name)
  return value === null ? null : String(value)
}

function plainText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'softbreak' || token.type === 'hardbreak') return ' '
      if (token.type === 'image') return plainText(token.children ?? [])
      if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') return token.content
      return ''
    })
    .join('')
}

function stripFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text
}

function linesAsInline(text: string): RichNode[] {
  const out: RichNode[] = []
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push(hardBreak())
    if (line) out.push(textNode(line))
  })
  return out
}

function alignOf(style: string | null): CellAlign | null {
  const match = style ? /text-align\s*:\s*(\w+)/i.exec(style) : null
  const align = match?.[1]?.toLowerCase()
  return isCellAlign(align) ? align : null
}

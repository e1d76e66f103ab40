// Links and images inside imported Markdown, rewritten so the body converter and a later Markdown export
// can both work with them, never touching code (fenced blocks and inline code spans are left verbatim).
//
// Decisions, in one place:
// - `[[Target]]`, `[[Target|label]]`, `[[Target#Heading]]` (Obsidian wikilinks) become ordinary Markdown
//   links with the `wikilink:` scheme: `[label](wikilink:Target%23Heading)`. The target is kept exactly as
//   written (percent-encoded), so an export can write `[[Target|label]]` back, and the link stays a link in
//   between; the draft's `extra.wikilinks` says which imported file each target resolved to
//   (`md:<path>` is that note's source key) for the converter to turn them into links between items.
// - `![[note]]` (a transcluded note) becomes the same kind of link: Baluchon has no transclusion.
// - `![[image.png]]`, `![[image.png|alt]]`, `![[image.png|300]]` and `![alt](relative/path.png)` become
//   standard images whose address is the file's path from the folder's root, exactly the `ref` listed in
//   the draft's `media`, so the converter can swap each for the attachment it creates.
// - Remote images (http, https) are kept and listed; other schemes (javascript:, file:) are not listed.
// Not handled: reference-style images (`![a][ref]`), HTML <img> tags and Hugo shortcodes stay as written.
import type { Token } from 'markdown-it'
import { md } from '../markdown/markdownIt'
import { basename, dirname, extension, joinVaultPath, type VaultIndex } from './vaultPaths'

export const WIKILINK_SCHEME = 'wikilink:'
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'avif', 'bmp', 'tif', 'tiff', 'heic', 'ico'])

export function wikilinkHref(target: string): string {
  return WIKILINK_SCHEME + encodeURIComponent(target)
}

/** The target a `wikilink:` href stands for, or null for any other href. */
export function wikilinkTarget(href: string): string | null {
  if (!href.startsWith(WIKILINK_SCHEME)) return null
  try {
    return decodeURIComponent(href.slice(WIKILINK_SCHEME.length))
  } catch {
    return null
  }
}

export interface RewriteResult {
  markdown: string
  media: { ref: string; alt?: string }[]
  wikilinks: { target: string; path: string | null }[]
  /** `![[file]]` embeds of non-note files and where they resolved (filled in both modes). */
  embeds: { target: string; path: string }[]
  missingMedia: number
}

/**
 * Runs `fn` on the text outside code blocks and inline code spans. Code blocks are found by markdown-it's
 * block parser (the one the body is later read with), so fences inside list items and blockquotes and
 * indented code count too; inline code spans follow CommonMark's backtick rule (see below).
 */
export function mapOutsideCode(markdown: string, fn: (text: string) => string): string {
  const lines = markdown.split('\n')
  const isCode = new Uint8Array(lines.length)
  const tokens: Token[] = []
  md.block.parse(markdown, md, {}, tokens)
  for (const token of tokens) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) isCode.fill(1, token.map[0], token.map[1])
  }
  const out: string[] = []
  let prose: string[] = []
  const flush = (): void => {
    if (prose.length) out.push(mapOutsideInlineCode(prose.join('\n'), fn))
    prose = []
  }
  lines.forEach((line, i) => {
    if (isCode[i]) {
      flush()
      out.push(line)
    } else prose.push(line)
  })
  flush()
  return out.join('\n')
}

/**
 * Inline code spans: a run of N backticks up to the next run of exactly N. A run right after an odd
 * number of backslashes opens one backtick later (`\`` is a literal backtick), but closes as written
 * (backslashes are literal inside code). Runs are indexed by length first, and each length's list is
 * walked forward only, so the matching is linear even for text full of unmatched backticks.
 */
function mapOutsideInlineCode(text: string, fn: (text: string) => string): string {
  const runs: { at: number; length: number; escaped: boolean }[] = []
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    let j = i
    while (text[j] === '`') j++
    let slashes = 0
    while (text[i - 1 - slashes] === '\\') slashes++
    runs.push({ at: i, length: j - i, escaped: slashes % 2 === 1 })
    i = j
  }
  if (!runs.length) return fn(text)
  const byLength = new Map<number, number[]>()
  runs.forEach((run, k) => {
    const list = byLength.get(run.length)
    if (list) list.push(k)
    else byLength.set(run.length, [k])
  })
  const cursor = new Map<number, number>()
  const nextOfLength = (length: number, after: number): number => {
    const list = byLength.get(length)
    if (!list) return -1
    let at = cursor.get(length) ?? 0
    while (at < list.length && list[at]! <= after) at++
    cursor.set(length, at)
    return at < list.length ? list[at]! : -1
  }
  let out = ''
  let textStart = 0
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!
    const openAt = run.escaped ? run.at + 1 : run.at
    const openLength = run.escaped ? run.length - 1 : run.length
    if (openLength === 0) continue
    const close = nextOfLength(openLength, k)
    if (close < 0) continue
    const end = runs[close]!.at + runs[close]!.length
    out += fn(text.slice(textStart, openAt)) + text.slice(openAt, end)
    textStart = end
    k = close
  }
  return out + fn(text.slice(textStart))
}

/** A wikilink or embed (groups 1-2), or an inline image (groups 3-5), matched in one pass in document order. */
// Never right after an odd number of backslashes (`\![a](b)` is text), and alt text, `<…>` destinations and
// titles may hold backslash escapes (`\]`, `\>`, `\"`), as Baluchon's own export writes them.
const LINK_OR_IMAGE =
  /(?<=(?:^|[^\\])(?:\\\\)*)(?:(!?)\[\[([^[\]\n]+?)\]\]|!\[((?:[^\]\\\n]|\\.)*)\]\(\s*(<(?:[^>\\\n]|\\.)*>|[^\s)]+)(\s+(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\([^)\n]*\)))?\s*\))/g

function escapeLabel(label: string): string {
  return label.replace(/[[\]\\]/g, '\\$&')
}

function destination(path: string): string {
  // Escaped as CommonMark reads destinations back: `\`, `<`, `>` and `&` before an entity name.
  const escaped = path.replace(/[\\<>]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  return /[\s()<>]/.test(path) ? `<${escaped}>` : escaped
}

/**
 * Rewrites the links and images of one note (see the module comment). `notePath` is its path from the
 * root. With `keepWikilinks`, `[[...]]` and `![[...]]` stay as written (for a Markdown reader that resolves
 * them itself) and are only recorded in `wikilinks`, `embeds` and `media`.
 */
export function rewriteNoteLinks(markdown: string, notePath: string, index: VaultIndex, keepWikilinks = false): RewriteResult {
  const folder = dirname(notePath)
  const media: RewriteResult['media'] = []
  const wikilinks: RewriteResult['wikilinks'] = []
  const embeds: RewriteResult['embeds'] = []
  const seenMedia = new Set<string>()
  let missingMedia = 0
  const addMedia = (ref: string, alt: string, exists: boolean): void => {
    if (!exists) missingMedia++
    if (seenMedia.has(ref)) return
    seenMedia.add(ref)
    media.push(alt ? { ref, alt } : { ref })
  }

  const wikilink = (whole: string, bang: string, inner: string): string => {
    // Inside tables Obsidian writes the alias pipe escaped: [[target\|label]].
    const pipe = inner.search(/\\?\|/)
    const rawTarget = (pipe < 0 ? inner : inner.slice(0, pipe)).trim()
    const alias = pipe < 0 ? '' : inner.slice(pipe).replace(/^\\?\|/, '').trim()
    if (!rawTarget) return whole
    const file = rawTarget.replace(/[#^].*$/, '').trim()
    const ext = extension(file)
    if (bang && ext && ext !== 'md') {
      const resolved = index.resolve(file, folder)
      const ref = resolved ?? joinVaultPath(folder, file)
      if (!ref) return whole
      const alt = /^\d+(?:x\d+)?$/.test(alias) ? '' : alias // "|300" is a display width, not a caption
      addMedia(ref, alt, resolved !== null)
      embeds.push({ target: file, path: ref })
      if (keepWikilinks) return whole
      return IMAGE_EXTENSIONS.has(ext) ? `![${escapeLabel(alt)}](${destination(ref)})` : `[${escapeLabel(alt || basename(file))}](${destination(ref)})`
    }
    wikilinks.push({ target: rawTarget, path: file ? index.resolve(file, folder) : notePath })
    if (keepWikilinks) return whole
    return `[${escapeLabel(alias || rawTarget)}](${wikilinkHref(rawTarget)})`
  }

  const image = (whole: string, alt: string, rawDest: string, title: string | undefined): string => {
    const written = rawDest.startsWith('<') ? rawDest.slice(1, -1).trim() : rawDest
    // Backslash escapes of ASCII punctuation, as CommonMark reads them (`a\[1\].png` is `a[1].png`).
    const dest = written.replace(/\\([!-/:-@[-`{-~])/g, '$1')
    if (/^https?:\/\//i.test(dest)) {
      addMedia(dest, alt.trim(), true)
      return whole
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(dest)) return whole
    let decoded = dest
    try {
      decoded = decodeURIComponent(dest)
    } catch {
      // Keep the address as written.
    }
    const joined = joinVaultPath(folder, decoded)
    if (!joined) return whole
    const ref = index.canonical(joined) ?? joined
    addMedia(ref, alt.trim(), index.has(ref))
    return `![${alt}](${destination(ref)}${title ?? ''})`
  }

  const rewrite = (text: string): string =>
    text.replace(LINK_OR_IMAGE, (whole, bang: string | undefined, inner: string | undefined, alt: string, dest: string, title: string | undefined) =>
      inner !== undefined ? wikilink(whole, bang ?? '', inner) : image(whole, alt, dest, title),
    )

  return { markdown: mapOutsideCode(markdown, rewrite), media, wikilinks, embeds, missingMedia }
}

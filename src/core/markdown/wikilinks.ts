// Obsidian-style `[[Target]]`, `[[Target|label]]` and `![[image.png]]`. markdown-it has no rule for them;
// this one only runs when the caller passes a resolver (Markdown-folder import), so Baluchon's own
// exports (which escape every `[`) never trigger it.
import type { StateInline } from 'markdown-it'

/**
 * Maps a wikilink target to a link href (or, for an `![[embed]]`, to an image path that then goes
 * through the image resolver like any `![](path)`). Null keeps the `[[...]]` text as it is.
 */
export type WikilinkResolver = (target: string, kind: 'link' | 'embed') => string | null

export interface WikilinkEnv {
  [key: string]: unknown
  resolveWikilink?: WikilinkResolver
}

const OPEN = 0x5b // [
const BANG = 0x21 // !

export function wikilinkRule(state: StateInline, silent: boolean): boolean {
  const resolve = (state.env as WikilinkEnv).resolveWikilink
  if (!resolve) return false
  const { src, posMax } = state
  let pos = state.pos
  const embed = src.charCodeAt(pos) === BANG
  if (embed) pos++
  if (src.charCodeAt(pos) !== OPEN || src.charCodeAt(pos + 1) !== OPEN) return false
  const end = src.indexOf(']]', pos + 2)
  if (end < 0 || end + 2 > posMax) return false
  const inner = src.slice(pos + 2, end)
  if (!inner.trim() || /[[\]\n]/.test(inner)) return false
  const bar = inner.indexOf('|')
  const target = (bar >= 0 ? inner.slice(0, bar) : inner).trim()
  const label = (bar >= 0 ? inner.slice(bar + 1) : inner).trim() || target
  if (!target) return false
  const href = resolve(target, embed ? 'embed' : 'link')
  if (!silent) {
    if (href === null) {
      state.pending += src.slice(state.pos, end + 2)
    } else if (embed) {
      const token = state.push('image', 'img', 0)
      token.attrs = [
        ['src', href],
        ['alt', ''],
      ]
      const alt = new state.Token('text', '', 0)
      alt.content = bar >= 0 ? label : ''
      token.children = alt.content ? [alt] : []
      token.content = alt.content
    } else {
      const open = state.push('link_open', 'a', 1)
      open.attrs = [['href', href]]
      const text = state.push('text', '', 0)
      text.content = label
      state.push('link_close', 'a', -1)
    }
  }
  state.pos = end + 2
  return true
}

// Links between items: a link mark whose href is `item:<id>` points at another item of the knowledge base
// (an imported `[[wikilink]]`, a relative link between two notes of an imported folder). The id, not the
// title, is what is stored: titles change and repeat, ids are stable and never reused, and a backup restores
// items under the same ids, so links survive a rename, an export and a restore.
//
// Where a document leaves the app, an item link becomes what that place can follow: a relative path to the
// target's file in a Markdown export, and its label alone wherever no such target exists (a single-item
// export, a web page, a social post): the HTML and text writers keep only http(s) and mailto hrefs.
import type { RichMark, RichNode } from './doc'

export const ITEM_LINK_SCHEME = 'item:'

/** Ids are ULIDs or UUIDs; anything else after the scheme is not an item link. */
const ITEM_ID = /^[0-9A-Za-z-]{1,64}$/

export function itemLinkHref(id: string): string {
  return `${ITEM_LINK_SCHEME}${id}`
}

/** The item an href points at, or null when it is not a well-formed item link. */
export function itemIdFromHref(href: unknown): string | null {
  if (typeof href !== 'string' || !href.startsWith(ITEM_LINK_SCHEME)) return null
  const id = href.slice(ITEM_LINK_SCHEME.length)
  return ITEM_ID.test(id) ? id : null
}

const itemLinkOf = (marks: readonly RichMark[] | undefined): string | null => {
  for (const mark of marks ?? []) {
    if (mark.type === 'link') {
      const id = itemIdFromHref(mark.attrs?.href)
      if (id) return id
    }
  }
  return null
}

/** The ids of the items a document links to, each once, in order of first appearance. */
export function docItemLinkIds(doc: RichNode): string[] {
  const ids = new Set<string>()
  const walk = (node: RichNode): void => {
    const id = itemLinkOf(node.marks)
    if (id) ids.add(id)
    node.content?.forEach(walk)
  }
  walk(doc)
  return [...ids]
}

/**
 * The document with each item link pointing where `resolve` says (an href), or turned into plain text
 * (the link mark dropped, the label and its other marks kept) where `resolve` returns null. The document
 * is returned as is when it has no item link, so callers can run this on every item for free.
 */
export function mapItemLinks<T extends RichNode>(doc: T, resolve: (id: string) => string | null): T {
  if (docItemLinkIds(doc).length === 0) return doc
  const map = (node: RichNode): RichNode => {
    let out = node
    const id = itemLinkOf(node.marks)
    if (id) {
      const href = resolve(id)
      const marks = node.marks!.flatMap((mark): RichMark[] => {
        if (mark.type !== 'link' || itemIdFromHref(mark.attrs?.href) !== id) return [mark]
        return href === null ? [] : [{ ...mark, attrs: { ...mark.attrs, href } }]
      })
      out = { ...node }
      if (marks.length) out.marks = marks
      else delete out.marks
    }
    if (out.content) out = { ...out, content: out.content.map(map) }
    return out
  }
  return map(doc) as T
}

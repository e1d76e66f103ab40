// What of an item is searchable, field by field (the engine indexes these, the snippets read them).
import type { Item, ItemKind } from '../items'

export interface SearchDoc {
  id: string
  kind: ItemKind
  title: string
  tags: string[]
  /** Short descriptive fields: a post's excerpt, a talk's event, place and abstract, a link's description and site. */
  details: string
  url: string
  /** The body as plain text (a link's body is the person's commentary). */
  body: string
  updatedAt: number
}

export function searchDocFromItem(item: Item): SearchDoc {
  const base = { id: item.id, kind: item.kind, title: item.title, tags: item.tags, body: item.bodyText, updatedAt: item.updatedAt }
  switch (item.kind) {
    case 'post':
      return { ...base, details: item.excerpt, url: '' }
    case 'talk':
      return { ...base, details: joinNonEmpty([item.event, item.place, item.abstract]), url: '' }
    case 'link':
      return { ...base, details: joinNonEmpty([item.description, item.siteName]), url: item.url }
    case 'note':
      return { ...base, details: '', url: '' }
  }
}

function joinNonEmpty(parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n')
}

/** Tags compare without case, as everywhere else in the app. */
export function tagKey(tag: string): string {
  return tag.trim().toLocaleLowerCase()
}

import { emptyDoc } from './doc'
import type { Item, ItemBase, ItemKind, LinkItem, NoteItem, PostItem, TalkItem } from './items'

/** A new, empty item of a kind with every field present (so forms and exports never meet `undefined`). */
export function newItem(kind: ItemKind, id: string, now: number): Item {
  const base: Omit<ItemBase, 'kind' | 'status'> = {
    id,
    title: '',
    body: emptyDoc(),
    bodyText: '',
    tags: [],
    createdAt: now,
    updatedAt: now,
    trashed: 0,
    trashedAt: null,
  }
  switch (kind) {
    case 'post':
      return { ...base, kind, status: 'idea', excerpt: '', slug: '', slugLocked: false, canonicalUrl: '' } satisfies PostItem
    case 'talk':
      return { ...base, kind, status: 'idea', event: '', date: '', place: '', abstract: '', slidesUrl: '', videoUrl: '' } satisfies TalkItem
    case 'link':
      return { ...base, kind, status: null, url: '', siteName: '', description: '', savedAt: now, read: false, fetchState: 'pending' } satisfies LinkItem
    case 'note':
      return { ...base, kind, status: null } satisfies NoteItem
  }
}

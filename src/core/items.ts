// Domain model of the knowledge base. Pure: shared by main, preload, renderer and tests.
import type { ContentLabel } from './career/labels'
import type { PortfolioChoice } from './career/portfolio'
import type { RichDoc } from './doc'

export const ITEM_KINDS = ['post', 'talk', 'link', 'note'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

export const POST_STATUSES = ['idea', 'draft', 'ready', 'published'] as const
export const TALK_STATUSES = ['idea', 'proposed', 'accepted', 'given', 'declined'] as const
export type PostStatus = (typeof POST_STATUSES)[number]
export type TalkStatus = (typeof TALK_STATUSES)[number]
export type ItemStatus = PostStatus | TalkStatus

/** Statuses each kind may take; links and notes have none (a link has read/unread instead). */
export const STATUSES_BY_KIND: Record<ItemKind, readonly ItemStatus[]> = {
  post: POST_STATUSES,
  talk: TALK_STATUSES,
  link: [],
  note: [],
}

/** IndexedDB cannot index booleans, so "in the Trash" is stored as 0/1. */
export type TrashFlag = 0 | 1

export interface ItemBase {
  /** ULID: sortable, never reused. */
  id: string
  kind: ItemKind
  title: string
  /** The editor document (Tiptap/ProseMirror JSON). */
  body: RichDoc
  /** Plain text of the body, kept in step with it for search, counts and exports. */
  bodyText: string
  tags: string[]
  status: ItemStatus | null
  createdAt: number
  updatedAt: number
  trashed: TrashFlag
  trashedAt: number | null
  /** Where an import found it (see `ImportDraft.sourceKey`), so importing the same source again adds no duplicate. */
  importKey?: string
  /**
   * What an import found that Baluchon has no field for (unknown front-matter keys, WordPress author,
   * custom fields...), kept as the source gave it so nothing is lost; the Markdown export writes it back.
   */
  meta?: Record<string, unknown>
  /**
   * Affiliation chosen by hand (schema v4): an affiliation's id, or null for "none". Absent: the affiliation active
   * at the item's date (see `careerResolver`), so adding an affiliation later places older items without a rewrite.
   */
  affiliationId?: string | null
  /** Label chosen by hand (schema v4). Absent: the affiliation's default label, else Settings' default. */
  label?: ContentLabel
  /** In or out of the public portfolio by the person's choice (schema v4). Absent: `defaultInPortfolio`. */
  portfolio?: PortfolioChoice
  /**
   * The other items the body links to (`item:<id>`, see itemLinks.ts), schema v7: kept by the database from the
   * body on every write and indexed, for "Linked from"; never set by hand. Absent when it links to none.
   */
  linksTo?: string[]
}

export interface PostItem extends ItemBase {
  kind: 'post'
  status: PostStatus
  excerpt: string
  slug: string
  /** Once the person edits the slug by hand it no longer follows the title. */
  slugLocked: boolean
  canonicalUrl: string
}

export interface TalkItem extends ItemBase {
  kind: 'talk'
  status: TalkStatus
  event: string
  /** Calendar date of the talk, `YYYY-MM-DD`, or empty. */
  date: string
  place: string
  abstract: string
  slidesUrl: string
  videoUrl: string
}

/** Whether main has filled in the page's metadata yet (offline links are completed later). */
export type LinkFetchState = 'pending' | 'done' | 'failed'

export interface LinkItem extends ItemBase {
  kind: 'link'
  status: null
  url: string
  siteName: string
  description: string
  savedAt: number
  read: boolean
  fetchState: LinkFetchState
  /**
   * 1 while the link is unread, absent once read: kept by the database itself (a hook in `src/db/schema.ts`)
   * because IndexedDB cannot index `read: false`. Never set it by hand.
   */
  unread?: 1
}

export interface NoteItem extends ItemBase {
  kind: 'note'
  status: null
}

export type Item = PostItem | TalkItem | LinkItem | NoteItem

/** Fields a kind adds to the common ones (what the detail pane shows as a form). */
export type KindFields<K extends ItemKind> = Omit<Extract<Item, { kind: K }>, keyof ItemBase>

export function isItemKind(value: unknown): value is ItemKind {
  return typeof value === 'string' && (ITEM_KINDS as readonly string[]).includes(value)
}

/** Tags are compared case-insensitively and stored trimmed, without a leading '#'. */
export function normalizeTag(raw: string): string {
  // Strip every leading '#' (and spaces between them) before trimming, so normalising twice changes nothing;
  // cap by code points, never splitting an emoji's surrogate pair.
  const clean = raw.replace(/^[\s#]+/, '').replace(/\s+/g, ' ').trim()
  return Array.from(clean).slice(0, 64).join('').trim()
}

export function normalizeTags(raw: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const r of raw) {
    const tag = normalizeTag(r)
    const key = tag.toLocaleLowerCase()
    if (tag && !seen.has(key)) {
      seen.add(key)
      out.push(tag)
    }
  }
  return out
}

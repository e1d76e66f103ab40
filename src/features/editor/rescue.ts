// Last-resort copy of text that could not be saved (IndexedDB full or failing). localStorage has its
// own small quota, so a note that IndexedDB refused can usually still be kept here, and it survives a
// window closed before the save went through. The copy is removed as soon as a save succeeds and
// offered back (loaded into the editor, unsaved) the next time the item is opened.
import type { ContentPatch } from '../items/repository'

const PREFIX = 'baluchon:unsaved:'

export interface RescuedContent extends ContentPatch {
  /** When the save failed; the copy is only used if the item was not saved after it. */
  at: number
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function keepRescueCopy(itemId: string, content: ContentPatch, now = Date.now()): void {
  try {
    storage()?.setItem(PREFIX + itemId, JSON.stringify({ ...content, at: now } satisfies RescuedContent))
  } catch {
    // localStorage is full too: the text is still in the editor and in memory, retried on every change.
  }
}

export function dropRescueCopy(itemId: string): void {
  try {
    storage()?.removeItem(PREFIX + itemId)
  } catch {
    // Nothing to do: a stale copy is ignored once the item has been saved after it.
  }
}

/** The rescued content for an item if it is newer than the item's last save, else null (and it is dropped). */
export function takeRescueCopy(itemId: string, itemUpdatedAt: number): RescuedContent | null {
  const raw = storage()?.getItem(PREFIX + itemId)
  if (!raw) return null
  try {
    const parsed = JSON.parse(raw) as Partial<RescuedContent>
    if (
      typeof parsed.at === 'number' &&
      parsed.at > itemUpdatedAt &&
      typeof parsed.title === 'string' &&
      typeof parsed.bodyText === 'string' &&
      parsed.body?.type === 'doc'
    ) {
      return parsed as RescuedContent
    }
  } catch {
    // A corrupt copy is worth nothing: fall through and drop it.
  }
  dropRescueCopy(itemId)
  return null
}

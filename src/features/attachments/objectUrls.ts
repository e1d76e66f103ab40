// blob: URLs for stored images. Documents say `attachment:<id>`; the page can only show what it can
// load, and the CSP allows blob: (never remote hosts), so each image is served from its stored Blob.
// URLs are shared by every place showing the same image and revoked once nothing shows it anymore.
import type { BaluchonDb } from '../../db'
import { getAttachment } from './repository'

interface Entry {
  refs: number
  /** Resolves to the URL, or null when the attachment does not exist (deleted, or not stored yet). */
  url: Promise<string | null>
  revokeTimer: ReturnType<typeof setTimeout> | null
}

export interface AttachmentUrlHandle {
  /** The blob: URL, or null when there is no such attachment. */
  url: Promise<string | null>
  /** Gives the reference back; calling it again does nothing. */
  release(): void
}

export interface AttachmentUrlCache {
  /** Takes a reference on the image's URL, given back with the handle's release(). */
  acquire(id: string): AttachmentUrlHandle
  /** Revokes every URL now (the database is being closed or swapped). */
  clear(): void
  /** How many images have a URL made or being made (for tests and diagnostics). */
  readonly size: number
}

/**
 * `revokeDelayMs` keeps a URL alive a little after its last user goes away: undo, redo, moving a
 * block or re-rendering a node view release and re-acquire the same image within milliseconds.
 */
export function createAttachmentUrlCache(db: BaluchonDb, revokeDelayMs = 10_000): AttachmentUrlCache {
  const entries = new Map<string, Entry>()

  const drop = (id: string, entry: Entry): void => {
    if (entry.revokeTimer) clearTimeout(entry.revokeTimer)
    entry.revokeTimer = null
    if (entries.get(id) === entry) entries.delete(id)
    void entry.url.then((url) => {
      if (url) URL.revokeObjectURL(url)
    })
  }

  const load = (id: string): Entry => {
    const entry: Entry = {
      refs: 0,
      revokeTimer: null,
      url: getAttachment(db, id).then(
        (a) => (a ? URL.createObjectURL(a.data) : null),
        () => null,
      ),
    }
    // A missing image is not remembered: it may be stored a moment later (a paste racing its display).
    void entry.url.then((url) => {
      if (url === null && entries.get(id) === entry) entries.delete(id)
    })
    entries.set(id, entry)
    return entry
  }

  return {
    acquire(id) {
      const entry = entries.get(id) ?? load(id)
      entry.refs++
      if (entry.revokeTimer) {
        clearTimeout(entry.revokeTimer)
        entry.revokeTimer = null
      }
      let released = false
      return {
        url: entry.url,
        release() {
          if (released) return
          released = true
          entry.refs--
          if (entry.refs > 0 || entries.get(id) !== entry) return
          if (revokeDelayMs <= 0) drop(id, entry)
          else entry.revokeTimer = setTimeout(() => drop(id, entry), revokeDelayMs)
        },
      }
    },
    clear() {
      for (const [id, entry] of [...entries]) drop(id, entry)
    },
    get size() {
      return entries.size
    },
  }
}

const caches = new WeakMap<BaluchonDb, AttachmentUrlCache>()

/** The shared cache for a database, so two editors showing one image make one URL. */
export function attachmentUrlsFor(db: BaluchonDb): AttachmentUrlCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = createAttachmentUrlCache(db)
    caches.set(db, cache)
  }
  return cache
}

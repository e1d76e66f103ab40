// The Markdown export's data, read from the app's database in pages by primary key (a 50,000-item base
// is never all in memory, and each read is a short IndexedDB request).
import Dexie from 'dexie'
import type { Item } from '../../core/items'
import type { BaluchonDb } from '../../db'
import { loadCareerContext } from '../career/repository'
import type { ExportAttachment, MarkdownExportSource } from './markdownExport'

const PAGE_SIZE = 500

/** Every item outside the Trash. */
export function dexieExportSource(db: BaluchonDb, pageSize = PAGE_SIZE): MarkdownExportSource {
  return {
    count: () =>
      db.items
        .where('[trashed+updatedAt]')
        .between([0, Dexie.minKey], [0, Dexie.maxKey], true, true)
        .count(),
    async *pages() {
      const read = (after: string | null): Promise<Item[]> =>
        (after === null ? db.items.orderBy(':id') : db.items.where(':id').above(after)).limit(pageSize).toArray()
      // One page read ahead: IndexedDB fetches the next page (in the browser process) while this one is rendered,
      // instead of the export waiting for each read in turn. At most two pages are held.
      let next: Promise<Item[]> | null = read(null)
      while (next) {
        const page: Item[] = await next
        if (page.length === 0) return
        next = page.length < pageSize ? null : read(page[page.length - 1]!.id)
        // If the consumer stops early, a read still under way must not count as unhandled.
        next?.catch(() => undefined)
        yield page.filter((item) => item.trashed !== 1)
      }
    },
    async attachments(ids) {
      const found = await db.attachments.bulkGet([...ids])
      return found.map((a): ExportAttachment | undefined => (a ? { id: a.id, mime: a.mime, name: a.name, sha256: a.sha256, data: a.data } : undefined))
    },
    career: () => loadCareerContext(db),
  }
}

/** One item (for the single-item export). */
export function singleItemSource(db: BaluchonDb, item: Item): MarkdownExportSource {
  return {
    count: async () => 1,
    async *pages() {
      yield [item]
    },
    attachments: (ids) => dexieExportSource(db).attachments(ids),
    career: () => loadCareerContext(db),
  }
}

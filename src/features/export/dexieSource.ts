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
      let last: string | null = null
      for (;;) {
        const page: Item[] = await (last === null ? db.items.orderBy(':id') : db.items.where(':id').above(last)).limit(pageSize).toArray()
        if (page.length === 0) return
        last = page[page.length - 1]!.id
        yield page.filter((item) => item.trashed !== 1)
        if (page.length < pageSize) return
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

// The Markdown export reads the database in pages by id: every item outside the Trash, once; images by id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { dexieExportSource } from '../../../src/features/export/dexieSource'

let db: BaluchonDb
let n = 0
beforeEach(async () => {
  db = new BaluchonDb(`export-source-test-${Date.now()}-${n++}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

describe('dexieExportSource', () => {
  it('yields every item outside the Trash once, in pages, and counts them', async () => {
    const items: Item[] = Array.from({ length: 1203 }, (_, i) => {
      const item = newItem(i % 2 ? 'note' : 'post', `01H${String(i).padStart(23, '0')}`, 1_700_000_000_000 + i)
      return i % 10 === 0 ? { ...item, trashed: 1 as const, trashedAt: 1 } : item
    })
    await db.items.bulkAdd(items)
    const source = dexieExportSource(db, 500)
    expect(await source.count()).toBe(1203 - 121)
    const pages: string[][] = []
    for await (const page of source.pages()) pages.push(page.map((i) => i.id))
    expect(pages.length).toBe(3)
    const seen = pages.flat()
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(items.filter((i) => i.trashed === 0).map((i) => i.id).sort())
  })

  it('reads the next page while the current one is being used', async () => {
    const counted = new BaluchonDb(db.name)
    let reads = 0
    counted.use({
      stack: 'dbcore',
      name: 'CountReads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name)
          if (name !== 'items') return table
          return {
            ...table,
            query: (req) => (reads++, table.query(req)),
            openCursor: (req) => (reads++, table.openCursor(req)),
          }
        },
      }),
    })
    await db.items.bulkAdd(Array.from({ length: 30 }, (_, i) => newItem('note', `01H${String(i).padStart(23, '0')}`, 1_700_000_000_000 + i)))
    const pages = dexieExportSource(counted, 10).pages()[Symbol.asyncIterator]()
    expect((await pages.next()).value).toHaveLength(10)
    // The first page is in hand and nothing more was asked for: the second is already being read.
    expect(reads).toBe(2)
    let total = 10
    for (let page = await pages.next(); !page.done; page = await pages.next()) total += page.value.length
    expect(total).toBe(30)
    counted.close()
  })

  it('finds images by id, in order, undefined where one is gone', async () => {
    const data = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' })
    await db.attachments.bulkAdd([
      { id: 'a', itemId: 'x', mime: 'image/png', name: 'a.png', size: 4, sha256: 'sha-a', createdAt: 1, data },
      { id: 'b', itemId: 'x', mime: 'image/jpeg', name: 'b.jpg', size: 4, sha256: 'sha-b', createdAt: 1, data },
    ])
    const found = await dexieExportSource(db).attachments(['b', 'gone', 'a'])
    expect(found.map((a) => a && [a.id, a.mime, a.name, a.sha256])).toEqual([['b', 'image/jpeg', 'b.jpg', 'sha-b'], undefined, ['a', 'image/png', 'a.png', 'sha-a']])
  })
})

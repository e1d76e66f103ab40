// The personal archive as a property: over generated bases (affiliations that overlap or not, labels by hand or by
// default, hand-chosen affiliations, images shared between items, revisions), the archive holds exactly the items
// the pure partition lets leave, and no byte of any entry names a confidential item. And an item relabelled
// confidential while the export runs stops the export rather than leaking its history.
import type { Table } from 'dexie'
import { unzipSync } from 'fflate'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { readArchive } from '../../../src/core/archive'
import { CONTENT_LABELS, leavingPartition, type Affiliation } from '../../../src/core/career'
import { attachmentSrc, type RichDoc } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, type Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db'
import { exportDatabase } from '../../../src/features/backup/jobs'
import { leavingFilter, readCareerContext } from '../../../src/features/backup/leavingScope'
import { attachment, png } from '../backup/support'

const opened: BaluchonDb[] = []
let n = 0
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await db.delete()
  }
})

async function freshDb(): Promise<BaluchonDb> {
  const db = new BaluchonDb(`leaving-property-${Date.now()}-${n++}`)
  await db.open()
  opened.push(db)
  return db
}

async function exportLeaving(db: BaluchonDb): Promise<Uint8Array> {
  const { filter } = await leavingFilter(db)
  const chunks: Uint8Array[] = []
  const { size } = await exportDatabase(db, (chunk) => void chunks.push(chunk.slice()), { appVersion: 't', createdAt: 1, filter })
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

const DAY = 86_400_000
const day = fc.integer({ min: Date.UTC(2016, 0, 1) / DAY, max: Date.UTC(2026, 0, 1) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10))
const label = fc.constantFrom(...CONTENT_LABELS)
const arbAffiliations = fc
  .uniqueArray(fc.record({ id: fc.constantFrom('AFA', 'AFB', 'AFC'), start: day, days: fc.integer({ min: 0, max: 1500 }), open: fc.boolean(), defaultLabel: label }), {
    selector: (a) => a.id,
    maxLength: 3,
  })
  .map((list) =>
    list.map(
      (a): Affiliation => ({
        id: a.id,
        organisation: `Org ${a.id}`,
        role: '',
        start: a.start,
        end: a.open ? '' : new Date(Date.parse(a.start) + a.days * DAY).toISOString().slice(0, 10),
        logoAttachmentId: null,
        defaultLabel: a.defaultLabel,
        createdAt: 0,
        updatedAt: 0,
      }),
    ),
  )
const arbItems = fc.array(
  fc.record({
    kind: fc.constantFrom(...ITEM_KINDS),
    date: day,
    label: fc.option(label, { nil: undefined }),
    affiliationId: fc.option(fc.option(fc.constantFrom('AFA', 'AFB', 'AFC', 'GONE'), { nil: null }), { nil: undefined }),
    image: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    revision: fc.boolean(),
  }),
  { minLength: 1, maxLength: 25 },
)

describe('the personal archive (property)', () => {
  it('holds exactly the items that may leave, and no trace of the others', async () => {
    await fc.assert(
      fc.asyncProperty(arbAffiliations, arbItems, label, async (affiliations, specs, defaultLabel) => {
        const db = await freshDb()
        const items: Item[] = specs.map((s, i) => {
          const at = Date.parse(`${s.date}T12:00:00Z`)
          const item = newItem(s.kind, `title-${i}-x`, at) as Item
          item.id = `ITEM${String(i).padStart(3, '0')}`
          if (item.kind === 'link') item.savedAt = at
          if (s.label) item.label = s.label
          if (s.affiliationId !== undefined) item.affiliationId = s.affiliationId
          const body: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `text of ${item.id}` }] }] }
          if (s.image !== undefined) body.content!.push({ type: 'image', attrs: { src: attachmentSrc(`IMG${s.image}`), alt: '', title: null } })
          item.body = body
          item.bodyText = `text of ${item.id}`
          return item
        })
        await db.affiliations.bulkAdd(affiliations)
        await db.settings.put({ key: 'career.defaultLabel', value: defaultLabel })
        await db.items.bulkAdd(items)
        const used = [...new Set(specs.flatMap((s) => (s.image === undefined ? [] : [s.image])))]
        // Each image first received by the first item showing it (possibly a confidential one).
        await db.attachments.bulkAdd(used.map((k) => attachment(`IMG${k}`, items[specs.findIndex((s) => s.image === k)]!.id, png(k))))
        await db.revisions.bulkAdd(
          items.flatMap((item, i) => (specs[i]!.revision ? [{ id: `REV${item.id}`, itemId: item.id, createdAt: 1, title: item.title, body: item.body, bodyText: item.bodyText, reason: 'save' as const }] : [])),
        )

        const { leaving, staying } = leavingPartition(items, await readCareerContext(db))
        const bytes = await exportLeaving(db)
        const contents = await readArchive(bytes)
        expect(contents.items.map((i) => i.id).sort()).toEqual(leaving.map((i) => i.id).sort())
        const leavingIds = new Set(leaving.map((i) => i.id))
        for (const r of contents.revisions) expect(leavingIds.has(r.itemId)).toBe(true)
        for (const a of contents.attachments) expect(leavingIds.has(a.itemId)).toBe(true)
        // Images shown by a leaving item leave; the others do not.
        const shown = new Set(leaving.flatMap((i) => (specs[Number(i.id.slice(4))]!.image === undefined ? [] : [`IMG${specs[Number(i.id.slice(4))]!.image}`])))
        expect(contents.attachments.map((a) => a.id).sort()).toEqual([...shown].sort())
        const entries = unzipSync(bytes)
        const text = Object.entries(entries)
          .map(([name, data]) => name + new TextDecoder().decode(data))
          .join('\n')
        for (const s of staying) {
          expect(text.includes(s.id)).toBe(false)
          expect(text.includes(`title-${Number(s.id.slice(4))}-x`)).toBe(false)
        }
      }),
      { numRuns: 25 },
    )
  }, 120_000)

  it('stops rather than leak when an item becomes confidential during the export', async () => {
    const db = await freshDb()
    const item = newItem('note', 'Was personal', Date.UTC(2024, 0, 1))
    item.label = 'personal'
    await db.items.add(item)
    await db.revisions.add({ id: 'REV1', itemId: item.id, createdAt: 1, title: 'Was personal', body: item.body, bodyText: 'old text', reason: 'save' })
    const { filter } = await leavingFilter(db)
    // Relabelled in another window after the export decided, before it wrote the item.
    await (db.items as unknown as Table<Record<string, unknown>, string>).update(item.id, { label: 'employer-confidential' })
    const chunks: Uint8Array[] = []
    await expect(exportDatabase(db, (c) => void chunks.push(c), { appVersion: 't', createdAt: 1, filter })).rejects.toMatchObject({ code: 'write-failed' })
  })
})

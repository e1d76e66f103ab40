// Helpers for backup tests: a fresh database per test, a small varied knowledge base written through the real
// schema, an export to bytes, and a dump of every record (attachments by their bytes' SHA-256) to compare bases.
import { createHash } from 'node:crypto'
import { attachmentSrc, docToPlainText, type RichDoc } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Affiliation } from '../../../src/core/career'
import type { Item } from '../../../src/core/items'
import { BaluchonDb, type Attachment, type Revision } from '../../../src/db'
import type { Plan } from '../../../src/db/schema'
import { exportDatabase } from '../../../src/features/backup/jobs'

export const T0 = Date.UTC(2026, 2, 14, 9, 30, 0)
let counter = 0
const opened: BaluchonDb[] = []

export async function freshDb(): Promise<BaluchonDb> {
  const db = new BaluchonDb(`backup-test-${Date.now()}-${counter++}`)
  await db.open()
  opened.push(db)
  return db
}

export async function closeAll(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close()
    await db.delete()
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function doc(text: string, imageId?: string): RichDoc {
  const content: RichDoc['content'] = [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }]
  if (imageId) content!.push({ type: 'image', attrs: { src: attachmentSrc(imageId), alt: 'photo', title: null } })
  return { type: 'doc', content }
}

export function item<K extends Item['kind']>(kind: K, id: string, fields: Partial<Extract<Item, { kind: K }>> = {}): Extract<Item, { kind: K }> {
  const base = newItem(kind, id, T0) as Extract<Item, { kind: K }>
  const merged = { ...base, ...fields }
  if (fields.body && fields.bodyText === undefined) merged.bodyText = docToPlainText(fields.body)
  return merged
}

export function revision(id: string, itemId: string, title: string, text: string, createdAt = T0 - 60_000): Revision {
  return { id, itemId, createdAt, title, body: doc(text), bodyText: text, reason: 'save' }
}

export function png(seed: number, size = 64): Uint8Array {
  const out = new Uint8Array(size)
  out.set([137, 80, 78, 71, 13, 10, 26, 10])
  for (let i = 8; i < size; i++) out[i] = (seed * 31 + i * 7) % 256
  return out
}

export function attachment(id: string, itemId: string, bytes: Uint8Array): Attachment {
  return { id, itemId, mime: 'image/png', name: `${id}.png`, size: bytes.length, sha256: sha256(bytes), createdAt: T0, data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }) }
}

/** Posts, a talk, a link (unread), a note, a trashed item, an image, revisions, settings. */
export async function seedSample(db: BaluchonDb): Promise<void> {
  const image = png(1)
  await db.items.bulkAdd([
    item('post', '01POST', { title: 'L’été — مرحبا 👩‍👩‍👧', body: doc('Bonjour le monde', '01IMG'), tags: ['écriture', 'travel'], status: 'published', slug: 'lete' }),
    item('talk', '01TALK', { title: 'שלום talk', body: doc('Abstract'), event: 'Conf', date: '2026-05-01', status: 'accepted' }),
    item('link', '01LINK', { title: 'A link', url: 'https://example.org/', siteName: 'Example', read: false, fetchState: 'done', savedAt: T0 }),
    item('note', '01NOTE', { title: '', body: doc(''), tags: [] }),
    item('note', '01TRASH', { title: 'Trashed', body: doc('gone'), trashed: 1, trashedAt: T0 + 1000 }),
  ])
  await db.revisions.bulkAdd([revision('01REV1', '01POST', 'Old title', 'Earlier text'), revision('01REV2', '01NOTE', 'n', 'x')])
  await db.attachments.add(attachment('01IMG', '01POST', image))
  await db.settings.bulkPut([
    { key: 'ui.language', value: 'fr' },
    { key: 'ui.theme', value: 'dark' },
  ])
}

export async function exportBytes(db: BaluchonDb, createdAt = T0 + 86_400_000): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  await exportDatabase(db, (chunk) => void chunks.push(chunk), { appVersion: '0.1.0-test', createdAt })
  return Buffer.concat(chunks)
}

export interface Dump {
  affiliations: Affiliation[]
  items: Item[]
  revisions: Revision[]
  attachments: (Omit<Attachment, 'data'> & { bytesSha256: string })[]
  settings: { key: string; value: unknown }[]
  plans: Plan[]
}

/** Every record, in primary-key order; attachments with the hash of their stored bytes. */
export async function dump(db: BaluchonDb): Promise<Dump> {
  const attachments = await db.attachments.orderBy(':id').toArray()
  return {
    affiliations: await db.affiliations.orderBy(':id').toArray(),
    items: await db.items.orderBy(':id').toArray(),
    revisions: await db.revisions.orderBy(':id').toArray(),
    attachments: await Promise.all(
      attachments.map(async ({ data, ...meta }) => ({ ...meta, bytesSha256: sha256(new Uint8Array(await data.arrayBuffer())) })),
    ),
    settings: await db.settings.orderBy(':id').toArray(),
    plans: await db.plans.orderBy(':id').toArray(),
  }
}

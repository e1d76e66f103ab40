// Test helpers for the archive: a small but varied knowledge base, a Markdown renderer standing in for
// the real one, and a zip crafter independent of the production writer (Node's zlib and a few lines of
// header writing) that can set any header field to any value, to build malformed archives.
import { createHash } from 'node:crypto'
import { crc32, deflateRawSync } from 'node:zlib'
import { unzipSync } from 'fflate'
import { attachmentSrc, docAttachmentIds, docToPlainText, type RichDoc, type RichNode } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { slugify } from '../../../src/core/slug'
import type { ArchiveAttachmentInput, ArchiveInput, MarkdownRenderer } from '../../../src/core/archive'
import { rng } from '../../support/syntheticKb'

export const CREATED_AT = Date.UTC(2026, 2, 14, 9, 30, 0)

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function randomBytes(length: number, seed: number): Uint8Array {
  const random = rng(seed)
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256)
  return out
}

export function attachment(id: string, itemId: string, data: Uint8Array, mime = 'image/png'): ArchiveAttachmentInput & { data: Uint8Array } {
  return { id, itemId, mime, name: `${id}.${mime.split('/')[1]}`, size: data.length, sha256: sha256(data), createdAt: CREATED_AT - 1000, data }
}

function doc(...content: RichNode[]): RichDoc {
  return { type: 'doc', content }
}

/** Posts, a trashed talk in Arabic, a link, an emoji note with an empty body, a 150 KB post, images, revisions, settings, an extension table. */
export function sampleInput(): ArchiveInput {
  const post = newItem('post', '01JPOST0000000000000000001', CREATED_AT - 86_400_000)
  const postBody = doc(
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'L’été à Paris — 日本語' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Bold ', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=2', target: null } }] },
      ],
    },
    { type: 'image', attrs: { src: attachmentSrc('01JATT0000000000000000000A'), alt: 'Une photo', title: null } },
  )
  Object.assign(post, {
    title: 'L’été à Paris — 日本語',
    body: postBody,
    bodyText: docToPlainText(postBody),
    tags: ['écriture', 'travel'],
    status: 'published',
    slug: 'lete-a-paris',
    excerpt: 'Un été.',
    canonicalUrl: 'https://blog.example.org/lete-a-paris',
  })

  const talk = newItem('talk', '01JTALK0000000000000000001', CREATED_AT - 3 * 86_400_000)
  const talkBody = doc({ type: 'paragraph', content: [{ type: 'text', text: 'مرحبا بالعالم — שלום עולם' }] })
  Object.assign(talk, {
    title: 'مرحبا بالعالم',
    body: talkBody,
    bodyText: docToPlainText(talkBody),
    status: 'given',
    event: 'JSConf عربي',
    date: '2025-11-02',
    place: 'Casablanca',
    trashed: 1,
    trashedAt: CREATED_AT - 3600_000,
  })

  const link = newItem('link', '01JLINK0000000000000000001', CREATED_AT - 7 * 86_400_000)
  Object.assign(link, { title: 'Local-first software', url: 'https://www.inkandswitch.com/local-first/', siteName: 'Ink & Switch', read: true, fetchState: 'done' })

  const note = newItem('note', '01JNOTE0000000000000000001', CREATED_AT - 100)
  Object.assign(note, { title: '📦 Baluchon 👩‍👩‍👧 ', tags: ['emoji 🎒'] })

  const long = newItem('post', '01JPOST0000000000000000002', CREATED_AT - 50_000)
  const paragraph = 'Ceci est un long paragraphe, répété pour dépasser cent kilo-octets. '.repeat(40)
  const longBody = doc(...Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `${i} ${paragraph}` }] })))
  Object.assign(long, { title: 'Long', body: longBody, bodyText: docToPlainText(longBody), status: 'draft' })

  const items: Item[] = [post, talk, link, note, long]
  const image = randomBytes(50_000, 1)
  const photo = randomBytes(12_000, 2)
  return {
    appVersion: '0.1.0',
    createdAt: CREATED_AT,
    items,
    revisions: [
      { id: '01JREV00000000000000000001', itemId: post.id, createdAt: CREATED_AT - 80_000_000, title: 'L’été', body: doc({ type: 'paragraph' }), bodyText: '', reason: 'save' },
      { id: '01JREV00000000000000000002', itemId: post.id, createdAt: CREATED_AT - 70_000_000, title: 'L’été à', body: postBody, bodyText: post.bodyText, reason: 'before-restore' },
      // The item was deleted for good; its revision is still a record to carry.
      { id: '01JREV00000000000000000003', itemId: '01JGONE0000000000000000001', createdAt: CREATED_AT - 60_000_000, title: 'Gone', body: doc({ type: 'paragraph' }), bodyText: '', reason: 'save' },
    ],
    attachments: [attachment('01JATT0000000000000000000A', post.id, image), attachment('01JATT0000000000000000000B', talk.id, photo, 'image/jpeg')],
    settings: [
      { key: 'ui.theme', value: 'dark' },
      { key: 'ui.language', value: 'fr' },
      { key: 'export.lastFolder', value: { path: '/home/ana/Documents', when: CREATED_AT, recent: ['a', 'b'] } },
    ],
    tables: {
      publications: [{ id: 'PUB1', itemId: post.id, channel: 'wordpress', url: 'https://blog.example.org/lete-a-paris', publishedAt: CREATED_AT - 86_000_000 }],
    },
  }
}

/** Stands in for the Markdown export: front matter, text, and images linked relatively. */
export const testRenderer: MarkdownRenderer = (item, context) => {
  const folder = `${item.trashed ? 'trash/' : ''}${item.kind}s`
  const images = docAttachmentIds(item.body)
    .map((id) => context.attachmentPath(id))
    .filter((path): path is string => path !== undefined)
    .map((path) => `![](../${item.trashed ? '../' : ''}../${path})`)
  const text = ['---', `title: ${JSON.stringify(item.title)}`, `kind: ${item.kind}`, '---', '', item.bodyText, ...images, ''].join('\n')
  return { path: `${folder}/${slugify(item.title) || item.id}.md`, text }
}

/** The uncompressed entries of a zip, in order (fflate's reader: independent from ours). */
export function filesOf(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)))
}

export function json(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes))
}

export function text(value: string): Uint8Array {
  return new TextEncoder().encode(value)
}

/** Recomputes the manifest's checksum and size of every file it lists that is present in `files`. */
export function rehash(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const manifest = json(files.get('manifest.json')!) as { entries: Record<string, { sha256: string; size: number }> }
  for (const path of Object.keys(manifest.entries)) {
    const data = files.get(path)
    if (data) manifest.entries[path] = { sha256: sha256(data), size: data.length }
  }
  files.set('manifest.json', text(JSON.stringify(manifest)))
  return files
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- malformed-archive tests reach into JSON of any shape
export function editJson(files: Map<string, Uint8Array>, path: string, edit: (value: any) => unknown): Map<string, Uint8Array> {
  const value = json(files.get(path)!)
  const next = edit(value)
  files.set(path, text(JSON.stringify(next === undefined ? value : next)))
  return files
}

export interface CraftEntry {
  name: string
  data: Uint8Array
  /** 0 stores, 8 deflates (default: 8, or 0 under attachments/). */
  method?: number
  /** Compressed bytes to write instead of deflating `data`. */
  compressed?: Uint8Array
  /** Declared uncompressed size (central and local). */
  size?: number
  /** Declared compressed size in the central directory. */
  compressedSize?: number
  crc?: number
  flags?: number
  external?: number
  madeBy?: number
  /** Name bytes in the central directory, when they must differ from `name` (e.g. not UTF-8). */
  nameBytes?: Uint8Array
  /** Name in the local header, when it must differ from the central one. */
  localName?: string
  /** Central directory points at another entry's local header (index). */
  localOffsetOf?: number
}

export interface CraftOptions {
  prefix?: Uint8Array
  suffix?: Uint8Array
  eocd?: { disk?: number; cdDisk?: number; onDisk?: number; count?: number; cdOffsetDelta?: number }
}

/** A zip with every field under the test's control. */
export function craftZip(entries: readonly CraftEntry[], options: CraftOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = []
  let offset = 0
  const push = (chunk: Uint8Array): void => {
    chunks.push(chunk)
    offset += chunk.length
  }
  if (options.prefix) push(options.prefix)
  const central: { entry: CraftEntry; method: number; compressed: Uint8Array; crc: number; offset: number }[] = []
  for (const entry of entries) {
    const method = entry.method ?? (entry.name.startsWith('attachments/') ? 0 : 8)
    const compressed = entry.compressed ?? (method === 8 ? new Uint8Array(deflateRawSync(entry.data)) : entry.data)
    const crc = entry.crc ?? crc32(entry.data)
    const local = text(entry.localName ?? entry.name)
    const header = new Uint8Array(30 + local.length)
    const view = new DataView(header.buffer)
    view.setUint32(0, 0x04034b50, true)
    view.setUint16(4, 20, true)
    view.setUint16(6, entry.flags ?? 0x0800, true)
    view.setUint16(8, method, true)
    view.setUint32(14, crc, true)
    view.setUint32(18, compressed.length, true)
    view.setUint32(22, entry.size ?? entry.data.length, true)
    view.setUint16(26, local.length, true)
    header.set(local, 30)
    central.push({ entry, method, compressed, crc, offset })
    push(header)
    push(compressed)
  }
  const cdStart = offset
  for (const { entry, method, compressed, crc, offset: localOffset } of central) {
    const name = entry.nameBytes ?? text(entry.name)
    const record = new Uint8Array(46 + name.length)
    const view = new DataView(record.buffer)
    view.setUint32(0, 0x02014b50, true)
    view.setUint16(4, entry.madeBy ?? (3 << 8) | 20, true)
    view.setUint16(6, 20, true)
    view.setUint16(8, entry.flags ?? 0x0800, true)
    view.setUint16(10, method, true)
    view.setUint32(16, crc, true)
    view.setUint32(20, entry.compressedSize ?? compressed.length, true)
    view.setUint32(24, entry.size ?? entry.data.length, true)
    view.setUint16(28, name.length, true)
    view.setUint32(38, entry.external ?? (0o100644 << 16) >>> 0, true)
    view.setUint32(42, entry.localOffsetOf === undefined ? localOffset : central[entry.localOffsetOf]!.offset, true)
    record.set(name, 46)
    push(record)
  }
  const cdSize = offset - cdStart
  const eocd = new Uint8Array(22)
  const view = new DataView(eocd.buffer)
  view.setUint32(0, 0x06054b50, true)
  view.setUint16(4, options.eocd?.disk ?? 0, true)
  view.setUint16(6, options.eocd?.cdDisk ?? 0, true)
  view.setUint16(8, options.eocd?.onDisk ?? entries.length, true)
  view.setUint16(10, options.eocd?.count ?? entries.length, true)
  view.setUint32(12, cdSize, true)
  view.setUint32(16, cdStart + (options.eocd?.cdOffsetDelta ?? 0), true)
  push(eocd)
  if (options.suffix) push(options.suffix)
  const out = new Uint8Array(offset)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** Crafts a zip from files, with per-entry overrides; entries listed in `extra` are appended. */
export function zipFiles(files: Map<string, Uint8Array>, overrides: Record<string, Partial<CraftEntry>> = {}, extra: CraftEntry[] = [], options?: CraftOptions): Uint8Array {
  const entries: CraftEntry[] = [...files].map(([name, data]) => ({ name, data, ...overrides[name] }))
  return craftZip([...entries, ...extra], options)
}

// Export a generated knowledge base to Markdown, read the folder back with the Markdown-folder importer
// (src/core/import/markdownFolder.ts) and convert its drafts as the import does (Markdown -> editor
// document with markdownToDoc, image paths -> the bytes found in the folder): the same items come back.
//
// What Markdown cannot carry, and so what this test does not expect back (each also checked below):
//  - the body comes back in canonical form (src/core/markdown/canonical.ts lists every rule: empty
//    paragraphs, image sizes, merged table cells...);
//  - single-line text fields (title, excerpt, event, place, site name, description) are trimmed: the
//    importer reads front matter the way people write it, where edge spaces are noise;
//  - a title that is empty comes back as the file name ("untitled"), since the importer falls back to it;
//  - a body whose first block is a level-1 heading equal to the title loses that heading (an Obsidian
//    or Jekyll note often repeats its title as `# Title`);
//  - a tag holding a comma or " #" comes back split (the importer reads "a, b" and "#a #b" as two tags);
//  - a talk without a date comes back dated on its creation day (Hugo content dates a talk by `date`);
//  - a link's fetch state is not exported (it comes back as fetched);
//  - image ids are new: images are compared by their bytes.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RichDoc, RichNode } from '../../../src/core/doc'
import { parseMarkdownFolder, type FolderFile, type ImportDraft } from '../../../src/core/import'
import { normalizeTags, type Item, type ItemKind } from '../../../src/core/items'
import { canonicalDoc, markdownToDoc } from '../../../src/core/markdown'
import { slugify } from '../../../src/core/slug'
import {
  markdownExportBatches,
  type ExportAttachment,
  type ExportFile,
  type MarkdownExportSource,
  type MarkdownExportSummary,
} from '../../../src/features/export/markdownExport'
import { docArb } from '../markdown/arbitraries'

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

function arraySource(items: readonly Item[], attachments: readonly ExportAttachment[], pageSize = 3): MarkdownExportSource {
  const byId = new Map(attachments.map((a) => [a.id, a]))
  return {
    count: async () => items.filter((i) => i.trashed === 0).length,
    async *pages() {
      for (let i = 0; i < items.length; i += pageSize) yield items.slice(i, i + pageSize)
    },
    attachments: async (ids) => ids.map((id) => byId.get(id)),
  }
}

async function exportToFiles(source: MarkdownExportSource): Promise<{ files: ExportFile[]; summary: MarkdownExportSummary }> {
  const files: ExportFile[] = []
  const batches = markdownExportBatches(source, { batchFiles: 5 })
  for (;;) {
    const next = await batches.next()
    if (next.done) return { files, summary: next.value }
    files.push(...next.value)
  }
}

// ------------------------------------------------------------------------------------------ generators

const IMAGE_NAMES = ['image.png', 'image.png', 'my photo (1).png', 'CON.png', '../../evil.png', 'a:b*c?.png', 'été 😀.jpg', '.hidden', '', 'x'.repeat(300)]
const MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']

/** A pool of attachments: some share their bytes (the same picture pasted twice). */
const attachmentsArb = fc
  .array(fc.record({ name: fc.constantFrom(...IMAGE_NAMES), mime: fc.constantFrom(...MIMES), content: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 6 })
  .map((specs) =>
    specs.map(({ name, mime, content }, i): ExportAttachment & { data: Uint8Array } => {
      const data = new Uint8Array(32 + content).map((_, k) => (k * 31 + content * 7) & 0xff)
      return { id: `01J${String(i).padStart(23, '0')}`, name, mime, sha256: sha(data), data }
    }),
  )

const TITLES = ['Trip to Lyon', 'Trip to Lyon', 'trip to lyon', 'CON', 'node_modules', '..', 'a/b\\c', 'Été à Montréal 🇨🇦', 'مرحبا بالعالم', 'x'.repeat(200), '2024: notes', 'yes', '#hash', 'Title with "quotes" & <b>']
const TAGS = ['été', 'c++', 'RTL עברית', '😀 emoji', 'a/b', 'x y', 'CON', 'yes', 'null', '123', 'true', 'Écrire']
const trimmed = (values: string[]) => fc.constantFrom(...values)
const lineArb = trimmed(['', 'One line', 'Deux lignes\nsur deux', 'quote "x" and: colon', 'שלום', 'yes', '- dash', '# not a heading'])
const urlArb = fc.constantFrom('https://example.org/a', 'http://example.com/path?q=1&r=2', 'https://xn--exmple-cua.org/%C3%A9') // addresses as the app stores them (normalised)
const timeArb = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2035, 0, 1) })

const itemArb = fc
  .record({
    kind: fc.constantFrom<ItemKind>('post', 'talk', 'link', 'note'),
    title: fc.oneof(fc.constantFrom(...TITLES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => s.trim()).filter((s) => s !== '')),
    body: docArb,
    tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 4 }),
    createdAt: timeArb,
    updatedAt: timeArb,
    trashed: fc.constantFrom<0 | 1>(0, 0, 0, 1),
    postStatus: fc.constantFrom('idea', 'draft', 'ready', 'published' as const),
    talkStatus: fc.constantFrom('idea', 'proposed', 'accepted', 'given', 'declined' as const),
    text1: lineArb,
    text2: lineArb,
    slug: fc.constantFrom('', 'trip-to-lyon', 'été'),
    slugLocked: fc.boolean(),
    url: urlArb,
    day: fc.date({ min: new Date(Date.UTC(2001, 0, 1)), max: new Date(Date.UTC(2035, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    read: fc.boolean(),
  })

function buildItem(spec: fc.Arbitrary<unknown> extends never ? never : ReturnType<typeof itemArb.generate>['value'], id: string, images: readonly ExportAttachment[], seed: number): Item {
  const base = {
    id,
    title: spec.title,
    body: withImages(spec.body, images, seed),
    bodyText: '',
    tags: normalizeTags(spec.tags),
    createdAt: spec.createdAt,
    updatedAt: spec.updatedAt,
    trashed: spec.trashed,
    trashedAt: spec.trashed ? spec.updatedAt : null,
  }
  switch (spec.kind) {
    case 'post':
      return { ...base, kind: 'post', status: spec.postStatus, excerpt: spec.text1, slug: spec.slugLocked ? spec.slug || 'locked' : slugify(spec.title), slugLocked: spec.slugLocked, canonicalUrl: spec.read ? spec.url : '' }
    case 'talk':
      return { ...base, kind: 'talk', status: spec.talkStatus, event: spec.text1, date: spec.day, place: spec.text2, abstract: spec.text1, slidesUrl: spec.read ? spec.url : '', videoUrl: spec.read ? '' : spec.url }
    case 'link':
      return { ...base, kind: 'link', status: null, url: spec.url, siteName: spec.text2, description: spec.text1, savedAt: spec.createdAt, read: spec.read, fetchState: 'done' }
    case 'note':
      return { ...base, kind: 'note', status: null }
  }
}

/**
 * Points the document's images at the pool (the editor only ever inserts stored images and web images),
 * and makes a leading level-1 heading level 2 (a heading equal to the title is dropped, see above).
 */
function withImages(doc: RichDoc, images: readonly ExportAttachment[], seed: number): RichDoc {
  let n = seed
  const walk = (node: RichNode, top: boolean, index: number): RichNode => {
    const out: RichNode = { ...node }
    if (node.type === 'image') {
      const src = String(node.attrs?.src ?? '')
      const next = src.startsWith('attachment:') ? `attachment:${images[n++ % images.length]!.id}` : 'https://example.org/i.png'
      out.attrs = { ...node.attrs, src: next }
    }
    if (top && index === 0 && node.type === 'heading' && node.attrs?.level === 1) out.attrs = { ...node.attrs, level: 2 }
    if (node.content) out.content = node.content.map((child, i) => walk(child, node.type === 'doc', i))
    return out
  }
  return walk(doc, false, 0) as RichDoc
}

/** The document with each stored image's src replaced by `sha:<hash of its bytes>`. */
function imagesAsHashes(doc: RichDoc, hashOf: (src: string) => string | null): RichDoc {
  const walk = (node: RichNode): RichNode => {
    const out: RichNode = { ...node }
    if (node.type === 'image' && typeof node.attrs?.src === 'string') {
      const hash = hashOf(node.attrs.src)
      if (hash) out.attrs = { ...node.attrs, src: `sha:${hash}` }
    }
    if (node.content) out.content = node.content.map(walk)
    return out
  }
  return walk(doc) as RichDoc
}

// ------------------------------------------------------------------------------------------ comparison

function expectedFields(item: Item): Record<string, unknown> {
  switch (item.kind) {
    case 'post':
      return { slug: item.slug, slugLocked: item.slugLocked, excerpt: item.excerpt, ...(item.canonicalUrl ? { canonicalUrl: item.canonicalUrl } : {}) }
    case 'talk':
      return {
        event: item.event,
        place: item.place,
        abstract: item.abstract,
        date: item.date,
        ...(item.slidesUrl ? { slidesUrl: item.slidesUrl } : {}),
        ...(item.videoUrl ? { videoUrl: item.videoUrl } : {}),
      }
    case 'link':
      return { url: item.url, description: item.description, read: item.read, savedAt: item.savedAt, ...(item.siteName ? { siteName: item.siteName } : {}) }
    case 'note':
      return {}
  }
}

function reimport(files: readonly ExportFile[]): { drafts: ImportDraft[]; body(draft: ImportDraft): RichDoc } {
  const folder: FolderFile[] = files.map((f) => (typeof f.data === 'string' ? { path: f.path, text: f.data } : { path: f.path, bytes: f.data }))
  const result = parseMarkdownFolder(folder)
  expect(result.skipped).toEqual([])
  const bytesByPath = new Map(files.flatMap((f) => (typeof f.data === 'string' ? [] : [[f.path, f.data] as const])))
  return {
    drafts: result.drafts,
    // What the import's converter does: Markdown to a document, each image path to the file's bytes.
    body: (draft) =>
      markdownToDoc(draft.body.source, {
        resolveImageSrc: (src) => {
          const bytes = bytesByPath.get(src)
          return bytes ? `sha:${sha(bytes)}` : src
        },
      }),
  }
}

describe('Markdown export, re-imported with the Markdown-folder importer', () => {
  it('gives back the same items (property, over generated knowledge bases)', async () => {
    await fc.assert(
      fc.asyncProperty(attachmentsArb, fc.array(itemArb, { minLength: 1, maxLength: 6 }), async (attachments, specs) => {
        const items = specs.map((spec, i) => buildItem(spec, `01K${String(i).padStart(23, '0')}`, attachments, i))
        const { files, summary } = await exportToFiles(arraySource(items, attachments))
        const kept = items.filter((item) => item.trashed === 0)
        expect(summary.files).toBe(files.length)
        // Every path is unique (case aside) and safe; images sit beside their index.md.
        expect(new Set(files.map((f) => f.path.toLowerCase())).size).toBe(files.length)

        // Trashed items are not exported.
        if (kept.length === 0) {
          expect(files).toEqual([])
          return
        }
        const { drafts, body } = reimport(files)
        expect(drafts).toHaveLength(kept.length)
        const shaById = new Map(attachments.map((a) => [a.id, a.sha256]))
        // The importer keeps the front matter's `id` among the keys it has no field for.
        expect(drafts.map((d) => d.extra.id).sort()).toEqual(kept.map((item) => item.id).sort())
        for (const item of kept) {
          const draft = drafts.find((d) => d.extra.id === item.id)!
          expect([draft.kind, draft.title, draft.createdAt, draft.updatedAt]).toEqual([item.kind, item.title, item.createdAt, item.updatedAt])
          expect(draft.status).toBe(item.status)
          expect(draft.tags).toEqual(item.tags)
          expect(draft.fields).toEqual(expectedFields(item))
          const expected = imagesAsHashes(canonicalDoc(item.body), (src) => (src.startsWith('attachment:') ? (shaById.get(src.slice(11)) ?? null) : null))
          expect(body(draft), draft.body.source).toEqual(expected)
        }
      }),
      { numRuns: 60, seed: 20261128 },
    )
  }, 120_000)

  it('keeps what Markdown cannot say the documented way: empty title, title heading, comma tags, undated talk', async () => {
    const created = Date.UTC(2024, 5, 5, 10)
    const base = { bodyText: '', createdAt: created, updatedAt: created, trashed: 0 as const, trashedAt: null }
    const items: Item[] = [
      { ...base, id: '01A', kind: 'note', status: null, title: '', tags: ['a, b', '#c #d'], body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] } },
      {
        ...base,
        id: '01B',
        kind: 'talk',
        status: 'idea',
        title: ' Spaced ',
        tags: [],
        event: '',
        date: '',
        place: '',
        abstract: '',
        slidesUrl: '',
        videoUrl: '',
        body: { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Spaced' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'y' }] }] },
      },
    ]
    const { files } = await exportToFiles(arraySource(items, []))
    const { drafts, body } = reimport(files)
    const note = drafts.find((d) => d.kind === 'note')!
    const talk = drafts.find((d) => d.kind === 'talk')!
    expect([note.title, note.tags]).toEqual(['untitled', ['a', 'b', 'c', 'd']])
    expect([talk.title, talk.fields.date]).toEqual(['Spaced', '2024-06-05'])
    expect(body(talk)).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'y' }] }] })
  })
})

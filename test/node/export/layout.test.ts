// The Markdown export's folder layout: kind folders, single files for items without images, a page
// bundle (index.md and its images) for items with images, safe and numbered names, trashed items left out.
import { describe, expect, it } from 'vitest'
import type { RichDoc } from '../../../src/core/doc'
import type { CareerContext } from '../../../src/core/career'
import type { Item } from '../../../src/core/items'
import { markdownExportBatches, type ExportAttachment, type ExportFile } from '../../../src/features/export/markdownExport'

const T = Date.UTC(2025, 2, 1, 12)
const doc = (...srcs: string[]): RichDoc => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }, ...srcs.map((src) => ({ type: 'image', attrs: { src, alt: 'A picture', title: null } }))],
})
const base = { bodyText: '', tags: ['travel'], createdAt: T, updatedAt: T, trashed: 0 as const, trashedAt: null }
const post = (id: string, title: string, body: RichDoc, extra: Partial<Item> = {}): Item =>
  ({ ...base, id, kind: 'post', title, body, status: 'draft', excerpt: '', slug: '', slugLocked: false, canonicalUrl: '', ...extra }) as Item
const png = (n: number): Uint8Array => new Uint8Array([0x89, 0x50, 0x4e, 0x47, n])
const att = (id: string, name: string, bytes: Uint8Array, sha = `sha-${bytes[4]}`): ExportAttachment => ({ id, name, mime: 'image/png', sha256: sha, data: new Blob([bytes.slice().buffer as ArrayBuffer], { type: "image/png" }) })

async function run(items: Item[], attachments: ExportAttachment[], batchFiles = 400) {
  const byId = new Map(attachments.map((a) => [a.id, a]))
  const gen = markdownExportBatches(
    {
      count: async () => items.length,
      async *pages() {
        yield items
      },
      attachments: async (ids) => ids.map((id) => byId.get(id)),
    },
    { batchFiles },
  )
  const batches: ExportFile[][] = []
  for (;;) {
    const next = await gen.next()
    if (next.done) return { batches, files: batches.flat(), summary: next.value }
    batches.push(next.value)
  }
}

const text = (file: ExportFile | undefined): string => (typeof file?.data === 'string' ? file.data : new TextDecoder().decode(file?.data))

/** A Blob stand-in whose read resolves only when released, counting the reads pending at once. */
function slowImages(count: number) {
  const pending: (() => void)[] = []
  let most = 0
  const images = Array.from({ length: count }, (_, i): ExportAttachment => {
    const bytes = png(i)
    const data = {
      arrayBuffer: () =>
        new Promise<ArrayBuffer>((resolve) => {
          pending.push(() => resolve(bytes.slice().buffer as ArrayBuffer))
          most = Math.max(most, pending.length)
        }),
    } as unknown as Blob
    return { id: `img${i}`, name: `photo ${i}.png`, mime: 'image/png', sha256: `sha-${i}`, data }
  })
  const timer = setInterval(() => pending.shift()?.(), 1)
  return { images, most: () => most, stop: () => clearInterval(timer) }
}

describe('Markdown export layout', () => {
  it('reads images a few ahead of the item being written, in order, with the right bytes', async () => {
    const slow = slowImages(30)
    try {
      const items = Array.from({ length: 15 }, (_, i) => post(`p${i}`, `Post ${i}`, doc(`attachment:img${2 * i}`, `attachment:img${2 * i + 1}`)))
      const { files, summary } = await run(items, slow.images)
      expect(summary.images).toBe(30)
      expect(slow.most()).toBeGreaterThan(2)
      expect(slow.most()).toBeLessThanOrEqual(10)
      const pngs = files.filter((f) => f.path.endsWith('.png'))
      expect(pngs.map((f) => f.path)).toEqual(items.flatMap((_, i) => [`posts/Post ${i}/photo-${2 * i}.png`, `posts/Post ${i}/photo-${2 * i + 1}.png`]))
      expect(pngs.map((f) => (f.data as Uint8Array)[4])).toEqual(Array.from({ length: 30 }, (_, i) => i))
    } finally {
      slow.stop()
    }
  })

  it('writes single files, page bundles with relative images, safe numbered names; skips the Trash', async () => {
    const { files, summary } = await run(
      [
        post('1', 'Trip to Lyon', doc()),
        post('2', 'Trip to Lyon', doc('attachment:a', 'attachment:b', 'attachment:a', 'attachment:gone')),
        post('3', 'CON', doc()),
        post('4', '../../etc/passwd', doc()),
        post('5', 'In the bin', doc(), { trashed: 1, trashedAt: T }),
        { ...base, id: '6', kind: 'note', title: '', body: doc(), status: null },
        { ...base, id: '7', kind: 'link', title: 'A link', body: doc(), status: null, url: 'https://example.org/', siteName: '', description: '', savedAt: T, read: false, fetchState: 'done' },
      ],
      [att('a', 'my photo.png', png(1)), att('b', 'copy.png', png(1), 'sha-1')],
    )
    expect(files.map((f) => f.path)).toEqual([
      'posts/Trip to Lyon.md',
      'posts/Trip to Lyon-2/index.md',
      'posts/Trip to Lyon-2/my-photo.png',
      'posts/CON_.md',
      'posts/-.-etc-passwd.md', // no '..', no separator
      'notes/untitled.md',
      'links/A link.md',
    ])
    const bundle = text(files[1])
    // The same bytes twice are one file; a missing image keeps its attachment address.
    expect(bundle).toContain('![A picture](my-photo.png)\n\n![A picture](my-photo.png)\n\n![A picture](my-photo.png)\n\n![A picture](attachment:gone)')
    expect(bundle.startsWith('---\ntitle: Trip to Lyon\nkind: post\nid: "2"\n')).toBe(true)
    expect(files[2]!.data).toEqual(png(1))
    expect([files[0]!.compress, files[2]!.compress]).toEqual([true, false])
    expect(summary).toMatchObject({ items: { post: 4, talk: 0, link: 1, note: 1 }, images: 1, missingImages: 1, files: 7 })
    expect(files.map((f) => f.path).join()).not.toContain('In the bin')
  })

  it('hands the files over in batches', async () => {
    const items = Array.from({ length: 9 }, (_, i) => post(String(i), `Post ${i}`, doc()))
    const { batches } = await run(items, [], 4)
    expect(batches.map((b) => b.length)).toEqual([4, 4, 1])
  })

  it('reads the first page and the affiliations before counting, renders without waiting for the count, says the total once known', async () => {
    const asked: string[] = []
    let releaseCount: (n: number) => void = () => undefined
    let releaseCareer: () => void = () => undefined
    const items = Array.from({ length: 3 }, (_, i) => post(String(i), `Post ${i}`, doc()))
    const progress: string[] = []
    const gen = markdownExportBatches(
      {
        count: () => {
          asked.push('count')
          return new Promise<number>((resolve) => (releaseCount = resolve))
        },
        async *pages() {
          asked.push('page')
          yield items.slice(0, 2)
          yield items.slice(2)
        },
        attachments: async () => [],
        career: () => {
          asked.push('career')
          return new Promise<CareerContext>((resolve) => (releaseCareer = () => resolve({ affiliations: [], defaultLabel: 'personal' })))
        },
      },
      { batchFiles: 2, onProgress: ({ done, total }) => progress.push(`${done}/${total}`) },
    )
    const firstNext = gen.next()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(asked).toEqual(['page', 'career'])
    releaseCareer()
    const first = await firstNext
    expect(asked).toEqual(['page', 'career', 'count'])
    expect((first.value as ExportFile[]).map((f) => f.path)).toEqual(['posts/Post 0.md', 'posts/Post 1.md'])
    releaseCount(3)
    const rest = await gen.next()
    expect((rest.value as ExportFile[]).map((f) => f.path)).toEqual(['posts/Post 2.md'])
    expect((await gen.next()).done).toBe(true)
    // Before the count comes there is no total (null), never a made-up one.
    expect(progress).toEqual(['0/null', '2/null', '2/3', '3/3'])
  })

  it('closes its reads when the consumer stops early', async () => {
    let closed = false
    const gen = markdownExportBatches(
      {
        count: async () => 4,
        async *pages() {
          try {
            yield [post('1', 'One', doc())]
            yield [post('2', 'Two', doc())]
          } finally {
            closed = true
          }
        },
        attachments: async () => [],
      },
      { batchFiles: 1 },
    )
    await gen.next()
    await gen.return(undefined as never)
    expect(closed).toBe(true)
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const gen = markdownExportBatches({ count: async () => 1, async *pages() { yield [post('1', 'x', doc())] }, attachments: async () => [] }, { signal: controller.signal })
    await expect(gen.next()).rejects.toThrow('cancelled')
  })
})

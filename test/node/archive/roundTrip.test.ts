import { describe, expect, it } from 'vitest'
import {
  ArchiveError,
  buildArchive,
  inspectArchive,
  readArchive,
  writeArchive,
  type ArchiveInput,
  type ArchiveManifest,
  type ArchiveProgress,
  type PagedRecords,
} from '../../../src/core/archive'
import type { Item } from '../../../src/core/items'
import { syntheticItems } from '../../support/syntheticKb'
import { CREATED_AT, attachment, filesOf, json, randomBytes, sampleInput, sha256, testRenderer } from './support'

function withoutData<T extends { data: unknown }>(records: readonly T[]): Omit<T, 'data'>[] {
  return records.map(({ data: _data, ...meta }) => meta)
}

describe('buildArchive → readArchive', () => {
  it('gives back every record deeply equal and every attachment byte for byte', async () => {
    const input = sampleInput()
    const bytes = await buildArchive(input, { renderMarkdown: testRenderer })
    const back = await readArchive(bytes)

    expect(back.items).toEqual(input.items)
    expect(back.revisions).toEqual(input.revisions)
    expect(back.settings).toEqual(input.settings)
    expect(back.tables).toEqual(input.tables)
    const attachments = input.attachments as readonly ReturnType<typeof attachment>[]
    expect(withoutData(back.attachments)).toEqual(withoutData(attachments))
    back.attachments.forEach((a, i) => {
      expect(a.data).toEqual(attachments[i]!.data)
      expect(sha256(a.data)).toBe(a.sha256)
    })
    expect(back.sourceFormatVersion).toBe(1)
    expect(back.ignoredEntries).toEqual([])
    // The revision of an item deleted for good travels, flagged for the restore's dry run.
    expect(back.warnings).toEqual([{ code: 'orphan-record', table: 'revisions', recordId: '01JREV00000000000000000003' }])
  })

  it('writes the documented layout: manifest with counts and a SHA-256 for every other entry', async () => {
    const bytes = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
    const files = filesOf(bytes)
    const manifest = json(files.get('manifest.json')!) as ArchiveManifest
    expect(manifest).toMatchObject({
      format: 'baluchon-archive',
      formatVersion: 1,
      appVersion: '0.1.0',
      createdAt: '2026-03-14T09:30:00.000Z',
      counts: {
        kinds: { post: 2, talk: 1, link: 1, note: 1 },
        trashed: 1,
        tables: { items: 5, revisions: 3, attachments: 2, settings: 3, publications: 1 },
        content: 5,
      },
      tables: {
        items: { files: ['data/items/0001.json'] },
        revisions: { files: ['data/revisions/0001.json'] },
        attachments: { files: ['data/attachments/0001.json'] },
        settings: { files: ['data/settings/0001.json'] },
        publications: { files: ['data/publications/0001.json'] },
      },
    })
    const others = [...files.keys()].filter((name) => name !== 'manifest.json').sort()
    expect(Object.keys(manifest.entries).sort()).toEqual(others)
    for (const name of others) expect(manifest.entries[name]).toEqual({ sha256: sha256(files.get(name)!), size: files.get(name)!.length })
    expect(others).toEqual(
      expect.arrayContaining([
        'attachments/01JATT0000000000000000000A.png',
        'attachments/01JATT0000000000000000000B.jpg',
        'content/posts/lete-a-paris.md',
        'content/posts/long.md',
        'content/trash/talks/01JTALK0000000000000000001.md',
        'content/notes/baluchon.md',
      ]),
    )
    // Attachment metadata only: no bytes in the JSON.
    const metas = json(files.get('data/attachments/0001.json')!) as Record<string, unknown>[]
    expect(metas.map((m) => Object.keys(m).sort())).toEqual([
      ['createdAt', 'id', 'itemId', 'mime', 'name', 'sha256', 'size'],
      ['createdAt', 'id', 'itemId', 'mime', 'name', 'sha256', 'size'],
    ])
    // The Markdown links images where they are in the archive.
    expect(new TextDecoder().decode(files.get('content/posts/lete-a-paris.md'))).toContain('![](../../attachments/01JATT0000000000000000000A.png)')
  })

  it('stores images and (by default) Markdown as they are, and deflates JSON', async () => {
    const bytes = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
    const { entries } = await import('../../../src/core/archive/zipReader').then(({ readZipDirectory }) =>
      readZipDirectory(bytes, { maxTotalBytes: 1e9, maxEntryBytes: 1e9, maxJsonBytes: 1e9, maxEntries: 1e6, maxRatio: 1e6, ratioFloorBytes: 0 }),
    )
    const method = (name: string): number => entries.find((e) => e.name === name)!.method
    expect(method('attachments/01JATT0000000000000000000A.png')).toBe(0)
    expect(method('data/items/0001.json')).toBe(8)
    expect(method('content/posts/long.md')).toBe(0)
    expect(method('manifest.json')).toBe(8)

    // Levels: content/ may be stored apart from JSON (faster exports), or everything stored.
    for (const [options, json, markdown] of [
      [{ contentCompressionLevel: 1 }, 8, 8],
      [{ compressionLevel: 0 }, 0, 0],
      [{ compressionLevel: 9, contentCompressionLevel: 6 }, 8, 8],
    ] as const) {
      const other = await buildArchive(sampleInput(), { renderMarkdown: testRenderer, ...options })
      const { readZipDirectory } = await import('../../../src/core/archive/zipReader')
      const dir = readZipDirectory(other, { maxTotalBytes: 1e9, maxEntryBytes: 1e9, maxJsonBytes: 1e9, maxEntries: 1e6, maxRatio: 1e6, ratioFloorBytes: 0 })
      expect(dir.byName.get('data/items/0001.json')!.method).toBe(json)
      expect(dir.byName.get('content/posts/long.md')!.method).toBe(markdown)
      expect((await readArchive(other)).items).toEqual(sampleInput().items)
    }
  })

  it('is deterministic: the same records and time give the same bytes, and re-exporting what was read changes nothing', async () => {
    const first = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
    const second = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
    expect(second).toEqual(first)
    const back = await readArchive(first)
    const again = await buildArchive(
      { appVersion: '0.1.0', createdAt: CREATED_AT, items: back.items, revisions: back.revisions, attachments: back.attachments, settings: back.settings, tables: back.tables },
      { renderMarkdown: testRenderer },
    )
    expect(again).toEqual(first)
  })

  it('shards tables by record count and by size, and reads them back in order', async () => {
    const items = syntheticItems({ count: 230, seed: 3 })
    const input: ArchiveInput = { appVersion: '0.1.0', createdAt: CREATED_AT, items, revisions: [], attachments: [], settings: [] }
    const byCount = await buildArchive(input, { shardMaxRecords: 100 })
    const countManifest = (await inspectArchive(byCount)).manifest
    expect(countManifest.tables.items!.files).toEqual(['data/items/0001.json', 'data/items/0002.json', 'data/items/0003.json'])
    expect((await readArchive(byCount)).items).toEqual(items)

    const bySize = await buildArchive(input, { shardMaxBytes: 60_000 })
    const sizeManifest = (await inspectArchive(bySize)).manifest
    expect(sizeManifest.tables.items!.files.length).toBeGreaterThan(5)
    for (const path of sizeManifest.tables.items!.files) expect(sizeManifest.entries[path]!.size).toBeLessThan(60_000 + 6_000)
    expect((await readArchive(bySize)).items).toEqual(items)
    // Empty tables have no file at all.
    expect(countManifest.tables.revisions!.files).toEqual([])
  })

  it('reads records in pages (a database read in chunks) the same as arrays', async () => {
    const input = sampleInput()
    const paged = <T,>(records: readonly T[], size: number): PagedRecords<T> => ({
      count: records.length,
      async *pages() {
        for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size)
      },
    })
    const fromPages = await buildArchive(
      {
        ...input,
        items: paged(input.items as readonly Item[], 2),
        revisions: paged(input.revisions as readonly never[], 1),
        attachments: paged(input.attachments as readonly never[], 1),
        settings: paged(input.settings as readonly never[], 2),
      },
      { renderMarkdown: testRenderer },
    )
    expect(fromPages).toEqual(await buildArchive(input, { renderMarkdown: testRenderer }))
  })

  it('accepts attachment bytes as a Blob (what Dexie gives) as well as a Uint8Array', async () => {
    const data = randomBytes(3000, 9)
    const meta = attachment('01JBLOB000000000000000000A', '01JNOTE0000000000000000001', data)
    const input = { ...sampleInput(), attachments: [{ ...meta, data: new Blob([data], { type: 'image/png' }) }] }
    const back = await readArchive(await buildArchive(input))
    expect(back.attachments[0]!.data).toEqual(data)
  })

  it('numbers Markdown paths that collide (ignoring case) and replaces unsafe ones', async () => {
    const input = sampleInput()
    const bytes = await buildArchive(input, {
      renderMarkdown: (item) =>
        item.kind === 'note' ? { path: '../../etc/passwd', text: 'x' } : item.kind === 'link' ? { path: 'CON.md', text: 'x' } : { path: item.id.endsWith('1') ? 'Same.md' : 'same.md', text: 'x' },
    })
    const names = [...filesOf(bytes).keys()].filter((n) => n.startsWith('content/')).sort()
    // Items in order: post …1 and talk …1 ask for Same.md, the long post …2 for same.md.
    expect(names).toEqual(['content/Same-2.md', 'content/Same.md', 'content/link/01JLINK0000000000000000001.md', 'content/note/01JNOTE0000000000000000001.md', 'content/same-3.md'])
    await expect(readArchive(bytes)).resolves.toBeDefined()

    // A path too long for zip names in bytes (multi-byte characters) falls back to the id too.
    const long = await buildArchive(input, { renderMarkdown: () => ({ path: `${'日'.repeat(200)}/${'本'.repeat(200)}.md`, text: 'x' }) })
    expect([...filesOf(long).keys()].filter((n) => n.startsWith('content/')).sort()).toEqual(
      (input.items as Item[]).map((item) => `content/${item.kind}/${item.id}.md`).sort(),
    )
  })

  it('reports progress up to the total and can be cancelled, writing nothing more', async () => {
    const items = syntheticItems({ count: 400, seed: 5 })
    const input: ArchiveInput = { appVersion: '0.1.0', createdAt: CREATED_AT, items, revisions: [], attachments: [], settings: [] }
    const progress: ArchiveProgress[] = []
    await buildArchive(input, { renderMarkdown: testRenderer, onProgress: (p) => progress.push(p) })
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 800, total: 800 })
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done)

    const controller = new AbortController()
    controller.abort()
    await expect(buildArchive(input, { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' })

    // Aborted midway: the sink stops receiving chunks and the promise rejects.
    const midway = new AbortController()
    let chunks = 0
    const slowPages: PagedRecords<Item> = {
      count: items.length,
      async *pages() {
        for (let i = 0; i < items.length; i += 50) {
          if (i === 200) midway.abort()
          await new Promise((resolve) => setTimeout(resolve, 30))
          yield items.slice(i, i + 50)
        }
      },
    }
    const error = await writeArchive({ ...input, items: slowPages }, () => void chunks++, { signal: midway.signal, shardMaxRecords: 60 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchiveError)
    expect((error as ArchiveError).code).toBe('aborted')
    const chunksAtAbort = chunks
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(chunks).toBe(chunksAtAbort)
  })

  it('a sink that fails (disk full) makes the export fail with write-failed', async () => {
    const error = await writeArchive(sampleInput(), () => {
      throw new Error('ENOSPC: no space left on device')
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'write-failed', info: { detail: 'ENOSPC: no space left on device' } })
  })

  it('reading reports progress by bytes and can be cancelled', async () => {
    const bytes = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
    const progress: ArchiveProgress[] = []
    await readArchive(bytes, { onProgress: (p) => progress.push(p) })
    const last = progress.at(-1)!
    expect(last.phase).toBe('done')
    expect(last.done).toBe(last.total)
    expect(last.total).toBeGreaterThan(200_000)
    const controller = new AbortController()
    controller.abort()
    await expect(readArchive(bytes, { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' })
  })

  it('can skip checking content/ Markdown (restores do not read it)', async () => {
    const bytes = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
    const progress: ArchiveProgress[] = []
    await readArchive(bytes, { verifyContent: false, onProgress: (p) => progress.push(p) })
    const full: ArchiveProgress[] = []
    await readArchive(bytes, { onProgress: (p) => full.push(p) })
    expect(progress.at(-1)!.total).toBeLessThan(full.at(-1)!.total)
  })

  it('inspects the manifest without reading the records', async () => {
    const bytes = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
    const overview = await inspectArchive(bytes)
    expect(overview.manifest.counts.tables.items).toBe(5)
    expect(overview.sourceFormatVersion).toBe(1)
  })

  it('writes -0 as 0, the one number JSON cannot tell apart (documented)', async () => {
    const back = await readArchive(await buildArchive({ ...sampleInput(), settings: [{ key: 'ui.zoom', value: -0 }] }))
    expect(Object.is(back.settings[0]!.value, 0)).toBe(true)
  })

  it('refuses records it could not read back: invalid items, duplicate ids, values JSON would change', async () => {
    const input = sampleInput()
    const items = input.items as Item[]
    const cases: [Partial<ArchiveInput>, string, string | undefined][] = [
      [{ items: [{ ...items[0]!, status: 'publish' } as unknown as Item] }, 'invalid-record', items[0]!.id],
      [{ items: [{ ...items[0]!, body: { type: 'paragraph' } } as unknown as Item] }, 'invalid-record', items[0]!.id],
      [{ items: [items[0]!, items[0]!] }, 'duplicate-id', items[0]!.id],
      [{ items: [{ ...items[0]!, createdAt: Number.NaN }] }, 'invalid-record', items[0]!.id],
      [{ items: [{ ...items[0]!, extra: new Date(0) } as unknown as Item] }, 'unserializable', items[0]!.id],
      [{ items: [{ ...items[0]!, extra: [1, undefined] } as unknown as Item] }, 'unserializable', items[0]!.id],
      [{ items: [{ ...items[0]!, extra: 10n } as unknown as Item] }, 'unserializable', items[0]!.id],
      [{ settings: [{ key: 'ui.map', value: new Map([[1, 2]]) }] }, 'unserializable', 'ui.map'],
      [{ settings: [{ key: 'ui.big', value: Infinity }] }, 'unserializable', 'ui.big'],
      [{ settings: [{ key: 'ui.proto', value: JSON.parse('{"__proto__": {"polluted": true}}') }] }, 'forbidden-key', 'ui.proto'],
      [{ attachments: [{ ...(input.attachments as ReturnType<typeof attachment>[])[0]!, id: '../x' }] }, 'invalid-record', '../x'],
      [{ tables: { constructor: [] } }, 'invalid-record', undefined],
      [{ tables: { items: [] } }, 'invalid-record', undefined],
    ]
    for (const [patch, code, recordId] of cases) {
      const error = await buildArchive({ ...input, ...patch }).catch((e: unknown) => e)
      expect(error, code).toBeInstanceOf(ArchiveError)
      expect((error as ArchiveError).code).toBe(code)
      expect((error as ArchiveError).info.recordId).toBe(recordId)
    }
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    await expect(buildArchive({ ...input, settings: [{ key: 'ui.cycle', value: cyclic }] })).rejects.toMatchObject({ code: 'unserializable' })
  })
})

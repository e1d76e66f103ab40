// @vitest-environment jsdom
// The import flow with main's side played by the real handlers over a temp folder (as the app's bridge
// would), and the database in fake-indexeddb: preview, images from a folder, downloads that fail, refusals.
import { Blob as NodeBlob } from 'node:buffer'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createImportFileHandlers } from '../../../electron/main/handlers/importFiles'
import type { BaluchonApi, ImportedImage } from '../../../src/core/ipc/contract'
import { fail, IpcFailure, ok, type IpcResult } from '../../../src/core/ipc/result'
import { BaluchonDb } from '../../../src/db'
import { initI18n } from '../../../src/i18n'
import { ImportFlow, type FlowState } from '../../../src/features/import/flow'
import { createItem } from '../../../src/features/items/repository'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const FIXTURES = join(process.cwd(), 'test/fixtures/import/')

let dir: string
let db: BaluchonDb
let n = 0
beforeAll(async () => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob
  await initI18n('en')
})
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baluchon-flow-'))
  db = new BaluchonDb(`import-flow-${n++}-${Date.now()}`)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function result<T>(run: () => Promise<T> | T): Promise<IpcResult<T>> {
  try {
    return ok(await run())
  } catch (error) {
    if (error instanceof IpcFailure) return fail(error.code, error.message, error.detail)
    throw error
  }
}

/** window.api as the preload builds it, over main's real import handlers; images come from `images`. */
function bridge(pick: string, images: Record<string, ImportedImage | IpcFailure> = {}): BaluchonApi {
  const h = createImportFileHandlers({ showImportDialog: async () => pick })
  return {
    importOpen: (input: Parameters<typeof h.importOpen>[0]) => result(() => h.importOpen(input)),
    importReadChunk: (input: Parameters<typeof h.importReadChunk>[0]) => result(() => h.importReadChunk(input)),
    importClose: (input: Parameters<typeof h.importClose>[0]) => result(() => h.importClose(input)),
    importFetchImage: ({ url }: { url: string }) =>
      result(() => {
        const answer = images[url] ?? new IpcFailure('network', 'unknown host')
        if (answer instanceof IpcFailure) throw answer
        return answer
      }),
  } as unknown as BaluchonApi
}

async function until(flow: ImportFlow, step: FlowState['step']): Promise<FlowState> {
  for (let i = 0; i < 400 && flow.get().step !== step; i++) await new Promise((r) => setTimeout(r, 5))
  expect(flow.get().step).toBe(step)
  return flow.get()
}

describe('import flow', () => {
  it('a folder: notes with their images as attachments, links between notes, a missing image reported, nothing written before apply', async () => {
    mkdirSync(join(dir, 'vault/img'), { recursive: true })
    writeFileSync(
      join(dir, 'vault/Note.md'),
      '---\ntags: [x]\n---\nSee ![a pic](img/p.png) and ![gone](img/missing.png) and [[Other]], [[Nowhere]] and [the other one](Other.md)',
    )
    writeFileSync(join(dir, 'vault/Other.md'), 'Other')
    writeFileSync(join(dir, 'vault/img/p.png'), PNG)
    const flow = new ImportFlow({ api: bridge(join(dir, 'vault')), db })
    await flow.pick('folder')
    const preview = await until(flow, 'preview')
    if (preview.step !== 'preview') throw new Error('no preview')
    expect(preview.preview.counts.note.add).toBe(2)
    expect(preview.preview.media.sort()).toEqual(['img/missing.png', 'img/p.png'])
    expect(await db.items.count()).toBe(0)

    await flow.apply()
    const done = await until(flow, 'report')
    if (done.step !== 'report') throw new Error('no report')
    expect(done.report.added.note).toBe(2)
    expect(done.report.attachments).toBe(1)
    expect(done.mediaFailures).toEqual([{ ref: 'img/missing.png', code: 'missing' }])
    const note = (await db.items.toArray()).find((i) => i.tags.includes('x'))!
    const [attachment] = await db.attachments.toArray()
    expect(attachment).toMatchObject({ itemId: note.id, mime: 'image/png', name: 'p.png', size: PNG.length })
    expect(JSON.stringify(note.body)).toContain(`attachment:${attachment!.id}`)
    // The wikilink and the relative link both lead to the other note's item; the one to no note stays written.
    const other = (await db.items.toArray()).find((i) => i.title === 'Other')!
    const links = JSON.stringify(note.body).match(/"href":"item:[^"]+"/g)
    expect(links).toEqual([`"href":"item:${other.id}"`, `"href":"item:${other.id}"`])
    expect(note.bodyText).toContain('and Other, [[Nowhere]] and the other one')
  })

  it('WordPress images: downloaded only when asked; failures listed, the import still done', async () => {
    const xml = readFileSync(join(FIXTURES, 'wxr/valid-wxr-1.1.xml'), 'utf8').replace(
      'Welcome to WordPress.',
      'Welcome to WordPress. <img src="http://localhost/wp-content/uploads/ok.png" alt="ok"><img src="http://localhost/wp-content/uploads/broken.png" alt="broken">',
    )
    writeFileSync(join(dir, 'export.xml'), xml)
    const images = {
      'http://localhost/wp-content/uploads/ok.png': { url: 'http://localhost/wp-content/uploads/ok.png', mime: 'image/png', name: 'ok.png', data: PNG },
      'http://localhost/wp-content/uploads/broken.png': new IpcFailure('http-status', 'HTTP 404', { status: 404 }),
    }
    const flow = new ImportFlow({ api: bridge(join(dir, 'export.xml'), images), db })
    await flow.pick('file')
    const preview = await until(flow, 'preview')
    if (preview.step !== 'preview') throw new Error('no preview')
    expect(preview.preview.canDownloadMedia).toBe(true)
    expect(preview.preview.media.sort()).toEqual(['http://localhost/wp-content/uploads/broken.png', 'http://localhost/wp-content/uploads/ok.png'])
    flow.setDownloadMedia(true)
    await flow.apply()
    const done = await until(flow, 'report')
    if (done.step !== 'report') throw new Error('no report')
    expect(done.report.added.post).toBe(2)
    expect(done.report.attachments).toBe(1)
    expect(done.mediaFailures).toEqual([{ ref: 'http://localhost/wp-content/uploads/broken.png', code: 'http-status', status: 404 }])
  })

  it.each([
    ['a damaged WordPress export', 'wxr/malformed.xml', { kind: 'parse', code: 'malformed' }],
    ['a file of no known format', null, { kind: 'unknown-format', name: 'notes.txt' }],
  ] as const)('%s: an error to show, the database untouched', async (_name, fixture, expected) => {
    await createItem(db, 'note', { title: 'Mine' })
    const path = fixture ? join(FIXTURES, fixture) : join(dir, 'notes.txt')
    if (!fixture) writeFileSync(path, 'just text')
    const flow = new ImportFlow({ api: bridge(path), db })
    await flow.pick('file')
    const state = await until(flow, 'error')
    if (state.step !== 'error') throw new Error('no error')
    expect(state.error).toMatchObject(expected)
    expect((await db.items.toArray()).map((i) => i.title)).toEqual(['Mine'])
  })

  it('too large: refused by main with the limit, nothing read', async () => {
    writeFileSync(join(dir, 'big.xml'), new Uint8Array(10))
    const h = createImportFileHandlers({ showImportDialog: async () => join(dir, 'big.xml'), limits: { maxFileBytes: 5 } })
    const api = { importOpen: (input: { source: 'file' }) => result(() => h.importOpen(input)), importClose: async () => ok(undefined) } as unknown as BaluchonApi
    const flow = new ImportFlow({ api, db })
    await flow.pick('file')
    expect(flow.get()).toEqual({ step: 'error', error: { kind: 'ipc', code: 'too-large', detail: { size: 10, maxBytes: 5 } } })
  })

  it('cancelled dialog: back to the choice; cancel after the preview: nothing written', async () => {
    const cancelled = new ImportFlow({ api: { ...bridge(''), importOpen: async () => ok(null) } as BaluchonApi, db })
    await cancelled.pick('file')
    expect(cancelled.get()).toEqual({ step: 'choose' })

    const flow = new ImportFlow({ api: bridge(join(FIXTURES, 'bookmarks/chrome.html')), db })
    await flow.pick('file')
    await until(flow, 'preview')
    flow.cancel()
    expect(flow.get()).toEqual({ step: 'choose' })
    await flow.apply()
    expect(await db.items.count()).toBe(0)
  })
})

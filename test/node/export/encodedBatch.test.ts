// The Markdown export worker's batches (src/features/export/encodedBatch.ts): every text becomes exactly its UTF-8
// bytes, all of them in one buffer handed over; images stay as they were and are never handed over; and main writes
// such views into one shared buffer as the files they are, in a zip and in a folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createExportFileHandlers } from '../../../electron/main/handlers/exportFiles'
import { encodedBatch } from '../../../src/features/export/encodedBatch'
import type { ExportFile } from '../../../src/features/export/markdownExport'

const utf8 = (s: string) => new TextEncoder().encode(s)
const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
const batch: ExportFile[] = [
  { path: 'posts/Été à Lyon/index.md', data: '---\ntitle: Été à Lyon\n---\n\n![](photo.png) 👩‍👩‍👧\n', compress: true },
  { path: 'posts/Été à Lyon/photo.png', data: image, compress: false },
  { path: 'notes/مرحبا.md', data: '---\ntitle: مرحبا\n---\n', compress: true },
  { path: 'notes/empty.md', data: '', compress: true },
]

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baluchon-batch-test-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('encodedBatch', () => {
  it('gives each text its UTF-8 bytes, views into the one buffer it hands over, and leaves images alone', () => {
    const { files, transfer } = encodedBatch(batch)
    expect(files.map((f) => f.path)).toEqual(batch.map((f) => f.path))
    expect(files.map((f) => f.compress)).toEqual(batch.map((f) => f.compress))
    files.forEach((file, i) => {
      const before = batch[i]!.data
      expect(file.data).toEqual(typeof before === 'string' ? utf8(before) : before)
    })
    expect(files[1]!.data).toBe(image)
    expect(transfer).toHaveLength(1)
    for (const i of [0, 2, 3]) expect((files[i]!.data as Uint8Array).buffer).toBe(transfer[0])
    expect(transfer).not.toContain(image.buffer)
    expect(encodedBatch([{ path: 'a.png', data: image, compress: false }]).transfer).toEqual([])
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (texts) => {
        const { files: encoded } = encodedBatch(texts.map((data, i) => ({ path: `${i}.md`, data, compress: true })))
        expect(encoded.map((f) => [...(f.data as Uint8Array)])).toEqual(texts.map((t) => [...utf8(t)]))
      }),
    )
  })

  it('is written by main as the very files, in a zip and in a folder', async () => {
    const { files } = encodedBatch(batch)
    const h = createExportFileHandlers({ showSaveDialog: async () => join(dir, 'out.zip'), showFolderDialog: async () => dir, now: () => Date.UTC(2026, 0, 2) })
    const zip = await h.exportFilesBegin({ target: 'zip', suggestedName: 'out.zip' })
    await h.exportFilesWrite({ handle: zip!.handle, files })
    const unzipped = unzipSync(readFileSync((await h.exportFilesCommit({ handle: zip!.handle })).path))
    const folder = await h.exportFilesBegin({ target: 'folder', folderName: 'md' })
    await h.exportFilesWrite({ handle: folder!.handle, files })
    const written = (await h.exportFilesCommit({ handle: folder!.handle })).path
    for (const file of batch) {
      const bytes = typeof file.data === 'string' ? utf8(file.data) : file.data
      expect(unzipped[file.path]).toEqual(bytes)
      expect(new Uint8Array(readFileSync(join(written, file.path)))).toEqual(bytes)
    }
  })
})

// Main's side of the open-format export: files arrive in batches, land atomically in a new folder, a zip or
// one file, unsafe paths are refused, and nothing is left behind by a cancel or a failure.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createExportFileHandlers } from '../../../electron/main/handlers/exportFiles'
import { IpcFailure } from '../../../src/core/ipc/result'

const utf8 = (s: string) => new TextEncoder().encode(s)
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baluchon-export-test-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function handlers(save: string | null = null, folder: string | null = null) {
  return createExportFileHandlers({ showSaveDialog: async () => save, showFolderDialog: async () => folder, now: () => Date.UTC(2026, 0, 2) })
}

const files = [
  { path: 'posts/Trip to Lyon/index.md', data: utf8('---\ntitle: Trip\n---\n\n![](photo.png)\n'), compress: true },
  { path: 'posts/Trip to Lyon/photo.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), compress: false },
  { path: 'notes/Été.md', data: utf8('---\ntitle: Été\n---\n'), compress: true },
]

describe('export files in main', () => {
  it('writes a new folder inside the chosen one, numbered when the name is taken, with no temporary left', async () => {
    mkdirSync(join(dir, 'baluchon-markdown-2026-01-02'))
    const h = handlers(null, dir)
    const begun = await h.exportFilesBegin({ target: 'folder', folderName: 'baluchon-markdown-2026-01-02' })
    expect(begun).not.toBeNull()
    await h.exportFilesWrite({ handle: begun!.handle, files: files.slice(0, 2) })
    // Nothing under the final name until the commit.
    expect(readdirSync(dir).filter((n) => !n.startsWith('.'))).toEqual(['baluchon-markdown-2026-01-02'])
    await h.exportFilesWrite({ handle: begun!.handle, files: files.slice(2) })
    const done = await h.exportFilesCommit({ handle: begun!.handle })
    expect(done).toMatchObject({ name: 'baluchon-markdown-2026-01-02-2', files: 3, bytes: files.reduce((s, f) => s + f.data.length, 0) })
    expect(readdirSync(dir).sort()).toEqual(['baluchon-markdown-2026-01-02', 'baluchon-markdown-2026-01-02-2'])
    expect(readFileSync(join(done.path, 'posts/Trip to Lyon/photo.png'))).toEqual(Buffer.from(files[1]!.data))
    expect(readFileSync(join(done.path, 'notes/Été.md'), 'utf8')).toBe('---\ntitle: Été\n---\n')
    // The existing folder was not touched.
    expect(readdirSync(join(dir, 'baluchon-markdown-2026-01-02'))).toEqual([])
  })

  it('writes a zip every tool opens, atomically, adding the extension', async () => {
    const target = join(dir, 'my export')
    const h = handlers(target)
    const begun = await h.exportFilesBegin({ target: 'zip', suggestedName: 'baluchon-markdown.zip' })
    await h.exportFilesWrite({ handle: begun!.handle, files })
    expect(readdirSync(dir).filter((n) => !n.startsWith('.'))).toEqual([])
    const done = await h.exportFilesCommit({ handle: begun!.handle })
    expect(done.path).toBe(`${target}.zip`)
    expect(readdirSync(dir)).toEqual(['my export.zip'])
    const unzipped = unzipSync(readFileSync(done.path))
    expect(Object.keys(unzipped).sort()).toEqual(files.map((f) => f.path).sort())
    for (const f of files) expect(unzipped[f.path]).toEqual(f.data)
  })

  it('writes one file for a single-item export, replacing the chosen file only at the end', async () => {
    const target = join(dir, 'page.html')
    writeFileSync(target, 'old')
    const h = handlers(target)
    const begun = await h.exportFilesBegin({ target: 'file', suggestedName: 'page.html', kind: 'html' })
    await h.exportFilesWrite({ handle: begun!.handle, files: [{ path: 'page.html', data: utf8('<!DOCTYPE html>'), compress: false }] })
    expect(readFileSync(target, 'utf8')).toBe('old')
    await h.exportFilesCommit({ handle: begun!.handle })
    expect(readFileSync(target, 'utf8')).toBe('<!DOCTYPE html>')
    expect(readdirSync(dir)).toEqual(['page.html'])
  })

  it('returns null when the person cancels the dialog', async () => {
    expect(await handlers().exportFilesBegin({ target: 'folder', folderName: 'x' })).toBeNull()
    expect(await handlers().exportFilesBegin({ target: 'zip', suggestedName: 'x.zip' })).toBeNull()
  })

  it.each([
    ['../escape.md'],
    ['/etc/passwd'],
    ['C:/x.md'],
    ['a\\b.md'],
    ['posts/../../x.md'],
    ['posts/CON.md'],
    ['posts/name. '],
    ['posts/a:b.md'],
    ['posts//x.md'],
    ['__proto__/x.md'],
  ])('refuses the unsafe path %j and removes what was written', async (path) => {
    const h = handlers(null, dir)
    const begun = await h.exportFilesBegin({ target: 'folder', folderName: 'out' })
    await h.exportFilesWrite({ handle: begun!.handle, files: files.slice(0, 1) })
    await expect(h.exportFilesWrite({ handle: begun!.handle, files: [{ path, data: utf8('x'), compress: true }] })).rejects.toMatchObject({ code: 'invalid-input' })
    expect(readdirSync(dir)).toEqual([])
    await expect(h.exportFilesCommit({ handle: begun!.handle })).rejects.toMatchObject({ code: 'invalid-input' })
  })

  it('refuses the same path twice (case aside), as a file system that ignores case would merge them', async () => {
    const h = handlers(join(dir, 'x.zip'))
    const begun = await h.exportFilesBegin({ target: 'zip', suggestedName: 'x.zip' })
    await expect(
      h.exportFilesWrite({ handle: begun!.handle, files: [files[0]!, { ...files[0]!, path: files[0]!.path.toUpperCase() }] }),
    ).rejects.toBeInstanceOf(IpcFailure)
    expect(readdirSync(dir)).toEqual([])
  })

  it('leaves nothing behind when cancelled', async () => {
    const h = handlers(join(dir, 'x.zip'), dir)
    for (const input of [{ target: 'folder' as const, folderName: 'out' }, { target: 'zip' as const, suggestedName: 'x.zip' }]) {
      const begun = await h.exportFilesBegin(input)
      await h.exportFilesWrite({ handle: begun!.handle, files })
      await h.exportFilesAbort({ handle: begun!.handle })
      expect(readdirSync(dir)).toEqual([])
    }
  })

  it('says why the disk refused (here: the chosen folder is gone)', async () => {
    const h = handlers(null, join(dir, 'missing'))
    await expect(h.exportFilesBegin({ target: 'folder', folderName: 'out' })).rejects.toMatchObject({ code: 'io', detail: { reason: 'not-found' } })
  })

  it('a single-file export holds exactly one file', async () => {
    const h = handlers(join(dir, 'a.md'))
    const begun = await h.exportFilesBegin({ target: 'file', suggestedName: 'a.md', kind: 'md' })
    await expect(h.exportFilesCommit({ handle: begun!.handle })).rejects.toMatchObject({ code: 'invalid-input' })
    expect(readdirSync(dir)).toEqual([])
  })
})

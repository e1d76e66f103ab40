// Main's side of an import: the picked file or folder, read through a handle in chunks, with its caps.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createImportFileHandlers, walkFolder, IMPORT_FILE_LIMITS, type ImportFilesDeps } from '../../../electron/main/handlers/importFiles'
import { IpcFailure } from '../../../src/core/ipc/result'
import type { ImportOpened } from '../../../src/core/ipc/contract'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baluchon-import-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function handlers(pick: string | null, limits?: ImportFilesDeps['limits']) {
  return createImportFileHandlers({ showImportDialog: async () => pick, limits })
}

async function failure(promise: Promise<unknown>): Promise<IpcFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(IpcFailure)
  return error as IpcFailure
}

describe('a picked file', () => {
  it('is read back in chunks, exactly', async () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251)
    writeFileSync(join(dir, 'export.xml'), bytes)
    const h = handlers(join(dir, 'export.xml'))
    const opened = (await h.importOpen({ source: 'file' })) as Extract<ImportOpened, { kind: 'file' }>
    expect(opened).toMatchObject({ kind: 'file', name: 'export.xml', size: 10_000 })
    const parts: Uint8Array[] = []
    for (let offset = 0; offset < opened.size; offset += 4096) parts.push(await h.importReadChunk({ handle: opened.handle, offset, length: 4096 }))
    expect(Buffer.concat(parts).equals(Buffer.from(bytes))).toBe(true)
    expect((await h.importReadChunk({ handle: opened.handle, offset: 10_000, length: 10 })).length).toBe(0)
  })

  it('cancelled dialog: null, nothing opened', async () => {
    expect(await handlers(null).importOpen({ source: 'file' })).toBeNull()
  })

  it('a file over the cap is refused before anything is read, naming the size and the cap', async () => {
    writeFileSync(join(dir, 'big.xml'), new Uint8Array(2048))
    const error = await failure(handlers(join(dir, 'big.xml'), { maxFileBytes: 1024 }).importOpen({ source: 'file' }))
    expect(error.code).toBe('too-large')
    expect(error.detail).toEqual({ size: 2048, maxBytes: 1024 })
  })

  it('the default cap is the parsers\' 64 MB', () => {
    expect(IMPORT_FILE_LIMITS.maxFileBytes).toBe(64 * 1024 * 1024)
  })

  it('a closed or made-up handle reads nothing', async () => {
    writeFileSync(join(dir, 'a.csv'), 'url\n')
    const h = handlers(join(dir, 'a.csv'))
    const opened = (await h.importOpen({ source: 'file' }))!
    h.importClose({ handle: opened.handle })
    expect((await failure(h.importReadChunk({ handle: opened.handle, offset: 0, length: 10 }))).code).toBe('invalid-input')
    expect((await failure(h.importReadChunk({ handle: 'made-up', offset: 0, length: 10 }))).code).toBe('invalid-input')
  })

  it('a missing file is an io failure', async () => {
    expect((await failure(handlers(join(dir, 'nope.xml')).importOpen({ source: 'file' }))).code).toBe('io')
  })
})

describe('a picked folder', () => {
  function vault(): string {
    const root = join(dir, 'vault')
    mkdirSync(join(root, 'notes/deep'), { recursive: true })
    mkdirSync(join(root, '.obsidian'))
    mkdirSync(join(dir, 'outside'))
    writeFileSync(join(root, 'Welcome.md'), '# Hi')
    writeFileSync(join(root, 'notes/Idea.md'), 'idea ![](../pic.png)')
    writeFileSync(join(root, 'notes/deep/x.markdown'), 'x')
    writeFileSync(join(root, 'pic.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
    writeFileSync(join(root, 'report.pdf'), 'pdf')
    writeFileSync(join(root, '.obsidian/app.json'), '{}')
    writeFileSync(join(dir, 'outside/secret.md'), 'secret')
    symlinkSync(join(dir, 'outside'), join(root, 'linked-folder'))
    symlinkSync(join(dir, 'outside/secret.md'), join(root, 'linked.md'))
    return root
  }

  it('lists Markdown files and images only, never follows links, skips hidden folders', async () => {
    const h = handlers(vault())
    const opened = (await h.importOpen({ source: 'folder' })) as Extract<ImportOpened, { kind: 'folder' }>
    expect(opened.name).toBe('vault')
    expect(opened.files.map((f) => f.path).sort()).toEqual(['Welcome.md', 'notes/Idea.md', 'notes/deep/x.markdown', 'pic.png'])
    expect(opened.skipped.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'linked-folder', reason: 'symlink' },
      { path: 'linked.md', reason: 'symlink' },
    ])
    expect(opened.totalBytes).toBe(4 + 20 + 1 + 4)
    const text = await h.importReadChunk({ handle: opened.handle, path: 'notes/Idea.md', offset: 0, length: 100 })
    expect(Buffer.from(text).toString()).toBe('idea ![](../pic.png)')
  })

  it('reads only files the walk listed: no path outside, no link, no unlisted file', async () => {
    const root = vault()
    const h = handlers(root)
    const opened = (await h.importOpen({ source: 'folder' }))!
    for (const path of ['../outside/secret.md', 'linked.md', 'linked-folder/secret.md', 'report.pdf', '.obsidian/app.json', '/etc/passwd']) {
      expect((await failure(h.importReadChunk({ handle: opened.handle, path, offset: 0, length: 100 }))).code).toBe('invalid-input')
    }
  })

  it('a listed file replaced by a link after the walk is not read', async () => {
    const root = vault()
    const h = handlers(root)
    const opened = (await h.importOpen({ source: 'folder' }))!
    rmSync(join(root, 'Welcome.md'))
    symlinkSync(join(dir, 'outside/secret.md'), join(root, 'Welcome.md'))
    expect((await failure(h.importReadChunk({ handle: opened.handle, path: 'Welcome.md', offset: 0, length: 100 }))).code).toBe('io')
  })

  it('caps: too many files or too many bytes refuse the folder; one oversized file is skipped', async () => {
    const root = vault()
    expect((await failure(walkFolder(root, { ...IMPORT_FILE_LIMITS, maxFolderFiles: 2 }))).code).toBe('too-large')
    expect((await failure(walkFolder(root, { ...IMPORT_FILE_LIMITS, maxFolderBytes: 10 }))).code).toBe('too-large')
    expect((await failure(walkFolder(root, { ...IMPORT_FILE_LIMITS, maxEntriesVisited: 3 }))).code).toBe('too-large')
    const walk = await walkFolder(root, { ...IMPORT_FILE_LIMITS, maxFolderFileBytes: 5 })
    expect(walk.skipped).toContainEqual({ path: 'notes/Idea.md', reason: 'too-large' })
    const shallow = await walkFolder(root, { ...IMPORT_FILE_LIMITS, maxDepth: 1 })
    expect(shallow.files.map((f) => f.path)).not.toContain('notes/deep/x.markdown')
  })
})

// Backup files in main: atomic chunked writes (temp file, fsync, rename; removed on failure), rotation of
// automatic backups, chunked reads with a size cap, and names that can never become paths.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, utimesSync } from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inflateRawSync } from 'node:zlib'
import { readArchive, writeArchive } from '../../../src/core/archive'
import { crc32 } from '../../../src/core/archive/crc32'
import { testRenderer, sampleInput } from '../archive/support'
import {
  autoBackupName,
  createBackupHandlers,
  deflateEntry,
  ioReason,
  isAutoBackupName,
  type BackupDeps,
  type BackupFs,
} from '../../../electron/main/handlers/backup'
import { createHandlers } from '../../../electron/main/handlers'
import { createDispatcher, createSenderCheck } from '../../../electron/main/ipc/dispatcher'
import { IpcFailure } from '../../../src/core/ipc/result'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baluchon-backup-test-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const bytes = (...values: number[]): Uint8Array<ArrayBuffer> => new Uint8Array(values)

function handlers(overrides: Partial<BackupDeps> = {}) {
  let t = Date.UTC(2026, 2, 14, 9, 30, 0)
  return createBackupHandlers({
    showSaveDialog: async (name) => join(root, name),
    showOpenDialog: async () => null,
    autoBackupDir: () => join(root, 'backups'),
    now: () => (t += 86_400_000),
    ...overrides,
  })
}

async function failureOf(promise: Promise<unknown>): Promise<IpcFailure> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(IpcFailure)
    return error as IpcFailure
  }
  throw new Error('expected a failure')
}

describe('writing a backup', () => {
  it('writes a record beside an archive it just saved, atomically, and nowhere else', async () => {
    const h = handlers()
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'leaving-acme.baluchon' })
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(1, 2) })
    // Not before the archive is in place.
    expect((await failureOf(h.backupWriteRecord({ handle: begun!.handle, suffix: 'record', text: 'x' }))).code).toBe('invalid-input')
    await h.backupWriteCommit({ handle: begun!.handle })
    expect(await h.backupWriteRecord({ handle: begun!.handle, suffix: 'record', text: '# Récap\n' })).toEqual({ fileName: 'leaving-acme.record.md' })
    expect(readdirSync(root).sort()).toEqual(['leaving-acme.baluchon', 'leaving-acme.record.md'])
    expect(readFileSync(join(root, 'leaving-acme.record.md'), 'utf8')).toBe('# Récap\n')
    // Never beside an automatic backup, nor for a handle it does not know.
    const auto = await h.backupWriteBegin({ target: 'auto' })
    await h.backupWriteCommit({ handle: auto!.handle })
    expect((await failureOf(h.backupWriteRecord({ handle: auto!.handle, suffix: 'record', text: 'x' }))).code).toBe('invalid-input')
    expect((await failureOf(h.backupWriteRecord({ handle: 'nope', suffix: 'record', text: 'x' }))).code).toBe('invalid-input')
  })

  it('writes chunks to a temporary file in the same folder and renames it on commit', async () => {
    const h = handlers()
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'baluchon-2026-03-14.baluchon' })
    expect(begun?.fileName).toBe('baluchon-2026-03-14.baluchon')
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(1, 2, 3) })
    // Until commit, only a hidden temporary file exists, beside the target.
    expect(readdirSync(root)).toEqual([expect.stringMatching(/^\.baluchon-2026-03-14\.baluchon\.[0-9a-f]{8}\.partial$/)])
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(4, 5) })
    const written = await h.backupWriteCommit({ handle: begun!.handle })
    // The SHA-256 of the bytes as written (the changing-employer record quotes it) and the folder, to show.
    expect(written).toEqual({
      fileName: 'baluchon-2026-03-14.baluchon',
      size: 5,
      removed: [],
      sha256: createHash('sha256').update(Buffer.from([1, 2, 3, 4, 5])).digest('hex'),
      folder: root,
    })
    expect(readdirSync(root)).toEqual(['baluchon-2026-03-14.baluchon'])
    expect([...readFileSync(join(root, 'baluchon-2026-03-14.baluchon'))]).toEqual([1, 2, 3, 4, 5])
    // The handle is finished.
    expect((await failureOf(h.backupWriteChunk({ handle: begun!.handle, data: bytes(6) }))).code).toBe('invalid-input')
  })

  it('adds the extension when the dialog gives a bare name, and replaces an existing file only at the rename', async () => {
    writeFileSync(join(root, 'mine.baluchon'), 'old')
    const h = handlers({ showSaveDialog: async () => join(root, 'mine') })
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'x.baluchon' })
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(9) })
    expect(readFileSync(join(root, 'mine.baluchon'), 'utf8')).toBe('old')
    await h.backupWriteCommit({ handle: begun!.handle })
    expect([...readFileSync(join(root, 'mine.baluchon'))]).toEqual([9])
  })

  it('returns null and creates nothing when the person cancels the dialog', async () => {
    const h = handlers({ showSaveDialog: async () => null })
    await expect(h.backupWriteBegin({ target: 'choose', suggestedName: 'a.baluchon' })).resolves.toBeNull()
    expect(readdirSync(root)).toEqual([])
  })

  it('removes the temporary file on abort (cancel in the app)', async () => {
    const h = handlers()
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'a.baluchon' })
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(1) })
    await h.backupWriteAbort({ handle: begun!.handle })
    expect(readdirSync(root)).toEqual([])
    // Aborting twice is harmless.
    await h.backupWriteAbort({ handle: begun!.handle })
  })

  it.each([
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['EACCES', 'permission'],
    ['EROFS', 'read-only'],
  ])('a write failing with %s removes the temporary file and says %s', async (code, reason) => {
    const failing: BackupFs = {
      ...nodeFs,
      open: async (path, flags) => {
        const file = await nodeFs.open(path, flags)
        if (flags === 'wx') {
          Object.defineProperty(file, 'write', { value: async () => Promise.reject(Object.assign(new Error(code), { code })) })
        }
        return file
      },
    }
    const h = handlers({ fs: failing })
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'a.baluchon' })
    const failure = await failureOf(h.backupWriteChunk({ handle: begun!.handle, data: bytes(1, 2) }))
    expect(failure.code).toBe('io')
    expect(failure.detail).toEqual({ reason })
    expect(readdirSync(root)).toEqual([])
    // Nothing left to commit.
    expect((await failureOf(h.backupWriteCommit({ handle: begun!.handle }))).code).toBe('invalid-input')
  })

  it('a folder it may not write into gives a permission failure and leaves nothing', async () => {
    const h = handlers({
      fs: { ...nodeFs, open: async () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) },
    })
    const failure = await failureOf(h.backupWriteBegin({ target: 'choose', suggestedName: 'a.baluchon' }))
    expect(failure.detail).toEqual({ reason: 'permission' })
    expect(readdirSync(root)).toEqual([])
  })

  it('a failed rename removes the temporary file', async () => {
    const h = handlers({ fs: { ...nodeFs, rename: async () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EPERM' })) } })
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'a.baluchon' })
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(1) })
    expect((await failureOf(h.backupWriteCommit({ handle: begun!.handle }))).detail).toEqual({ reason: 'permission' })
    expect(readdirSync(root)).toEqual([])
  })

  it('a failed flush to disk at commit removes the temporary file and leaves no archive', async () => {
    const failing: BackupFs = {
      ...nodeFs,
      open: async (path, flags) => {
        const file = await nodeFs.open(path, flags)
        if (flags === 'wx') Object.defineProperty(file, 'sync', { value: async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) })
        return file
      },
    }
    const h = handlers({ fs: failing })
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'a.baluchon' })
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(1, 2, 3) })
    expect((await failureOf(h.backupWriteCommit({ handle: begun!.handle }))).detail).toEqual({ reason: 'disk-full' })
    expect(readdirSync(root)).toEqual([])
  })

  it('keeps chunk order even when calls overlap', async () => {
    const h = handlers()
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'a.baluchon' })
    const chunks = Array.from({ length: 20 }, (_, i) => new Uint8Array(1000).fill(i))
    await Promise.all(chunks.map((data) => h.backupWriteChunk({ handle: begun!.handle, data })))
    await h.backupWriteCommit({ handle: begun!.handle })
    const out = readFileSync(join(root, 'a.baluchon'))
    expect(out.length).toBe(20_000)
    for (let i = 0; i < 20; i++) expect(out[i * 1000]).toBe(i)
  })
})

describe('deflating for the archive writer (backupDeflate)', () => {
  it('gives raw DEFLATE of the bytes and their CRC-32, for an archive being written only', async () => {
    const h = handlers()
    const data = new TextEncoder().encode(JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: `0${i}`, title: `Titre ${i} — été` }))))
    expect((await failureOf(h.backupDeflate({ handle: 'nope', data, level: 1 }))).code).toBe('invalid-input')
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'd.baluchon' })
    const out = await h.backupDeflate({ handle: begun!.handle, data, level: 1 })
    if (!('data' in out)) throw new Error('expected the bytes')
    expect(out.crc).toBe(crc32(data))
    expect(out.data.length).toBeLessThan(data.length / 2)
    expect(new Uint8Array(inflateRawSync(out.data))).toEqual(data)
    await h.backupWriteAbort({ handle: begun!.handle })
    expect((await failureOf(h.backupDeflate({ handle: begun!.handle, data, level: 1 }))).code).toBe('invalid-input')
  })

  it('holds the deflated bytes when asked and writes them where a chunk places them, once, in order', async () => {
    const h = handlers()
    const data = new TextEncoder().encode('abc '.repeat(5000))
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'held.baluchon' })
    const handle = begun!.handle
    const one = await h.backupDeflate({ handle, data, level: 1, hold: true })
    const two = await h.backupDeflate({ handle, data: data.subarray(0, 3000), level: 1, hold: true })
    if (!('held' in one) || !('held' in two)) throw new Error('expected held entries')
    // Only the place comes back, not the bytes.
    expect(one).not.toHaveProperty('data')
    expect(one.crc).toBe(crc32(data))
    const deflatedOne = new Uint8Array((await deflateEntry(data, 1)).data)
    const deflatedTwo = new Uint8Array((await deflateEntry(data.subarray(0, 3000), 1)).data)
    expect([one.length, two.length]).toEqual([deflatedOne.length, deflatedTwo.length])
    // Two held at the same offset, in the order listed, and one at the very end of the chunk.
    await h.backupWriteChunk({ handle, data: bytes(1, 2, 3), held: [{ at: 1, id: one.held }] })
    await h.backupWriteChunk({ handle, data: bytes(4), held: [{ at: 1, id: two.held }] })
    // Placed already: refused, and the write is given up (a renderer out of step with main).
    expect((await failureOf(h.backupWriteChunk({ handle, data: bytes(5), held: [{ at: 0, id: one.held }] }))).code).toBe('invalid-input')
    expect((await failureOf(h.backupWriteCommit({ handle }))).code).toBe('invalid-input')
    expect(readdirSync(root)).toEqual([])

    const again = await h.backupWriteBegin({ target: 'choose', suggestedName: 'held.baluchon' })
    const three = await h.backupDeflate({ handle: again!.handle, data, level: 1, hold: true })
    if (!('held' in three)) throw new Error('expected a held entry')
    // Offsets out of order or past the chunk are refused too.
    const four = await h.backupDeflate({ handle: again!.handle, data, level: 1, hold: true })
    if (!('held' in four)) throw new Error('expected a held entry')
    await h.backupWriteChunk({ handle: again!.handle, data: bytes(1, 2, 3), held: [{ at: 0, id: three.held }, { at: 3, id: four.held }] })
    const written = await h.backupWriteCommit({ handle: again!.handle })
    const expected = Buffer.concat([deflatedOne, bytes(1, 2, 3), deflatedOne])
    const file = readFileSync(join(root, 'held.baluchon'))
    expect(file).toEqual(expected)
    expect(written.size).toBe(expected.length)
    expect(written.sha256).toBe(createHash('sha256').update(expected).digest('hex'))

    const bad = await h.backupWriteBegin({ target: 'choose', suggestedName: 'bad.baluchon' })
    const five = await h.backupDeflate({ handle: bad!.handle, data, level: 1, hold: true })
    if (!('held' in five)) throw new Error('expected a held entry')
    expect((await failureOf(h.backupWriteChunk({ handle: bad!.handle, data: bytes(1), held: [{ at: 2, id: five.held }] }))).code).toBe('invalid-input')
  })

  it('an archive written through main holding its deflated entries is the same archive, read back whole and verified', async () => {
    const reference: Uint8Array[] = []
    await writeArchive(sampleInput(), (chunk) => void reference.push(chunk), {
      renderMarkdown: testRenderer,
      shardMaxRecords: 2,
      compress: (data, level) => deflateEntry(data, level),
    })
    const h = handlers()
    const begun = await h.backupWriteBegin({ target: 'choose', suggestedName: 'through-main.baluchon' })
    const handle = begun!.handle
    // As the export worker does: bytes gathered into chunks, each held entry placed at its offset in them.
    let parts: Uint8Array[] = []
    let gathered = 0
    let placed: { at: number; id: number }[] = []
    const handOver = async (): Promise<void> => {
      const data = new Uint8Array(gathered)
      let at = 0
      for (const part of parts) {
        data.set(part, at)
        at += part.length
      }
      await h.backupWriteChunk({ handle, data, held: placed })
      parts = []
      gathered = 0
      placed = []
    }
    let held = 0
    await writeArchive(sampleInput(), async (chunk) => {
      parts.push(chunk)
      gathered += chunk.length
      if (gathered > 300) await handOver()
    }, {
      renderMarkdown: testRenderer,
      shardMaxRecords: 2,
      compress: async (data, level) => {
        const out = await h.backupDeflate({ handle, data: data as Uint8Array<ArrayBuffer>, level, hold: true })
        if (!('held' in out)) throw new Error('expected a held entry')
        held++
        return { crc: out.crc, data: null, held: { id: out.held, length: out.length } }
      },
      placeHeld: ({ id }) => void placed.push({ at: gathered, id }),
    })
    await handOver()
    await h.backupWriteCommit({ handle })
    expect(held).toBeGreaterThan(2)
    const file = readFileSync(join(root, 'through-main.baluchon'))
    expect(file).toEqual(Buffer.concat(reference))
    await expect(readArchive(file, { verifyContent: true })).resolves.toBeTruthy()
  })

  it('an archive whose entries main deflated is read back whole and verified', async () => {
    const chunks: Uint8Array[] = []
    const compressed: number[] = []
    await writeArchive(sampleInput(), (chunk) => void chunks.push(chunk), {
      renderMarkdown: testRenderer,
      shardMaxRecords: 2,
      compress: (data, level) => (compressed.push(data.length), deflateEntry(data, level)),
    })
    expect(compressed.length).toBeGreaterThan(2)
    const contents = await readArchive(Buffer.concat(chunks))
    expect(contents.items.map((i) => i.id).sort()).toEqual((sampleInput().items as readonly { id: string }[]).map((i) => i.id).sort())
  })
})

describe('automatic backups', () => {
  async function autoBackup(h: ReturnType<typeof handlers>, keep: number, content: number): Promise<string[]> {
    const begun = await h.backupWriteBegin({ target: 'auto' })
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(content) })
    return (await h.backupWriteCommit({ handle: begun!.handle, keep })).removed
  }

  it('are named by time, listed newest first, and rotated to the last N', async () => {
    const h = handlers()
    await expect(h.backupList()).resolves.toEqual([])
    for (let i = 0; i < 3; i++) expect(await autoBackup(h, 3, i)).toEqual([])
    // A file the person put there is listed by nobody and never rotated away.
    writeFileSync(join(root, 'backups', 'my-own.baluchon'), 'keep me')
    const removed = await autoBackup(h, 3, 3)
    expect(removed).toEqual([autoBackupName(Date.UTC(2026, 2, 15, 9, 30, 0))])
    const list = (await h.backupList())!
    expect(list.map((b) => b.fileName)).toEqual([
      autoBackupName(Date.UTC(2026, 2, 18, 9, 30, 0)),
      autoBackupName(Date.UTC(2026, 2, 17, 9, 30, 0)),
      autoBackupName(Date.UTC(2026, 2, 16, 9, 30, 0)),
    ])
    expect(list.every((b) => b.size === 1 && b.modifiedAt > 0)).toBe(true)
    expect(readdirSync(join(root, 'backups'))).toContain('my-own.baluchon')
    // Keeping fewer removes the oldest.
    await autoBackup(h, 1, 4)
    expect((await h.backupList())!.map((b) => b.fileName)).toEqual([autoBackupName(Date.UTC(2026, 2, 19, 9, 30, 0))])
  })

  it('lists by name even when the files were copied with new modification times', async () => {
    const h = handlers()
    await autoBackup(h, 7, 1)
    await autoBackup(h, 7, 2)
    const [newest, oldest] = (await h.backupList())!
    utimesSync(join(root, 'backups', oldest!.fileName), new Date(), new Date(Date.now() + 60_000))
    expect((await h.backupList())!.map((b) => b.fileName)).toEqual([newest!.fileName, oldest!.fileName])
  })

  it('are off when there is no folder for them: no list, no file', async () => {
    const h = handlers({ autoBackupDir: () => null })
    await expect(h.backupList()).resolves.toBeNull()
    expect((await failureOf(h.backupWriteBegin({ target: 'auto' }))).code).toBe('io')
    expect((await failureOf(h.backupOpen({ source: 'auto', fileName: autoBackupName(0) }))).code).toBe('io')
    expect(readdirSync(root)).toEqual([])
  })

  it('names are recognised strictly', () => {
    expect(isAutoBackupName(autoBackupName(0))).toBe(true)
    expect(autoBackupName(Date.UTC(2026, 2, 14, 9, 30, 1, 5))).toBe('baluchon-auto-2026-03-14T09-30-01-005Z.baluchon')
    for (const bad of ['../baluchon-auto-x.baluchon', 'baluchon-auto-x/../../etc.baluchon', 'other.baluchon', 'baluchon-auto-x.zip', 'baluchon-auto-..baluchon']) {
      expect(isAutoBackupName(bad)).toBe(false)
    }
  })
})

describe('reading a backup', () => {
  it('opens the chosen file and reads it in chunks', async () => {
    const data = new Uint8Array(10_000).map((_, i) => i % 251)
    writeFileSync(join(root, 'b.baluchon'), data)
    const h = handlers({ showOpenDialog: async () => join(root, 'b.baluchon') })
    const opened = await h.backupOpen({ source: 'choose' })
    expect(opened).toMatchObject({ fileName: 'b.baluchon', size: 10_000 })
    const parts: Uint8Array[] = []
    for (let offset = 0; offset < opened!.size; offset += 4096) parts.push(await h.backupReadChunk({ handle: opened!.handle, offset, length: 4096 }))
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 1808])
    expect(Buffer.concat(parts).equals(Buffer.from(data))).toBe(true)
    await h.backupReadClose({ handle: opened!.handle })
    expect((await failureOf(h.backupReadChunk({ handle: opened!.handle, offset: 0, length: 1 }))).code).toBe('invalid-input')
  })

  it('returns null when the dialog is cancelled', async () => {
    await expect(handlers().backupOpen({ source: 'choose' })).resolves.toBeNull()
  })

  it('refuses a file over the size cap before reading it', async () => {
    writeFileSync(join(root, 'big.baluchon'), new Uint8Array(2000))
    const h = handlers({ showOpenDialog: async () => join(root, 'big.baluchon'), maxReadBytes: 1000 })
    const failure = await failureOf(h.backupOpen({ source: 'choose' }))
    expect(failure.code).toBe('too-large')
    expect(failure.detail).toEqual({ limit: 1000, actual: 2000 })
  })

  it('a missing or unreadable file is an io failure with a reason', async () => {
    const h = handlers({ showOpenDialog: async () => join(root, 'gone.baluchon') })
    expect((await failureOf(h.backupOpen({ source: 'choose' }))).detail).toEqual({ reason: 'not-found' })
    const dir = handlers({ showOpenDialog: async () => root })
    expect((await failureOf(dir.backupOpen({ source: 'choose' }))).detail).toEqual({ reason: 'is-directory' })
  })

  it('opens an automatic backup by its listed name only, never by a path', async () => {
    const h = handlers()
    const begun = await h.backupWriteBegin({ target: 'auto' })
    await h.backupWriteChunk({ handle: begun!.handle, data: bytes(7, 7) })
    await h.backupWriteCommit({ handle: begun!.handle, keep: 7 })
    const [listed] = (await h.backupList())!
    const opened = await h.backupOpen({ source: 'auto', fileName: listed!.fileName })
    expect([...(await h.backupReadChunk({ handle: opened!.handle, offset: 0, length: 10 }))]).toEqual([7, 7])
    writeFileSync(join(root, 'secret.baluchon'), 'x')
    for (const fileName of ['../secret.baluchon', '/etc/passwd', 'baluchon-auto-../../secret.baluchon']) {
      expect((await failureOf(h.backupOpen({ source: 'auto', fileName }))).code).toBe('invalid-input')
    }
  })
})

describe('through the dispatcher', () => {
  const APP = 'file:///app/out/renderer/index.html'
  function dispatcher() {
    const backup: BackupDeps = { showSaveDialog: async (n) => join(root, n), showOpenDialog: async () => join(root, 'x.baluchon'), autoBackupDir: () => join(root, 'backups') }
    return createDispatcher({
      handlers: createHandlers({
        appInfo: () => ({ version: '1', platform: 'linux', locale: 'en', dataPath: root }),
        setMenuLanguage: () => undefined,
        openExternal: async () => undefined,
        readyToClose: () => undefined,
        linkPreview: { isOnline: () => false, resolveHost: async () => [], fetch: () => Promise.reject(new Error('offline')) },
        backup,
      }),
      isTrustedSender: createSenderCheck(['file:///app/out/renderer/']),
    })
  }

  it('takes bytes as Uint8Array (Electron) or Buffer (the test binding), and refuses other values and oversized chunks', async () => {
    const dispatch = dispatcher()
    const begun = await dispatch('backupWriteBegin', { target: 'choose', suggestedName: 'x.baluchon' }, APP)
    expect(begun.ok).toBe(true)
    const handle = (begun as { value: { handle: string } }).value.handle
    expect((await dispatch('backupWriteChunk', { handle, data: bytes(1) }, APP)).ok).toBe(true)
    expect((await dispatch('backupWriteChunk', { handle, data: Buffer.from([2]) }, APP)).ok).toBe(true)
    for (const data of ['AAE=', [1, 2], { 0: 1 }, new Uint8Array(8 * 1024 * 1024 + 1)]) {
      const result = await dispatch('backupWriteChunk', { handle, data }, APP)
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid-input')
    }
    expect(await dispatch('backupWriteCommit', { handle }, APP)).toMatchObject({ ok: true, value: { fileName: 'x.baluchon', size: 2, removed: [] } })
    const opened = await dispatch('backupOpen', { source: 'choose' }, APP)
    const read = await dispatch('backupReadChunk', { handle: (opened as { value: { handle: string } }).value.handle, offset: 0, length: 100 }, APP)
    expect(read.ok && [...(read.value as Uint8Array)]).toEqual([1, 2])
  })

  it('turns a disk failure into an io error the renderer can translate', async () => {
    expect(ioReason({ code: 'ENOSPC' })).toBe('disk-full')
    expect(ioReason(new Error('x'))).toBe('other')
    expect(ioReason(null)).toBe('other')
  })
})

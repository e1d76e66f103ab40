// Atomic writes (electron/main/atomicWrite.ts): the file appears whole under its name or not at all, and no
// temporary file is left behind whichever step fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic, type AtomicFs } from '../../../electron/main/atomicWrite'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baluchon-atomic-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const failing = (method: 'sync' | 'close' | 'write', code: string): AtomicFs => ({
  ...nodeFs,
  open: async (path, flags) => {
    const file = await nodeFs.open(path, flags)
    if (flags === 'wx') Object.defineProperty(file, method, { value: async () => Promise.reject(Object.assign(new Error(code), { code })) })
    return file
  },
})

describe('writeFileAtomic', () => {
  it('replaces the file whole', async () => {
    writeFileSync(join(root, 'a.txt'), 'old')
    await writeFileAtomic(join(root, 'a.txt'), new TextEncoder().encode('new'))
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('new')
    expect(readdirSync(root)).toEqual(['a.txt'])
  })

  it.each(['write', 'sync', 'close'] as const)('a failing %s leaves the old file and no temporary file', async (method) => {
    writeFileSync(join(root, 'a.txt'), 'old')
    await expect(writeFileAtomic(join(root, 'a.txt'), new TextEncoder().encode('new'), failing(method, 'EIO'))).rejects.toMatchObject({ code: 'EIO' })
    expect(readdirSync(root)).toEqual(['a.txt'])
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('old')
  })

  it('a failing rename leaves no temporary file', async () => {
    const fs: AtomicFs = { ...nodeFs, rename: async () => Promise.reject(Object.assign(new Error('EPERM'), { code: 'EPERM' })) }
    await expect(writeFileAtomic(join(root, 'b.txt'), new Uint8Array([1]), fs)).rejects.toMatchObject({ code: 'EPERM' })
    expect(readdirSync(root)).toEqual([])
  })
})

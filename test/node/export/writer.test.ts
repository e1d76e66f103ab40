// The renderer's side of writing an export: begin (dialog), batches, commit; and on a cancel, a refused batch
// or a failure while building, main is told to abort (it deletes the temporary folder or file).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcResult } from '../../../src/core/ipc/result'
import { ExportCancelled, ExportFailure } from '../../../src/features/export/errors'
import type { ExportFile } from '../../../src/features/export/markdownExport'
import { writeExport } from '../../../src/features/export/writer'

type Call = [string, unknown]
let calls: Call[]
let answers: Partial<Record<string, (input: unknown) => IpcResult<unknown>>>

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value })
const file = (path: string): ExportFile => ({ path, data: `# ${path}`, compress: true })

beforeEach(() => {
  calls = []
  answers = {}
  const api = new Proxy(
    {},
    {
      get: (_target, name: string) => async (input: unknown) => {
        calls.push([name, input])
        const answer = answers[name]
        if (answer) return answer(input)
        if (name === 'exportFilesBegin') return ok({ handle: 'h1', name: '/tmp/out' })
        if (name === 'exportFilesCommit') return ok({ path: '/tmp/out', name: 'out', files: 3, bytes: 30 })
        return ok(undefined)
      },
    },
  )
  // As the preload does: `api` on the global object (the window, in the renderer).
  ;(globalThis as { api?: unknown }).api = api
})
afterEach(() => {
  delete (globalThis as { api?: unknown }).api
})

async function* batches(count: number, options: { failAt?: number; controller?: AbortController } = {}): AsyncGenerator<ExportFile[], string> {
  for (let i = 0; i < count; i++) {
    if (i === options.failAt) throw new Error('database gone')
    if (options.controller?.signal.aborted) throw new ExportCancelled()
    yield [file(`posts/${i}.md`)]
  }
  return 'summary'
}

const names = () => calls.map(([name]) => name)

describe('writeExport', () => {
  it('begins, writes each batch, commits', async () => {
    const result = await writeExport({ target: 'zip', suggestedName: 'x.zip' }, batches(3))
    expect(result).toEqual({ written: { path: '/tmp/out', name: 'out', files: 3, bytes: 30 }, summary: 'summary' })
    expect(names()).toEqual(['exportFilesBegin', 'exportFilesWrite', 'exportFilesWrite', 'exportFilesWrite', 'exportFilesCommit'])
    expect(calls[2]).toEqual(['exportFilesWrite', { handle: 'h1', files: [file('posts/1.md')] }])
  })

  it('returns null and writes nothing when the dialog is cancelled', async () => {
    answers.exportFilesBegin = () => ok(null)
    expect(await writeExport({ target: 'folder', folderName: 'x' }, batches(3))).toBeNull()
    expect(names()).toEqual(['exportFilesBegin'])
  })

  it('closes the batches when the dialog is cancelled (they may be under way already)', async () => {
    answers.exportFilesBegin = () => ok(null)
    const gen = batches(3)
    const closed = vi.spyOn(gen, 'return')
    expect(await writeExport({ target: 'zip', suggestedName: 'x.zip' }, gen)).toBeNull()
    expect(closed).toHaveBeenCalled()
  })

  it('aborts in main when cancelled', async () => {
    const controller = new AbortController()
    answers.exportFilesWrite = () => {
      controller.abort()
      return ok(undefined)
    }
    await expect(writeExport({ target: 'zip', suggestedName: 'x.zip' }, batches(5, { controller }), controller.signal)).rejects.toBeInstanceOf(ExportCancelled)
    expect(names().at(-1)).toBe('exportFilesAbort')
    expect(names()).not.toContain('exportFilesCommit')
  })

  it('aborts and says why when the disk refuses a batch', async () => {
    answers.exportFilesWrite = () => ({ ok: false, error: { code: 'io', message: 'ENOSPC', detail: { reason: 'disk-full' } } })
    const error = await writeExport({ target: 'zip', suggestedName: 'x.zip' }, batches(3)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportFailure)
    expect((error as ExportFailure).problem).toEqual({ kind: 'io', reason: 'disk-full' })
    expect(names()).toEqual(['exportFilesBegin', 'exportFilesWrite', 'exportFilesAbort'])
  })

  it('aborts when reading the library fails', async () => {
    const error = await writeExport({ target: 'zip', suggestedName: 'x.zip' }, batches(3, { failAt: 1 })).catch((e: unknown) => e)
    expect((error as ExportFailure).problem).toEqual({ kind: 'database', message: 'database gone' })
    expect(names()).toContain('exportFilesAbort')
    expect(names()).not.toContain('exportFilesCommit')
  })
})

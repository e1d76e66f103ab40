// The portfolio PDF handler: files go to a private temporary folder, the injected printer gets the page inside
// it, the PDF is written where the person chose, and the temporary folder is gone whatever happened.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPortfolioPdfHandlers } from '../../../electron/main/handlers/portfolioPdf'
import { IpcFailure } from '../../../src/core/ipc/result'

let root = ''
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true })
})

function setUp(save: string | null) {
  root = mkdtempSync(join(tmpdir(), 'baluchon-pdf-test-'))
  const temp = join(root, 'tmp')
  mkdirSync(temp)
  const printed: { page: string; folder: string; html: string; css: string }[] = []
  const handlers = createPortfolioPdfHandlers({
    showSaveDialog: async () => (save === null ? null : join(root, save)),
    renderPdf: async (page, folder) => {
      printed.push({ page, folder, html: readFileSync(page, 'utf8'), css: readFileSync(join(folder, 'style.css'), 'utf8') })
      return new TextEncoder().encode('%PDF-1.7 fake')
    },
    tempDir: () => temp,
  })
  return { handlers, printed, temp }
}

describe('portfolio PDF handler', () => {
  it('prints the page sent and saves the PDF under the chosen name, with .pdf added', async () => {
    const { handlers, printed, temp } = setUp('Camille')
    const begun = await handlers.portfolioPdfBegin({ suggestedName: 'portfolio.pdf' })
    expect(begun?.name).toBe('Camille.pdf')
    await handlers.portfolioPdfWrite({ handle: begun!.handle, files: [{ path: 'print.html', data: '<p>Hi</p>' }, { path: 'style.css', data: 'p{}' }] })
    await handlers.portfolioPdfWrite({ handle: begun!.handle, files: [{ path: 'posts/a/x.png', data: new Uint8Array([1, 2]) }] })
    const written = await handlers.portfolioPdfCommit({ handle: begun!.handle, page: 'print.html' })
    expect(written).toEqual({ path: join(root, 'Camille.pdf'), name: 'Camille.pdf', bytes: 13 })
    expect(readFileSync(join(root, 'Camille.pdf'), 'utf8')).toBe('%PDF-1.7 fake')
    expect(printed).toEqual([{ page: join(printed[0]!.folder, 'print.html'), folder: printed[0]!.folder, html: '<p>Hi</p>', css: 'p{}' }])
    expect(printed[0]!.folder.startsWith(temp)).toBe(true)
    expect(readdirSync(temp)).toEqual([])
  })

  it('answers null when the dialog is cancelled', async () => {
    const { handlers } = setUp(null)
    expect(await handlers.portfolioPdfBegin({ suggestedName: 'portfolio.pdf' })).toBeNull()
  })

  it('refuses unsafe or repeated paths and a page that was not sent, leaving nothing behind', async () => {
    const { handlers, temp } = setUp('p.pdf')
    for (const files of [[{ path: '../evil.html', data: 'x' }], [{ path: 'a.html', data: 'x' }, { path: 'A.html', data: 'y' }]]) {
      const begun = await handlers.portfolioPdfBegin({ suggestedName: 'p.pdf' })
      await expect(handlers.portfolioPdfWrite({ handle: begun!.handle, files })).rejects.toBeInstanceOf(IpcFailure)
      await expect(handlers.portfolioPdfCommit({ handle: begun!.handle, page: 'a.html' })).rejects.toThrow(/Unknown or finished/)
    }
    const begun = await handlers.portfolioPdfBegin({ suggestedName: 'p.pdf' })
    await handlers.portfolioPdfWrite({ handle: begun!.handle, files: [{ path: 'style.css', data: '' }] })
    await expect(handlers.portfolioPdfCommit({ handle: begun!.handle, page: 'print.html' })).rejects.toThrow(/not sent/)
    expect(readdirSync(temp)).toEqual([])
    expect(existsSync(join(root, 'p.pdf'))).toBe(false)
  })

  it('removes the temporary folder on abort', async () => {
    const { handlers, temp } = setUp('p.pdf')
    const begun = await handlers.portfolioPdfBegin({ suggestedName: 'p.pdf' })
    await handlers.portfolioPdfWrite({ handle: begun!.handle, files: [{ path: 'print.html', data: 'x' }] })
    expect(readdirSync(temp)).toHaveLength(1)
    await handlers.portfolioPdfAbort({ handle: begun!.handle })
    expect(readdirSync(temp)).toEqual([])
  })
})

// The PDF portfolio: the renderer sends the site's print page with its stylesheet and images; they go to a
// private temporary folder, which an injected renderer prints to PDF (Electron's printToPDF in a locked-down
// window in the app, see ../portfolioPrint.ts; Chromium's page.pdf in the end-to-end harness). The PDF is written
// atomically where the person chose; the temporary folder is always removed.
import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { isSafeContentPath } from '../../../src/core/archive/paths'
import { fileNameKey } from '../../../src/core/filenames'
import type { PortfolioPdfHandle, PortfolioPdfWritten } from '../../../src/core/ipc/portfolio'
import { IpcFailure } from '../../../src/core/ipc/result'
import type { HandlerInput } from '../ipc/dispatcher'
import { writeFileAtomic } from '../atomicWrite'
import { ioReason } from './backup'

export interface PortfolioPdfDeps {
  /** The native save dialog; the chosen path, or null when cancelled. */
  showSaveDialog(suggestedName: string): Promise<string | null>
  /**
   * Prints the page at `pageFile` to PDF bytes. It may read files inside `folder` only (the app's print window
   * refuses any other request and any navigation).
   */
  renderPdf(pageFile: string, folder: string): Promise<Uint8Array>
  /** Where temporary folders go (os.tmpdir()). */
  tempDir(): string
}

export type PortfolioPdfHandlers = {
  portfolioPdfBegin(input: HandlerInput<'portfolioPdfBegin'>): Promise<PortfolioPdfHandle | null>
  portfolioPdfWrite(input: HandlerInput<'portfolioPdfWrite'>): Promise<void>
  portfolioPdfCommit(input: HandlerInput<'portfolioPdfCommit'>): Promise<PortfolioPdfWritten>
  portfolioPdfAbort(input: HandlerInput<'portfolioPdfAbort'>): Promise<void>
}

interface Job {
  folder: string
  final: string
  names: Set<string>
  queue: Promise<void>
}

function ioFailure(action: string, error: unknown): IpcFailure {
  if (error instanceof IpcFailure) return error
  return new IpcFailure('io', `Could not ${action} the PDF`, { reason: ioReason(error) })
}

export function createPortfolioPdfHandlers(deps: PortfolioPdfDeps): PortfolioPdfHandlers {
  const jobs = new Map<string, Job>()
  const jobOf = (handle: string): Job => {
    const job = jobs.get(handle)
    if (!job) throw new IpcFailure('invalid-input', 'Unknown or finished PDF')
    return job
  }
  const discard = async (handle: string): Promise<void> => {
    const job = jobs.get(handle)
    if (!job) return
    jobs.delete(handle)
    await job.queue.catch(() => undefined)
    await fs.rm(job.folder, { recursive: true, force: true }).catch(() => undefined)
  }
  const inside = (job: Job, path: string): string => {
    const target = resolve(job.folder, ...path.split('/'))
    if (!target.startsWith(job.folder + sep)) throw new IpcFailure('invalid-input', 'Path outside the PDF folder')
    return target
  }

  return {
    async portfolioPdfBegin({ suggestedName }) {
      const chosen = await deps.showSaveDialog(suggestedName)
      if (chosen === null) return null
      const final = chosen.toLowerCase().endsWith('.pdf') ? chosen : `${chosen}.pdf`
      let folder: string
      try {
        folder = await fs.mkdtemp(join(deps.tempDir(), 'baluchon-portfolio-'))
      } catch (error) {
        throw ioFailure('prepare', error)
      }
      const handle = randomUUID()
      jobs.set(handle, { folder: resolve(folder), final, names: new Set(), queue: Promise.resolve() })
      return { handle, name: basename(final) }
    },

    async portfolioPdfWrite({ handle, files }) {
      const job = jobOf(handle)
      for (const { path } of files) {
        const key = fileNameKey(path)
        if (!isSafeContentPath(path) || job.names.has(key)) {
          await discard(handle)
          throw new IpcFailure('invalid-input', 'Unsafe or repeated path in the PDF files')
        }
        job.names.add(key)
      }
      const run = job.queue.then(async () => {
        for (const file of files) {
          const target = inside(job, file.path)
          await fs.mkdir(dirname(target), { recursive: true })
          await fs.writeFile(target, typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data, { flag: 'wx' })
        }
      })
      job.queue = run
      try {
        await run
      } catch (error) {
        await discard(handle)
        throw ioFailure('write', error)
      }
    },

    async portfolioPdfCommit({ handle, page }) {
      const job = jobOf(handle)
      try {
        await job.queue
        if (!isSafeContentPath(page) || !job.names.has(fileNameKey(page))) throw new IpcFailure('invalid-input', 'The page to print was not sent')
        const pdf = await deps.renderPdf(inside(job, page), job.folder)
        await writeFileAtomic(job.final, pdf)
        return { path: job.final, name: basename(job.final), bytes: pdf.byteLength }
      } catch (error) {
        throw ioFailure('save', error)
      } finally {
        await discard(handle)
      }
    },

    async portfolioPdfAbort({ handle }) {
      await discard(handle)
    },
  }
}

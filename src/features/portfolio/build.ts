// Running the generator in the window without freezing it: files are produced one at a time and the event loop
// gets a turn every ~30 ms; they are handed over in batches (a few MB) for main to write.
import { buildPortfolio, type PortfolioBuild, type PortfolioInput, type SiteFile } from '../../core/portfolio'
import { ExportCancelled } from '../export/errors'

/**
 * A turn of the event loop for input and paint. A message rather than setTimeout(0): nested timers are clamped to
 * 4 ms or more, which a build of a hundred slices would pay for nothing.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

export interface BatchOptions {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
  /** Keep only these files (the PDF needs the print page, the stylesheet and the images). */
  filter?: (file: SiteFile) => boolean
  batchBytes?: number
  batchFiles?: number
  sliceMs?: number
}

export async function* siteBatches(build: PortfolioBuild, options: BatchOptions = {}): AsyncGenerator<SiteFile[], void> {
  // Small batches: main writes one while the next is generated, so the two overlap for most of the export
  // (a site is mostly many small pages; two 8 MB batches would leave main idle, then the window).
  const batchBytes = options.batchBytes ?? 2 * 1024 * 1024
  const batchFiles = options.batchFiles ?? 250
  const sliceMs = options.sliceMs ?? 30
  let batch: SiteFile[] = []
  let size = 0
  let done = 0
  let sliceStart = performance.now()
  options.onProgress?.(0, build.total)
  for (const file of build.files()) {
    if (options.signal?.aborted) throw new ExportCancelled()
    done++
    if (!options.filter || options.filter(file)) {
      batch.push(file)
      size += typeof file.data === 'string' ? file.data.length * 2 : file.data.byteLength
    }
    if (size >= batchBytes || batch.length >= batchFiles) {
      options.onProgress?.(done, build.total)
      yield batch
      batch = []
      size = 0
      sliceStart = performance.now()
    } else if (performance.now() - sliceStart > sliceMs) {
      options.onProgress?.(done, build.total)
      await nextTurn()
      sliceStart = performance.now()
    }
  }
  if (options.signal?.aborted) throw new ExportCancelled()
  if (batch.length) yield batch
  options.onProgress?.(build.total, build.total)
}

/** The whole site in memory, path → contents (the in-app preview). */
export async function buildInMemory(input: PortfolioInput, signal?: AbortSignal): Promise<{ files: Map<string, string | Uint8Array>; build: PortfolioBuild }> {
  const build = buildPortfolio(input)
  const files = new Map<string, string | Uint8Array>()
  for await (const batch of siteBatches(build, { signal })) for (const file of batch) files.set(file.path, file.data)
  return { files, build }
}

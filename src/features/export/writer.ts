// Sends an export's files to main in batches (exportFiles* channels): begin (the native dialog), one call per
// batch, commit. A cancel, a refused batch or any failure here aborts the export in main, which deletes the
// temporary folder or file: nothing half-written is ever left under the chosen name.
import type { ChannelInput, ExportFilesWritten } from '../../core/ipc/contract'
import type { IpcError } from '../../core/ipc/result'
import { getApi } from '../../lib/api'
import { ExportCancelled, ExportFailure } from './errors'
import type { ExportFile } from './markdownExport'

export type ExportTarget = ChannelInput<'exportFilesBegin'>

function failureOf(error: IpcError): ExportFailure {
  if (error.code === 'io') return new ExportFailure({ kind: 'io', reason: String(error.detail?.reason ?? 'other') })
  return new ExportFailure({ kind: 'refused', message: `${error.code}: ${error.message}` })
}

/**
 * Writes the batches to the target the person picks. Null when they cancel the dialog; throws
 * ExportCancelled when `signal` is aborted, ExportFailure when the disk or main refuses.
 */
export async function writeExport<S>(
  target: ExportTarget,
  batches: AsyncGenerator<ExportFile[], S>,
  signal?: AbortSignal,
): Promise<{ written: ExportFilesWritten; summary: S } | null> {
  const api = getApi()
  const begun = await api.exportFilesBegin(target)
  if (!begun.ok || begun.value === null) {
    // The batches may be under way already (the worker starts before the dialog returns): stop them.
    await batches.return?.(undefined as S).catch(() => undefined)
    if (!begun.ok) throw failureOf(begun.error)
    return null
  }
  const { handle } = begun.value
  const nextBatch = (): Promise<IteratorResult<ExportFile[], S>> => {
    const next = batches.next().catch((error: unknown) => {
      if (error instanceof ExportCancelled) throw error
      throw new ExportFailure({ kind: 'database', message: error instanceof Error ? error.message : String(error) })
    })
    // It may fail while a write is awaited: handled when its turn comes, never an "unhandled rejection".
    next.catch(() => undefined)
    return next
  }
  let pending: Promise<IteratorResult<ExportFile[], S>> | null = null
  try {
    let summary: S
    // The next batch is built while main writes the previous one (it zips and writes in another process).
    pending = nextBatch()
    for (;;) {
      if (signal?.aborted) throw new ExportCancelled()
      const next: IteratorResult<ExportFile[], S> = await pending
      if (next.done) {
        summary = next.value
        break
      }
      pending = nextBatch()
      const wrote = await api.exportFilesWrite({ handle, files: next.value })
      if (!wrote.ok) throw failureOf(wrote.error)
    }
    if (signal?.aborted) throw new ExportCancelled()
    const committed = await api.exportFilesCommit({ handle })
    if (!committed.ok) throw failureOf(committed.error)
    return { written: committed.value, summary }
  } catch (error) {
    // Main may already have discarded it after its own failure: abort is harmless then.
    await api.exportFilesAbort({ handle }).catch(() => undefined)
    // A batch still being built is left to finish (a generator cannot be stopped mid-step), then closed.
    await pending?.catch(() => undefined)
    await batches.return?.(undefined as S).catch(() => undefined)
    throw error
  }
}

/** A batch generator of a few files known up front (single-item exports). */
export async function* fixedBatches<S>(files: ExportFile[], summary: S): AsyncGenerator<ExportFile[], S> {
  yield files
  return summary
}

// The Markdown export's batches from its worker (workerBatches.ts), with a stand-in worker: each batch is
// acknowledged only when the writer asks for the next (the worker builds one ahead, never more), the summary
// ends the generator, a failure or a cancel stops it, and the worker is always terminated.
import { describe, expect, it } from 'vitest'
import { ExportCancelled } from '../../../src/features/export/errors'
import type { ExportFile, MarkdownExportSummary } from '../../../src/features/export/markdownExport'
import type { MarkdownExportMessage, MarkdownExportRequest } from '../../../src/features/export/protocol'
import {
  dropPreparedExportWorker,
  prepareExportWorker,
  takePreparedExportWorker,
  workerExportBatches,
  type ExportWorker,
} from '../../../src/features/export/workerBatches'

const summary: MarkdownExportSummary = { items: { post: 1, talk: 0, link: 0, note: 1 }, images: 0, missingImages: 0, files: 2, bytes: 6 }
const file = (path: string): ExportFile => ({ path, data: new TextEncoder().encode('abc'), compress: true })

/** A worker that sends `script` one step per start/ack, recording what it was told. */
function standIn(script: MarkdownExportMessage[]): { worker: ExportWorker; received: MarkdownExportRequest[]; terminated: () => boolean } {
  const received: MarkdownExportRequest[] = []
  let listener: (message: MarkdownExportMessage) => void = () => undefined
  let terminated = false
  const step = (): void => {
    // Progress rides along; the next batch (or the end) is sent at once.
    while (script.length > 0) {
      const message = script.shift()!
      queueMicrotask(() => listener(message))
      if (message.type !== 'progress') break
    }
  }
  return {
    worker: {
      post: (message) => {
        received.push(message)
        if (message.type !== 'cancel') step()
      },
      onMessage: (l) => void (listener = l),
      onError: () => undefined,
      terminate: () => void (terminated = true),
    },
    received,
    terminated: () => terminated,
  }
}

describe('Markdown export batches from the worker', () => {
  it('yields each batch, acknowledges it when the next is asked for, and returns the summary', async () => {
    const { worker, received, terminated } = standIn([
      { type: 'progress', done: 1, total: 2 },
      { type: 'batch', files: [file('posts/a.md')] },
      { type: 'batch', files: [file('notes/b.md')] },
      { type: 'done', summary },
    ])
    const progress: number[] = []
    const batches = workerExportBatches('db', { spawn: () => worker, onProgress: ({ done }) => progress.push(done) })
    const first = await batches.next()
    expect(first.value).toEqual([file('posts/a.md')])
    expect(received.map((m) => m.type)).toEqual(['start'])
    const second = await batches.next()
    expect(second.value).toEqual([file('notes/b.md')])
    expect(received.map((m) => m.type)).toEqual(['start', 'ack'])
    const end = await batches.next()
    expect(end).toEqual({ done: true, value: summary })
    expect(progress).toEqual([1])
    expect(terminated()).toBe(true)
  })

  it('throws what the worker reports and terminates it', async () => {
    const { worker, terminated } = standIn([{ type: 'failed', message: 'database gone' }])
    const batches = workerExportBatches('db', { spawn: () => worker })
    await expect(batches.next()).rejects.toThrow('database gone')
    expect(terminated()).toBe(true)
  })

  it('tells the worker to stop on cancel and ends with ExportCancelled', async () => {
    const controller = new AbortController()
    const { worker, received, terminated } = standIn([{ type: 'batch', files: [file('posts/a.md')] }, { type: 'failed', message: 'cancelled' }])
    const batches = workerExportBatches('db', { spawn: () => worker, signal: controller.signal })
    await batches.next()
    controller.abort()
    expect(received.map((m) => m.type)).toContain('cancel')
    await expect(batches.next()).rejects.toBeInstanceOf(ExportCancelled)
    expect(terminated()).toBe(true)
  })

  it('starts the worker before the first batch is asked for, and stops it when closed unasked (save dialog cancelled)', async () => {
    const { worker, received, terminated } = standIn([{ type: 'batch', files: [file('posts/a.md')] }, { type: 'done', summary }])
    const batches = workerExportBatches('db', { spawn: () => worker })
    expect(received).toEqual([{ type: 'start', dbName: 'db' }])
    await batches.return(summary)
    expect(terminated()).toBe(true)
  })

  it('uses the worker prepared when the dialog opened, once; another database or a closed dialog stops it', async () => {
    const spawned: ReturnType<typeof standIn>[] = []
    const spawn = (): ExportWorker => {
      const made = standIn([{ type: 'done', summary }])
      spawned.push(made)
      return made.worker
    }
    prepareExportWorker('db', spawn)
    prepareExportWorker('db', spawn)
    expect(spawned).toHaveLength(1)
    expect(spawned[0]!.received).toEqual([{ type: 'prepare', dbName: 'db' }])
    const taken = takePreparedExportWorker('db')
    expect(taken).toBe(spawned[0]!.worker)
    expect(takePreparedExportWorker('db')).toBeNull()
    const end = await workerExportBatches('db', { worker: taken! }).next()
    expect(end).toEqual({ done: true, value: summary })
    expect(spawned[0]!.received.map((m) => m.type)).toEqual(['prepare', 'start'])

    prepareExportWorker('db', spawn)
    expect(takePreparedExportWorker('other')).toBeNull()
    expect(spawned[1]!.terminated()).toBe(true)
    prepareExportWorker('db', spawn)
    dropPreparedExportWorker()
    expect(spawned[2]!.terminated()).toBe(true)
    expect(takePreparedExportWorker('db')).toBeNull()
  })
})

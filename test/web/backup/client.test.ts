// The UI thread's relay between the export worker and main: chunks written in order, one at a time (the worker
// waits for each ack), commit at the end; on cancel, a worker failure or a refused write, the partial file is
// aborted and a typed failure comes back. Reading a backup file back in chunks.
import { describe, expect, it } from 'vitest'
import type { BackupWritten } from '../../../src/core/ipc/contract'
import { fail, ok } from '../../../src/core/ipc/result'
import { BackupFailure, keptWorkers, readBackupFile, runExport, type JobWorker } from '../../../src/features/backup/client'
import type { ExportMessage, ExportRequest } from '../../../src/features/backup/protocol'

type Script = (worker: FakeWorker, request: ExportRequest) => void

class FakeWorker implements JobWorker<ExportRequest, ExportMessage> {
  listeners: ((message: ExportMessage) => void)[] = []
  received: ExportRequest[] = []
  terminated = false
  constructor(private readonly script: Script) {}
  post(message: ExportRequest): void {
    this.received.push(message)
    queueMicrotask(() => this.script(this, message))
  }
  onMessage(listener: (message: ExportMessage) => void): void {
    this.listeners.push(listener)
  }
  onError(): void {}
  terminate(): void {
    this.terminated = true
  }
  emit(message: ExportMessage): void {
    for (const listener of this.listeners) listener(message)
  }
}

/** A worker that sends `chunks` one per ack, then done. */
function chunkingWorker(chunks: number[][]): Script {
  let next = 0
  return (worker, request) => {
    if (request.type === 'start' || request.type === 'ack') {
      if (next < chunks.length) worker.emit({ type: 'chunk', data: new Uint8Array(chunks[next++]!) })
      else worker.emit({ type: 'done', size: chunks.flat().length, items: 1 })
    }
  }
}

function fakeApi(options: { failChunk?: number } = {}) {
  const calls: string[] = []
  const written: number[] = []
  let chunkCount = 0
  const api = {
    backupWriteBegin: async () => (calls.push('begin'), ok({ handle: 'H', fileName: 'b.baluchon' })),
    backupWriteChunk: async ({ data }: { data: Uint8Array }) => {
      calls.push('chunk')
      if (++chunkCount === options.failChunk) return fail('io', 'ENOSPC', { reason: 'disk-full' })
      written.push(...data)
      return ok(undefined)
    },
    backupWriteCommit: async () => (calls.push('commit'), ok<BackupWritten>({ fileName: 'b.baluchon', size: written.length, removed: [], sha256: 'ab' })),
    backupWriteAbort: async () => (calls.push('abort'), ok(undefined)),
  }
  return { api, calls, written }
}

const base = { dbName: 'db', appVersion: '1', target: { target: 'choose' as const, suggestedName: 'b.baluchon' } }

describe('runExport', () => {
  it('writes each chunk in order, waiting for it before the next, then commits', async () => {
    const { api, calls, written } = fakeApi()
    let worker: FakeWorker | null = null
    const result = await runExport({ ...base, api, spawn: () => (worker = new FakeWorker(chunkingWorker([[1, 2], [3], [4, 5, 6]]))) })
    expect(result).toEqual({ fileName: 'b.baluchon', size: 6, removed: [], sha256: 'ab', handle: 'H' })
    expect(written).toEqual([1, 2, 3, 4, 5, 6])
    expect(calls).toEqual(['begin', 'chunk', 'chunk', 'chunk', 'commit'])
    expect(worker!.received.map((r) => r.type)).toEqual(['start', 'ack', 'ack', 'ack'])
    expect(worker!.terminated).toBe(true)
  })

  it('relays deflate requests to main and tells the worker main can deflate only when the api has the channel', async () => {
    const { api } = fakeApi()
    const asked: { handle: string; data: number[]; level: number }[] = []
    const withDeflate = {
      ...api,
      backupDeflate: async ({ handle, data, level }: { handle: string; data: Uint8Array; level: number }) => {
        asked.push({ handle, data: [...data], level })
        return level === 9 ? fail('internal', 'zlib failed') : ok({ crc: 42, data: new Uint8Array([7, 7]) })
      },
    }
    let worker: FakeWorker | null = null
    const answers: ExportRequest[] = []
    const script: Script = (w, r) => {
      if (r.type === 'start') w.emit({ type: 'deflate', id: 1, data: new Uint8Array([1, 2, 3]), level: 1 })
      if (r.type === 'deflated' || r.type === 'deflate-failed') {
        answers.push(r)
        w.emit({ type: 'done', size: 0, items: 0 })
      }
    }
    await runExport({ ...base, api: withDeflate, spawn: () => (worker = new FakeWorker(script)) })
    expect(worker!.received[0]).toMatchObject({ type: 'start', deflateInMain: true })
    expect(asked).toEqual([{ handle: 'H', data: [1, 2, 3], level: 1 }])
    expect(answers).toEqual([{ type: 'deflated', id: 1, crc: 42, data: new Uint8Array([7, 7]) }])
    // Without the channel the worker is not told it may ask (it deflates on its pool).
    await runExport({ ...base, api, spawn: () => (worker = new FakeWorker(chunkingWorker([]))) })
    expect(worker!.received[0]).not.toHaveProperty('deflateInMain')
    // A refused deflate fails the export (the partial file is aborted) and the worker is told.
    const failing: Script = (w, r) => {
      if (r.type === 'start') w.emit({ type: 'deflate', id: 2, data: new Uint8Array([1]), level: 9 })
    }
    const error = await runExport({ ...base, api: withDeflate, spawn: () => (worker = new FakeWorker(failing)) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupFailure)
    expect(worker!.received.map((r) => r.type)).toContain('deflate-failed')
  })

  it("relays a deflate main is asked to hold (its place, not bytes, back to the worker) and the chunk's held entries", async () => {
    const { api } = fakeApi()
    const asked: { hold?: true }[] = []
    const chunks: { data: number[]; held?: { at: number; id: number }[] }[] = []
    const holding = {
      ...api,
      backupWriteChunk: async ({ data, held }: { handle: string; data: Uint8Array; held?: { at: number; id: number }[] }) => (
        chunks.push({ data: [...data], ...(held ? { held } : {}) }), ok(undefined)
      ),
      backupDeflate: async ({ hold }: { handle: string; data: Uint8Array; level: number; hold?: true }) => (
        asked.push(hold ? { hold } : {}), ok({ crc: 42, held: 5, length: 123 })
      ),
    }
    const answers: ExportRequest[] = []
    const script: Script = (w, r) => {
      if (r.type === 'start') w.emit({ type: 'deflate', id: 1, data: new Uint8Array([1, 2, 3]), level: 1, hold: true })
      if (r.type === 'deflated') {
        answers.push(r)
        w.emit({ type: 'chunk', data: new Uint8Array([9, 9]), held: [{ at: 1, id: 5 }] })
      }
      if (r.type === 'ack') w.emit({ type: 'done', size: 125, items: 0 })
    }
    await runExport({ ...base, api: holding, spawn: () => new FakeWorker(script) })
    expect(asked).toEqual([{ hold: true }])
    expect(answers).toEqual([{ type: 'deflated', id: 1, crc: 42, data: null, held: { id: 5, length: 123 } }])
    expect(chunks).toEqual([{ data: [9, 9], held: [{ at: 1, id: 5 }] }])
  })

  it('returns null and starts nothing when the save dialog is cancelled', async () => {
    const { api, calls } = fakeApi()
    api.backupWriteBegin = async () => (calls.push('begin'), ok(null) as never)
    let spawned = false
    expect(await runExport({ ...base, api, spawn: () => ((spawned = true), new FakeWorker(() => {})) })).toBeNull()
    expect(spawned).toBe(false)
  })

  it('a refused write (disk full) cancels the worker, aborts the file and says why', async () => {
    const { api, calls } = fakeApi({ failChunk: 2 })
    let worker: FakeWorker | null = null
    const error = await runExport({ ...base, api, spawn: () => (worker = new FakeWorker(chunkingWorker([[1], [2], [3]]))) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupFailure)
    expect((error as BackupFailure).problem).toEqual({ source: 'io', code: 'io', reason: 'disk-full' })
    expect(calls.at(-1)).toBe('abort')
    expect(calls).not.toContain('commit')
    expect(worker!.received.map((r) => r.type)).toContain('cancel')
  })

  it('a failing worker aborts the file with the archive error it reported', async () => {
    const { api, calls } = fakeApi()
    const error = await runExport({
      ...base,
      api,
      spawn: () => new FakeWorker((w, r) => r.type === 'start' && w.emit({ type: 'failed', problem: { source: 'archive', code: 'secret', info: { table: 'settings' } } })),
    }).catch((e: unknown) => e)
    expect((error as BackupFailure).problem).toMatchObject({ source: 'archive', code: 'secret' })
    expect(calls).toEqual(['begin', 'abort'])
  })

  it('Cancel tells the worker, which stops with "aborted"; the partial file is removed', async () => {
    const { api, calls } = fakeApi()
    const controller = new AbortController()
    const script: Script = (w, r) => {
      if (r.type === 'start') {
        w.emit({ type: 'progress', progress: { phase: 'items', done: 1, total: 10 } })
        controller.abort()
      }
      if (r.type === 'cancel') w.emit({ type: 'failed', problem: { source: 'archive', code: 'aborted', info: {} } })
    }
    const progress: number[] = []
    const error = await runExport({ ...base, api, signal: controller.signal, onProgress: (p) => progress.push(p.done), spawn: () => new FakeWorker(script) }).catch(
      (e: unknown) => e,
    )
    expect((error as BackupFailure).problem).toMatchObject({ code: 'aborted' })
    expect(progress).toEqual([1])
    expect(calls).toEqual(['begin', 'abort'])
  })
})

describe('readBackupFile', () => {
  it('reads a file it cannot tell is an archive whole, in chunks, into one buffer, and closes it', async () => {
    const file = new Uint8Array(10 * 1024 * 1024).map((_, i) => i % 256)
    const reads: [number, number][] = []
    let closed = false
    const api = {
      backupOpen: async () => ok({ handle: 'R', fileName: 'x.baluchon', size: file.length }),
      backupReadChunk: async ({ offset, length }: { offset: number; length: number }) => (reads.push([offset, length]), ok(file.slice(offset, offset + length))),
      backupReadClose: async () => ((closed = true), ok(undefined)),
    }
    const progress: number[] = []
    const read = await readBackupFile(api as never, { source: 'choose' }, (done) => progress.push(done))
    expect(read!.fileName).toBe('x.baluchon')
    expect(Buffer.from(read!.bytes).equals(Buffer.from(file))).toBe(true)
    // Its end first (where a zip's directory is), then the rest.
    expect(read!.absent).toEqual([])
    expect(reads).toEqual([
      [10223616, 262144],
      [0, 4194304],
      [4194304, 4194304],
      [8388608, 1835008],
    ])
    expect(progress.at(-1)).toBe(file.length)
    expect(closed).toBe(true)
  })

  it('a file over the cap is refused with its sizes, for the message', async () => {
    const api = { backupOpen: async () => fail('too-large', 'big', { limit: 10, actual: 20 }), backupReadChunk: async () => ok(new Uint8Array()), backupReadClose: async () => ok(undefined) }
    const error = await readBackupFile(api as never, { source: 'choose' }).catch((e: unknown) => e)
    expect((error as BackupFailure).problem).toEqual({ source: 'io', code: 'too-large', limit: 10, actual: 20 })
  })
})

describe('keptWorkers', () => {
  /** A worker that only records what happens to it. */
  class IdleWorker implements JobWorker<string, string> {
    messageListeners: ((message: string) => void)[] = []
    errorListeners: ((message: string) => void)[] = []
    posted: string[] = []
    terminated = false
    post(message: string): void {
      this.posted.push(message)
    }
    onMessage(listener: (message: string) => void): void {
      this.messageListeners.push(listener)
    }
    onError(listener: (message: string) => void): void {
      this.errorListeners.push(listener)
    }
    terminate(): void {
      this.terminated = true
    }
    emit(message: string): void {
      for (const listener of this.messageListeners) listener(message)
    }
  }

  function keeper() {
    const spawned: IdleWorker[] = []
    const timers: { run: () => void; ms: number; cleared: boolean }[] = []
    const lease = keptWorkers<string, string>(
      () => {
        const worker = new IdleWorker()
        spawned.push(worker)
        return worker
      },
      (message) => message === 'done',
      60_000,
      {
        set: (run, ms) => {
          const timer = { run, ms, cleared: false }
          timers.push(timer)
          return timer
        },
        clear: (timer) => void ((timer as { cleared: boolean }).cleared = true),
      },
    )
    return { spawned, timers, lease }
  }

  it('parks the worker of a job that finished and hands it to the next job, whose messages reach only it', () => {
    const { spawned, timers, lease } = keeper()
    const firstHeard: string[] = []
    const first = lease()
    first.onMessage((m) => firstHeard.push(m))
    first.post('start')
    spawned[0]!.emit('progress')
    spawned[0]!.emit('done')
    first.terminate()
    expect(spawned[0]!.terminated).toBe(false)
    expect(timers.map((t) => t.ms)).toEqual([60_000])

    const secondHeard: string[] = []
    const second = lease()
    second.onMessage((m) => secondHeard.push(m))
    second.post('start again')
    spawned[0]!.emit('progress')
    expect(spawned).toHaveLength(1)
    expect(timers[0]!.cleared).toBe(true)
    expect(spawned[0]!.posted).toEqual(['start', 'start again'])
    expect(firstHeard).toEqual(['progress', 'done'])
    expect(secondHeard).toEqual(['progress'])
    // Ended without 'done' (cancelled, failed): terminated, and the next job gets a new worker.
    second.terminate()
    expect(spawned[0]!.terminated).toBe(true)
    lease()
    expect(spawned).toHaveLength(2)
  })

  it('terminates a parked worker once its time is up, and a worker that reported an error at once', () => {
    const { spawned, timers, lease } = keeper()
    const first = lease()
    spawned[0]!.emit('done')
    first.terminate()
    timers[0]!.run()
    expect(spawned[0]!.terminated).toBe(true)
    const second = lease()
    expect(spawned).toHaveLength(2)
    const errors: string[] = []
    second.onError((m) => errors.push(m))
    spawned[1]!.errorListeners.forEach((l) => l('boom'))
    spawned[1]!.emit('done')
    second.terminate()
    expect(errors).toEqual(['boom'])
    expect(spawned[1]!.terminated).toBe(true)
  })

  it('gives jobs at once their own workers and parks only one of them', () => {
    const { spawned, lease } = keeper()
    const a = lease()
    const b = lease()
    expect(spawned).toHaveLength(2)
    spawned[0]!.emit('done')
    spawned[1]!.emit('done')
    a.terminate()
    b.terminate()
    expect(spawned.map((w) => w.terminated)).toEqual([false, true])
    lease()
    expect(spawned).toHaveLength(2)
  })
})

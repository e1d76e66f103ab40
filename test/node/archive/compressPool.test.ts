import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { buildArchive, readArchive } from '../../../src/core/archive'
import { answerCompressRequest, createPooledCompressor, fromWebWorker, isTaskRequest, type CompressWorker, type PooledCompressor } from '../../../src/core/archive/compressPool'
import { rng, syntheticItems } from '../../support/syntheticKb'
import { sampleInput, testRenderer } from './support'

/** An in-process stand-in for a worker: answers after a random delay, so answers come back out of order. */
function fakeWorker(log: { spawned: number; posted: number; terminated: number }, random: () => number, failOn?: number): CompressWorker {
  log.spawned++
  let respond: Parameters<CompressWorker['listen']>[0] = () => {}
  let failure: (error: unknown) => void = () => {}
  return {
    post: (request) => {
      log.posted++
      if (log.posted === failOn) {
        setTimeout(() => failure(new Error('worker crashed')), 1)
        return
      }
      if (isTaskRequest(request)) {
        // Tasks: echo them back, after a random delay too.
        setTimeout(() => respond({ id: request.id, ok: true, result: { echo: request.task } }), Math.floor(random() * 5))
        return
      }
      const copy = { ...request, data: request.data.slice() }
      setTimeout(() => void answerCompressRequest(copy).then(respond), Math.floor(random() * 5))
    },
    listen: (onResponse, onFailure) => {
      respond = onResponse
      failure = onFailure
    },
    terminate: () => void log.terminated++,
  }
}

const nodeWorker = (): CompressWorker => {
  // The worker is TypeScript: register tsx's loader in it first.
  const file = new URL('./compressWorker.node.ts', import.meta.url).href
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}) })`, { eval: true })
  return {
    post: (request) => worker.postMessage(request),
    listen: (onResponse, onFailure) => {
      worker.on('message', onResponse)
      worker.on('error', onFailure)
    },
    terminate: () => void worker.terminate(),
  }
}

let pool: PooledCompressor | null = null
afterEach(() => pool?.close())

describe('pooled compressor', () => {
  const input = { ...sampleInput(), items: [...(sampleInput().items as never[]), ...syntheticItems({ count: 300, seed: 8 })] }

  it('gives the same archive, byte for byte, as compressing on the calling thread', async () => {
    const log = { spawned: 0, posted: 0, terminated: 0 }
    const random = rng(3)
    pool = createPooledCompressor(() => fakeWorker(log, random), 3)
    const expected = await buildArchive(input, { renderMarkdown: testRenderer, shardMaxRecords: 50, contentCompressionLevel: 1 })
    const pooled = await buildArchive(input, { renderMarkdown: testRenderer, shardMaxRecords: 50, contentCompressionLevel: 1, compress: pool.compress, concurrency: pool.concurrency })
    expect(pooled).toEqual(expected)
    expect(log.spawned).toBe(3)
    expect(log.posted).toBeGreaterThan(300)
    pool.close()
    expect(log.terminated).toBe(3)
    pool = null
    // Two whole builds of 300 items: slow on a loaded machine (20 s measured at load 20).
  }, 60_000)

  it('a worker that fails fails the export, and later requests fail at once', async () => {
    const log = { spawned: 0, posted: 0, terminated: 0 }
    pool = createPooledCompressor(() => fakeWorker(log, rng(4), 20), 2)
    await expect(buildArchive(input, { renderMarkdown: testRenderer, contentCompressionLevel: 1, compress: pool.compress, concurrency: pool.concurrency })).rejects.toMatchObject({ code: 'write-failed' })
    await expect(Promise.resolve(pool.compress(new Uint8Array(10_000), 1))).rejects.toMatchObject({ code: 'write-failed' })
  })

  it('runs tasks on the workers beside compression, each answer to its own request', async () => {
    const log = { spawned: 0, posted: 0, terminated: 0 }
    pool = createPooledCompressor(() => fakeWorker(log, rng(5)), 2)
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pool!.run<{ echo: number }>(i)))
    expect(answers.map((a) => a.echo)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(log.spawned).toBe(2)
  })

  it('warm() spawns every worker before any request, and the work is spread over them all', async () => {
    const log = { spawned: 0, posted: 0, terminated: 0 }
    pool = createPooledCompressor(() => fakeWorker(log, rng(6)), 3)
    expect(log.spawned).toBe(0)
    pool.warm()
    expect(log.spawned).toBe(3)
    expect(log.posted).toBe(0)
    pool.warm()
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => pool!.run<{ echo: number }>(i)))
    expect(answers.map((a) => a.echo)).toEqual(Array.from({ length: 9 }, (_, i) => i))
    expect(log.spawned).toBe(3)
    pool.close()
    expect(log.terminated).toBe(3)
    pool = null
  })

  it('runs in real worker threads (fflate and Web Crypto in each)', async () => {
    pool = createPooledCompressor(nodeWorker, 2)
    const bytes = await buildArchive(input, { renderMarkdown: testRenderer, compress: pool.compress, concurrency: pool.concurrency })
    expect(bytes).toEqual(await buildArchive(input, { renderMarkdown: testRenderer }))
    expect((await readArchive(bytes)).items).toEqual(input.items)
  }, 60_000)

  it("hands a task's listed buffers over to the Web Worker (transferred), and copies a compression request's bytes", async () => {
    const posted: { message: unknown; transfer: ArrayBuffer[] }[] = []
    const listeners: Record<string, (event: { data?: unknown }) => void> = {}
    pool = createPooledCompressor(
      () =>
        fromWebWorker({
          postMessage: (message, transfer) => void posted.push({ message, transfer }),
          addEventListener: (type, l) => void (listeners[type] = l),
          terminate: () => undefined,
        }),
      1,
    )
    const bytes = new Uint8Array(1024)
    const answered = pool.run<string>({ bytes }, [bytes.buffer])
    const compressed = pool.compress(new Uint8Array(4096), 1)
    expect(posted.map((p) => p.transfer)).toEqual([[bytes.buffer], []])
    listeners.message!({ data: { id: (posted[0]!.message as { id: number }).id, ok: true, result: 'done' } })
    await expect(answered).resolves.toBe('done')
    listeners.message!({ data: { id: (posted[1]!.message as { id: number }).id, ok: true, crc: 0, data: null, sha256: '0'.repeat(64) } })
    await compressed
  })

  it('adapts a Web Worker', () => {
    const listeners: Record<string, (event: { data?: unknown }) => void> = {}
    const posted: unknown[] = []
    let terminated = false
    const worker = fromWebWorker({ postMessage: (m) => posted.push(m), addEventListener: (type, l) => void (listeners[type] = l), terminate: () => void (terminated = true) })
    const responses: unknown[] = []
    const failures: unknown[] = []
    worker.listen((r) => responses.push(r), (e) => failures.push(e))
    worker.post({ id: 1, data: new Uint8Array(1), level: 1 })
    listeners.message!({ data: { id: 1, ok: false, error: 'x' } })
    listeners.error!({})
    worker.terminate()
    expect([posted.length, responses.length, failures.length, terminated]).toEqual([1, 1, 1, true])
  })
})

// The real export worker module and its pool workers' code, run in process with stand-ins for their global scopes,
// spoken to as the client speaks to them; and main's side of an export, in memory. Shared by the tests that export
// through the real worker (the changing-employer archive, the kept export worker).
import { deflateSync } from 'fflate'
import { vi } from 'vitest'
import { crc32 } from '../../../src/core/archive/crc32'
import type { JobWorker } from '../../../src/features/backup/client'
import type { ExportMessage, ExportRequest } from '../../../src/features/backup/protocol'

/**
 * The export's pool Web Workers, in process: the real pool worker module (archive.worker.ts: compression and
 * Markdown rendering) is loaded once with a stand-in for its global scope; each answer goes back to the instance
 * that sent the request (ids are unique across a pool).
 */
const routes = new Map<number, InProcessPoolWorker>()
let serve: ((event: { data: unknown }) => void) | null = null

export class InProcessPoolWorker {
  /** Pool workers constructed so far (a kept pool is not spawned again). */
  static spawned = 0
  constructor() {
    InProcessPoolWorker.spawned++
  }
  private listeners: ((event: { data: unknown }) => void)[] = []
  postMessage(request: { id: number }): void {
    routes.set(request.id, this)
    serve!({ data: request })
  }
  deliver(response: unknown): void {
    this.listeners.forEach((l) => l({ data: response }))
  }
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    if (type === 'message') this.listeners.push(listener)
  }
  terminate(): void {
    this.listeners = []
  }
}

async function loadPoolWorker(): Promise<void> {
  vi.stubGlobal('postMessage', (response: { id: number }) => {
    const target = routes.get(response.id)
    routes.delete(response.id)
    queueMicrotask(() => target?.deliver(response))
  })
  vi.stubGlobal('onmessage', null)
  await import('../../../src/features/backup/archive.worker')
  serve = (globalThis as unknown as { onmessage: typeof serve }).onmessage
}

/** Loads the real export worker module with a stand-in for its global scope, and speaks to it as the client does. */
export async function spawnRealExportWorker(): Promise<JobWorker<ExportRequest, ExportMessage>> {
  const toWorker: ((event: { data: ExportRequest }) => void)[] = []
  const fromWorker: ((message: ExportMessage) => void)[] = []
  vi.stubGlobal('self', {
    postMessage: (message: ExportMessage) => queueMicrotask(() => fromWorker.forEach((l) => l(message))),
    addEventListener: (_type: 'message', listener: (event: { data: ExportRequest }) => void) => toWorker.push(listener),
    close: () => undefined,
  })
  vi.stubGlobal('Worker', InProcessPoolWorker)
  vi.stubGlobal('navigator', { hardwareConcurrency: 3 })
  vi.resetModules()
  await loadPoolWorker()
  await import('../../../src/features/backup/export.worker')
  return {
    post: (message) => queueMicrotask(() => toWorker.forEach((l) => l({ data: message }))),
    onMessage: (listener) => fromWorker.push(listener),
    onError: () => undefined,
    terminate: () => undefined,
  }
}

/**
 * Main's side, in memory: the chunks as written, committed with their SHA-256. `deflateInMain`: with backupDeflate
 * too, deflating with fflate as the pool does (so the archive is the same bytes) and holding what it is asked to hold
 * until a chunk places it, as main does.
 */
export function memoryApi(options: { deflateInMain?: boolean } = {}) {
  const chunks: Uint8Array[] = []
  const file = { bytes: new Uint8Array(0) }
  const ok = <T,>(value: T) => ({ ok: true as const, value })
  const held = new Map<number, Uint8Array>()
  const counts = { held: 0, placed: 0 }
  const backupDeflate = async ({ data, level, hold }: { handle: string; data: Uint8Array; level: number; hold?: true }) => {
    const deflated = deflateSync(data, { level: level as 1 })
    if (!hold) return ok({ crc: crc32(data), data: deflated })
    const id = ++counts.held
    held.set(id, deflated)
    return ok({ crc: crc32(data), held: id, length: deflated.length })
  }
  return {
    file,
    counts,
    api: {
      backupWriteBegin: async () => ok({ handle: 'H', fileName: 'leaving.baluchon' }),
      backupWriteChunk: async ({ data, held: places = [] }: { data: Uint8Array; held?: { at: number; id: number }[] }) => {
        let from = 0
        for (const { at, id } of places) {
          chunks.push(data.slice(from, at), held.get(id)!)
          held.delete(id)
          counts.placed++
          from = at
        }
        chunks.push(data.slice(from))
        return ok(undefined)
      },
      backupWriteCommit: async () => {
        const size = chunks.reduce((n, c) => n + c.length, 0)
        file.bytes = new Uint8Array(size)
        let at = 0
        for (const c of chunks) {
          file.bytes.set(c, at)
          at += c.length
        }
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', file.bytes))
        return ok({ fileName: 'leaving.baluchon', size, removed: [], sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') })
      },
      backupWriteAbort: async () => ok(undefined),
      ...(options.deflateInMain ? { backupDeflate } : {}),
    },
  }
}


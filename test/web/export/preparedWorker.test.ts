// @vitest-environment jsdom
// The Markdown export's worker is spawned when the dialog offers its choice (it opens the database meanwhile) and is
// stopped when the dialog closes without an export (that the export takes it: workerBatches.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BaluchonDb, setDb } from '../../../src/db'
import { dismissMarkdownExport, openMarkdownExport } from '../../../src/features/export/store'

/** Stands in for Web Workers: records each one made, what it is told and whether it was stopped. */
class FakeWorker {
  static made: FakeWorker[] = []
  readonly received: unknown[] = []
  terminated = false
  constructor() {
    FakeWorker.made.push(this)
  }
  postMessage(message: unknown): void {
    this.received.push(message)
  }
  addEventListener(): void {}
  terminate(): void {
    this.terminated = true
  }
}

let db: BaluchonDb

beforeEach(async () => {
  FakeWorker.made = []
  vi.stubGlobal('Worker', FakeWorker)
  db = new BaluchonDb(`export-prepared-${Date.now()}`)
  setDb(db)
})
afterEach(async () => {
  dismissMarkdownExport()
  vi.unstubAllGlobals()
  await db.delete()
})

describe('Markdown export worker spawned ahead', () => {
  it('is spawned and told to open the database when the dialog opens, and stopped when it closes', async () => {
    openMarkdownExport()
    await vi.waitFor(() => expect(FakeWorker.made).toHaveLength(1))
    expect(FakeWorker.made[0]!.received).toEqual([{ type: 'prepare', dbName: db.name }])
    dismissMarkdownExport()
    expect(FakeWorker.made[0]!.terminated).toBe(true)
  })
})

// The search worker finds the links still to complete (reading every link off the UI thread), for the
// database it follows only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BaluchonDb } from '../../../src/db/schema'
import { addLink, applyLinkPreview, createItem } from '../../../src/features/items/repository'
import type { ServiceMessage } from '../../../src/features/search/protocol'
import { createSearchService, type SearchService } from '../../../src/features/search/service'

let db: BaluchonDb
let service: SearchService
let answers: ServiceMessage[]
let n = 0

beforeEach(async () => {
  db = new BaluchonDb(`pending-links-${Date.now()}-${n++}`)
  await db.open()
  answers = []
  service = createSearchService((m) => answers.push(m), { persistDelayMs: 3_600_000, batchDelayMs: 1 })
})

afterEach(async () => {
  service.indexer?.stop()
  db.close()
  await db.delete()
})

/** Asks the service and waits for its answer to that request. */
async function ask(requestId: number, dbName: string): Promise<ServiceMessage> {
  service.handle({ type: 'pendingLinks', requestId, dbName })
  for (;;) {
    const answer = answers.find((m) => m.type !== 'status' && m.requestId === requestId)
    if (answer) return answer
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

describe('pending links, found by the search worker', () => {
  it('lists the links whose details are still to fetch, and refuses another database', async () => {
    const pending = (await addLink(db, 'https://example.org/later')).link
    const done = (await addLink(db, 'https://example.org/done')).link
    await applyLinkPreview(db, done.id, { url: 'https://example.org/done', title: 'Done', description: '', siteName: '' })
    await createItem(db, 'note', { title: 'Not a link' })
    expect(await ask(1, db.name)).toMatchObject({ type: 'failed', message: 'Search was not started' })
    service.handle({ type: 'start', dbName: db.name })
    expect(await ask(2, db.name)).toEqual({ type: 'pendingLinks', requestId: 2, ids: [pending.id] })
    expect(await ask(3, 'another-database')).toMatchObject({ type: 'failed', message: expect.stringMatching(/another database/) })
  })

  it('reads no link while a search is being typed, and goes on once the queries pause', async () => {
    const typingQuietMs = 300
    service = createSearchService((m) => answers.push(m), { persistDelayMs: 3_600_000, batchDelayMs: 1, typingQuietMs })
    const pending = (await addLink(db, 'https://example.org/later')).link
    service.handle({ type: 'start', dbName: db.name })
    await service.indexer!.whenIdle()
    // Every read of the items table by the worker, timed (the queries below match nothing: they read no item).
    const reads: number[] = []
    const table = service.indexer!.db.items as unknown as Record<string, (...args: unknown[]) => unknown>
    for (const name of ['bulkGet', 'where', 'get', 'toCollection', 'orderBy', 'filter', 'each']) {
      const original = table[name]!.bind(table)
      table[name] = (...args: unknown[]) => {
        reads.push(Date.now())
        return original(...args)
      }
    }
    // Keys typed in a search box, a query every 100 ms; the scan is asked for after the first one.
    let lastQuery = 0
    for (let i = 0; i < 4; i++) {
      lastQuery = Date.now()
      service.handle({ type: 'search', requestId: i + 1, request: { query: 'zqxw'.slice(0, i + 1), filters: {}, limit: 10 }, channel: 1 })
      if (i === 0) service.handle({ type: 'pendingLinks', requestId: 100, dbName: db.name })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    while (!answers.some((m) => m.type === 'pendingLinks')) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(answers.find((m) => m.type === 'pendingLinks')).toEqual({ type: 'pendingLinks', requestId: 100, ids: [pending.id] })
    expect(reads.length).toBeGreaterThan(0)
    expect(Math.min(...reads)).toBeGreaterThanOrEqual(lastQuery + typingQuietMs)
  })
})

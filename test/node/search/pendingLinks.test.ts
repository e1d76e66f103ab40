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
})

// The first answer to a query holds the rows on screen only, and the rest of a long list waits until the
// client says that answer is painted: the service, as the worker runs it, over fake-indexeddb (the client's
// side: test/web/search/client.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem } from '../../../src/features/items/repository'
import type { ServiceMessage } from '../../../src/features/search/protocol'
import { createSearchService, FIRST_PAGE, SHOWN_WAIT_MS, type SearchService } from '../../../src/features/search/service'

let db: BaluchonDb
let service: SearchService
let n = 0

beforeEach(async () => {
  db = new BaluchonDb(`first-answer-${Date.now()}-${n++}`)
  await db.open()
})

afterEach(async () => {
  service?.indexer?.stop()
  service?.indexer?.db.close()
  db.close()
  await db.delete()
})

async function addNotes(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await createItem(db, 'note', { title: `Carnet ${i}`, body: docFromText(`Page ${i} du carnet.`), bodyText: `Page ${i} du carnet.` } as Partial<Item>)
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('the worker side', () => {
  it('sends the first page alone, and the rest only once the client says it is painted', async () => {
    await addNotes(FIRST_PAGE + 10)
    const posted: ServiceMessage[] = []
    service = createSearchService((m) => posted.push(m), { persistDelayMs: 3_600_000 })
    service.handle({ type: 'start', dbName: db.name })
    await until(() => service.indexer?.status.complete === true)
    service.handle({ type: 'search', requestId: 1, request: { query: 'carnet', filters: {}, limit: 100 }, channel: 1 })
    const results = () => posted.filter((m): m is Extract<ServiceMessage, { type: 'result' }> => m.type === 'result')
    await until(() => results().length > 0)
    expect(results()[0]!.response.hits).toHaveLength(FIRST_PAGE)
    expect(results()[0]!.response.total).toBe(FIRST_PAGE + 10)
    // Held back while the client has not said so (well within the longest wait).
    await new Promise((resolve) => setTimeout(resolve, SHOWN_WAIT_MS / 2))
    expect(results()).toHaveLength(1)
    service.handle({ type: 'shown', requestId: 1 })
    await until(() => results().length > 1)
    expect(results()[1]!.partial).toBe(true)
    expect(results()[1]!.response.hits).toHaveLength(FIRST_PAGE + 10)
  })

  it('drops the rest when a newer query of the same box comes in before the paint', async () => {
    await addNotes(FIRST_PAGE + 10)
    const posted: ServiceMessage[] = []
    service = createSearchService((m) => posted.push(m), { persistDelayMs: 3_600_000 })
    service.handle({ type: 'start', dbName: db.name })
    await until(() => service.indexer?.status.complete === true)
    service.handle({ type: 'search', requestId: 1, request: { query: 'carnet', filters: {}, limit: 100 }, channel: 1 })
    await until(() => posted.some((m) => m.type === 'result'))
    service.handle({ type: 'search', requestId: 2, request: { query: 'carnet page', filters: {}, limit: 100 }, channel: 1 })
    await until(() => posted.some((m) => m.type === 'superseded'))
    expect(posted.filter((m) => m.type === 'result' && m.requestId === 1)).toHaveLength(1)
    expect(posted.find((m) => m.type === 'superseded')).toEqual({ type: 'superseded', requestId: 1 })
  })
})

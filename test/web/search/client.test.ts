// @vitest-environment jsdom
// The search client's side of the first answer (the worker's: test/node/search/firstAnswer.test.ts): it tells
// the worker once a first partial answer is painted, and applies the fuller answers behind it after that paint.
import { describe, expect, it } from 'vitest'
import { INPUT_NOTE_MS, SearchClient } from '../../../src/features/search/client'
import { isQuiet, QUIET_MS, resetWhenQuiet } from '../../../src/lib/whenQuiet'
import type { ClientMessage, SearchResponse, ServiceMessage } from '../../../src/features/search/protocol'

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('the client side', () => {
  function fakeWorker() {
    const sent: ClientMessage[] = []
    let listener: (m: ServiceMessage) => void = () => {}
    const client = new SearchClient({ post: (m) => sent.push(m), listen: (l) => (listener = l) })
    return { client, sent, answer: (m: ServiceMessage) => listener(m) }
  }
  const response = (ids: string[]): SearchResponse => ({
    hits: ids.map((id) => ({ id, kind: 'note', title: id, tags: [], updatedAt: 0, status: null, unread: false, score: 1, titleSegments: [], snippetSegments: [] })),
    total: ids.length,
  })

  it('says when a first partial answer is painted, and applies the later ones after it, in order', async () => {
    const { client, sent, answer } = fakeWorker()
    const later: string[][] = []
    const first = client.search({ query: 'x', filters: {}, limit: 100 }, (r) => later.push(r.hits.map((h) => h.id)))
    answer({ type: 'result', requestId: 1, response: response(['a']), partial: true })
    answer({ type: 'result', requestId: 1, response: response(['a', 'b']), partial: true })
    answer({ type: 'result', requestId: 1, response: response(['a', 'b', 'c']) })
    expect((await first).hits.map((h) => h.id)).toEqual(['a'])
    // Not in the same turn as the first: its rows are painted first.
    expect(later).toEqual([])
    await until(() => later.length === 2)
    expect(later).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ])
    expect(sent.filter((m) => m.type === 'shown')).toEqual([{ type: 'shown', requestId: 1 }])
  })

  it('says nothing for a complete first answer (nothing waits for it)', async () => {
    const { client, sent, answer } = fakeWorker()
    const first = client.search({ query: 'x', filters: {}, limit: 100 })
    answer({ type: 'result', requestId: 1, response: response(['a']) })
    await first
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(sent.map((m) => m.type)).toEqual(['search'])
  })

  // Background work (whenQuiet) waits for the person to stop typing, and to stop reading what their typing asked for:
  // a first answer that came late must not leave the window "quiet" while its results are read.
  it.each([
    ['a first partial answer', true],
    ['a complete first answer', false],
  ])('counts quiet from when %s to a typed query is painted', async (_, partial) => {
    resetWhenQuiet()
    const { client, answer } = fakeWorker()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    const first = client.search({ query: 'x', filters: {}, limit: 100 })
    // The answer comes after QUIET_MS: counted from the key alone, the window would be quiet already.
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS + 20))
    expect(isQuiet()).toBe(true)
    answer({ type: 'result', requestId: 1, response: response(['a']), ...(partial ? { partial: true } : {}) })
    await first
    // Painted: at the next frame, or at the client's fallback (100 ms) where no frames are drawn.
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(isQuiet()).toBe(false)
  })

  it('tells the worker of the person\'s input at most once per INPUT_NOTE_MS, however many keys come', () => {
    const { client, sent } = fakeWorker()
    // A key every 50 ms for a second.
    for (let t = 1000; t < 2000; t += 50) client.noteInput(t)
    const inputs = sent.filter((m) => m.type === 'input')
    expect(inputs).toHaveLength(Math.ceil(1000 / INPUT_NOTE_MS))
    client.noteInput(2000 + INPUT_NOTE_MS)
    expect(sent.filter((m) => m.type === 'input')).toHaveLength(inputs.length + 1)
  })
})

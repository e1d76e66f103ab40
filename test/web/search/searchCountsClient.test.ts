// The UI thread's side of the search worker's counts (client.ts): asked again at each new generation of the index
// while someone listens and search answers, an answer that changes nothing dropped (no render), and the figures kept
// while search does not answer for a while (a rebuild): never a blank once given.
import { describe, expect, it } from 'vitest'
import { SearchClient } from '../../../src/features/search/client'
import { countLibrary } from '../../../src/features/search/counts'
import { INITIAL_STATUS, type ClientMessage, type ServiceMessage } from '../../../src/features/search/protocol'

describe('the client keeps the counts', () => {
  function fakeWorker() {
    const sent: ClientMessage[] = []
    let listener: (message: ServiceMessage) => void = () => undefined
    const client = new SearchClient({ post: (message) => void sent.push(message), listen: (l) => void (listener = l) })
    const status = (ready: boolean, generation: number) => listener({ type: 'status', status: { ...INITIAL_STATUS, ready, generation } })
    const answer = (trash: number) => {
      const asked = sent.filter((m) => m.type === 'counts').at(-1)!
      listener({ type: 'counts', requestId: (asked as { requestId: number }).requestId, counts: countLibrary([], trash) })
    }
    return { client, sent, status, answer, asked: () => sent.filter((m) => m.type === 'counts').length }
  }

  it('asks once per generation while listened to and search answers, and keeps them through a rebuild', () => {
    const w = fakeWorker()
    let renders = 0
    w.status(true, 1)
    // Nobody listens: nothing asked.
    expect(w.asked()).toBe(0)
    const unsubscribe = w.client.subscribeCounts(() => renders++)
    expect(w.asked()).toBe(1)
    w.answer(2)
    expect(w.client.getCounts()?.sidebar.trash).toBe(2)
    expect(renders).toBe(1)
    // The same generation again (a progress update): not asked again.
    w.status(true, 1)
    expect(w.asked()).toBe(1)
    // A new generation whose counts are the same (an autosave): asked, the same object kept, no render.
    const before = w.client.getCounts()
    w.status(true, 2)
    expect(w.asked()).toBe(2)
    w.answer(2)
    expect(w.client.getCounts()).toBe(before)
    expect(renders).toBe(1)
    // Search stops answering (a rebuild): not asked, the figures stay.
    w.status(false, 3)
    expect(w.asked()).toBe(2)
    expect(w.client.getCounts()).toBe(before)
    w.status(true, 4)
    w.answer(3)
    expect(w.client.getCounts()?.sidebar.trash).toBe(3)
    expect(renders).toBe(2)
    unsubscribe()
    w.status(true, 5)
    expect(w.asked()).toBe(3)
  })
})

// @vitest-environment jsdom
// whenSearchAnswers: what the app's background work waits for after the first rows (src/app/background.ts). It resolves
// once search answers or has failed, and after its cap otherwise (a first start builds the index for a while).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SearchClient, setSearchClient, whenSearchAnswers } from '../../../src/features/search'
import { INITIAL_STATUS, type ServiceMessage } from '../../../src/features/search/protocol'

function fakeSearch() {
  let listener: (m: ServiceMessage) => void = () => {}
  const client = new SearchClient({ post: () => {}, listen: (l) => (listener = l) })
  setSearchClient(client)
  return { status: (patch: Partial<typeof INITIAL_STATUS>) => listener({ type: 'status', status: { ...INITIAL_STATUS, ...patch } }) }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
  setSearchClient(null)
})

async function settledAfter(promise: Promise<void>, ms: number): Promise<boolean> {
  let settled = false
  void promise.then(() => (settled = true))
  await vi.advanceTimersByTimeAsync(ms)
  return settled
}

describe('whenSearchAnswers', () => {
  it('resolves when search says it is ready, not before', async () => {
    const search = fakeSearch()
    const answers = whenSearchAnswers(10_000)
    search.status({ ready: false })
    expect(await settledAfter(answers, 1000)).toBe(false)
    search.status({ ready: true })
    expect(await settledAfter(answers, 0)).toBe(true)
  })

  it('resolves at once when search already answers', async () => {
    const search = fakeSearch()
    search.status({ ready: true })
    expect(await settledAfter(whenSearchAnswers(10_000), 0)).toBe(true)
  })

  it('resolves when search has failed', async () => {
    const search = fakeSearch()
    const answers = whenSearchAnswers(10_000)
    search.status({ error: 'no worker' })
    expect(await settledAfter(answers, 0)).toBe(true)
  })

  it('resolves after its cap when search never answers', async () => {
    fakeSearch()
    const answers = whenSearchAnswers(3000)
    expect(await settledAfter(answers, 2900)).toBe(false)
    expect(await settledAfter(answers, 200)).toBe(true)
  })
})

// @vitest-environment jsdom
// Search answers under React's StrictMode (development builds: `npm run dev`), where React runs each effect, its
// cleanup, then the effect again. The hook's channel used to be made during render and closed by that cleanup,
// and the second run asked the closed channel: one search posted, its answer never shown.
import { act, cleanup, render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { SearchClient } from '../../../src/features/search/client'
import type { ClientMessage, ServiceMessage } from '../../../src/features/search/protocol'
import { Results, VELO_HIT } from './searchResults'

afterEach(cleanup)

describe('search under StrictMode', () => {
  it('shows the answer to the query asked', async () => {
    const sent: ClientMessage[] = []
    let deliver: (m: ServiceMessage) => void = () => {}
    const client = new SearchClient({ post: (m) => sent.push(m), listen: (l) => (deliver = l) })
    render(
      <StrictMode>
        <Results client={client} query="velo" />
      </StrictMode>,
    )
    const asked = sent.filter((m) => m.type === 'search')
    expect(asked.length).toBeGreaterThan(0)
    // Every search posted is answered, as the worker would (the client keeps only the latest).
    await act(async () => {
      for (const m of asked) if (m.type === 'search') deliver({ type: 'result', requestId: m.requestId, response: { hits: [VELO_HIT], total: 1 }, partial: false })
      for (let i = 0; i < 20; i++) await Promise.resolve()
    })
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Vélo cargo'])
  })
})

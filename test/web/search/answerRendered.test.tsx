// @vitest-environment jsdom
// A search answer is rendered in the task that brings it. The client asks for a frame as the first answer arrives
// (to tell the worker once it is painted: client.ts); rendered in a task React schedules after it, the rows missed
// that frame in Chromium and waited for the next one, a 60 Hz tick later (bench, 10,000 items: 30-36 ms keys, 22-25
// once rendered at once).
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { SearchClient } from '../../../src/features/search/client'
import type { ClientMessage, ServiceMessage } from '../../../src/features/search/protocol'
import { Results, VELO_HIT } from './searchResults'

afterEach(cleanup)

/** Lets the promise callbacks of the current task run, and nothing queued as a task after it. */
async function microtasksOnly(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

describe('a search answer', () => {
  it('is in the DOM once the task that delivers it ends, before any later task or frame', async () => {
    const sent: ClientMessage[] = []
    let deliver: (m: ServiceMessage) => void = () => {}
    const client = new SearchClient({ post: (m) => sent.push(m), listen: (l) => (deliver = l) })
    render(<Results client={client} query="velo" />)
    const asked = sent.find((m) => m.type === 'search')
    expect(asked).toBeDefined()
    const requestId = asked!.type === 'search' ? asked!.requestId : 0

    deliver({ type: 'result', requestId, response: { hits: [VELO_HIT], total: 1 }, partial: true })
    await microtasksOnly()
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Vélo cargo'])
  })
})

// A blog that is busy or rate-limiting may say when to come back (Retry-After on a 429 or 503): main passes it
// on with the typed error, so the local queue waits at least that long before publishing again.
import { describe, expect, it } from 'vitest'
import { createWordPressRest, type Fetch } from '../../../electron/main/publishing/wordpressRest'

const credentials = { restRoot: 'https://blog.example.org/wp-json/', username: 'me', applicationPassword: 'abcd efgh' }

function answering(status: number, headers: Record<string, string>): Fetch {
  return async () => new Response(JSON.stringify({ code: 'too_many', message: 'Slow down' }), { status, headers: { 'content-type': 'application/json', ...headers } })
}

async function failureOf(fetch: Fetch): Promise<unknown> {
  return createWordPressRest(fetch, credentials)
    .request('wp/v2/posts', { method: 'POST', json: {} })
    .then(
      () => null,
      (error: unknown) => error,
    )
}

describe('WordPress Retry-After', () => {
  it('a 429 with Retry-After in seconds carries the wait', async () => {
    expect(await failureOf(answering(429, { 'retry-after': '120' }))).toMatchObject({ code: 'remote-error', detail: { status: 429, retryAfterMs: 120_000 } })
  })

  it('a 503 with an HTTP date carries the time left until then', async () => {
    const at = new Date(Date.now() + 600_000).toUTCString()
    const error = (await failureOf(answering(503, { 'retry-after': at }))) as { detail: { retryAfterMs: number } }
    expect(error.detail.retryAfterMs).toBeGreaterThan(590_000)
    expect(error.detail.retryAfterMs).toBeLessThanOrEqual(600_000)
  })

  it('no header, or another status: no wait is made up', async () => {
    expect(((await failureOf(answering(429, {}))) as { detail: object }).detail).not.toHaveProperty('retryAfterMs')
    expect(((await failureOf(answering(500, { 'retry-after': '60' }))) as { detail: object }).detail).not.toHaveProperty('retryAfterMs')
  })
})

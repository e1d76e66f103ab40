// The link preview's fetch in the app: Chromium's network stack (system proxy, certificates) through
// Electron's net.request. Not net.fetch: with `redirect: 'manual'` it rejects with "Redirect was
// cancelled" instead of returning the 3xx (electron/electron#43715), and the preview must see every hop.
// Electron is passed in (type imports only), so Node tests drive this with a fake request.
import type { ClientRequestConstructorOptions, IncomingMessage } from 'electron'
import { Readable } from 'node:stream'
import type { LinkPreviewDeps, LinkPreviewFetchInit } from '../handlers/linkPreview'

/** The part of Electron's ClientRequest used here. */
export interface NetRequest {
  on(event: 'response', listener: (response: IncomingMessage) => void): unknown
  on(
    event: 'redirect',
    listener: (statusCode: number, method: string, redirectUrl: string, responseHeaders: Record<string, string[]>) => void,
  ): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  setHeader(name: string, value: string): void
  end(): void
  abort(): void
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

export function createNetRequestFetch(request: (options: ClientRequestConstructorOptions) => NetRequest): LinkPreviewDeps['fetch'] {
  return (url: string, init: LinkPreviewFetchInit) =>
    new Promise<Response>((resolve, reject) => {
      if (init.signal.aborted) {
        reject(init.signal.reason)
        return
      }
      const req = request({
        method: 'GET',
        url,
        redirect: 'manual',
        // A preview is an anonymous visit: no cookies or saved credentials of the app's session.
        credentials: 'omit',
        useSessionCookies: false,
        cache: 'no-store',
        bypassCustomProtocolHandlers: true,
      })
      let settled = false
      const settle = (action: () => void): void => {
        if (settled) return
        settled = true
        init.signal.removeEventListener('abort', onAbort)
        action()
      }
      const onAbort = (): void => {
        req.abort()
        settle(() => reject(init.signal.reason))
      }
      init.signal.addEventListener('abort', onAbort, { once: true })

      req.on('redirect', (statusCode, _method, redirectUrl) => {
        // Not followed: report it, and let the caller check the next hop before asking for it.
        req.abort()
        settle(() => resolve(new Response(null, { status: statusCode, headers: { location: redirectUrl } })))
      })
      req.on('response', (response) => {
        settle(() => {
          try {
            resolve(toResponse(response, () => req.abort()))
          } catch (error) {
            req.abort()
            reject(error) // e.g. a status the Response class refuses
          }
        })
      })
      req.on('error', (error) => settle(() => reject(error)))
      for (const [name, value] of Object.entries(init.headers)) req.setHeader(name, value)
      req.end()
    })
}

function toResponse(message: IncomingMessage, abort: () => void): Response {
  const headers = new Headers()
  for (const [name, value] of Object.entries(message.headers)) {
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  if (NULL_BODY_STATUSES.has(message.statusCode)) {
    abort()
    return new Response(null, { status: message.statusCode, headers })
  }
  // Electron's IncomingMessage is a Node Readable at run time, though typed as an EventEmitter.
  const reader = (Readable.toWeb(message as unknown as Readable) as ReadableStream<Uint8Array>).getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    // Cancelling the body (the preview has read the head) must stop the download, not just the stream.
    async cancel(reason) {
      abort()
      await reader.cancel(reason)
    },
  })
  return new Response(body, { status: message.statusCode, statusText: message.statusMessage, headers })
}

// Fetches a page's title, description and site name for a saved link.
// (Interface first; the full fetcher with SSRF protection, caps and parsing follows.)
import type { LinkPreview } from '../../../src/core/ipc/contract'
import { IpcFailure } from '../../../src/core/ipc/result'

export interface LinkPreviewDeps {
  fetch(url: string, init: { redirect: 'manual'; signal: AbortSignal; headers: Record<string, string> }): Promise<Response>
  resolveHost(hostname: string): Promise<string[]>
  isOnline(): boolean
}

export function createLinkPreview(deps: LinkPreviewDeps): (input: { url: string }) => Promise<LinkPreview> {
  return async () => {
    if (!deps.isOnline()) throw new IpcFailure('offline', 'Offline')
    throw new IpcFailure('internal', 'Not implemented yet')
  }
}

// Builds `window.api` from the channel list, for any transport: Electron's ipcRenderer in the preload,
// Playwright's exposeBinding in the end-to-end harness.
import { CHANNELS, EVENTS, type ChannelName, type EventName } from './channels'
import type { BaluchonApi } from './contract'
import type { IpcResult } from './result'

export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<IpcResult<unknown>>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

export function buildApi(transport: Transport): BaluchonApi {
  const api: Record<string, unknown> = {}
  for (const name of CHANNELS) {
    api[name] = (input?: unknown) => transport.invoke(name, input)
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}`)
    return transport.subscribe(event, listener)
  }
  return api as BaluchonApi
}

// The renderer's handle on main: `window.api`, built by the preload from the IPC contract.
import type { BaluchonApi } from '../core/ipc/contract'

declare global {
  interface Window {
    api: BaluchonApi
  }
}

export function getApi(): BaluchonApi {
  return window.api
}

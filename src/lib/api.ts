// The renderer's handle on main: `window.api`, built by the preload from the IPC contract.
import type { BaluchonApi } from '../core/ipc/contract'

declare global {
  interface Window {
    api: BaluchonApi
  }
}

export function getApi(): BaluchonApi {
  // Through globalThis (the window in the renderer) so modules that reach main through it also typecheck
  // under the Node configuration their unit tests use.
  return (globalThis as unknown as Window).api
}

// Functions given to page.evaluate run in the app's page, where the preload has defined window.api.
import type { BaluchonApi } from '../../src/core/ipc/contract'

declare global {
  interface Window {
    api: BaluchonApi
  }
}

export {}

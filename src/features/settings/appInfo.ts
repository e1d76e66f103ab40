// What main told us about the app at start (version, OS language, data folder), for Settings and language resolution.
import type { AppInfo } from '../../core/ipc/contract'

let info: AppInfo | null = null

export function setAppInfo(value: AppInfo | null): void {
  info = value
}

export function getAppInfo(): AppInfo | null {
  return info
}
